from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = "Ảnh, video và tài liệu"

    def ready(self):
        from core import pagecache, search
        from core.search.groups import register_group

        from .models import Album, Document, Photo, Video
        from .search import document_document, search_documents

        public = {"is_published": True}
        for model in (Album, Video, Document):
            pagecache.watch(model, public=public)
        pagecache.watch(Photo)
        search.register(Document, document_document)
        # On the search page, after directives and meetings.
        register_group("documents", search_documents, "media/search/documents.html")
