from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = "Đơn vị và ban tuyên giáo"

    def ready(self):
        from core import pagecache

        from .models import Board, BoardDomain, BoardName, Unit

        for model in (Unit, Board, BoardName, BoardDomain):
            pagecache.watch(model)
