from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        from core import pagecache, search

        from . import signals  # noqa: F401
        from .models import Article, ArticleImage, Comment, Section, latest_due_timestamp
        from .search import article_document

        # PostgreSQL searches articles through generated tsvector columns (migration 0003).
        search.register(Article, article_document, vectors=True)
        # What readers see of these models: see core.pagecache.
        pagecache.watch(Article, public={"status": Article.Status.PUBLISHED})
        pagecache.watch(Comment, public={"status": Comment.Status.APPROVED})
        pagecache.watch(ArticleImage)
        pagecache.watch(Section)
        pagecache.register_version_part(latest_due_timestamp)
        # What core's health check and backup need to know of counting.
        from core import backup, views

        from .counters import flush_before_backup, probe_counter_store

        views.register_health_check("counters", probe_counter_store)
        backup.BEFORE_BACKUP["flushed_views"] = flush_before_backup
