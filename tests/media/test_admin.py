"""Editors create albums, videos and documents for their own board only; a chief makes
them public; every upload is checked by its content, with a Vietnamese message."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from media.models import Album, Document, Video
from provinces.models import Membership
from tests.factories import make_unit

from .conftest import MP4, PDF, VTT, jpeg, make_album, make_document, make_video, upload

pytestmark = pytest.mark.django_db

Role = Membership.Role


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def boards(db):
    own, other = make_unit(name="Tỉnh Đông"), make_unit(name="Tỉnh Tây")
    users = {}
    for role in (Role.EDITOR, Role.CHIEF, Role.ANALYST):
        user = get_user_model().objects.create_user(
            f"{role}-dong", password="x", is_staff=role != Role.ANALYST
        )
        Membership.objects.create(user=user, board=own.board, role=role)
        users[role] = user
    return {"own": own, "other": other, "users": users}


def signed_in(client, user):
    client.force_login(user)
    return client


def url(model, action, *args):
    return reverse(f"admin:media_{model._meta.model_name}_{action}", args=args)


def album_data(unit, **overrides):
    data = {
        "title": "Album hội nghị",
        "unit": str(unit.pk),
        "taken_on": "05/03/2026",
        "summary": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-image": upload("anh.jpg", jpeg(), "image/jpeg"),
        "photos-0-caption": "Quang cảnh hội nghị",
        "photos-0-credit": "Phóng viên",
        "photos-0-position": "1",
    }
    data.update(overrides)
    return data


def errors(response):
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "may_open"),
    [(Role.EDITOR, True), (Role.CHIEF, True), (Role.ANALYST, False)],
)
@pytest.mark.parametrize("model", [Album, Video, Document])
def test_who_may_open_the_media_admin(client, boards, role, may_open, model):
    response = signed_in(client, boards["users"][role]).get(url(model, "changelist"))
    assert (response.status_code == 200) is may_open


def test_an_editor_sees_and_opens_only_their_boards_items(client, boards):
    mine = make_album(unit=boards["own"], title="Album của ban mình", photos=0)
    theirs = make_album(unit=boards["other"], title="Album của ban khác", photos=0)
    editor = signed_in(client, boards["users"][Role.EDITOR])
    page = editor.get(url(Album, "changelist")).content.decode()
    assert mine.title in page and theirs.title not in page
    assert editor.get(url(Album, "change", theirs.pk)).status_code == 404
    assert editor.post(url(Album, "delete", theirs.pk), {"post": "yes"}).status_code in {403, 404}
    assert Album.objects.filter(pk=theirs.pk).exists()


def test_an_editors_album_is_a_draft_even_if_they_ask_to_publish(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    response = editor.post(url(Album, "add"), album_data(boards["own"], is_published="on"))
    assert response.status_code == 302, errors(response)
    album = Album.objects.get(title="Album hội nghị")
    assert album.is_published is False
    assert album.photos.get().caption == "Quang cảnh hội nghị"
    assert album.photos.get().image.name.startswith("albums/")


def test_an_editor_cannot_file_an_album_under_another_board(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    response = editor.post(url(Album, "add"), album_data(boards["other"]))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in errors(response) or "hợp lệ" in errors(response)
    assert not Album.objects.exists()


def test_a_chief_publishes_and_then_only_the_chief_may_change_it(client, boards):
    album = make_album(unit=boards["own"], is_published=False, photos=0)
    data = album_data(boards["own"], title=album.title, is_published="on")
    data["photos-TOTAL_FORMS"] = "0"
    chief = signed_in(client, boards["users"][Role.CHIEF])
    assert chief.post(url(Album, "change", album.pk), data).status_code == 302
    album.refresh_from_db()
    assert album.is_published is True
    client.logout()
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data["title"] = "Đổi tên sau khi công khai"
    assert editor.post(url(Album, "change", album.pk), data).status_code == 403
    album.refresh_from_db()
    assert album.title != "Đổi tên sau khi công khai"


def test_an_svg_photo_is_refused_with_a_message(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    data = album_data(boards["own"], **{"photos-0-image": upload("anh.jpg", svg, "image/jpeg")})
    response = editor.post(url(Album, "add"), data)
    assert response.status_code == 200
    assert "Không nhận ảnh SVG" in errors(response)
    assert not Album.objects.exists()


def video_data(unit, **overrides):
    data = {
        "title": "Video hội nghị",
        "unit": str(unit.pk),
        "recorded_on": "",
        "duration": "",
        "summary": "",
        "youtube": "",
    }
    data.update(overrides)
    return data


def test_an_editor_uploads_a_video_with_captions(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data = video_data(
        boards["own"],
        file=upload("clip.mov", MP4, "video/quicktime"),
        captions=upload("phu-de.txt", VTT, "text/plain"),
        poster=upload("poster.jpg", jpeg(), "image/jpeg"),
    )
    response = editor.post(url(Video, "add"), data)
    assert response.status_code == 302, errors(response)
    video = Video.objects.get()
    assert video.file.name.endswith(".mp4") and video.captions.name.endswith(".vtt")
    assert (video.poster_width, video.poster_height) == (64, 48)
    assert video.is_published is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"file": ("x.mp4", b"<html>hi</html>")}, "Chỉ nhận video MP4 hoặc WebM"),
        ({"file": ("x.mp4", MP4), "captions": ("x.vtt", b"hello")}, "phải là WebVTT"),
        ({"file": ("x.mp4", MP4), "poster": ("p.jpg", b"GIF89a broken")}, "ảnh"),
        ({"youtube": "https://vimeo.com/123"}, "không phải một video YouTube"),
        ({}, "Hãy tải lên một tệp video hoặc dán địa chỉ YouTube"),
        (
            {"file": ("x.mp4", MP4), "youtube": "https://youtu.be/dQw4w9WgXcQ"},
            "chỉ một trong hai",
        ),
    ],
)
def test_bad_video_uploads_are_refused_in_vietnamese(client, boards, fields, message):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data = video_data(boards["own"])
    for name, value in fields.items():
        data[name] = upload(*value) if isinstance(value, tuple) else value
    response = editor.post(url(Video, "add"), data)
    assert response.status_code == 200
    assert message in errors(response)
    assert not Video.objects.exists()


def test_a_youtube_address_is_kept_as_its_id(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data = video_data(boards["own"], youtube="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert editor.post(url(Video, "add"), data).status_code == 302
    assert Video.objects.get().youtube_id == "dQw4w9WgXcQ"


def document_data(unit, **overrides):
    data = {
        "title": "Đề cương tuyên truyền",
        "kind": Document.Kind.DE_CUONG,
        "symbol": "12-ĐC/BTG",
        "issuer": "Ban Tuyên giáo",
        "unit": str(unit.pk),
        "issued_on": "05/03/2026",
        "effective_on": "",
        "summary": "",
        "directive": "",
        "file": upload("de-cuong.pdf", PDF, "application/pdf"),
    }
    data.update(overrides)
    return data


def test_an_editor_uploads_a_document_stored_by_its_content(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data = document_data(boards["own"], file=upload("de-cuong.html", PDF, "text/html"))
    response = editor.post(url(Document, "add"), data)
    assert response.status_code == 302, errors(response)
    document = Document.objects.get()
    assert document.file.name.endswith(".pdf") and document.file_size == len(PDF)
    assert document.issued_on.isoformat() == "2026-03-05"  # read day first
    assert document.is_published is False


def test_a_document_that_is_not_one_is_refused(client, boards):
    editor = signed_in(client, boards["users"][Role.EDITOR])
    data = document_data(boards["own"], file=upload("x.pdf", b"<html><script></script>"))
    response = editor.post(url(Document, "add"), data)
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, DOC, DOCX, XLS, XLSX hoặc ODT" in errors(response)


def test_the_admin_search_box_folds_vietnamese(client, boards):
    make_document(unit=boards["own"], title="Tài liệu chuyển đổi số")
    make_video(unit=boards["own"], title="Video khác")
    editor = signed_in(client, boards["users"][Role.EDITOR])
    page = editor.get(url(Document, "changelist"), {"q": "chuyen doi"}).content.decode()
    assert "Tài liệu chuyển đổi số" in page


def test_a_draft_opens_for_its_boards_editors_only(client, boards):
    draft = make_album(unit=boards["own"], title="Album chưa duyệt", is_published=False)
    editor = signed_in(client, boards["users"][Role.EDITOR])
    page = editor.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert "Bản nháp: bạn đọc chưa thấy trang này" in page.content.decode()
    client.logout()
    stranger = get_user_model().objects.create_user("bientap-tay", password="x", is_staff=True)
    Membership.objects.create(user=stranger, board=boards["other"].board, role=Role.EDITOR)
    assert signed_in(client, stranger).get(draft.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("model", [Album, Video, Document])
def test_the_add_pages_offer_only_the_editors_units(client, boards, model):
    page = signed_in(client, boards["users"][Role.EDITOR]).get(url(model, "add"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'value="{boards["own"].pk}"' in html
    assert f'value="{boards["other"].pk}"' not in html
