"""What readers may see of albums, videos and documents: one rule for the three, on
their querysets (provinces.querysets.BoardContentQuerySet gives ``visible_to``)."""

from django.db import models

from provinces.querysets import BoardContentQuerySet


class MediaQuerySet(BoardContentQuerySet):
    def published(self):
        """What readers may see: what a chief has made public."""
        return self.filter(is_published=True)


class DocumentQuerySet(MediaQuerySet):
    #: Readers' downloads are counting, not an edit: cached pages stay.
    counter_fields = frozenset({"downloads"})


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


MediaManager = SlugManager.from_queryset(MediaQuerySet)
DocumentManager = SlugManager.from_queryset(DocumentQuerySet)
