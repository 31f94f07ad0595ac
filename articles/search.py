"""The site's article search: the folded document of an article (what the LIKE engine
matches on SQLite; PostgreSQL builds its tsvector columns from the same fields, migration
0003) and one ranked, highlighted page of published articles. The engines, query parsing
and highlighting are core.search's."""

from dataclasses import dataclass

from core.dates import day_bounds
from core.search import (
    folded_document,
    highlight,
    html_to_display_text,
    html_to_text,
    ranked_ids,
    snippet,
)

from .models import Article


def article_document(article):
    return article_document_of(
        title=article.title,
        summary=article.summary,
        body=article.body,
        byline=article.byline,
        source=article.source,
    )


def article_document_of(*, title, summary, body, byline, source):
    """The folded document of an article's fields (byline and source go with the body,
    as weight D goes with C on PostgreSQL)."""
    return folded_document(
        title, summary, " ".join((html_to_text(body), byline or "", source or ""))
    )


PER_PAGE = 20
#: Nobody reads past page 50, and deep pages cost more: stop there.
MAX_PAGES = 50


@dataclass
class ArticleHit:
    article: object
    tier: str
    title_html: str = ""
    snippet_html: str = ""


@dataclass
class ArticleResults:
    """One page of results. There is no COUNT(*): over half a million matches it is
    what makes search pages slow. ``count`` is exact when every match is in hand (the
    last page), else None: "more than ``last_number``"."""

    hits: list
    page: int
    per_page: int
    count: int | None
    has_next: bool
    #: the search was stopped before every match was looked at (too broad)
    incomplete: bool = False

    @property
    def first_number(self):
        """The position of this page's first result (for <ol start>)."""
        return (self.page - 1) * self.per_page + 1

    @property
    def last_number(self):
        return self.first_number + len(self.hits) - 1

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def known_pages(self):
        """The pages known to exist: up to this one, and the next when there is one."""
        return self.page + 1 if self.has_next else self.page


def _filtered_articles(*, unit_ids=None, section=None, date_from=None, date_to=None):
    qs = Article.objects.published()
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if section is not None:
        qs = qs.filter(section=section)
    start, end = day_bounds(date_from, date_to)
    if start:
        qs = qs.filter(published_at__gte=start)
    if end:
        qs = qs.filter(published_at__lt=end)
    return qs


def search_articles(
    query,
    *,
    unit_ids=None,
    section=None,
    date_from=None,
    date_to=None,
    page=1,
    per_page=PER_PAGE,
):
    """One page of published articles matching ``query``, ranked, with highlighted
    titles and snippets. ``page`` is clamped to 1 … MAX_PAGES and to the last page.
    A bounded number of queries, whatever the number of matches."""
    page = max(1, min(int(page), MAX_PAGES))
    if not query:
        return ArticleResults([], 1, per_page, 0, False)
    base = _filtered_articles(
        unit_ids=unit_ids, section=section, date_from=date_from, date_to=date_to
    )
    offset = (page - 1) * per_page
    ranked, incomplete = ranked_ids(base, query, limit=offset + per_page + 1)
    if offset and offset >= len(ranked):
        # Past the last page: every match is in hand, show the last page.
        page = max(1, -(-len(ranked) // per_page))
        offset = (page - 1) * per_page
    has_next = len(ranked) > offset + per_page and page < MAX_PAGES
    count = None if len(ranked) > offset + per_page or incomplete else len(ranked)
    window = ranked[offset : offset + per_page]
    articles = (
        Article.objects.select_related("unit__merged_into", "section")
        .defer("search_document")
        .in_bulk([pk for pk, _ in window])
    )
    hits = []
    for pk, tier in window:
        article = articles.get(pk)
        if article is None:  # deleted between the two queries
            continue
        hits.append(
            ArticleHit(
                article=article,
                tier=tier,
                title_html=highlight(article.title, query),
                snippet_html=snippet(
                    " ".join((article.summary, html_to_display_text(article.body))), query
                ),
            )
        )
    return ArticleResults(hits, page, per_page, count, has_next, incomplete)
