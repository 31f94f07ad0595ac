"""Articles, directives and meetings: lists (cursor pages) and single items. Every
queryset starts from the model's ``published()``, the rule the site's pages use; on a
board's own host lists show that board's content only (``on_this_site``). Reads here
never count as views (no counter store is touched)."""

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from ninja import Query

from articles.models import Article, ArticleEvent, ArticleImage
from core.params import id_param
from directives.models import ConnectionPoint, Directive, DirectiveRelation, Meeting
from provinces.sites import on_this_site

from . import filters, schemas
from .api import api, not_found, page_of
from .cursors import BY_ID, NEWEST, UPDATED
from .params import ArticleParams, DirectiveParams, MeetingParams, WithdrawnParams
from .serializers import article_api_url, article_data, boards_by_unit, directive_data, meeting_data

ERRORS = {400: schemas.Problem, 429: schemas.Problem}


#: What an article's directive shows (Directive.name reads kind, symbol, short_title and
#: title).
DIRECTIVE_FIELDS = ("id", "slug", "kind", "symbol", "short_title", "title")


def article_rows(*, full):
    """Published articles with everything an item shows, in a fixed number of queries
    per page: the row with its unit, successor and section, then one query each for the
    public directives and the images (boards come from ``boards_by_unit``)."""
    directives = Directive.objects.published().only(*DIRECTIVE_FIELDS)
    rows = (
        Article.objects.published()
        .select_related("unit__merged_into", "section")
        .prefetch_related(
            Prefetch("directives", queryset=directives),
            Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk")),
        )
    )
    return rows.defer("search_document") if full else rows.defer("search_document", "body")


@api.get(
    "/articles",
    response={200: schemas.ArticlePage, **ERRORS},
    url_name="articles",
    operation_id="list_articles",
    tags=["articles"],
    summary="Articles, newest first (or by change, with updated_since)",
)
def list_articles(request, response: HttpResponse, params: Query[ArticleParams]):
    filtering = params.dict(exclude={"cursor", "limit"})
    rows = filters.articles(on_this_site(article_rows(full=False), request), **filtering)
    keyset = UPDATED if params.updated_since else NEWEST
    page, cursor = keyset.page(rows, cursor=params.cursor, limit=params.limit)
    api_url, boards = article_api_url(request), boards_by_unit()
    items = [article_data(a, request, api_url=api_url, boards=boards) for a in page]
    return page_of(request, response, items, cursor)


@api.get(
    "/articles/withdrawn",
    response={200: schemas.WithdrawnPage, **ERRORS},
    url_name="articles_withdrawn",
    operation_id="list_withdrawn_articles",
    tags=["articles"],
    summary="Articles taken down since a moment, for incremental sync",
)
def list_withdrawn_articles(request, response: HttpResponse, params: Query[WithdrawnParams]):
    """A copy kept in sync with ``updated_since`` learns here which articles to take
    down: those once public and public no more (withdrawn, "Gỡ bài", then perhaps sent
    back to the editors), by id and time only. Drafts never public never appear."""
    since = filters.moment(params.since, "since")
    once_public = Q(status=Article.Status.UNPUBLISHED) | Q(
        pk__in=ArticleEvent.objects.filter(
            Q(to_status=Article.Status.PUBLISHED) | Q(from_status=Article.Status.PUBLISHED)
        ).values("article")
    )
    rows = on_this_site(
        Article.objects.exclude(status=Article.Status.PUBLISHED)
        .filter(once_public, updated_at__gte=since)
        .only("id", "updated_at"),
        request,
    )
    page, cursor = UPDATED.page(rows, cursor=params.cursor, limit=params.limit)
    items = [{"id": a.pk, "withdrawn_at": a.updated_at.isoformat()} for a in page]
    return page_of(request, response, items, cursor)


@api.get(
    "/articles/{article_id}",
    response={200: schemas.Article, 404: schemas.Problem, **ERRORS},
    url_name="article",
    operation_id="get_article",
    tags=["articles"],
    summary="One article, with its body",
)
def get_article(request, article_id: str):
    article = article_rows(full=True).filter(pk=id_param(article_id, "article_id")).first()
    if article is None:
        raise not_found("Không có bài viết này.", "No such article.")
    return article_data(article, request, full=True)


