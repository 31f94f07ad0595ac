from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = "Văn bản và hội nghị"

    def ready(self):
        from core import pagecache

        from .models import ConnectionPoint, Directive, DirectiveRelation, Meeting

        for model in (Directive, DirectiveRelation, Meeting, ConnectionPoint):
            pagecache.watch(model)
