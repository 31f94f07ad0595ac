"""What readers' requests change: view counts, visits, comments."""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, Sum
from django.utils import timezone

from core import security
from core.cache import count_in_window
from provinces.models import Board

from .counters import SITE, get_store, scope_for_unit
from .models import Comment, DailyVisits

log = logging.getLogger(__name__)
_crawler = None


def is_crawler(request):
    global _crawler
    if _crawler is None:
        _crawler = re.compile(settings.COUNTER_CRAWLER_PATTERN, re.IGNORECASE)
    return bool(_crawler.search(request.META.get("HTTP_USER_AGENT", "")))


def displayed_views(articles):
    """{article id: stored + pending views} for the articles given."""
    articles = list(articles)
    pending = get_store().pending_views(a.pk for a in articles)
    return {a.pk: a.views + pending.get(a.pk, 0) for a in articles}


@dataclass
class VisitStats:
    online_guests: int
    online_members: int
    today: int
    week: int
    month: int
    total: int

    @property
    def online(self):
        return self.online_guests + self.online_members


def visit_stats(*, unit=None):
    """The "Thống kê truy cập" box: for a unit's board (the board looking after it
    today, with the history of the units merged into it) or, with no unit, the site.
    All time includes the visits imported from older sites."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    month_start = today.replace(day=1)
    if unit is None:
        scope = SITE
        rows = DailyVisits.objects.filter(unit__isnull=True)
        boards = Board.objects.all()
    else:
        holder = unit.successor
        scope = scope_for_unit(holder.pk)
        ids = holder.history_unit_ids()
        rows = DailyVisits.objects.filter(unit_id__in=ids)
        boards = Board.objects.filter(unit_id__in=ids)
    sums = rows.aggregate(
        today=Sum("visits", filter=Q(date=today), default=0),
        week=Sum("visits", filter=Q(date__gte=monday), default=0),
        month=Sum("visits", filter=Q(date__gte=month_start), default=0),
        total=Sum("visits", default=0),
    )
    baseline = boards.aggregate(n=Sum("visits_baseline", default=0))["n"]
    store = get_store()
    pending = store.pending_visits(scope, today)
    guests, members = store.online(scope)
    return VisitStats(
        online_guests=guests,
        online_members=members,
        today=sums["today"] + pending,
        week=sums["week"] + pending,
        month=sums["month"] + pending,
        total=sums["total"] + pending + baseline,
    )


class RateLimited(Exception):
    pass


def client_ip(request):
    return security.client_ip(request)


def post_comment(*, article, name, email, text, request):
    """Store a reader's comment as pending (an editor of the board approves it).
    Raises RateLimited when this visitor or address has posted too much lately."""
    limit, window = settings.COMMENT_RATE_LIMIT
    keys = [f"comments:v:{request.visitor_id}"]
    ip = client_ip(request)
    if ip:
        keys.append(f"comments:ip:{ip}")
    for key in keys:
        count = count_in_window(key, window)
        if count is None:  # the cache is down: accept the comment, it is moderated anyway
            break
        if count > limit:
            raise RateLimited
    return Comment.objects.create(
        article=article,
        name=name,
        email=email,
        text=text,
        visitor_id=request.visitor_id,
        ip_address=ip,
    )
