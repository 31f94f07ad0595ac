"""The reader site: home, units, sections, articles (with comments)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from core.pagination import NumberedPaginationMixin
from provinces import access, sites
from provinces.models import Board, Unit

from . import selectors, services
from .forms import CommentForm
from .models import Article, Section
from .pages import ReaderPage, ReaderPageMixin, holder_id

LIST_PAGE_SIZE = 20


class ViewsMixin:
    """Adds ``views`` (stored + pending) to the articles a page shows: one call to the
    counter store, however many articles."""

    def with_views(self, articles):
        articles = list(articles)
        counts = services.displayed_views(articles)
        for article in articles:
            article.display_views = counts[article.pk]
        return articles


class HomeView(ReaderPageMixin, ViewsMixin, TemplateView):
    """The national portal's home, or on a board's host its site's home: its latest,
    featured and most-read articles, the archives of the units merged into it included."""

    template_name = "articles/home.html"

    def reader_page(self):
        site = getattr(self.request, "board_site", None)
        return ReaderPage(unit_id=site.unit_id if site else None)

    def get_context_data(self, **kwargs):
        site = getattr(self.request, "board_site", None)
        articles = sites.on_this_site(selectors.published_list(), self.request)
        latest = list(articles[:12])
        featured = list(articles.filter(is_featured=True)[:4])
        most_read = list(articles.order_by("-views", "-published_at")[:5])
        selectors.with_lead_images(latest + featured)  # the lists with pictures, one query
        self.with_views({a.pk: a for a in latest + featured + most_read}.values())
        return super().get_context_data(
            latest=latest,
            featured=featured,
            most_read=most_read,
            units=[] if site else selectors.current_units_with_history(),
            central=None if site else Unit.objects.filter(kind=Unit.Kind.CENTRAL).first(),
            stats=services.visit_stats(unit=Unit.objects.get(pk=site.unit_id) if site else None),
            **kwargs,
        )


class AccessibilityView(ReaderPageMixin, TemplateView):
    """Khả năng tiếp cận: what the site promises readers (WCAG 2.1 AA) and whom to tell
    of a problem: on a board's site that board, on the portal the central board."""

    template_name = "articles/accessibility.html"
    cache_params = ()

    def get_context_data(self, **kwargs):
        site = getattr(self.request, "board_site", None)
        boards = Board.objects.select_related("unit")
        if site:
            contact = boards.filter(pk=site.board_id).first()
        else:
            contact = boards.filter(unit__kind=Unit.Kind.CENTRAL).first()
        return super().get_context_data(contact=contact, **kwargs)


class UnitView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    """A unit's articles, newest first. A current unit also lists the articles of the
    pre-2025 units merged into it; a pre-2025 unit's page says where it went."""

    template_name = "articles/unit.html"
    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE
    pagination_label = "Tin khác"

    def get(self, request, *args, **kwargs):
        units = Unit.objects.select_related("board", "merged_into__board")
        slug = kwargs["slug"]
        self.unit = units.filter(slug=slug).first()
        if self.unit is None:
            renamed = units.filter(legacy_slug=slug).first()
            if renamed is None:
                raise Http404("Không có tỉnh, thành phố này.")
            return redirect(renamed, permanent=True)
        if not sites.belongs_here(request, self.unit.successor_id):
            # Another board's unit, asked on a board's site: where it lives.
            url = self.unit.get_absolute_url()
            return redirect(
                sites.canonical_url(self.unit.successor_id, url, request), permanent=True
            )
        return super().get(request, *args, **kwargs)

    def reader_page(self):
        return ReaderPage(unit_id=holder_id(self.unit))

    def get_queryset(self):
        return (
            selectors.published_list().of_unit(self.unit).prefetch_related(selectors.lead_image())
        )

    def get_context_data(self, **kwargs):
        unit = self.unit
        context = super().get_context_data(**kwargs)
        context.update(
            unit=unit,
            board=unit.board if hasattr(unit, "board") else None,
            merged_units=list(unit.merged_units.order_by("name")) if unit.is_current else [],
            stats=services.visit_stats(unit=unit),
            feed_url=reverse("feeds:unit", kwargs={"slug": unit.slug}),
        )
        return context


