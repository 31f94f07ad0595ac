"""/api/v1/: an index of the API, django-ninja's routes (the OpenAPI document at
openapi.json, the docs page at docs), each wrapped in api.http.api_view; any other
address below answers a 404 problem, not the site's HTML page."""

from django.http import JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path, reverse

from .api import api, not_found
from .http import api_view
from .problems import problem_response

app_name = "api"

INDEX = ("articles", "directives", "meetings", "units", "boards", "sections")


def _wrap(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrap(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = api_view(pattern.callback)
    return patterns


@api_view
def index(request):
    def url(name):
        return request.build_absolute_uri(reverse(f"api:{name}"))

    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "openapi": url("openapi-json"),
            "docs": url("openapi-view"),
            "links": {name: url(name) for name in INDEX},
        },
        json_dumps_params={"ensure_ascii": False},
    )


@api_view
def unknown(request, path=""):
    return problem_response(request, not_found())


urlpatterns = [
    path("", index, name="index"),
    *_wrap(api.urls[0]),
    re_path(r"^(?P<path>.*)$", unknown, name="unknown"),
]
