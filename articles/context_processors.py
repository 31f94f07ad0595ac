from django.conf import settings
from django.db.models import Q

from core import pagecache

from .models import Section


def navigation(request):
    """The section menu, kept until the content changes (an edited section starts a
    new content version): the shared sections, and on a board's site its own too."""
    site = getattr(request, "board_site", None)

    def menu():
        sections = Section.objects.filter(is_active=True)
        if site is not None:
            sections = sections.filter(Q(unit__isnull=True) | Q(unit_id__in=site.unit_ids))
        return [{"name": s.name, "url": s.get_absolute_url()} for s in sections]

    return {
        "nav_sections": pagecache.per_version(f"nav:sections:{site.board_id if site else 0}", menu)
    }


def staff_links(request):
    """Links for signed-in staff (reports, the admin). Readers carry no session, so
    for them this costs nothing and their pages can be cached."""
    user = getattr(request, "user", None)
    if (
        user is None
        or settings.SESSION_COOKIE_NAME not in request.COOKIES
        or not user.is_authenticated
    ):
        return {}
    from provinces import access

    return {
        "nav_reports": access.can_view_reports(user),
        "nav_admin": user.is_staff,
    }
