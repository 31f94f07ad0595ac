from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        from . import search, signals  # noqa: F401

        search.connect_signals()
