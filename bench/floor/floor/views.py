"""The plain floor's two views: what a plain Django project costs per request."""

from django.db import connection
from django.http import HttpResponse


def update(request, pk):
    """One counter UPDATE on the site's articles table, nothing else: a naive view
    counter. Raw SQL, since this project has none of the site's models."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET views = views + 1 WHERE id = %s", [pk])
    return HttpResponse("ok", content_type="text/plain")


def plain(request):
    """No database at all: Django's request/response cycle and middleware alone."""
    return HttpResponse("<p>ok</p>")
