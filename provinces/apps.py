from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = "Đơn vị và ban tuyên giáo"

    def ready(self):
        from core import pagecache

        from .models import Board, BoardDomain, BoardLink, BoardName, Unit

        for model in (Unit, Board, BoardName, BoardDomain, BoardLink):
            pagecache.watch(model)
        # Which host is whose site (provinces.sites) is read again when these change.
        from django.db.models.signals import post_delete, post_save

        from .sites import domains_changed

        for model in (Unit, Board, BoardDomain):
            post_save.connect(domains_changed, sender=model, dispatch_uid=f"sites-{model.__name__}")
            post_delete.connect(
                domains_changed, sender=model, dispatch_uid=f"sites-del-{model.__name__}"
            )
