"""django.contrib.admin with the board-scoped admin site (provinces.admin_site) as the
default site. Kept apart from admin_site.py: INSTALLED_APPS imports this module before
any model can be imported."""

from django.contrib.admin.apps import AdminConfig


class BoardAdminConfig(AdminConfig):
    default_site = "provinces.admin_site.BoardAdminSite"
