"""``{% board_links board as links %}``: the board's links to other official sites, in
order, for its footer (no board: the portal, which shows the central board's). Kept
until the content changes: a chief's edit starts a new content version."""

from django import template

from core import pagecache

from ..models import Board, BoardLink, Unit

register = template.Library()


def _links(board_id):
    rows = BoardLink.objects.filter(is_active=True)
    if board_id is None:
        rows = rows.filter(board__unit__kind=Unit.Kind.CENTRAL)
    else:
        rows = rows.filter(board_id=board_id)
    return [
        {
            "title": link.title,
            "url": link.url,
            "image": link.image.url if link.image else "",
            "width": link.width,
            "height": link.height,
        }
        for link in rows.order_by("position", "pk")
    ]


@register.simple_tag
def board_links(board=None):
    board_id = board.pk if isinstance(board, Board) else None
    return pagecache.per_version(f"links:{board_id or 0}", lambda: _links(board_id))