def directive_rows():
    published = Directive.objects.published()
    return (
        Directive.objects.published()
        .select_related("unit__merged_into")
        .prefetch_related(
            Prefetch(
                "relations_out",
                queryset=DirectiveRelation.objects.filter(target__in=published)
                .select_related("target")
                .order_by("pk"),
            ),
            Prefetch(
                "relations_in",
                queryset=DirectiveRelation.objects.filter(source__in=published)
                .select_related("source")
                .order_by("pk"),
            ),
        )
        .defer("search_document")
    )


@api.get(
    "/directives",
    response={200: schemas.DirectivePage, **ERRORS},
    url_name="directives",
    operation_id="list_directives",
    tags=["directives"],
    summary="Party documents, with how they relate",
)
def list_directives(request, response: HttpResponse, params: Query[DirectiveParams]):
    rows = on_this_site(directive_rows(), request, central=True)
    if params.kind:
        rows = rows.filter(kind=params.kind)
    if params.unit:
        rows = rows.filter(unit__in=filters.unit_named(params.unit, "unit").history_unit_ids())
    rows = filters.search(rows, params.q)
    page, cursor = BY_ID.page(rows, cursor=params.cursor, limit=params.limit)
    return page_of(request, response, [directive_data(d, request) for d in page], cursor)


@api.get(
    "/directives/{slug}",
    response={200: schemas.Directive, 404: schemas.Problem, **ERRORS},
    url_name="directive",
    operation_id="get_directive",
    tags=["directives"],
    summary="One party document",
)
def get_directive(request, slug: str):
    directive = directive_rows().filter(slug=slug[:150]).first()
    if directive is None:
        raise not_found("Không có văn bản này.", "No such directive.")
    return directive_data(directive, request)


def meeting_rows():
    return (
        Meeting.objects.published()
        .select_related("unit__merged_into")
        .prefetch_related(
            Prefetch("directives", queryset=Directive.objects.published()),
            Prefetch(
                "articles",
                queryset=Article.objects.published()
                .select_related("unit")
                .defer("body", "search_document"),
            ),
            Prefetch(
                "connection_points",
                queryset=ConnectionPoint.objects.select_related("unit").order_by("pk"),
            ),
        )
        .defer("search_document")
    )


@api.get(
    "/meetings",
    response={200: schemas.MeetingPage, **ERRORS},
    url_name="meetings",
    operation_id="list_meetings",
    tags=["meetings"],
    summary="Meetings, with their connection points",
)
def list_meetings(request, response: HttpResponse, params: Query[MeetingParams]):
    rows = on_this_site(meeting_rows(), request)
    if params.kind:
        rows = rows.filter(kind=params.kind)
    if params.unit:
        rows = rows.filter(unit__in=filters.unit_named(params.unit, "unit").history_unit_ids())
    if params.directive:
        ids = filters.directive_ids(
            params.directive, "directive", continuations=params.continuations
        )
        links = Meeting.directives.through.objects.filter(directive_id__in=ids)
        rows = rows.filter(pk__in=links.values("meeting_id"))
    rows = filters.day_range(rows, "date", params.date_from, params.date_to, moments=False)
    page, cursor = BY_ID.page(rows, cursor=params.cursor, limit=params.limit)
    return page_of(request, response, [meeting_data(m, request) for m in page], cursor)


@api.get(
    "/meetings/{slug}",
    response={200: schemas.Meeting, 404: schemas.Problem, **ERRORS},
    url_name="meeting",
    operation_id="get_meeting",
    tags=["meetings"],
    summary="One meeting",
)
def get_meeting(request, slug: str):
    meeting = meeting_rows().filter(slug=slug[:200]).first()
    if meeting is None:
        raise not_found("Không có hội nghị này.", "No such meeting.")
    return meeting_data(meeting, request)
