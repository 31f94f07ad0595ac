"""Media on other apps' pages: a directive's files (templates/directives/
directive_detail.html) and an article's videos and albums (the article page)."""

from django import template
from django.db.models import Prefetch

from ..models import Album, Document, Photo, Video

register = template.Library()


@register.inclusion_tag("media/includes/directive_documents.html")
def directive_documents(directive):
    """The public documents filed under ``directive`` (its full text, annexes,
    propaganda material), newest first."""
    documents = Document.objects.published().filter(directive=directive).select_related("unit")
    return {"documents": list(documents), "directive": directive}


@register.inclusion_tag("media/includes/article_media.html")
def article_media(article):
    """The public videos and albums linked to ``article``: an uploaded video plays in
    the article; a YouTube video links to its own page (the only page whose policy
    admits YouTube's player); each album shows its cover. Three queries, whatever the
    number of items."""
    videos = Video.objects.published().filter(articles=article).order_by("-pk")[:3]
    albums = (
        Album.objects.published()
        .filter(articles=article)
        .order_by("-pk")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=Photo.objects.order_by("position", "pk")[:1],
                to_attr="cover_photos",
            )
        )[:3]
    )
    return {"videos": list(videos), "albums": list(albums)}
