"""The /tai-lieu/ filter a stranger fills in, and the admin's upload forms (checked by
content, with Vietnamese messages)."""

from django import forms

from articles.forms import ImageUploadField
from articles.search_form import DateInput, DateRangeMixin
from core.search import parse_query

from . import search, uploads
from .models import Document, Photo, Video

_DATE_ERRORS = {"invalid": "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."}
IMAGE_ACCEPT = {"accept": "image/jpeg,image/png,image/webp,image/gif"}


class DocumentFilterForm(DateRangeMixin, forms.Form):
    """Search by words (folded: "tai lieu" finds "Tài liệu"), by symbol, kind and issue
    dates. Invalid values are reported in the form (the view answers 400)."""

    q = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Ví dụ: chuyen doi so"}),
        error_messages={"max_length": "Từ khóa quá dài: tối đa %(limit_value)d ký tự."},
    )
    ky_hieu = forms.CharField(
        label="Số, ký hiệu",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "Ví dụ: 125-HD/BTGDVTW"}),
        error_messages={"max_length": "Số, ký hiệu quá dài: tối đa %(limit_value)d ký tự."},
    )
    loai = forms.ChoiceField(
        label="Loại tài liệu",
        required=False,
        choices=[("", "Tất cả"), *Document.Kind.choices],
        error_messages={"invalid_choice": "Không có loại tài liệu “%(value)s”."},
    )
    tu_ngay = forms.DateField(
        label="Ban hành từ ngày", required=False, widget=DateInput(), error_messages=_DATE_ERRORS
    )
    den_ngay = forms.DateField(
        label="Đến ngày", required=False, widget=DateInput(), error_messages=_DATE_ERRORS
    )

    PARAMS = ("q", "ky_hieu", "loai", "tu_ngay", "den_ngay")

    @classmethod
    def from_query(cls, params):
        """Strangers send anything (lists, NUL bytes, megabytes): one bounded value each."""
        data = {
            name: params.get(name, "").replace("\x00", "")[:300]
            for name in cls.PARAMS
            if name in params
        }
        return cls(data or None)

    def filter(self, documents):
        if not (self.is_bound and self.is_valid()):
            return documents
        data = self.cleaned_data
        query = parse_query(data["q"])
        if query:
            documents = search.matching(documents, query)
        symbol = " ".join(data["ky_hieu"].split())
        if symbol:
            documents = documents.filter(symbol__icontains=symbol)
        if data["loai"]:
            documents = documents.filter(kind=data["loai"])
        if data["tu_ngay"]:
            documents = documents.filter(issued_on__gte=data["tu_ngay"])
        if data["den_ngay"]:
            documents = documents.filter(issued_on__lte=data["den_ngay"])
        return documents

    @property
    def is_filtered(self):
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class PhotoForm(forms.ModelForm):
    image = ImageUploadField(
        label="Ảnh",
        help_text="JPEG, PNG, WebP hoặc GIF; ảnh được xoay đúng chiều, xoá thông tin máy ảnh/vị "
        "trí và tạo bản thu nhỏ khi lưu.",
        widget=forms.ClearableFileInput(attrs=IMAGE_ACCEPT),
    )

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "credit", "taken_on", "position"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})}


class PhotoFormSet(forms.BaseInlineFormSet):
    """Two photos may not share a place in the album."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            position = data.get("position")
            if position in seen:
                form.add_error("position", "Hai ảnh trùng số thứ tự; hãy đánh số khác nhau.")
            seen.add(position)


class VideoForm(forms.ModelForm):
    youtube = forms.CharField(
        label="Địa chỉ YouTube",
        required=False,
        max_length=300,
        help_text="Ví dụ: https://www.youtube.com/watch?v=… Trang phát qua "
        "youtube-nocookie.com (không đặt cookie theo dõi). Để trống nếu tải tệp video lên.",
    )
    poster = ImageUploadField(
        label="Ảnh đại diện",
        required=False,
        help_text="Ảnh hiện trước khi phát: JPEG, PNG, WebP hoặc GIF.",
        widget=forms.ClearableFileInput(attrs=IMAGE_ACCEPT),
    )

    class Meta:
        model = Video
        fields = [
            "title",
            "unit",
            "recorded_on",
            "duration",
            "summary",
            "file",
            "poster",
            "captions",
            "articles",
            "directives",
            "is_published",
        ]
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
            "captions": forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.youtube_id and "youtube" in self.fields:
            self.fields["youtube"].initial = self.instance.watch_url

    def clean_youtube(self):
        address = self.cleaned_data.get("youtube", "")
        return uploads.youtube_id(address) if address.strip() else ""

    def _post_clean(self):
        if "youtube" in self.cleaned_data:
            self.instance.youtube_id = self.cleaned_data["youtube"]
        super()._post_clean()
