"""What an editor may upload: videos and captions by their content, YouTube addresses
from YouTube only, and the byte ranges videos are played with."""

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.uploads import serve_media
from media import uploads

from .conftest import MP4, VTT, WEBM, jpeg, upload


def test_mp4_and_webm_are_known_by_their_content_not_their_name():
    assert uploads.detect_video(upload("x.webm", MP4)) == "mp4"
    assert uploads.detect_video(upload("x.mp4", WEBM)) == "webm"
    uploads.validate_video(upload("hop-le.mp4", MP4))


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00program", jpeg(), b""],
)
def test_anything_else_named_mp4_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        uploads.validate_video(upload("video.mp4", content))
    assert "Chỉ nhận video MP4 hoặc WebM" in refused.value.messages[0]


def test_a_video_over_the_limit_is_refused(settings):
    settings.VIDEO_MAX_BYTES = 50
    with pytest.raises(ValidationError) as refused:
        uploads.validate_video(upload("lon.mp4", MP4))
    assert "Tệp video quá lớn" in refused.value.messages[0]


def test_captions_must_be_webvtt():
    uploads.validate_captions(upload("phu-de.vtt", VTT))
    uploads.validate_captions(upload("bom.vtt", b"\xef\xbb\xbf" + VTT))
    for content in (b"1\n00:00:00,000 --> 00:00:01,000\nSRT\n", b"<script>x</script>", b"WEBVTTX"):
        with pytest.raises(ValidationError) as refused:
            uploads.validate_captions(upload("phu-de.vtt", content))
        assert "WebVTT" in refused.value.messages[0]


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10s",
        "https://youtu.be/dQw4w9WgXcQ",
        "youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "dQw4w9WgXcQ",
    ],
)
def test_youtube_addresses_give_the_video_id(address):
    assert uploads.youtube_id(address) == "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/abc",
    ],
)
def test_other_addresses_are_refused_in_vietnamese(address):
    with pytest.raises(ValidationError) as refused:
        uploads.youtube_id(address)
    assert "không phải một video YouTube" in refused.value.messages[0]


# --- Byte ranges (core.uploads.serve_media, development and single servers) ----------


@pytest.fixture
def stored(tmp_path):
    (tmp_path / "videos").mkdir()
    content = bytes(range(256)) * 4  # 1024 bytes
    (tmp_path / "videos" / "a.webm").write_bytes(content)
    (tmp_path / "videos" / "a.vtt").write_bytes(VTT)
    (tmp_path / "x.html").write_bytes(b"<script>alert(1)</script>")
    return tmp_path, content


def serve(root, path, **headers):
    request = RequestFactory().get(f"/media/{path}", **headers)
    response = serve_media(request, path, document_root=root)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_a_video_is_served_inline_with_its_type_and_accepts_ranges(stored):
    root, content = stored
    response, body = serve(root, "videos/a.webm")
    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert response["Accept-Ranges"] == "bytes"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert body == content


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-", 1000, 1023),
        ("bytes=-24", 1000, 1023),
        ("bytes=10-5000", 10, 1023),
    ],
)
def test_a_range_is_answered_206_with_that_slice(stored, header, start, end):
    root, content = stored
    response, body = serve(root, "videos/a.webm", HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1024"
    assert response["Content-Length"] == str(end - start + 1)
    assert body == content[start : end + 1]
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_a_range_beyond_the_end_is_416(stored):
    root, _content = stored
    response, _body = serve(root, "videos/a.webm", HTTP_RANGE="bytes=2000-")
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


def test_unparsable_or_stale_ranges_get_the_whole_file(stored):
    root, content = stored
    for headers in (
        {"HTTP_RANGE": "bytes=0-1,5-9"},
        {"HTTP_RANGE": "items=0-1"},
        {"HTTP_RANGE": "bytes=0-9", "HTTP_IF_RANGE": "Wed, 01 Jan 2020 00:00:00 GMT"},
    ):
        response, body = serve(root, "videos/a.webm", **headers)
        assert response.status_code == 200
        assert body == content


def test_captions_are_text_vtt_and_html_stays_an_attachment(stored):
    root, _content = stored
    response, _body = serve(root, "videos/a.vtt")
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    response, _body = serve(root, "x.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
