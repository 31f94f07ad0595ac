"""What a signed-in user may see of board-owned content: one rule for articles, meetings
and directives, on their querysets."""

from core.pagecache import ContentQuerySet

from . import access


class BoardContentQuerySet(ContentQuerySet):
    """Rows that belong to a unit (``unit_id``) and say themselves what is public
    (``published()``)."""

    def published(self):
        raise NotImplementedError

    def visible_to(self, user):
        """Everything public, plus every row of the user's own board (its unit and the
        pre-2025 units merged into it, published or not); everything for superusers.
        Anonymous users and accounts without a board see what the public sees."""
        ids = access.unit_ids(user)
        if ids is None:
            return self.all()
        published = self.published()
        return published | self.filter(unit_id__in=ids) if ids else published
