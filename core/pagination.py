import hashlib
import logging

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import pagecache

log = logging.getLogger(__name__)


class CachedCountPaginator(Paginator):
    """A Paginator whose COUNT(*) is computed once per content version: deep pages of
    a big unit do not count a hundred thousand rows on every request."""

    @cached_property
    def count(self):
        version = pagecache.content_version()
        if version is None or not hasattr(self.object_list, "query"):
            return super().count
        sql, params = self.object_list.query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()[:32]
        key = f"count:{version}:{digest}"
        try:
            value = cache.get(key)
        except Exception:
            log.warning("count cache unavailable", exc_info=True)
            return super().count
        if value is None:
            value = super().count
            try:
                cache.set(key, value, 3600)
            except Exception:
                log.warning("count cache unavailable", exc_info=True)
        return value


class NumberedPaginationMixin:
    """For ListViews: the cached count above, plus what includes/pagination.html needs:
    the elided page numbers ("1 2 3 4 5 … 40") and the query string without ``page``."""

    paginator_class = CachedCountPaginator

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
