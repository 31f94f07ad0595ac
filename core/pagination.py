from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import pagecache

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


class NumberedPaginationMixin:
    """For ListViews: the cached count above, plus what includes/pagination.html needs:
    the elided page numbers ("1 2 3 4 5 … 40") and the query string without ``page``."""

    paginator_class = CachedCountPaginator

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
            context["page_range"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context
