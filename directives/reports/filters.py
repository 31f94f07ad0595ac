"""The staff report's filters (django-filter).

One FilterSet serves both kinds of material: a report asks the same questions of
articles and of meetings (which directive, which unit, which period, which kind, which
words), so every filter is a method that looks at the queryset's model. Validate once,
then apply the same cleaned values to both querysets::

    filters = report_filters(request.GET, user=user)
    if filters.is_valid():
        articles = filters.filter_queryset(Article.objects.visible_to(user))
        meetings = filters.filter_queryset(Meeting.objects.visible_to(user))

(``selectors.filtered()`` does exactly this.)

Every value here comes from a query string a stranger can type: unknown slugs, malformed
dates, an end before a start or an unknown kind become form errors in Vietnamese, never
a 500.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q

from articles.models import Article, Section
from core.dates import day_bounds
from core.params import EARLIEST_YEAR, LATEST_YEAR
from core.text import nfc
from provinces import choices
from provinces.models import Unit

from ..models import Directive, Meeting

ARTICLE = "bai-viet"
MEETING = "hoi-nghi"

PUBLISHED = "da-dang"
UNPUBLISHED = "chua-dang"

KIND_CHOICES = [
    (ARTICLE, "Bài viết"),
    (MEETING, "Hội nghị (mọi loại)"),
    ("Từng loại hội nghị", list(Meeting.Kind.choices)),
]
MEETING_KINDS = frozenset(Meeting.Kind.values)

STATUS_CHOICES = [
    (PUBLISHED, "Chỉ tài liệu đã công khai"),
    (UNPUBLISHED, "Chỉ tài liệu chưa công khai của ban mình"),
]

MIN_YEAR, MAX_YEAR = EARLIEST_YEAR, LATEST_YEAR

DATE_HELP = "Ngày/tháng/năm, ví dụ 05/03/2026."
DATE_ERRORS = {"invalid": "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026."}


def _date_widget():
    return forms.TextInput(
        attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
    )


def unit_choices():
    return choices.unit_choices(blank="Tất cả đơn vị", merger_notes=True)


def directive_choices():
    """Options for the directive filter: central documents first, then each province's."""
    central, provincial = [], []
    for d in Directive.objects.select_related("unit"):
        if d.unit.is_central:
            central.append((d.slug, d.name))
        else:
            provincial.append((d.slug, f"{d.name} ({d.unit.name})"))
    return [
        ("", "Tất cả văn bản"),
        ("Văn bản của Trung ương", central),
        ("Văn bản của tỉnh, thành phố", provincial),
    ]


class ReportFilterForm(forms.Form):
    """Checks that involve more than one field."""

    def clean(self):
        data = super().clean()
        for name in ("tu_ngay", "den_ngay"):
            day = data.get(name)
            if day and not MIN_YEAR <= day.year <= MAX_YEAR:
                self.add_error(name, f"Năm phải nằm trong khoảng {MIN_YEAR}–{MAX_YEAR}.")
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            self.add_error(
                "den_ngay",
                f"“Đến ngày” ({end:%d/%m/%Y}) phải sau hoặc bằng “Từ ngày” ({start:%d/%m/%Y}).",
            )
        return data


