"""Directives on pages other apps own (the home page's "Văn bản tiêu điểm"): the
templates ask here, so the views below this app never import it."""

from django import template

from directives.models import Directive

register = template.Library()

FOCUS_COUNT = 6


@register.simple_tag
def focus_directives():
    """The public directives a chief has put in focus, newest first."""
    return list(
        Directive.objects.published().filter(is_featured=True).select_related("unit")[:FOCUS_COUNT]
    )
