"""The redirect table on the hosts that serve pages: consulted only when a page is not
found, so every page that exists pays nothing for it."""

from . import services


class OldAddressMiddleware:
    """A 404 for a GET or HEAD whose address is in the table becomes a permanent
    redirect to where the page lives now; an unknown one on a board's host is recorded
    as missing (redirects.services.answer_not_found). Legacy domains never get here:
    provinces.sites.BoardSiteMiddleware redirects them all, asking the table itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in {"GET", "HEAD"}:
            return response
        return services.answer_not_found(request) or response
