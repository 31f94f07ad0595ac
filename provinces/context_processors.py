from .models import Board


def board_site(request):
    """On a board's host (provinces.sites): the board, for the header's name and the
    footer. Nothing on the national portal."""
    site = getattr(request, "board_site", None)
    if site is None:
        return {}
    board = Board.objects.select_related("unit__merged_into").filter(pk=site.board_id).first()
    return {"site_board": board} if board else {}
