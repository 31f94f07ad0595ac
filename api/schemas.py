"""The shapes the API answers with (its OpenAPI components). Field names are English;
texts are as editors wrote them, in Vietnamese. Times are ISO 8601 with their offset."""

import datetime

from pydantic import BaseModel, Field


class Out(BaseModel):
    """Answers are built as dicts (api/serializers.py) and checked against these plain
    pydantic models: ninja's Schema would resolve every field through its Django-aware
    getter, a third of a list's time."""


class UnitRef(Out):
    slug: str
    name: str
    full_name: str
    #: NSO code since 1/7/2025 (None for merged units and the central level)
    code: int | None = None
    #: NSO code before 1/7/2025
    legacy_code: int | None = None


class SectionRef(Out):
    slug: str
    name: str


class DirectiveRef(Out):
    id: int
    slug: str
    name: str = Field(description="How it is cited: “Nghị quyết 35-NQ/TW”.")
    kind: str
    symbol: str


class BoardRef(Out):
    id: int
    unit: str = Field(description="The board's unit (slug).")
    name: str = Field(description="The board's name at the time of the article.")
    current_name: str


class Rendition(Out):
    url: str
    width: int | None = None
    height: int | None = None


class Image(Out):
    position: int
    caption: str
    alt: str
    credit: str
    url: str
    width: int | None = None
    height: int | None = None
    renditions: dict[str, Rendition] = Field(
        description="Resized copies by name (thumb ~320px, medium ~800px, large ~1280px)."
    )


class ArticleSummary(Out):
    id: int
    slug: str
    title: str
    summary: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    unit: UnitRef
    successor_unit: UnitRef = Field(description="The unit that holds the article today.")
    board: BoardRef | None = None
    section: SectionRef | None = None
    directives: list[DirectiveRef]
    byline: str
    source: str
    images: list[Image]
    views: int
    url: str = Field(description="The article's page on its board's own host.")
    api_url: str


class Article(ArticleSummary):
    body: str = Field(description="The body as sanitised HTML.")
    text: str = Field(description="The body as plain text.")


class Page(Out):
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )
    next: str | None = Field(description="The next page's address; null on the last page.")


class ArticlePage(Page):
    items: list[ArticleSummary]


class Withdrawn(Out):
    id: int = Field(description="The article's id, as the list and detail gave it.")
    withdrawn_at: str = Field(description="When it last changed while withdrawn (ISO 8601).")


class WithdrawnPage(Page):
    items: list[Withdrawn]


class Relation(Out):
    kind: str = Field(description="continues, implements, replaces or amends.")
    kind_label: str
    directive: DirectiveRef


class Directive(Out):
    id: int
    slug: str
    name: str
    kind: str
    kind_label: str
    number: str
    symbol: str
    short_title: str
    title: str
    issuer: str
    unit: UnitRef
    issued_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    summary: str
    file_url: str | None = None
    relations: list[Relation] = Field(description="Documents this one relates to (older).")
    related_by: list[Relation] = Field(description="Documents relating to this one (newer).")
    url: str
    updated_at: datetime.datetime


class DirectivePage(Page):
    items: list[Directive]


class ConnectionPoint(Out):
    level: str
    level_label: str
    label: str
    unit: UnitRef | None = None
    count: int | None = None
    attendance: int | None = None


class ArticleRef(Out):
    id: int
    title: str
    url: str


class Meeting(Out):
    id: int
    slug: str
    title: str
    kind: str
    kind_label: str
    unit: UnitRef
    date: datetime.date | None = None
    period_label: str
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    chair: str
    location: str
    format: str
    format_label: str
    attendance: int | None = None
    summary: str
    directives: list[DirectiveRef]
    articles: list[ArticleRef]
    connection_points: list[ConnectionPoint]
    total_connection_points: int | None = None
    url: str
    updated_at: datetime.datetime


class MeetingPage(Page):
    items: list[Meeting]


class BoardName(Out):
    name: str
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class Board(Out):
    id: int
    unit: str
    name: str
    site_name: str
    names: list[BoardName]
    editor_in_chief: str
    editor_in_chief_title: str
    address: str
    phone: str
    email: str
    website: str
    site_url: str = Field(description="The board's site on this platform.")


class Unit(UnitRef):
    kind: str
    legacy_name: str
    is_current: bool = Field(description="In force today: one of the 34, or the centre.")
    merged_into: str | None = Field(None, description="The unit it merged into (slug).")
    merged_on: datetime.date | None = None
    merged_units: list[str] = Field(description="Pre-2025 units merged into this one.")
    board: int | None = Field(None, description="Its board's id.")
    url: str


class UnitList(Out):
    items: list[Unit]
    mergers: dict[str, str] = Field(
        description="The 2025 merger map: each merged unit's slug → its successor's."
    )


class BoardList(Out):
    items: list[Board]


class Section(SectionRef):
    id: int
    description: str
    unit: str | None = Field(None, description="The unit of a board's own section.")
    url: str


class SectionList(Out):
    items: list[Section]


class ProblemText(Out):
    title: str
    detail: str


class Problem(Out):
    """RFC 9457 problem details (served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    i18n: dict[str, ProblemText] = Field(description="The title and detail in vi and en.")
