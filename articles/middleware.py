import logging
import re
import uuid

from django.conf import settings

from . import services

log = logging.getLogger(__name__)
_VALID_ID = re.compile(r"^[0-9a-f]{32}$")


class VisitorMiddleware:
    """Give each reader a first-party visitor id (a random cookie) and, after a page
    that opted in (``request.tracking``) has been answered, count it: the article's
    view, the visit to its board and to the site, and "online now"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = request.COOKIES.get(settings.VISITOR_COOKIE, "")
        is_new = not _VALID_ID.match(cookie)
        request.visitor_id = uuid.uuid4().hex if is_new else cookie
        request.tracking = None
        response = self.get_response(request)
        if request.tracking is not None:
            try:
                services.track(request=request, response=response)
            except Exception:  # counting never makes a page fail
                log.exception("tracking failed for %s", request.path)
            if is_new and response.status_code == 200:
                response.set_cookie(
                    settings.VISITOR_COOKIE,
                    request.visitor_id,
                    max_age=365 * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
        return response
