"""/tim-kiem/: the public search page (articles, with the result groups other apps
register above them). The rules live in articles/search.py and core/search; the form in
articles/search_form.py."""

from django.shortcuts import render
from django.views import View

from core.pagination import Pager, requested_page
from core.search import parse_query
from core.search.groups import search_groups

from . import search, selectors
from .search_form import SearchForm


def _page_number(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


class SearchView(View):
    """Tìm kiếm. GET only; bad filter values answer 400 with the form's messages."""

    template_name = "articles/search.html"

    def get(self, request):
        form = SearchForm.from_query(request.GET, site=getattr(request, "board_site", None))
        context = {"form": form, "query": parse_query(""), "results": None}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        context["query"] = query = parse_query(form.cleaned_data["q"])
        if query:
            context.update(self.results(request, form, query))
        return render(request, self.template_name, context)

    def results(self, request, form, query):
        page = _page_number(requested_page(request.GET))
        results = search.search_articles(query, section=form.section_id, page=page, **form.filters)
        selectors.with_lead_images(hit.article for hit in results.hits)  # one query
        return {
            "results": results,
            # Directives, meetings...: no section; they lead the first page.
            "result_groups": search_groups(query, **form.filters)
            if results.page == 1 and form.section_id is None
            else [],
            "pager": Pager(
                results.page, results.known_pages, form.query_string, "Phân trang kết quả"
            ),
            "max_pages": search.MAX_PAGES,
        }


search_view = SearchView.as_view()
