"""The public lists' filters (/van-ban/, /hoi-nghi/): each form validates what a stranger
typed and narrows a queryset with it; invalid values are reported and ignored."""

from django import forms

from core.params import EARLIEST_YEAR, LATEST_YEAR
from provinces.choices import unit_choices
from provinces.models import Unit

from .models import Directive, Meeting


class DirectiveFilterForm(forms.Form):
    loai = forms.ChoiceField(
        label="Loại văn bản", required=False, choices=[("", "Tất cả"), *Directive.Kind.choices]
    )
    cap = forms.ChoiceField(
        label="Cấp ban hành",
        required=False,
        choices=[("", "Tất cả"), ("trung-uong", "Trung ương"), ("dia-phuong", "Địa phương")],
    )

    def filter(self, directives):
        if not (self.is_bound and self.is_valid()):
            return directives
        data = self.cleaned_data
        if data["loai"]:
            directives = directives.filter(kind=data["loai"])
        if data["cap"] == "trung-uong":
            directives = directives.filter(unit__kind=Unit.Kind.CENTRAL)
        elif data["cap"] == "dia-phuong":
            directives = directives.exclude(unit__kind=Unit.Kind.CENTRAL)
        return directives


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
        self.fields["tinh"].widget = forms.Select(choices=unit_choices())

    def clean_tinh(self):
        slug = self.cleaned_data["tinh"]
        if not slug:
            return None
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None:
            raise forms.ValidationError("Không có đơn vị này.")
        return unit

    def filter(self, meetings):
        """A current unit includes the units merged into it."""
        if not (self.is_bound and self.is_valid()):
            return meetings
        data = self.cleaned_data
        if data["loai"]:
            meetings = meetings.filter(kind=data["loai"])
        if data["tinh"]:
            meetings = meetings.filter(unit_id__in=data["tinh"].history_unit_ids())
        if data["nam"]:
            meetings = meetings.filter(date__year=data["nam"])
        return meetings
