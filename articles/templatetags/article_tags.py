from django import template

from ..rendering import render_body

register = template.Library()


@register.simple_tag
def article_body(article):
    """{% article_body article as body %}: body.html and body.rest (unplaced images)."""
    html, rest = render_body(article)
    return {"html": html, "rest": rest}
