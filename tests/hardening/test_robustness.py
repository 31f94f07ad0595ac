"""Every public and staff URL pattern, fed hostile input: never a 5xx.

The patterns come from the URL resolver itself, so a page added later is covered without
touching this file. Each pattern is requested with hostile values in its path; real pages
(from the seed data) are requested with hostile query parameters and form bodies, with
every HTTP method, as an anonymous reader, an analyst and a superuser. A fixed corpus
keeps the run bounded (well under a minute) and repeatable.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article, Comment
from directives.models import Directive, Meeting
from provinces.models import Membership, Unit

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999999",
    "1e309",
    "NaN",
    "0x7fffffff",
    "x" * 2100,
    "' OR '1'='1' --",
    "1; DROP TABLE articles_article; --",
    '"); SELECT pg_sleep(5); --',
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%252e%252e%252f",
    "%s%s%s%n",
    "\r\nSet-Cookie: bi=mat",
    "\u202egnp.exe",
    "\u200b\u200c\u200d",
    "Đảng 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ﷽",
    "\x00",
    "\x1b[31m",
    "[]",
    '{"a": 1}',
    "a" * 300 + "@" + "b" * 300 + ".vn",
    "31/02/2021",
    "2021-13-45",
    "9999-99-99",
]
PARAMS = [
    "page",
    "trang",
    "q",
    "loai",
    "tinh",
    "nam",
    "year",
    "cap",
    "van_ban",
    "don_vi",
    "tu_ngay",
    "den_ngay",
    "sap_xep",
    "chuyen_muc",
    "noi_dung",
    "tiep_noi",
    "trang_thai",
    "o",
    "p",
    "e",
    "all",
    "_changelist_filters",
    "next",
    "format",
    "status__exact",
]
FORM_FIELDS = ["name", "email", "text", "website", "username", "password", "title", "body"]
METHODS = ["get", "head", "put", "patch", "delete", "options"]  # and POST, with forms

# Path converters of the patterns: the hostile values that still resolve.
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def concrete(pattern, value):
    """The pattern with every converter filled with ``value`` (or None when ``value``
    could not match it), and regex patterns made literal where possible."""
    path = pattern.lstrip("^").rstrip("$")
    if "(?P<" in path or "\\" in path:  # regex patterns (media): try the traversal corpus
        path = re.sub(r"\(\?P<\w+>[^)]*\)", value.replace("/", "%2F"), path)
        path = path.replace("\\", "")
    for converter in re.findall(r"<(?:(\w+):)?\w+>", path):
        if converter == "int" and not value.lstrip("-").isdigit():
            return None
        if converter == "slug" and not SLUG.match(value):
            return None
    path = re.sub(r"<(?:\w+:)?\w+>", lambda _: value.replace("/", "%2F"), path)
    return "/" + path


@pytest.fixture
def clients(seeds, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "quantri-robust", password="Mật-khẩu-đủ-mạnh-2026"
    )
    analyst = django_user_model.objects.create_user(
        "chuyenvien-robust", password="Mật-khẩu-đủ-mạnh-2026"
    )
    Membership.objects.create(
        user=analyst, board=Unit.objects.central().board, role=Membership.Role.ANALYST
    )
    result = {"anonymous": Client(raise_request_exception=False)}
    for name, user in (("superuser", admin), ("analyst", analyst)):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        result[name] = client
    return result


def real_pages():
    """One real instance of each kind of page, from the seed data."""
    article = Article.objects.published().first()
    comment = Comment.objects.create(article=article, name="Bạn đọc", text="Ý kiến")
    return [
        "/",
        "/tim-kiem/",
        "/bao-cao/",
        "/bao-cao/tai-ve.csv",
        "/bao-cao/tai-ve.xlsx",
        "/tinh/can-tho/",
        "/tinh/hau-giang/",
        "/chuyen-muc/tin-tuc-su-kien/",
        article.get_absolute_url(),
        "/van-ban/",
        Directive.objects.first().get_absolute_url(),
        "/hoi-nghi/",
        Meeting.objects.first().get_absolute_url(),
        "/rss/",
        "/rss/tinh/can-tho/",
        "/sitemap.xml",
        "/sitemap-bai-viet.xml",
        "/robots.txt",
        "/healthz",
        "/dang-nhap/",
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/comment/",
        f"/admin/articles/comment/{comment.pk}/change/",
        "/admin/directives/directive/",
        "/admin/directives/meeting/",
        "/admin/provinces/board/",
        "/admin/provinces/unit/",
        "/admin/core/auditevent/",
        "/admin/autocomplete/",
    ]


def status_of(response):
    """The status, after reading a streamed body to its end as a server would (the test
    client then closes it; closing it by hand would fire request_finished, which closes
    the database connection of the test's transaction)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def assert_no_5xx(failures):
    assert failures == [], f"{len(failures)} answers were 5xx, e.g. {failures[:10]}"


def test_every_url_pattern_survives_hostile_path_values(clients):
    failures = []
    all_patterns = list(patterns())
    assert len(all_patterns) > 60  # the whole site, admin included
    for pattern in all_patterns:
        for value in HOSTILE:
            path = concrete(pattern, value)
            if path is None:
                continue
            for who in ("anonymous", "superuser"):
                try:
                    status = status_of(clients[who].get(path))
                except (
                    Exception
                ) as exc:  # an exception the test client could not turn into a response
                    failures.append((who, path[:120], repr(exc)[:200]))
                    continue
                if status >= 500:
                    failures.append((who, path[:120], status))
    assert_no_5xx(failures)


def test_real_pages_survive_hostile_query_parameters(clients):
    failures = []
    for page in real_pages():
        for value in HOSTILE:
            query = {name: value for name in PARAMS}
            for who in ("anonymous", "analyst", "superuser"):
                status = status_of(clients[who].get(page, query))
                if status >= 500:
                    failures.append((who, page, value[:40], status))
    assert_no_5xx(failures)


def test_real_pages_survive_hostile_forms_and_every_method(clients):
    failures = []
    for page in real_pages():
        for who in ("anonymous", "superuser"):
            client = clients[who]
            for method in METHODS:
                status = status_of(getattr(client, method)(page))
                if status >= 500:
                    failures.append((who, method, page, "", status))
            for value in HOSTILE[::3]:
                data = {name: value for name in FORM_FIELDS + PARAMS}
                status = status_of(client.post(page, data))
                if status >= 500:
                    failures.append((who, "post", page, value[:40], status))
    assert_no_5xx(failures)


def test_hostile_uploads_and_bodies_are_refused_not_crashed(clients):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = Article.objects.published().first()
    failures = []
    bodies = [
        ("text/plain", b"\x00\xff" * 1000),
        ("application/json", b'{"name": "x", "text": "y"'),
        (
            "multipart/form-data; boundary=xyz",
            b'--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\n',
        ),
        ("application/x-www-form-urlencoded", b"name=%ZZ&text=%E0%A4%A"),
    ]
    for content_type, body in bodies:
        for page in (article.get_absolute_url(), "/dang-nhap/", "/admin/articles/article/add/"):
            status = status_of(
                clients["superuser"].generic("POST", page, body, content_type=content_type)
            )
            if status >= 500:
                failures.append((page, content_type, status))
    upload = SimpleUploadedFile(
        "anh.jpg", b"GIF89a<script>alert(1)</script>", content_type="image/jpeg"
    )
    status = (
        clients["superuser"]
        .post("/admin/articles/article/add/", {"title": "x", "images-0-image": upload})
        .status_code
    )
    if status >= 500:
        failures.append(("upload", status))
    assert_no_5xx(failures)
