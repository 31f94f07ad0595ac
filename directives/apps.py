from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = "Văn bản và hội nghị"

    def ready(self):
        from core import pagecache, search
        from core.search.groups import register_group

        from .models import ConnectionPoint, Directive, DirectiveRelation, Meeting
        from .search import (
            directive_document,
            meeting_document,
            search_directives,
            search_meetings,
        )

        for model in (Directive, DirectiveRelation, Meeting, ConnectionPoint):
            pagecache.watch(model)
        search.register(Directive, directive_document)
        search.register(Meeting, meeting_document)
        # On the search page, above the articles.
        register_group("directives", search_directives, "directives/search/directives.html")
        register_group("meetings", search_meetings, "directives/search/meetings.html")
