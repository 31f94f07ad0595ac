"""Forms: the editorial admin's, and the reader's comment form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django_prose_editor.widgets import AdminProseEditorWidget

from core.text import nfc, slugify_vi

from . import images
from .models import Article, ArticleImage
from .sanitize import BODY_EXTENSIONS, sanitize_html

# A figure the editor placed, whatever it holds in the editor (a preview image and the
# caption): stored as the bare marker articles.rendering expects.
_FIGURE = re.compile(r"<figure\b[^>]*?\bdata-image=\"(\d+)\"[^>]*>.*?</figure>", re.S | re.I)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|&nbsp;|<br\s*/?>)*</p>")


def clean_body(value):
    """Sanitise an article body and reduce image figures to ``<figure data-image="N">``
    markers (the allow-list runs first, so nothing executable reaches the regex)."""
    html = sanitize_html(value or "")
    html = _FIGURE.sub(lambda m: f'<figure data-image="{int(m[1])}"></figure>', html)
    html = _EMPTY_PARAGRAPH.sub("", html)
    return html.strip()


class RichTextWidget(AdminProseEditorWidget):
    """The article body's editor: django-prose-editor (ProseMirror/Tiptap) with exactly
    the body's extensions (articles.sanitize.BODY_EXTENSIONS) and our own in
    static/admin-editor/article-editor.js: "Chèn ảnh của bài" (the article's images as
    numbered figures, previewed from the "ảnh" inline rows), Vietnamese labels. Without
    JavaScript it stays a textarea of HTML, sanitised on save all the same."""

    # What the editor adds around the body's content: none of it produces HTML.
    EDITOR_EXTENSIONS = {
        "History": True,
        "HTML": True,  # the "HTML" view
        "Menu": {
            "groups": [
                {"group": "blockType -lists"},
                {"group": "lists"},
                {"group": "nodes -blockType -lists"},
                {"group": "marks"},
                {"group": "link"},
                {"group": "table"},
                {"group": "articleImage"},
                {"group": "history"},
                {"group": "utility"},
            ]
        },
        "ArticleEditor": True,
        "NoSpellCheck": False,  # Vietnamese text is spell-checked, as it was before
    }

    def __init__(self, attrs=None):
        defaults = {"class": "vLargeTextField", "data-images-prefix": "images", "rows": 24}
        super().__init__(
            {**defaults, **(attrs or {})},
            config={"extensions": {**BODY_EXTENSIONS, **self.EDITOR_EXTENSIONS}},
            preset="configurable",
        )

    @property
    def media(self):
        # prose-vi.js (Vietnamese for the library's own strings) is a classic script, so
        # it runs before the editor's deferred modules read them.
        return (
            forms.Media(js=["admin-editor/prose-vi.js"])
            + super().media
            + forms.Media(css={"all": ["admin-editor/article-editor.css"]})
        )


class ArticleAdminForm(forms.ModelForm):
    # A plain text field: the server turns whatever is typed ("Điểm cầu Đồng Nai") into
    # a slug, instead of refusing it as Django's SlugField would.
    slug = forms.CharField(
        label="Đường dẫn",
        required=False,
        max_length=255,
        help_text="Để trống để tạo từ tiêu đề (không dấu, “đ” thành “d”). Không đổi được "
        "sau khi bài đã xuất bản.",
    )
    workflow_note = forms.CharField(
        label="Ghi chú cho bước duyệt",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
        help_text="Gửi kèm khi gửi duyệt, trả lại hoặc gỡ bài; lưu trong lịch sử duyệt bài.",
    )

    class Meta:
        model = Article
        # The admin narrows these per user (ArticleAdmin.get_fieldsets); status only
        # changes through the workflow buttons.
        fields = [
            "title",
            "summary",
            "body",
            "unit",
            "section",
            "directives",
            "is_featured",
            "byline",
            "source",
            "published_at",
            "slug",
        ]
        widgets = {
            "body": RichTextWidget(),
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "autofocus": True}),
            "summary": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }
        help_texts = {
            "body": "Soạn bằng thanh công cụ: tiêu đề mục, danh sách, liên kết, bảng, trích "
            "dẫn và ảnh của bài (nút “Chèn ảnh của bài”). Mã lạ khi dán (script, style, sự "
            "kiện) bị loại bỏ khi lưu.",
        }

    def clean_slug(self):
        value = self.cleaned_data.get("slug") or ""
        slug = slugify_vi(value, max_length=120)
        if value and not slug:
            raise ValidationError("Đường dẫn phải có chữ hoặc số.")
        if slug and self._slug_rivals().filter(slug=slug).exists():
            raise ValidationError(
                "Đường dẫn này đã được dùng cho bài khác; hãy chọn đường dẫn khác."
            )
        return slug

    def _slug_rivals(self):
        """What this article's slug may not clash with (Article.slug_rivals): public
        articles and this board's own, never another board's drafts."""
        article = self.instance
        unit = self.cleaned_data.get("unit") or getattr(article, "unit", None)
        if unit is not None:
            article.unit = unit
            article.current_unit_id = unit.successor_id
        return article.slug_rivals()

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise ValidationError("Hãy nhập tiêu đề.")
        return title

    def clean_body(self):
        return clean_body(self.cleaned_data.get("body"))


class ImageUploadField(forms.ImageField):
    """Pillow check first (articles.images.check_upload), with messages that say what to
    do; Django's own check (which would call a bomb or an SVG "not a valid image") after."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        images.check_upload(data)
        return super().to_python(data)


