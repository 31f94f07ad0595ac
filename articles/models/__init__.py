"""Sections, articles, their images and reader comments, the workflow's history and the
visit statistics: one module each."""

from .articles import Article, ArticleManager, ArticleQuerySet, latest_due_timestamp
from .comments import Comment, CommentQuerySet
from .counts import CounterFlush, DailyVisits
from .history import ArticleEvent, ArticleRevision
from .images import ArticleImage, ArticleImageManager
from .sections import Section, SectionManager

__all__ = [
    "Article",
    "ArticleEvent",
    "ArticleImage",
    "ArticleImageManager",
    "ArticleManager",
    "ArticleQuerySet",
    "ArticleRevision",
    "Comment",
    "CommentQuerySet",
    "CounterFlush",
    "DailyVisits",
    "Section",
    "SectionManager",
    "latest_due_timestamp",
]
