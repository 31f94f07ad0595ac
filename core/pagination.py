"""Paging, one way everywhere: the page number is ``page`` in every query string (the
staff report's older ``trang`` links are still read), and includes/pagination.html draws
every list's page links from a :class:`Pager`."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import pagecache

#: The one page parameter.
PAGE_PARAM = "page"
#: Older names still read (links published before they became one).
OLD_PAGE_PARAMS = ("trang",)

#: From this many rows deep, a page is read in two steps (see CachedCountPaginator.page).
LATE_LOOKUP_FROM = 200


class CachedCountPaginator(Paginator):
    """A Paginator for big lists: its COUNT(*) is kept per content version under
    ``count_key`` (what identifies the list: the same for all its pages), and a deep
    page reads its rows' keys first, so page 2,000 of a unit skips 40,000 index entries
    instead of 40,000 table rows."""

    def __init__(self, *args, count_key=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if not self.count_key:
            return super().count
        return pagecache.per_version(f"count:{self.count_key}", lambda: Paginator.count.func(self))

    def page(self, number):
        """Past LATE_LOOKUP_FROM rows: the page's primary keys with OFFSET (an
        index-only scan of the list's index), then those rows by key, in order."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < LATE_LOOKUP_FROM or not hasattr(self.object_list, "values_list"):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)}
        return self._get_page([rows[k] for k in keys if k in rows], number, self)


def requested_page(params):
    """The page number a query string asks for, as sent (the paginator validates it)."""
    for name in (PAGE_PARAM, *OLD_PAGE_PARAMS):
        if params.get(name):
            return params.get(name)
    return None


def page_numbers(current, last, *, around=2):
    """Page numbers to link, with None for a gap: 1 … 4 5 [6] 7 8 … 50."""
    shown = {1, last, *range(current - around, current + around + 1)}
    links, previous = [], 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number - previous > 1:
            links.append(None)
        links.append(number)
        previous = number
    return links


@dataclass
class Pager:
    """What includes/pagination.html draws: the numbers to link around ``number`` (None
    for a gap), previous and next, and the query string the links keep."""

    number: int
    last: int
    query_string: str = ""
    #: the heading and landmark name ("Tin khác" under a unit's articles)
    label: str = "Trang"
    #: where the links lead ("" for this page's own address)
    path: str = ""

    @classmethod
    def of(cls, *, number, last, params=None, label="Trang", path=""):
        """``params``: the request's query parameters; the page number is dropped."""
        kept = params.copy() if params is not None else None
        if kept is not None:
            for name in (PAGE_PARAM, *OLD_PAGE_PARAMS):
                kept.pop(name, None)
        return cls(number, last, kept.urlencode() if kept else "", label, path)

    @property
    def is_needed(self):
        return self.last > 1

    @property
    def numbers(self):
        return page_numbers(self.number, self.last)

    @property
    def previous(self):
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self):
        return self.number + 1 if self.number < self.last else None

    @property
    def prefix(self):
        """``?<kept parameters>&page=``: each link appends its number."""
        query = f"{self.query_string}&" if self.query_string else ""
        return f"{self.path}?{query}{PAGE_PARAM}="


class NumberedPaginationMixin:
    """For ListViews: the cached count above, and the ``pager`` includes/pagination.html
    draws (labelled ``pagination_label``)."""

    paginator_class = CachedCountPaginator
    pagination_label = "Trang"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The list is what the path and the parameters the page cache keys on (all of
        # them for a view without one) make it; the page number is not part of it. Not
        # the SQL: "published by now" puts a new time in every request's query.
        names = getattr(self, "cache_params", None) or sorted(self.request.GET)
        digest = pagecache.request_digest(self.request, [n for n in names if n != self.page_kwarg])
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=digest,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["pager"] = Pager.of(
                number=page.number,
                last=page.paginator.num_pages,
                params=self.request.GET,
                label=self.pagination_label,
            )
        return context
