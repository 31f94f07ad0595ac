"""Public pages of the document register and the meetings."""

from django import forms
from django.db.models import Count, F, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from articles.models import Article
from articles.pages import ReaderPageMixin
from core import pagecache
from core.pagination import NumberedPaginationMixin
from core.params import EARLIEST_YEAR, LATEST_YEAR
from core.uploads import document_response
from provinces.models import Unit

from .models import ConnectionPoint, Directive, DirectiveRelation, Meeting

#: The per-board counts of a directive page are keyed by the content version, which
#: every publish or edit changes; this only bounds how long an unused entry stays.
BOARDS_CACHE_SECONDS = 3600


def download(request, slug):
    """A public document's file, as an attachment named after the document."""
    directive = get_object_or_404(Directive.objects.published().exclude(file=""), slug=slug)
    return document_response(directive.file, directive.slug)


class DirectiveFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=[("", "Tất cả"), *Directive.Kind.choices]
    )
    cap = forms.ChoiceField(
        label="Cấp ban hành",
        required=False,
        choices=[("", "Tất cả"), ("trung-uong", "Trung ương"), ("dia-phuong", "Địa phương")],
    )


class DirectiveListView(ReaderPageMixin, NumberedPaginationMixin, ListView):
    context_object_name = "directives"
    paginate_by = 30
    cache_params = ("page", "loai", "cap")

    def get(self, request, *args, **kwargs):
        self.form = DirectiveFilterForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        directives = Directive.objects.published().select_related("unit")
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data["loai"]:
                directives = directives.filter(kind=data["loai"])
            if data["cap"] == "trung-uong":
                directives = directives.filter(unit__kind=Unit.Kind.CENTRAL)
            elif data["cap"] == "dia-phuong":
                directives = directives.exclude(unit__kind=Unit.Kind.CENTRAL)
        return directives

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class DirectiveDetailView(ReaderPageMixin, DetailView):
    """A document: its facts, the documents it continues or that continue it, the
    articles and meetings about it and the boards that reported on it."""

    context_object_name = "directive"
    ARTICLES_SHOWN = 20

    def get_queryset(self):
        return Directive.objects.published().select_related("unit")

    def get_context_data(self, **kwargs):
        directive = self.object
        articles = Article.objects.published().filter(directives=directive)
        meetings = Meeting.objects.published().filter(directives=directive)
        # A central directive gathers tens of thousands of articles: counting them per
        # board takes a few hundred milliseconds at a million articles, so it is done
        # once per content version, not every time the page is re-rendered.
        boards = pagecache.per_version(
            f"directive:boards:{directive.pk}",
            lambda: self.boards(articles, meetings),
            BOARDS_CACHE_SECONDS,
        )
        return super().get_context_data(
            continues=DirectiveRelation.objects.filter(
                source=directive, target__is_published=True
            ).select_related("target"),
            continued_by=DirectiveRelation.objects.filter(
                target=directive, source__is_published=True
            ).select_related("source"),
            articles=articles.select_related("unit").defer("body", "search_document")[
                : self.ARTICLES_SHOWN
            ],
            article_total=sum(b["articles"] for b in boards),
            meetings=meetings.select_related("unit"),
            boards=boards,
            **kwargs,
        )

    @staticmethod
    def boards(articles, meetings):
        """The boards that reported on the directive, busiest first: [{slug, name,
        articles, meetings}]."""
        by_unit = {}
        for row in articles.values("unit__name", "unit__slug").annotate(n=Count("pk")):
            by_unit.setdefault(
                row["unit__slug"], {"name": row["unit__name"], "articles": 0, "meetings": 0}
            )
            by_unit[row["unit__slug"]]["articles"] = row["n"]
        for row in meetings.values("unit__name", "unit__slug").annotate(n=Count("pk")):
            by_unit.setdefault(
                row["unit__slug"], {"name": row["unit__name"], "articles": 0, "meetings": 0}
            )
            by_unit[row["unit__slug"]]["meetings"] = row["n"]
        return sorted(
            ({"slug": slug, **data} for slug, data in by_unit.items()),
            key=lambda b: (-(b["articles"] + b["meetings"]), b["name"]),
        )


class MeetingFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label="Loại hội nghị", required=False, choices=[("", "Tất cả"), *Meeting.Kind.choices]
    )
    tinh = forms.SlugField(label="Đơn vị tổ chức", required=False)
    nam = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        error_messages={"invalid": "Năm phải là một số, ví dụ 2021."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh"].widget = forms.Select(
            choices=[("", "Tất cả")] + [(u.slug, u.name) for u in Unit.objects.only("slug", "name")]
        )

    def clean_tinh(self):
        slug = self.cleaned_data["tinh"]
        if not slug:
            return None
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None:
            raise forms.ValidationError("Không có đơn vị này.")
        return unit


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
        meetings = (
            Meeting.objects.published()
            .select_related("unit")
            .annotate(points=Count("connection_points"))
            .order_by(F("date").desc(nulls_last=True), "-pk")
        )
        if self.form.is_bound and self.form.is_valid():
            data = self.form.cleaned_data
            if data["loai"]:
                meetings = meetings.filter(kind=data["loai"])
            if data["tinh"]:
                meetings = meetings.filter(unit_id__in=data["tinh"].history_unit_ids())
            if data["nam"]:
                meetings = meetings.filter(date__year=data["nam"])
        return meetings

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class MeetingDetailView(ReaderPageMixin, DetailView):
    context_object_name = "meeting"

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("unit")
            .prefetch_related(
                Prefetch(
                    "connection_points", queryset=ConnectionPoint.objects.select_related("unit")
                ),
                Prefetch("directives", queryset=Directive.objects.published()),
                Prefetch(
                    "articles",
                    queryset=Article.objects.published().select_related("unit"),
                    to_attr="published_articles",
                ),
            )
        )

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
