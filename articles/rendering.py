"""Turn an article's stored body into the HTML readers see.

The body places images with ``<figure data-image="N"></figure>`` markers (N is the
image's position); the figure, its <img> and caption are rendered here from the
prefetched images, so no extra query runs however many images an article has.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

FIGURE_MARKER = re.compile(r'<figure\s+data-image="(\d+)"\s*>\s*</figure>')


def render_body(article, images=None):
    """Return (body_html, unplaced_images)."""
    images = list(article.images.all()) if images is None else images
    by_position = {image.position: image for image in images}
    placed = set()

    def replace(match):
        image = by_position.get(int(match[1]))
        if image is None:
            return ""
        placed.add(image.position)
        return render_to_string("articles/includes/figure.html", {"image": image})

    html = FIGURE_MARKER.sub(replace, article.body or "")
    rest = [image for image in images if image.position not in placed]
    return mark_safe(html), rest  # noqa: S308 - the body is sanitised when it is saved
