"""Host names: how one is written down (lower case, no port, punycode for Vietnamese
domains), and the allowed-hosts list that board domains join without a restart."""

import re

from django.core.exceptions import ValidationError

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalise_host(value):
    """ "TuyenGiao.TraVinh.gov.vn." → "tuyengiao.travinh.gov.vn"; "bántin.vn" → its
    punycode. Raises ValidationError (in Vietnamese) for anything that is not a bare
    host name: a scheme, a path, a port, a wildcard, spaces, an IP address."""
    text = (value or "").strip().rstrip(".").lower()
    if not text:
        raise ValidationError("Hãy nhập tên miền, ví dụ tuyengiao.travinh.gov.vn.")
    if any(c in text for c in "/:@*?# \\") or text.startswith("["):
        raise ValidationError(
            "Chỉ nhập tên miền (ví dụ tuyengiao.travinh.gov.vn), không có http://, "
            "đường dẫn, cổng hay dấu *."
        )
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationError(
            "Tên miền “%(value)s” không hợp lệ.", params={"value": value}
        ) from None
    labels = text.split(".")
    if (
        len(text) > 253
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise ValidationError("Tên miền “%(value)s” không hợp lệ.", params={"value": value})
    return text


def request_host(request):
    """The host a request names, lower-cased, without its port (not yet validated)."""
    from django.http.request import split_domain_port

    raw = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    return split_domain_port(raw)[0]


class AllowedHosts(list):
    """settings.ALLOWED_HOSTS: the configured entries (DJANGO_ALLOWED_HOSTS) followed by
    the board domains the site has registered (``extend_with``), so Django's own host
    check (request.get_host()) accepts a board's domain the moment a superuser adds it."""

    def __init__(self, configured):
        super().__init__(configured)
        self.registered = frozenset()

    def extend_with(self, hosts):
        self.registered = frozenset(hosts)

    def __iter__(self):
        yield from super().__iter__()
        yield from self.registered

    def __contains__(self, host):
        return host in self.registered or super().__contains__(host)

    def __bool__(self):
        return bool(self.registered) or super().__len__() > 0
