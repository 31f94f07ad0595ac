"""The editorial admin: articles (rich text, images, workflow, revisions), sections and
reader comments, each scoped to the user's board (provinces.scoped_admin).

Who may do what (provinces.access decides; documented in README "Editors and roles"):
- editors write and edit their board's drafts and articles waiting for approval, send
  drafts for approval, and delete their board's drafts; published and unpublished
  articles are read-only to them (corrections go through the chief);
- editors-in-chief also edit any article of their board, return, publish, schedule and
  unpublish, delete what is not live, moderate comments and manage their own sections;
- superusers act on every board.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.search.admin import FoldedSearchMixin
from core.text import slugify_vi
from provinces import access
from provinces.scoped_admin import BoardScopedAdmin, ScopedInline

from .. import revisions, workflow
from ..forms import ArticleAdminForm, ArticleImageForm, ArticleImageFormSet
from ..models import Article, ArticleImage
from .filters import DirectiveFilter, SectionFilter, StatusFilter, UnitFilter

Status = Article.Status


# --- Articles --------------------------------------------------------------------------


class ArticleImageInline(ScopedInline):
    model = ArticleImage
    form = ArticleImageForm
    formset = ArticleImageFormSet
    extra = 0
    fields = ["preview", "image", "caption", "alt_text", "credit", "position"]
    readonly_fields = ["preview"]
    verbose_name = "ảnh"
    verbose_name_plural = "ảnh của bài (chú thích, mô tả cho người khiếm thị)"

    @admin.display(description="Xem trước")
    def preview(self, obj):
        if not obj or not obj.pk or not obj.image:
            return "—"
        thumb = obj.thumb
        return format_html(
            '<img src="{}" alt="" class="ed-thumb" data-image-preview="{}" width="160" loading="lazy">'
            "{}",
            thumb.url,
            obj.position,
            " (ảnh thay thế)" if obj.is_placeholder else "",
        )


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # One query for every row's thumbnail, however many rows the page has.
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .prefetch_related(
                Prefetch("images", queryset=ArticleImage.objects.order_by("position", "pk"))
            )
        )


@admin.register(Article)
class ArticleAdmin(FoldedSearchMixin, BoardScopedAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"

    class Media:
        # Prefills the slug from the title with the Vietnamese rule (core.text.slugify_vi).
        js = ["admin-editor/slug.js"]

    list_display = ["thumbnail", "title", "state", "unit", "section", "published_at", "views"]
    list_display_links = ["title"]
    list_filter = [
        StatusFilter,
        SectionFilter,
        DirectiveFilter,
        UnitFilter,
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "summary", "byline"]
    search_help_text = "Tìm theo tiêu đề, sapo, tác giả."
    date_hierarchy = "published_at"
    list_select_related = ["unit", "section"]
    list_per_page = 50
    autocomplete_fields = ["directives"]
    inlines = [ArticleImageInline]
    actions = ["submit_selected", "publish_selected", "unpublish_selected", "return_selected"]

    # --- Permissions ------------------------------------------------------------------

    def can_change_object(self, request, obj):
        # Editors work on drafts and articles waiting for approval; what readers see
        # (or saw) is the chief's to correct.
        if access.role(request.user) == access.Role.EDITOR:
            return obj.status in {Status.DRAFT, Status.PENDING}
        return True

    def can_delete_object(self, request, obj):
        if access.role(request.user) == access.Role.EDITOR:
            return obj.status == Status.DRAFT
        if access.role(request.user) == access.Role.CHIEF:
            # A live article is unpublished first, never deleted by a slip.
            return obj.status != Status.PUBLISHED
        return True

    def has_publish_permission(self, request):
        return access.can_publish(request.user)

    # --- Form -------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        publishing = ["published_at", "slug", "views", "created_at", "updated_at"]
        return [
            (None, {"fields": ["title", "summary", "body"]}),
            ("Phân loại", {"fields": ["unit", "section", "directives", "is_featured"]}),
            ("Tác giả, nguồn", {"fields": ["byline", "source"]}),
            (
                "Xuất bản",
                {
                    "fields": publishing,
                    "description": "Trạng thái chỉ đổi bằng các nút duyệt bài bên dưới. Đặt "
                    "thời gian xuất bản trong tương lai rồi bấm “Duyệt và xuất bản” để hẹn giờ.",
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = ["views", "created_at", "updated_at"]
        if not access.can_publish(request.user):
            # The publish time and the home page's "featured" block are the chief's.
            fields += ["published_at", "is_featured"]
        if obj is not None and obj.status in {Status.PUBLISHED, Status.UNPUBLISHED}:
            fields.append("slug")  # its public address is out there
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].widget.attrs.update(
                {
                    "data-slug-url": reverse("admin:articles_article_slug"),
                    "data-slug-from": "id_title",
                    "placeholder": "tạo tự động từ tiêu đề",
                }
            )
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        board = access.board(request.user)
        if board is not None and "unit" not in initial:
            initial["unit"] = board.unit_id
        return initial

    # --- Changelist -------------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    @admin.display(description="Ảnh")
    def thumbnail(self, obj):
        first = next(iter(obj.images.all()), None)
        if first is None or not first.image:
            return ""
        thumb = first.thumb
        return format_html(
            '<img src="{}" alt="" class="ed-list-thumb" width="64" height="{}" loading="lazy">',
            thumb.url,
            round(64 * thumb.height / thumb.width) if thumb.width and thumb.height else 40,
        )

    @admin.display(description="Trạng thái", ordering="status")
    def state(self, obj):
        return _state_badge(obj)

    # --- Saving: revisions and workflow steps ------------------------------------------

    def save_model(self, request, obj, form, change):
        if not access.in_scope(request.user, obj.unit_id):
            # The form offers only the user's units; this is the last line.
            raise PermissionDenied("Không thể đăng bài cho đơn vị của ban khác.")
        if not change:
            obj.created_by = request.user
        request._published_at_before = form.initial.get("published_at") if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        user = request.user
        if not change:
            workflow.record_created(article=article, by=user)
        before = getattr(request, "_published_at_before", None)
        if (
            change
            and article.status == Status.PUBLISHED
            and "published_at" in form.changed_data
            and article.published_at != before
        ):
            workflow.record_rescheduled(article=article, by=user, before=before)
        revisions.record(article=article, by=user)
        step = request.POST.get("_workflow")
        if step:
            note = form.cleaned_data.get("workflow_note", "")
            try:
                event = workflow.run(step, article=article, by=user, note=note)
            except (workflow.WorkflowError, PermissionDenied) as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, _event_message(event), messages.SUCCESS)

    # --- Change page context --------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article(
            status=Status.DRAFT, unit_id=getattr(access.board(request.user), "unit_id", None)
        )
        steps = (
            workflow.allowed_steps(article=article, user=request.user)
            if (
                self.has_change_permission(request, obj)
                if obj
                else self.has_add_permission(request)
            )
            else []
        )
        context.update(
            workflow_steps=[(s, _step_button_label(s, add)) for s in steps],
            events=list(obj.events.select_related("actor")) if obj else [],
            revisions=list(obj.revisions.select_related("created_by")[:10]) if obj else [],
            revision_count=obj.revisions.count() if obj else 0,
            preview_url=obj.get_absolute_url() if obj else None,
            article_state=_state_badge(obj, long=True) if obj else None,
            is_live=bool(obj and obj.is_published),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Extra views: slug prefill, revisions -------------------------------------------

    def get_urls(self):
        custom = [
            path("slug/", self.admin_site.admin_view(self.slug_view), name="articles_article_slug"),
            path(
                "<path:object_id>/phien-ban/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/phien-ban/<int:number>/",
                self.admin_site.admin_view(self.revision_view),
                name="articles_article_revision",
            ),
        ]
        return custom + super().get_urls()

    def slug_view(self, request):
        """The slug the server would make from ?title= (the admin's own slug script
        would turn "đ" into "dj"): the add form fills the slug field with it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        title = request.GET.get("title", "")[:500]
        return JsonResponse({"slug": slugify_vi(title, max_length=120)})

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404("Không tìm thấy bài viết.")
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        items = list(article.revisions.select_related("created_by"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Các phiên bản: {article.title}",
            "subtitle": None,
            "article": article,
            "items": items,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revision_list.html", context)

    def revision_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        revision = article.revisions.select_related("created_by").filter(number=number).first()
        if revision is None:
            raise Http404("Không có phiên bản này.")
        can_restore = self.has_change_permission(request, article)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            new, dropped = revisions.restore(revision=revision, by=request.user)
            self.message_user(
                request,
                f"Đã khôi phục phiên bản {revision.number}; nội dung hiện tại được lưu thành "
                f"phiên bản {new.number}.",
                messages.SUCCESS,
            )
            if dropped:
                self.message_user(
                    request, "Không khôi phục được: " + "; ".join(dropped) + ".", messages.WARNING
                )
            return redirect("admin:articles_article_change", article.pk)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        current = revisions.snapshot(article)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Phiên bản {revision.number}: {article.title}",
            "subtitle": None,
            "article": article,
            "revision": revision,
            "changes": revisions.diff(
                revisions.readable(current), revisions.readable(revision.data)
            ),
            "data": revisions.readable(revision.data),
            "can_restore": can_restore,
        }
        return TemplateResponse(request, "admin/articles/article/revision_detail.html", context)

    # --- Bulk workflow actions ---------------------------------------------------------

    def _bulk(self, request, queryset, step):
        done, failed = 0, []
        for article in queryset:
            try:
                workflow.run(step, article=article, by=request.user)
                done += 1
            except (workflow.WorkflowError, PermissionDenied) as exc:
                failed.append(f"“{article.title[:60]}”: {exc}")
        if done:
            self.message_user(request, f"{workflow.LABELS[step]}: {done} bài.", messages.SUCCESS)
        for message in failed[:10]:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description="Duyệt và xuất bản các bài đã chọn", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description="Gỡ các bài đã chọn", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, "unpublish")

    @admin.action(description="Trả lại biên tập các bài đã chọn", permissions=["publish"])
    def return_selected(self, request, queryset):
        self._bulk(request, queryset, "return")


