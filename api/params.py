"""The query parameters of each list (their types, limits and descriptions are the
OpenAPI document's). Values a type cannot hold are refused before any query runs."""

import datetime

from ninja import Schema
from pydantic import Field

MAX_LIMIT = 100
_SLUG = {"max_length": 150}


class Paging(Schema):
    cursor: str | None = Field(
        None, max_length=80, description="`next_cursor` of the page before (opaque)."
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page (1–100).")


class ArticleParams(Paging):
    board: str | None = Field(
        None,
        **_SLUG,
        description="A board by its unit's slug: its articles, merged units' included.",
    )
    unit: str | None = Field(
        None,
        **_SLUG,
        description="A unit's slug. A unit in force includes the archives of the "
        "pre-2025 units merged into it; a merged unit gives its own articles.",
    )
    section: str | None = Field(None, **_SLUG, description="A section's slug.")
    directive: str | None = Field(None, **_SLUG, description="A directive's slug.")
    continuations: bool = Field(
        True,
        description="With `directive`: also the documents continuing, implementing, "
        "replacing or amending it (as the staff report does).",
    )
    date_from: datetime.date | None = Field(None, description="Published on or after this day.")
    date_to: datetime.date | None = Field(None, description="Published on or before this day.")
    q: str | None = Field(
        None,
        max_length=500,
        description="Words to find, with or without diacritics (“tuyen giao” finds "
        "“Tuyên giáo”); every word must be found; quotes keep a phrase.",
    )
    updated_since: datetime.datetime | None = Field(
        None,
        description="Incremental sync: articles changed at or after this moment (ISO "
        "8601), oldest change first. Without an offset, Vietnam's time.",
    )


class WithdrawnParams(Paging):
    since: datetime.datetime = Field(
        description="Articles withdrawn (or otherwise changed while withdrawn) at or after "
        "this moment (ISO 8601), oldest first. Without an offset, Vietnam's time.",
    )


class DirectiveParams(Paging):
    kind: str | None = Field(None, max_length=30, description="nghi-quyet, chi-thi, ket-luan, …")
    unit: str | None = Field(None, **_SLUG, description="The issuing unit's slug.")
    q: str | None = Field(None, max_length=500, description="Words to find (folded).")


class MeetingParams(Paging):
    kind: str | None = Field(None, max_length=30, description="so-ket, tong-ket, giao-ban, …")
    unit: str | None = Field(
        None, **_SLUG, description="The organising unit's slug (merged units included)."
    )
    directive: str | None = Field(None, **_SLUG, description="A directive's slug.")
    continuations: bool = Field(True, description="With `directive`: its continuations too.")
    date_from: datetime.date | None = Field(None, description="Held on or after this day.")
    date_to: datetime.date | None = Field(None, description="Held on or before this day.")
