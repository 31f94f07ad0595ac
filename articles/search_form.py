"""The search page's form (/tim-kiem/): words, unit, section and dates, with the
choices kept per content version."""

import datetime
from urllib.parse import urlencode

from django import forms

from core import pagecache
from core.params import EARLIEST_YEAR, LATEST_YEAR
from provinces import choices
from provinces.models import Unit

from .models import Section

CHOICES_TIMEOUT = 300
EARLIEST = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST = datetime.date(LATEST_YEAR, 12, 31)


def filter_choices():
    """Units and sections for the filters, kept until the content changes (they change
    a few times a year); built from the database when the cache is down."""
    return pagecache.per_version("search:choices", _filter_choices, CHOICES_TIMEOUT)


def _filter_choices():
    """Units: the central level, the 34 current units, then the pre-2025 units merged
    into them. Each unit comes with the ids its filter covers (itself + merged units)."""
    units = list(Unit.objects.order_by("position", "name"))
    sections = list(Section.objects.filter(is_active=True))
    return {
        "units": choices.unit_choices(units=units),
        "unit_ids": choices.history_ids_by_slug(units),
        "sections": [("", "Tất cả")] + [(s.slug, s.name) for s in sections],
        "section_ids": {s.slug: s.pk for s in sections},
    }


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self):
        super().__init__(
            format="%d/%m/%Y",
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": 10,
                "maxlength": 10,
            },
        )


class DateRangeMixin:
    """A form's "Từ ngày" / "Đến ngày" fields (``tu_ngay``, ``den_ngay``): each within
    the years the site accepts, the second not before the first."""

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                "Ngày phải trong khoảng %(start)s – %(end)s.",
                params={
                    "start": EARLIEST.strftime("%d/%m/%Y"),
                    "end": LATEST.strftime("%d/%m/%Y"),
                },
            )
        return value

    def clean_tu_ngay(self):
        return self._clean_date("tu_ngay")

    def clean_den_ngay(self):
        return self._clean_date("den_ngay")

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and end < start:
            self.add_error("den_ngay", "“Đến ngày” phải cùng ngày hoặc sau “Từ ngày”.")
        return data


class SearchForm(DateRangeMixin, forms.Form):
    q = forms.CharField(
        label="Từ khóa",
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": 'Ví dụ: tuyen giao, nghị quyết 35, "Hà Anh Dũng"',
                "autocomplete": "off",
                "enterkeyhint": "search",
            }
        ),
    )
    tinh = forms.ChoiceField(
        label="Tỉnh, thành phố",
        required=False,
        error_messages={"invalid_choice": "Không có tỉnh, thành phố “%(value)s”."},
    )
    chuyen_muc = forms.ChoiceField(
        label="Chuyên mục",
        required=False,
        error_messages={"invalid_choice": "Không có chuyên mục “%(value)s”."},
    )
    tu_ngay = forms.DateField(
        label="Từ ngày",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."},
    )
    den_ngay = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=DateInput(),
        error_messages={"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."},
    )

    tat_ca = forms.BooleanField(label="Tìm trên tất cả các ban", required=False)

    def __init__(self, *args, choices, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh"].choices = choices["units"]
        self.fields["chuyen_muc"].choices = choices["sections"]
        self.choices = choices
        # On a board's site the search stays within the board unless asked otherwise.
        self.site = site
        if site is None:
            del self.fields["tat_ca"]

    @property
    def unit_ids(self):
        slug = self.cleaned_data.get("tinh")
        return self.choices["unit_ids"][slug] if slug else None

    @property
    def section_id(self):
        slug = self.cleaned_data.get("chuyen_muc")
        return self.choices["section_ids"][slug] if slug else None

    @property
    def has_filters(self):
        return any(self.cleaned_data.get(n) for n in ("tinh", "chuyen_muc", "tu_ngay", "den_ngay"))

    @classmethod
    def from_query(cls, params, *, site=None):
        """The form for a request's query string (on a board's ``site``, if any).
        Strangers send anything: lists of values, NUL bytes, megabytes; each field gets
        one bounded value."""
        params = params.copy()
        for name in ("q", "tinh", "chuyen_muc", "tu_ngay", "den_ngay"):
            if name in params:
                params[name] = params[name].replace("\x00", "")[:2000]
        return cls(params, choices=filter_choices(), site=site)

    @property
    def within_board(self):
        """Searching one board's site only: on a board's site, with no unit chosen and
        "all boards" not ticked."""
        return (
            self.site is not None
            and not self.cleaned_data.get("tinh")
            and not self.cleaned_data.get("tat_ca")
        )

    @property
    def board_unit_ids(self):
        return list(self.site.unit_ids)

    @property
    def filters(self):
        """What every result group is narrowed by (sections apply to articles only)."""
        return {
            "unit_ids": self.board_unit_ids if self.within_board else self.unit_ids,
            "date_from": self.cleaned_data["tu_ngay"],
            "date_to": self.cleaned_data["den_ngay"],
        }

    @property
    def query_string(self):
        """The valid values as a query string, for the page links."""
        kept = {k: v for k, v in self.cleaned_data.items() if v}
        for name in ("tu_ngay", "den_ngay"):
            if name in kept:
                kept[name] = kept[name].strftime("%d/%m/%Y")
        return urlencode(kept)
