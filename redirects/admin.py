"""The redirect table in the admin, scoped to the user's board like everything else
(provinces.scoped_admin): a board's rows are those of its unit and of the units merged
into it (Vĩnh Long's chief keeps Trà Vinh's old site).

- Old addresses: chiefs manage their board's, superusers all; editors read them.
- Missing addresses: listed most-asked first, each with a link that opens the old
  address form filled in with its host and path; chiefs and superusers may delete
  (dismiss) them. They are recorded by the site, never added by hand.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from core.hosts import normalise_host
from provinces import access
from provinces.models import BoardDomain
from provinces.scoped_admin import BoardScopedAdmin

from .models import MissingAddress, OldAddress


def can_manage(request):
    """Who maps a board's old addresses: its chief (the role that decides what readers
    see), and superusers."""
    return access.role(request.user) in {access.SUPERUSER, access.Role.CHIEF}


@admin.register(OldAddress)
class OldAddressAdmin(BoardScopedAdmin):
    scope_field = "board__unit"
    list_display = ["__str__", "target", "board", "hits", "last_hit_at"]
    list_filter = [("board", admin.RelatedOnlyFieldListFilter), "host"]
    list_select_related = ["board", "article"]
    search_fields = ["path", "host", "target_path", "article__title"]
    search_help_text = "Tìm theo đường dẫn cũ, tên miền, đường dẫn đích, tiêu đề bài."
    autocomplete_fields = ["article"]
    fields = ["board", "host", "path", "article", "target_path", "hits", "last_hit_at"]
    readonly_fields = ["hits", "last_hit_at"]
    list_per_page = 100

    def can_add(self, request):
        return can_manage(request)

    def can_change(self, request):
        return can_manage(request)

    def can_delete(self, request):
        return can_manage(request)

    @admin.display(description="chuyển tới")
    def target(self, obj):
        if obj.article_id is not None:
            state = "" if obj.article.is_published else " (bài đang không công khai)"
            return f"{obj.article.title}{state}"
        return obj.target_path or "— (bài đích đã bị xoá)"

    def get_changeform_initial_data(self, request):
        # "Ánh xạ địa chỉ này" in the missing addresses' list opens this form with the
        # host, path and board filled in; a chief's own board is the default otherwise.
        initial = super().get_changeform_initial_data(request)
        board = access.board(request.user)
        if "board" not in initial and board is not None:
            initial["board"] = board.pk
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if access.role(request.user) == access.SUPERUSER:
            return form

        class BoardHostsOnly(form):
            """A chief maps only addresses on registered domains of their board (and of
            the boards merged into it): any other host (the portal's, an unregistered
            one) is for superusers."""

            def clean(self):
                data = super().clean()
                board = data.get("board")
                try:
                    host = normalise_host(data.get("host"))
                except ValidationError:
                    return data  # the model's own check says what is wrong
                # Whose domain it is, the model checks (OldAddress.clean): the board's
                # own or one of its family's (Vĩnh Long's chief maps Trà Vinh's old
                # domain).
                if board is not None and not BoardDomain.objects.filter(host=host).exists():
                    self.add_error(
                        "host",
                        "Chỉ nhập tên miền đã đăng ký cho ban này (xem trang của ban); "
                        "tên miền khác do quản trị hệ thống thêm.",
                    )
                return data

        return BoardHostsOnly


@admin.register(MissingAddress)
class MissingAddressAdmin(BoardScopedAdmin):
    scope_field = "board__unit"
    list_display = ["path", "host", "board", "hits", "first_seen", "last_seen"]
    list_filter = [("board", admin.RelatedOnlyFieldListFilter), "host"]
    list_select_related = ["board"]
    search_fields = ["path"]
    search_help_text = "Tìm theo đường dẫn."
    readonly_fields = ["board", "host", "path", "hits", "first_seen", "last_seen"]
    fields = readonly_fields
    ordering = ["-hits", "-last_seen"]
    list_per_page = 100

    def can_add(self, request):
        return False  # recorded by the site

    def can_change(self, request):
        return False

    def can_delete(self, request):
        return can_manage(request)

    def get_list_display(self, request):
        if can_manage(request):
            return [*self.list_display, "map_link"]
        return self.list_display

    @admin.display(description="")
    def map_link(self, obj):
        query = urlencode({"board": obj.board_id, "host": obj.host, "path": obj.path})
        return format_html(
            '<a href="{}?{}">Ánh xạ địa chỉ này</a>',
            reverse("admin:redirects_oldaddress_add"),
            query,
        )