class SectionView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    template_name = "articles/section.html"
    context_object_name = "articles"
    paginate_by = LIST_PAGE_SIZE
    pagination_label = "Tin khác"

    def get(self, request, *args, **kwargs):
        self.section = get_object_or_404(
            Section.objects.select_related("unit"), slug=kwargs["slug"]
        )
        unit = self.section.unit
        if unit is not None and not sites.belongs_here(request, unit.successor_id):
            url = sites.canonical_url(unit.successor_id, self.section.get_absolute_url(), request)
            return redirect(url, permanent=True)
        return super().get(request, *args, **kwargs)

    def reader_page(self):
        return ReaderPage(unit_id=holder_id(self.section.unit))

    def get_queryset(self):
        articles = (
            selectors.published_list()
            .filter(section=self.section)
            .prefetch_related(selectors.lead_image())
        )
        return sites.on_this_site(articles, self.request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            feed_url=reverse("feeds:section", kwargs={"slug": self.section.slug}),
            **kwargs,
        )


class ArticleDetailView(ReaderPageMixin, ViewsMixin, sites.BoardSiteDetailMixin, DetailView):
    """A published article; editors of its board may also open it unpublished (a
    preview, shown with a "Bản nháp" banner, never counted or cached). Anyone else gets
    404. POST adds a reader's comment, held for moderation.

    Readers are served a cached copy (until the next edit anywhere) in which the view
    count, the CSRF token and the visit statistics are refilled on every request
    (articles.pages)."""

    context_object_name = "article"
    cache_params = ()

    def reader_page(self):
        if self.is_preview:
            return None
        return ReaderPage(
            unit_id=holder_id(self.object.unit),
            article_id=self.object.pk,
            seconds=settings.PAGE_CACHE_ARTICLE_SECONDS,
            live_stats=True,
        )

    def get_queryset(self):
        return Article.objects.select_related(
            "unit__board", "unit__merged_into__board", "section"
        ).prefetch_related("images", Article.public_directives())

    def get_object(self, queryset=None):
        """The public article with this slug or, for its board's editors, a draft with
        it (drafts of different boards may share a slug; each editor previews their
        own)."""
        candidates = (queryset or self.get_queryset()).filter(slug=self.kwargs["slug"])
        user = self.request.user
        for article in sorted(candidates[:20], key=lambda a: a.status not in Article.CLAIMED):
            if article.is_published or access.can_preview(user, article):
                self.is_preview = not article.is_published
                return article
        raise Http404("Không tìm thấy bài viết.")

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.is_preview:
            raise Http404("Bài viết chưa xuất bản.")
        form = CommentForm(request.POST)
        status = 200
        if form.is_valid():
            if form.is_spam():
                # Bots filling the hidden field see the usual answer and store nothing.
                return self._after_comment()
            try:
                services.post_comment(article=self.object, request=request, **form.comment_fields())
            except services.RateLimited:
                form.add_error(
                    None,
                    "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút.",
                )
                status = 429
            else:
                return self._after_comment()
        else:
            status = 400
        context = self.get_context_data(object=self.object, comment_form=form)
        return self.render_to_response(context, status=status)

    def _after_comment(self):
        messages.success(
            self.request,
            "Ý kiến của bạn đang chờ duyệt. Ý kiến sẽ hiển thị sau khi được ban biên tập duyệt.",
        )
        return redirect(f"{self.object.get_absolute_url()}#y-kien")

    def get_context_data(self, **kwargs):
        article = self.object
        related, more_from_board = selectors.related_articles(article)
        self.with_views([article])
        images = list(article.images.all())
        context = super().get_context_data(**kwargs)
        context.update(
            is_preview=self.is_preview,
            canonical_url=sites.canonical_url(
                article.current_unit_id, article.get_absolute_url(), self.request
            ),
            related=related,
            more_from_board=more_from_board,
            comments=list(article.comments.approved()) if not self.is_preview else [],
            comment_form=kwargs.get("comment_form") or CommentForm(),
            board=getattr(article.unit, "board", None),
            publisher=article.unit.board.name_on(article.published_at)
            if hasattr(article.unit, "board") and article.published_at
            else article.unit.name,
            lead_image=images[0] if images else None,
            stats=services.visit_stats(unit=article.unit) if not self.is_preview else None,
        )
        return context
