"""The allow-list an article body passes through when it is saved.

No script, no event handlers, no ``style`` attributes, no ``javascript:`` or ``data:``
URLs, no iframes or forms: whatever an editor pastes, only structure and text remain.
"""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "mark",
    "small",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "q",
    "cite",
    "abbr",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "figure": {"data-image"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _ascii_number(value):
    return value.isascii() and value.isdigit() and len(value) <= 6  # "²".isdigit() is True


def _filter_attribute(tag, attribute, value):
    if tag == "figure" and attribute == "data-image" and not _ascii_number(value):
        return None
    if attribute in {
        "width",
        "height",
        "colspan",
        "rowspan",
        "span",
        "start",
    } and not _ascii_number(value):
        return None
    return value


def sanitize_html(html):
    """Return ``html`` reduced to the allow-list (links get rel="noopener noreferrer")."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "template",
            "svg",
            "math",
        },
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
