"""The allow-list an article body passes through when it is saved.

One definition feeds both sides: ``BODY_EXTENSIONS`` names what a body may contain as
django-prose-editor (Tiptap) extensions. The admin's editor is configured with exactly
these (articles.forms.RichTextWidget), and the server's nh3 allow-list below is derived
from them by django-prose-editor's own processors (our ``ArticleImage`` is registered in
settings.DJANGO_PROSE_EDITOR_EXTENSIONS). So the editor cannot produce what the server
would strip, and the server keeps nothing the editor cannot show.

The server never trusts the editor: no script, no event handlers, no ``style``
attributes, no ``javascript:`` or ``data:`` URLs, no iframes or forms, whatever is posted.
"""

import nh3
from django_prose_editor.config import allowlist_from_extensions

BODY_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,  # <br> (Shift+Enter)
    "Heading": {"levels": [2, 3, 4]},  # the title is the page's <h1>
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    # No "open in a new window": links open in place and get rel="noopener noreferrer".
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # <figure data-image="N"></figure>: the article's image number N, rendered for readers
    # by articles.rendering (static/admin-editor/article-editor.js in the editor).
    "ArticleImage": True,
}

# Links keep only these schemes (nh3 drops any other href); relative addresses stay.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _allowlist():
    derived = allowlist_from_extensions(BODY_EXTENSIONS)
    tags = set(derived["tags"])
    attributes = {tag: set(names) for tag, names in derived["attributes"].items()}
    # Narrower than django-prose-editor's processors, to what the editor really writes:
    # rel is not the client's to choose (nh3 gives every link rel="noopener noreferrer"),
    # and a table's header cells are <th> in its <tbody>, never in a <thead>.
    attributes["a"].discard("rel")
    tags.discard("thead")
    return frozenset(tags), attributes


ALLOWED_TAGS, ALLOWED_ATTRIBUTES = _allowlist()

_NUMERIC_ATTRIBUTES = {"data-image", "colspan", "rowspan", "start"}
# A numbered list's style, as the editor writes it: type="a" data-type="lower-alpha".
_LIST_TYPES = {
    "type": {"1", "a", "A", "i", "I"},
    "data-type": {"decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman"},
}


def _ascii_number(value):
    return value.isascii() and value.isdigit() and len(value) <= 6  # "²".isdigit() is True


def _filter_attribute(tag, attribute, value):
    if attribute == "title" and not value.strip():
        return None  # the link dialog's empty "title" field
    if attribute in _NUMERIC_ATTRIBUTES and not _ascii_number(value):
        return None
    if tag == "ol" and attribute in _LIST_TYPES and value not in _LIST_TYPES[attribute]:
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
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


def sanitize_html(html):
    """Return ``html`` reduced to the allow-list (links get rel="noopener noreferrer")."""
    if not html:
        return ""
    return _CLEANER.clean(html)
