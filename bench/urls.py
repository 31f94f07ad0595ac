"""The product's URLs plus /__floor__/<id>/: the floor every page is compared with."""

from django.db.models import F
from django.http import HttpResponse
from django.urls import include, path

from articles.models import Article


def floor(request, pk):
    """A plain Django view doing one synchronous counter UPDATE per request: what a
    naive news page with a view counter costs, without templates or other queries."""
    Article.objects.filter(pk=pk).update(views=F("views") + 1)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("__floor__/<int:pk>/", floor),
    path("", include("config.urls")),
]
