from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = "Địa chỉ cũ"

    def ready(self):
        from provinces import sites

        from .services import resolve_old_address

        # Legacy domains (boards merged away in 2025) send a mapped old address to its
        # page instead of the old unit's archive.
        sites.register_path_resolver(resolve_old_address)
