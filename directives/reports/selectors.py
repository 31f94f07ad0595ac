"""What a report covers: the articles and meetings its filters match, among those the
user may see (everything public, plus the unpublished material of the user's own board;
all of it for superusers: ``visible_to()``, the one rule)."""

from articles.models import Article

from ..models import Meeting
from .filters import ReportFilterSet


def filtered(*, filters: ReportFilterSet, user):
    """The matching (articles, meetings) querysets; ``filters`` must be valid."""
    articles = filters.filter_queryset(Article.objects.visible_to(user))
    meetings = filters.filter_queryset(Meeting.objects.visible_to(user))
    return articles, meetings