def _state_badge(article, long=False):
    css = "scheduled" if article.is_scheduled else article.status
    label = article.state_label
    if article.status == Status.PUBLISHED and article.published_at:
        when = timezone.localtime(article.published_at)
        if article.is_scheduled:
            label = f"Hẹn giờ {when:%d/%m/%Y %H:%M}" if long else f"Hẹn giờ {when:%d/%m %H:%M}"
    return format_html('<span class="ed-status ed-status-{}">{}</span>', css, label)


def _step_button_label(step, add):
    labels = {
        "submit": "Lưu và gửi duyệt",
        "publish": "Lưu, duyệt và xuất bản",
        "unpublish": "Lưu và gỡ bài",
        "return": "Lưu và trả lại biên tập",
    }
    return labels[step]


def _event_message(event):
    if event.action == event.Action.SCHEDULED:
        when = timezone.localtime(event.publish_at)
        return f"Đã duyệt; bài sẽ tự xuất bản lúc {when:%d/%m/%Y %H:%M}."
    return {
        event.Action.SUBMITTED: "Đã gửi bài cho trưởng ban biên tập duyệt.",
        event.Action.PUBLISHED: "Đã duyệt và xuất bản bài.",
        event.Action.UNPUBLISHED: "Đã gỡ bài khỏi trang.",
        event.Action.RETURNED: "Đã trả bài lại cho biên tập viên.",
    }.get(event.action, event.get_action_display())
