"""Public pages: photo albums (/anh/), videos (/video/) and documents (/tai-lieu/).

Lists show what is public (``published()``), narrowed on a board's site to the board's
own (provinces.sites.on_this_site; documents also the central level's, as directives).
Detail pages also open a draft for the editors of its board (``visible_to``), never
cached for them (signed-in requests bypass the page cache)."""

from django.conf import settings
from django.db.models import Count, F, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Article
from articles.pages import ReaderPageMixin
from articles.services import is_crawler
from core.pagination import NumberedPaginationMixin
from core.uploads import document_response
from directives.models import Directive, Meeting
from provinces import sites

from .forms import DocumentFilterForm
from .models import Album, Document, Photo, Video
from .uploads import YOUTUBE_EMBED

PER_PAGE = 24


class MediaDetailView(ReaderPageMixin, sites.BoardSiteDetailMixin, DetailView):
    """A public album, video or document; its board's editors also see a draft."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related("unit")

    def linked(self, model):
        """The public articles, directives or meetings this object is linked to."""
        return model.objects.published().filter(**{f"{self.model._meta.model_name}s": self.object})


class AlbumListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    context_object_name = "albums"
    paginate_by = PER_PAGE

    def get_queryset(self):
        albums = Album.objects.published().select_related("unit")
        return (
            sites.on_this_site(albums, self.request)
            .annotate(photo_total=Count("photos"))
            # Meta.ordering does not apply to a GROUP BY query: say it again.
            .order_by(*Album._meta.ordering)
            .prefetch_related(
                Prefetch(
                    "photos",
                    queryset=Photo.objects.order_by("position", "pk")[:1],
                    to_attr="cover_photos",
                )
            )
        )


class AlbumDetailView(MediaDetailView):
    model = Album
    context_object_name = "album"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("photos", queryset=Photo.objects.order_by("position", "pk")))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            photos=list(self.object.photos.all()),
            articles=self.linked(Article).order_by("-published_at")[:10],
            directives=self.linked(Directive).select_related("unit"),
            meetings=self.linked(Meeting).order_by("-date")[:10],
            **kwargs,
        )


class VideoListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    context_object_name = "videos"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return sites.on_this_site(Video.objects.published().select_related("unit"), self.request)


#: A YouTube video's page admits the privacy-enhanced player, and only that page.
EMBED_CSP = {**settings.SECURE_CSP, "frame-src": [YOUTUBE_EMBED]}


class VideoDetailView(MediaDetailView):
    model = Video
    context_object_name = "video"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            articles=self.linked(Article).order_by("-published_at")[:10],
            directives=self.linked(Directive).select_related("unit"),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.object.youtube_id:
            # The policy travels with the page into the page cache (its headers are kept).
            response._csp_config = EMBED_CSP
        return response


class DocumentListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    """Tài liệu: searchable by words, symbol, kind and dates; a filter that is not
    valid answers 400 with the form's messages."""

    context_object_name = "documents"
    paginate_by = 30
    cache_params = ("page", *DocumentFilterForm.PARAMS)

    def get(self, request, *args, **kwargs):
        self.form = DocumentFilterForm.from_query(request.GET)
        response = super().get(request, *args, **kwargs)
        if self.form.is_bound and not self.form.is_valid():
            response.status_code = 400
        return response

    def get_queryset(self):
        documents = Document.objects.published().select_related("unit", "directive")
        return self.form.filter(sites.on_this_site(documents, self.request, central=True))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class DocumentDetailView(MediaDetailView):
    model = Document
    context_object_name = "document"
    central_belongs = True

    def get_queryset(self):
        return super().get_queryset().select_related("directive")


def download(request, slug):
    """A document's file as an attachment named after it; a reader's download (not a
    crawler's, not a HEAD) is counted with one atomic update, which leaves cached pages
    be (``downloads`` is a counter field)."""
    document = get_object_or_404(
        Document.objects.visible_to(request.user).exclude(file=""), slug=slug
    )
    if request.method == "GET" and document.is_published and not is_crawler(request):
        Document.objects.filter(pk=document.pk).update(downloads=F("downloads") + 1)
    return document_response(document.file, document.download_name)
