"""The project's admin site: Django's, with its "view on site" redirector scoped.

Django's /admin/r/<content type>/<id>/ redirects any staff member to the public address
of any object, looked up without the admin's queryset: for an unpublished article of
another board that reveals its address (its title, in the slug). Here it resolves the
object through the model's own admin, so it answers only for objects the user may see,
and 404 otherwise.

Installed by ``provinces.admin_apps.BoardAdminConfig`` (in INSTALLED_APPS in place of
"django.contrib.admin").
"""

from django.contrib import admin
from django.http import Http404, HttpResponseRedirect
from django.urls import path


class BoardAdminSite(admin.AdminSite):
    site_header = "Tuyên giáo CMS — Quản trị"
    site_title = "Tuyên giáo CMS"
    index_title = "Quản trị nội dung"

    @property
    def login_form(self):
        from core.forms import AdminLoginForm

        return AdminLoginForm

    def login(self, request, extra_context=None):
        """Django's admin sign-in, throttled as /dang-nhap/ is."""
        from core.auth_views import answer_lockout

        return answer_lockout(super().login(request, extra_context))

    def get_urls(self):
        urls = super().get_urls()
        scoped = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site_redirect),
            name="view_on_site",
        )
        return [scoped if getattr(u, "name", None) == "view_on_site" else u for u in urls]

    def view_on_site_redirect(self, request, content_type_id, object_id):
        from django.contrib.contenttypes.models import ContentType

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404("Không tìm thấy.") from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_permission(request):
            raise Http404("Không tìm thấy.")
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404("Không tìm thấy.")
        url = getattr(obj, "get_absolute_url", None)
        if url is None:
            raise Http404("Không có trang công khai.")
        return HttpResponseRedirect(url())
