"""Who may see and touch what. Every board-scoped decision in the project asks here.

A staff account belongs to one board (``Membership``) with one role:
- Biên tập viên (editor): writes and edits its board's drafts, submits them;
- Trưởng ban biên tập (chief): also approves, publishes, schedules, unpublishes,
  moderates comments and edits the board's profile;
- Chuyên viên (analyst): reads staff reports, edits nothing;
- superusers (Quản trị) act on every board.

A board's scope is its unit plus the pre-2025 units merged into it: Cần Thơ's board
looks after Hậu Giang's archive.
"""

from .models import Membership

Role = Membership.Role
SUPERUSER = "superuser"

_CACHE_ATTR = "_tgcms_membership"


def membership(user):
    """The user's Membership (or None), cached on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, _CACHE_ATTR):
        found = Membership.objects.select_related("board__unit").filter(user_id=user.pk).first()
        setattr(user, _CACHE_ATTR, found)
    return getattr(user, _CACHE_ATTR)


def role(user):
    """ "superuser", one of Membership.Role's values, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return SUPERUSER
    found = membership(user)
    return found.role if found else None


def board(user):
    found = membership(user)
    return found.board if found else None


def unit_ids(user):
    """The unit ids the user acts on: None means every unit (superusers); an empty
    frozenset means none."""
    if role(user) == SUPERUSER:
        return None
    found = membership(user)
    if found is None:
        return frozenset()
    cached = getattr(user, "_tgcms_unit_ids", None)
    if cached is None:
        cached = frozenset(found.board.unit.history_unit_ids())
        user._tgcms_unit_ids = cached
    return cached


def in_scope(user, unit_id):
    ids = unit_ids(user)
    return ids is None or unit_id in ids


def scope(queryset, user, field="unit"):
    """Narrow ``queryset`` to the user's units through ``field`` (a FK to Unit, or a
    path such as "article__unit")."""
    ids = unit_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


def can_edit_content(user):
    return role(user) in {SUPERUSER, Role.EDITOR, Role.CHIEF}


def can_publish(user):
    """Approve, publish, schedule, unpublish; moderate comments."""
    return role(user) in {SUPERUSER, Role.CHIEF}


def can_moderate(user):
    return can_publish(user)


def can_edit_board(user, board_obj):
    r = role(user)
    if r == SUPERUSER:
        return True
    return r == Role.CHIEF and membership(user).board_id == board_obj.pk


def can_view_reports(user):
    return role(user) in {SUPERUSER, Role.CHIEF, Role.ANALYST}


def can_preview(user, article):
    """Editors and chiefs of the article's board (and superusers) may open an
    unpublished article at its public address."""
    return can_edit_content(user) and in_scope(user, article.unit_id)