class ArticleImageForm(forms.ModelForm):
    image = ImageUploadField(
        label="Ảnh",
        help_text="JPEG, PNG, WebP hoặc GIF; ảnh được xoay đúng chiều, xoá thông tin máy ảnh/vị "
        "trí và tạo bản thu nhỏ khi lưu.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )

    class Meta:
        model = ArticleImage
        fields = ["image", "caption", "alt_text", "credit", "position"]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
        }
        help_texts = {
            "position": "Số thứ tự của ảnh trong bài; để trống để xếp cuối.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False


class ArticleImageFormSet(forms.BaseInlineFormSet):
    """Numbers new images after the existing ones and refuses two images with the same
    number (the body refers to images by number)."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in seen:
                raise ValidationError(f"Hai ảnh cùng số thứ tự {position}; hãy đổi một ảnh.")
            seen[position] = form

    def save_existing_objects(self, commit=True):
        # Renumbering (swapping 1 and 2) would trip the unique (article, position)
        # constraint half-way: park the renumbered images on free numbers first.
        if commit:
            moved = [
                f.instance.pk
                for f in self.initial_forms
                if f.instance.pk and "position" in f.changed_data and f not in self.deleted_forms
            ]
            for n, pk in enumerate(moved):
                ArticleImage.objects.filter(pk=pk).update(position=30000 + n)
        return super().save_existing_objects(commit)

    def save_new(self, form, commit=True):
        if form.cleaned_data.get("position") is None:
            taken = [
                f.cleaned_data.get("position")
                for f in self.forms
                if getattr(f, "cleaned_data", None) and f.cleaned_data.get("position")
            ]
            existing = self.instance.images.aggregate(m=Max("position"))["m"] or 0
            form.instance.position = max([existing, *taken]) + 1
            form.cleaned_data["position"] = form.instance.position
        return super().save_new(form, commit=commit)


class CommentForm(forms.Form):
    """A reader's comment. ``website`` is a honeypot: hidden from people, filled by bots."""

    name = forms.CharField(
        label="Họ và tên",
        max_length=100,
        error_messages={"required": "Vui lòng nhập họ và tên."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Thư điện tử (không bắt buộc, không hiển thị)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        label="Ý kiến của bạn",
        max_length=3000,
        min_length=2,
        error_messages={
            "required": "Vui lòng nhập nội dung ý kiến.",
            "max_length": "Ý kiến dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
            "min_length": "Ý kiến quá ngắn.",
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self):
        name = nfc(self.cleaned_data["name"]).strip()
        if not name:
            raise forms.ValidationError("Vui lòng nhập họ và tên.")
        return name

    def clean_text(self):
        text = nfc(self.cleaned_data["text"]).replace("\x00", "").strip()
        if len(text) < 2:
            raise forms.ValidationError("Ý kiến quá ngắn.")
        return text

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def comment_fields(self):
        data = self.cleaned_data
        return {"name": data["name"], "email": data["email"], "text": data["text"]}
