from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = "Đơn vị và ban tuyên giáo"

    def ready(self):
        from core import pagecache

        from .models import Board, BoardName, Unit

        for model in (Unit, Board, BoardName):
            pagecache.watch(model)