class ReportFilterSet(django_filters.FilterSet):
    van_ban = django_filters.ModelChoiceFilter(
        label="Văn bản",
        queryset=Directive.objects.select_related("unit"),
        to_field_name="slug",
        method="filter_directive",
        empty_label="Tất cả văn bản",
        error_messages={
            "invalid_choice": "Không tìm thấy văn bản này. Hãy chọn một văn bản trong danh sách."
        },
    )
    tiep_noi = django_filters.BooleanFilter(
        label="Gồm cả văn bản tiếp nối, triển khai văn bản này",
        widget=forms.CheckboxInput,
        method="filter_nothing",
        help_text="Ví dụ: Chỉ thị 05-CT/TW gồm cả Kết luận 01-KL/TW và các kế hoạch "
        "triển khai Kết luận 01-KL/TW.",
    )
    don_vi = django_filters.ModelChoiceFilter(
        label="Đơn vị",
        queryset=Unit.objects.all(),
        to_field_name="slug",
        method="filter_unit",
        empty_label="Tất cả đơn vị",
        help_text="Một tỉnh, thành phố hiện nay gồm cả các tỉnh đã sáp nhập vào đó.",
        error_messages={
            "invalid_choice": "Không tìm thấy đơn vị này. Hãy chọn một đơn vị trong danh sách."
        },
    )
    tu_ngay = django_filters.DateFilter(
        label="Từ ngày",
        method="filter_from",
        widget=_date_widget(),
        help_text=DATE_HELP,
        error_messages=DATE_ERRORS,
    )
    den_ngay = django_filters.DateFilter(
        label="Đến ngày",
        method="filter_until",
        widget=_date_widget(),
        help_text=DATE_HELP,
        error_messages=DATE_ERRORS,
    )
    loai = django_filters.ChoiceFilter(
        label="Loại tài liệu",
        choices=KIND_CHOICES,
        method="filter_kind",
        empty_label="Bài viết và hội nghị",
        error_messages={"invalid_choice": "Loại tài liệu không hợp lệ. Hãy chọn trong danh sách."},
    )
    chuyen_muc = django_filters.ModelChoiceFilter(
        label="Chuyên mục",
        queryset=Section.objects.all(),
        to_field_name="slug",
        method="filter_section",
        empty_label="Tất cả chuyên mục",
        help_text="Chỉ bài viết có chuyên mục; khi chọn chuyên mục, hội nghị không được tính.",
        error_messages={
            "invalid_choice": "Không tìm thấy chuyên mục này. Hãy chọn trong danh sách."
        },
    )
    trang_thai = django_filters.ChoiceFilter(
        label="Tình trạng",
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label="Mọi tài liệu được phép xem",
        error_messages={"invalid_choice": "Tình trạng không hợp lệ. Hãy chọn trong danh sách."},
    )
    q = django_filters.CharFilter(
        label="Từ khóa",
        method="filter_text",
        max_length=200,
        help_text="Tìm trong tiêu đề và tóm tắt (có dấu).",
        error_messages={"max_length": "Từ khóa dài tối đa %(limit_value)d ký tự."},
    )

    class Meta:
        form = ReportFilterForm

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_choices_grouped", False):
            # Grouped, explained options (rendering only; validation still goes through
            # each field's queryset by slug).
            form.fields["van_ban"].widget.choices = directive_choices()
            form.fields["don_vi"].widget.choices = unit_choices()
            form._choices_grouped = True
        return form

    # --- What the filters resolved to (for the page's summary and the report) ----------

    def cleaned(self, name):
        return self.form.cleaned_data.get(name) if self.is_valid() else None

    @property
    def directive_ids(self):
        """The chosen directive's id, plus (when asked) every document continuing it;
        None when no directive is chosen."""
        if not hasattr(self, "_directive_ids"):
            directive = self.cleaned("van_ban")
            if directive is None:
                self._directive_ids = None
            elif self.cleaned("tiep_noi"):
                self._directive_ids = frozenset(
                    Directive.objects.filter(pk=directive.pk)
                    .with_continuations()
                    .values_list("pk", flat=True)
                )
            else:
                self._directive_ids = frozenset([directive.pk])
        return self._directive_ids

    @property
    def unit_ids(self):
        """The chosen unit and the pre-2025 units merged into it; None when none chosen."""
        if not hasattr(self, "_unit_ids"):
            unit = self.cleaned("don_vi")
            self._unit_ids = None if unit is None else frozenset(unit.history_unit_ids())
        return self._unit_ids

    def active_filters(self):
        """[(label, what it means)] for every filter in use, in words staff read back:
        the page's summary line and the export's "Thông tin" sheet."""
        if not self.is_valid():
            return []
        data = self.form.cleaned_data
        found = []
        directive = data.get("van_ban")
        if directive is not None:
            text = directive.name
            if data.get("tiep_noi"):
                others = Directive.objects.filter(
                    pk__in=self.directive_ids - {directive.pk}
                ).select_related("unit")
                # In the order they were issued: the chain reads as it happened.
                names = [
                    d.name if d.unit.is_central else f"{d.name} ({d.unit.name})"
                    for d in others.order_by(F("issued_on").asc(nulls_last=True), "symbol")
                ]
                text += (
                    f", gồm cả văn bản tiếp nối: {', '.join(names)}"
                    if names
                    else " (chưa có văn bản nào tiếp nối)"
                )
            found.append(("Văn bản", text))
        unit = data.get("don_vi")
        if unit is not None:
            merged = sorted(unit.merged_units.values_list("name", flat=True))
            text = unit.name + (f", gồm cả {', '.join(merged)}" if merged else "")
            found.append(("Đơn vị", text))
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end:
            found.append(("Thời gian", f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"))
        elif start:
            found.append(("Thời gian", f"từ {start:%d/%m/%Y}"))
        elif end:
            found.append(("Thời gian", f"đến {end:%d/%m/%Y}"))
        kind = data.get("loai")
        if kind:
            labels = {
                ARTICLE: "Bài viết",
                MEETING: "Hội nghị (mọi loại)",
                **dict(Meeting.Kind.choices),
            }
            found.append(("Loại", labels.get(kind, kind)))
        section = data.get("chuyen_muc")
        if section is not None:
            found.append(("Chuyên mục", section.name))
        status = data.get("trang_thai")
        if status:
            found.append(("Tình trạng", dict(STATUS_CHOICES)[status]))
        words = nfc(data.get("q") or "").strip()
        if words:
            found.append(("Từ khóa", f"“{words}”"))
        return found

    # --- Filter methods: each works on articles and on meetings -------------------------

    @staticmethod
    def _is_article(qs):
        return qs.model is Article

    def filter_nothing(self, qs, name, value):
        # "tiep_noi" only changes what van_ban means (see directive_ids).
        return qs

    def filter_directive(self, qs, name, value):
        through = qs.model.directives.through
        owner = "article_id" if self._is_article(qs) else "meeting_id"
        linked = through.objects.filter(
            **{owner: OuterRef("pk")}, directive_id__in=self.directive_ids
        )
        return qs.filter(Exists(linked))

    def filter_unit(self, qs, name, value):
        return qs.filter(unit_id__in=self.unit_ids)

    def filter_from(self, qs, name, value):
        if self._is_article(qs):
            since, _end = day_bounds(value)
            # Drafts have no publication time yet: their creation time stands in.
            return qs.filter(
                Q(published_at__gte=since) | Q(published_at__isnull=True, created_at__gte=since)
            )
        # A meeting whose day the sources do not give is placed by the period it reviewed.
        return qs.filter(Q(date__gte=value) | Q(date__isnull=True, period_end__gte=value))

    def filter_until(self, qs, name, value):
        if self._is_article(qs):
            _start, before = day_bounds(date_to=value)  # the day after: the end day counts whole
            return qs.filter(
                Q(published_at__lt=before) | Q(published_at__isnull=True, created_at__lt=before)
            )
        return qs.filter(Q(date__lte=value) | Q(date__isnull=True, period_start__lte=value))

    def filter_kind(self, qs, name, value):
        if value == ARTICLE:
            return qs if self._is_article(qs) else qs.none()
        if self._is_article(qs):
            return qs.none()
        if value in MEETING_KINDS:
            return qs.filter(kind=value)
        return qs

    def filter_section(self, qs, name, value):
        # Meetings have no section: choosing one narrows the report to articles.
        return qs.filter(section=value) if self._is_article(qs) else qs.none()

    def filter_status(self, qs, name, value):
        # published() stays the one visibility rule: reuse it rather than restate it.
        published = qs.model.objects.published()
        if value == PUBLISHED:
            return qs & published
        return qs.exclude(pk__in=published.values("pk"))

    def filter_text(self, qs, name, value):
        value = nfc(value).strip()
        if not value:
            return qs
        return qs.filter(Q(title__icontains=value) | Q(summary__icontains=value))


def report_filters(data, *, user):
    """The report's FilterSet over ``data`` (a query string) for ``user``. Only the form
    is used (validation, rendering): the querysets come from selectors.filtered()."""
    return ReportFilterSet(data, queryset=Article.objects.visible_to(user))
