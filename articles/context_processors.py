from django.conf import settings

from core import pagecache

from .models import Section


def navigation(request):
    """The section menu, kept until the content changes (an edited section starts a
    new content version)."""
    sections = pagecache.per_version(
        "nav:sections",
        lambda: [
            {"name": s.name, "url": s.get_absolute_url()}
            for s in Section.objects.filter(is_active=True)
        ],
    )
    return {"nav_sections": sections}


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
