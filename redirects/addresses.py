"""How an old address is written down, so that a link typed into a spreadsheet and the
request a reader's browser makes for it compare equal.

An address is the path and query of a request as ``request.get_full_path()`` gives it:
the path percent-encoded (Vietnamese letters and spaces as %XX), the query as it was
linked, no fragment. Matching ignores case (``match_key``): the boards' old sites ran
mostly on ASP.NET, SharePoint and other servers that did not tell /Tin-Tuc/ from
/tin-tuc/, and links to them circulate in both spellings. The stored path keeps the
case it was written with, for the admin; two old addresses that differ only in case are
one.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.encoding import escape_uri_path, iri_to_uri

from core.hosts import normalise_host

#: The longest old path (with its query) the table keeps, and records as missing.
MAX_PATH = 500


def normalise_path(value):
    """ " /Tin-Tuc/Chi tiết.aspx?ID=5#top " → "/Tin-Tuc/Chi%20ti%E1%BA%BFt.aspx?ID=5".
    Idempotent. Raises ValidationError (in Vietnamese)."""
    text = (value or "").strip().split("#", 1)[0]
    if not text.startswith("/"):
        raise ValidationError(
            "Đường dẫn phải bắt đầu bằng “/”, ví dụ /tin-tuc/chi-tiet.aspx?id=123."
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValidationError("Đường dẫn có ký tự điều khiển.")
    path, _, query = text.partition("?")
    # What Django does to a request: the path arrives decoded and get_full_path()
    # encodes it again; the query string is kept as sent.
    full = escape_uri_path(unquote(path))
    if query:
        full += "?" + iri_to_uri(query)
    if len(full) > MAX_PATH:
        raise ValidationError(f"Đường dẫn dài quá {MAX_PATH} ký tự.")
    return full


def match_key(full_path):
    """What two addresses are compared by: a normalised address is ASCII, so lower()
    folds exactly the letters a case-insensitive server ignored."""
    return full_path.lower()


def normalise_target_path(value):
    """A page of our site a redirect may point to: a path, never another site (no
    "//host" or "/\\host", which browsers read as another host)."""
    text = (value or "").strip()
    if text.startswith(("//", "/\\")) or "\\" in text:
        raise ValidationError(
            "Đường dẫn đích phải là một trang của trang này, ví dụ /tinh/tra-vinh/."
        )
    return normalise_path(text)


def split_url(value):
    """(host, path) of an old address written as a full URL ("https://host/path?q",
    "host/path?q" also accepted). Raises ValidationError (in Vietnamese)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError("Thiếu địa chỉ cũ.")
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
    except ValueError:
        raise ValidationError(
            "Địa chỉ “%(value)s” không hợp lệ.", params={"value": value}
        ) from None
    if parts.scheme.lower() not in {"http", "https"} or not hostname:
        raise ValidationError("Địa chỉ “%(value)s” không hợp lệ.", params={"value": value})
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return normalise_host(hostname), normalise_path(path)
