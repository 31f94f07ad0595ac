"""Editorial hardening, each test an attack that was tried and is now refused: uploads
by allow-list, approval for everything public, no slug oracle across boards, 400 for
bad admin parameters, plain-text feed summaries, private previews."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles import workflow
from articles.models import Article
from directives.models import Directive, Meeting
from tests.factories import make_article, make_meeting

from .conftest import article_form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def signed_in(world, role):
    client = Client()
    client.force_login(world["users"][role])
    return client


def directive_form(world, **overrides):
    data = {
        "kind": "ke-hoach",
        "symbol": "88-KH/TU",
        "number": "88",
        "short_title": "",
        "title": "Kế hoạch thử nghiệm tải tệp",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "unit": str(world["own"].unit.pk),
        "issued_on": "",
        "effective_on": "",
        "summary": "",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
        "relations_out-MIN_NUM_FORMS": "0",
        "relations_out-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def add_directive(client, world, upload=None, **overrides):
    data = directive_form(world, **overrides)
    if upload is not None:
        data["file"] = upload
    return client.post(reverse("admin:directives_directive_add"), data)


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


# --- 1. Uploads by allow-list --------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("ke-hoach.html", b"<html><script>fetch('/admin/')</script></html>"),
        ("ke-hoach.js", b"fetch('/admin/').then(r => r.text())"),
        (
            "ke-hoach.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        ("ke-hoach.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("ke-hoach.pdf", b"<html><script>alert(1)</script></html>"),  # named .pdf, is HTML
    ],
)
def test_an_editor_cannot_upload_anything_but_documents(world, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(world, "editor")
    response = add_directive(client, world, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX hoặc ODT" in response.text
    assert not Directive.objects.filter(symbol="88-KH/TU").exists()
    assert not list(tmp_path.rglob("*.*"))


@pytest.mark.parametrize(
    "name, content, extension", [("a.pdf", PDF, "pdf"), ("b.docx", _docx(), "docx")]
)
def test_documents_are_stored_under_generated_names_and_downloaded_as_attachments(
    world, settings, tmp_path, name, content, extension
):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in(world, "chief")
    response = add_directive(
        client,
        world,
        SimpleUploadedFile(f"x<script>{name}", content),
        is_published="on",
    )
    assert response.status_code == 302, response.text[:2000]
    directive = Directive.objects.get(symbol="88-KH/TU")
    stored = directive.file.name
    assert stored.startswith("van-ban/") and stored.endswith(f".{extension}")
    # folder/YYYY/<random hex>.<extension>: nothing of the name the file came with.
    assert re.fullmatch(rf"van-ban/\d{{4}}/[0-9a-f]{{16,}}\.{extension}", stored), stored
    download = Client().get(reverse("directives:download", args=[directive.slug]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert f"{directive.slug}.{extension}" in download["Content-Disposition"]
    assert "sandbox" in download["Content-Security-Policy"]
    assert b"".join(download.streaming_content) == content


def test_media_served_by_django_is_never_rendered_as_a_page(world, settings, tmp_path):
    from core.uploads import serve_media

    (tmp_path / "x.html").write_text("<script>alert(1)</script>")
    from django.test import RequestFactory

    response = serve_media(RequestFactory().get("/media/x.html"), "x.html", str(tmp_path))
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"
    assert "sandbox" in response["Content-Security-Policy"]


# --- 2. One approval rule for everything public --------------------------------------


def test_an_editors_directive_waits_for_the_chief(world):
    editor = signed_in(world, "editor")
    response = add_directive(editor, world, is_published="on", is_featured="on")
    assert response.status_code == 302
    directive = Directive.objects.get(symbol="88-KH/TU")
    assert not directive.is_published and not directive.is_featured  # crafted fields ignored
    assert Client().get(directive.get_absolute_url()).status_code == 404
    assert directive.symbol not in Client().get(reverse("directives:list")).text
    chief = signed_in(world, "chief")
    url = reverse("admin:directives_directive_change", args=[directive.pk])
    response = chief.post(url, directive_form(world, is_published="on") | {"slug": directive.slug})
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.is_published
    assert Client().get(directive.get_absolute_url()).status_code == 200
    # Once public, an editor may not change it.
    assert editor.post(url, directive_form(world, title="Sửa")).status_code == 403
    directive.refresh_from_db()
    assert directive.title == "Kế hoạch thử nghiệm tải tệp"


def test_an_editor_cannot_publish_a_meeting(world):
    meeting = make_meeting(unit=world["own"].unit, is_published=False, title="Hội nghị nháp")
    editor = signed_in(world, "editor")
    page = editor.get(reverse("admin:directives_meeting_change", args=[meeting.pk])).text
    assert 'name="is_published"' not in page  # read-only for editors
    assert Client().get(meeting.get_absolute_url()).status_code == 404
    published = make_meeting(unit=world["own"].unit, title="Hội nghị đã công khai")
    url = reverse("admin:directives_meeting_change", args=[published.pk])
    assert editor.post(url, {"title": "Sửa"}).status_code == 403
    assert Meeting.objects.get(pk=published.pk).title == "Hội nghị đã công khai"


def test_an_editor_cannot_feature_an_article(world):
    editor = signed_in(world, "editor")
    draft = world["own"].draft
    url = reverse("admin:articles_article_change", args=[draft.pk])
    editor.post(url, article_form_data(draft, is_featured="on"))
    assert not Article.objects.get(pk=draft.pk).is_featured


# --- 3. No cross-board slug oracle ---------------------------------------------------


def test_another_boards_unpublished_slug_is_neither_refused_nor_suffixed(world):
    theirs = world["other"].draft
    editor = signed_in(world, "editor")
    # Typing the other board's draft slug is accepted as it is ...
    response = editor.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Bài của tôi", unit=str(world["own"].unit.pk), slug=theirs.slug),
    )
    assert response.status_code == 302
    mine = Article.objects.get(title="Bài của tôi")
    assert mine.slug == theirs.slug
    # ... and a draft titled like another board's pending article gets its slug, no "-2".
    waiting = world["other"].pending
    editor.post(
        reverse("admin:articles_article_add"),
        article_form_data(title=waiting.title, unit=str(world["own"].unit.pk)),
    )
    same_title = Article.objects.filter(title=waiting.title).exclude(pk=waiting.pk).get()
    assert same_title.slug == waiting.slug
    # Each board previews its own draft at the shared address.
    assert "Bài của tôi" in editor.get(mine.get_absolute_url()).text
    # Published, the slugs are told apart; the public one is unique.
    chief = world["users"]["chief"]
    workflow.publish(article=mine, by=chief)
    mine.refresh_from_db()
    assert mine.slug == theirs.slug
    workflow.publish(article=world["other"].draft, by=world["users"]["superuser"])
    theirs.refresh_from_db()
    assert theirs.slug != mine.slug  # the second to go public gets a free one
    assert "Bài của tôi" in Client().get(mine.get_absolute_url()).text
    assert theirs.title in Client().get(theirs.get_absolute_url()).text


def test_a_public_slug_is_still_refused(world):
    editor = signed_in(world, "editor")
    taken = world["other"].published.slug
    response = editor.post(
        reverse("admin:articles_article_add"),
        article_form_data(title="Bài trùng", unit=str(world["own"].unit.pk), slug=taken),
    )
    assert "Đường dẫn này đã được dùng cho bài khác" in response.text


# --- 5. Every admin parameter a stranger can send --------------------------------------


@pytest.mark.parametrize("role", ["editor", "chief", "superuser"])
@pytest.mark.parametrize(
    "query",
    [
        "chuyen_muc=9223372036854775808",
        "van_ban=9223372036854775808",
        "don_vi=9223372036854775808",
        "chuyen_muc=%C2%B2",
        "van_ban=-1",
        "don_vi=abc",
        "p=99999999999999999999",
        "o=999",
        "trang_thai=%00",
        "published_at__gte=2026-13-45",
        "q=" + "%F0%9F%98%80" * 50,
    ],
)
def test_admin_changelist_parameters_never_cause_a_500(world, role, query):
    """Every changelist of the admin, with each hostile parameter, as each role."""
    from django.contrib import admin

    client = signed_in(world, role)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(f"{url}?{query}")
        assert response.status_code in {200, 302, 400, 403}, (url, query, response.status_code)


# --- 6. Feeds ------------------------------------------------------------------------


def test_feed_summaries_carry_no_markup():
    make_article(title="Bài có sapo lạ", summary='<b onclick="x()">Đậm</b> & a < b')
    text = Client().get("/rss/").content.decode()
    description = (
        text.split("Bài có sapo lạ", 1)[1].split("<description>", 1)[1].split("</description>")[0]
    )
    assert "<b" not in description and "&lt;b" not in description
    assert "Đậm" in description and "&amp;lt; b" in description


# --- 7. Previews and staff pages -----------------------------------------------------


def test_previews_and_staff_pages_are_private_and_not_stored(world):
    editor = signed_in(world, "editor")
    for url in (world["own"].draft.get_absolute_url(), reverse("admin:index")):
        response = editor.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


# --- The approval matrix: who may make what public ---------------------------------


def _publish_directive(client, world):
    directive = Directive.objects.create(
        kind="ke-hoach",
        symbol="77-KH/TU",
        title="Kế hoạch chờ duyệt",
        issuer="Tỉnh ủy",
        unit=world["own"].unit,
    )
    url = reverse("admin:directives_directive_change", args=[directive.pk])
    data = directive_form(world, symbol="77-KH/TU", title="Kế hoạch chờ duyệt", is_published="on")
    client.post(url, data | {"slug": directive.slug})
    return Directive.objects.get(pk=directive.pk).is_published


def _publish_meeting(client, world):
    meeting = make_meeting(unit=world["own"].unit, is_published=False, title="Hội nghị chờ duyệt")
    url = reverse("admin:directives_meeting_change", args=[meeting.pk])
    client.post(
        url,
        {
            "title": meeting.title,
            "kind": meeting.kind,
            "unit": str(meeting.unit_id),
            "date_0": meeting.date.strftime("%d/%m/%Y"),
            "date": meeting.date.strftime("%d/%m/%Y"),
            "format": meeting.format,
            "is_published": "on",
            "connection_points-TOTAL_FORMS": "0",
            "connection_points-INITIAL_FORMS": "0",
            "connection_points-MIN_NUM_FORMS": "0",
            "connection_points-MAX_NUM_FORMS": "1000",
        },
    )
    return Meeting.objects.get(pk=meeting.pk).is_published


def _feature_article(client, world):
    article = world["own"].pending
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, article_form_data(article, is_featured="on"))
    return Article.objects.get(pk=article.pk).is_featured


def _add_section(client, world):
    from articles.models import Section

    client.post(
        reverse("admin:articles_section_add"),
        {
            "name": "Chuyên mục mới của ban",
            "unit": str(world["own"].unit.pk),
            "is_active": "on",
            "position": "0",
        },
    )
    return Section.objects.filter(name="Chuyên mục mới của ban").exists()


APPROVAL_ACTIONS = {
    "publish a directive": _publish_directive,
    "publish a meeting": _publish_meeting,
    "feature an article": _feature_article,
    "add a section": _add_section,
}
MAY_APPROVE = {"editor": False, "chief": True, "analyst": False, "superuser": True}


@pytest.mark.parametrize("action", APPROVAL_ACTIONS)
@pytest.mark.parametrize("role", MAY_APPROVE)
def test_only_chiefs_make_things_public(world, role, action):
    done = APPROVAL_ACTIONS[action](signed_in(world, role), world)
    assert done is MAY_APPROVE[role], (role, action)
