"""Public pages of the document register and the meetings."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.pages import ReaderPageMixin
from core.pagination import NumberedPaginationMixin
from core.uploads import document_response
from provinces import sites

from . import selectors
from .forms import DirectiveFilterForm, MeetingFilterForm
from .models import Directive


def download(request, slug):
    """A public document's file, as an attachment named after the document."""
    directive = get_object_or_404(Directive.objects.published().exclude(file=""), slug=slug)
    return document_response(directive.file, directive.slug)


class DirectiveListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    context_object_name = "directives"
    paginate_by = 30
    cache_params = ("page", "loai", "cap")

    def get(self, request, *args, **kwargs):
        self.form = DirectiveFilterForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        directives = Directive.objects.published().select_related("unit")
        # A board's site lists its own documents and the central ones it carries out.
        return self.form.filter(sites.on_this_site(directives, self.request, central=True))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class DirectiveDetailView(ReaderPageMixin, sites.BoardSiteDetailMixin, DetailView):
    """A document: its facts, the documents it continues or that continue it, the
    articles and meetings about it and the boards that reported on it."""

    context_object_name = "directive"
    central_belongs = True

    def get_queryset(self):
        return Directive.objects.published().select_related("unit")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.directive_page(self.object), **kwargs)


class MeetingListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    """Meetings, newest first, filterable by kind, organising unit (a current unit
    includes the units merged into it) and year. Invalid filters are reported in the
    form and ignored."""

    context_object_name = "meetings"
    paginate_by = 30
    cache_params = ("page", "loai", "tinh", "nam")

    def get(self, request, *args, **kwargs):
        self.form = MeetingFilterForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.form.filter(sites.on_this_site(selectors.meeting_list(), self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class MeetingDetailView(ReaderPageMixin, sites.BoardSiteDetailMixin, DetailView):
    context_object_name = "meeting"

    def get_queryset(self):
        return selectors.meeting_page()

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
