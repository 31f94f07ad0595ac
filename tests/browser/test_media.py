"""A reader with albums, documents and videos, in Chromium: moves through an album's
photos by keyboard, downloads a document, plays a video's first second; the media pages
run under the Content-Security-Policy."""

import re

import pytest
from django.conf import settings
from django.urls import re_path
from playwright.sync_api import expect

from config.urls import urlpatterns as site_urls
from core.uploads import serve_media
from media.models import Document
from tests.conftest import BROWSER_UA

# The site's URLs plus its uploads, served as in development (the test settings leave
# media serving off; the videos need it, with byte ranges).
urlpatterns = [
    *site_urls,
    re_path(
        r"^media/(?P<path>.*)$",
        lambda request, path: serve_media(request, path, document_root=settings.MEDIA_ROOT),
    ),
]

pytestmark = pytest.mark.urls(__name__)

ALBUM = "Giao ban công tác Tuyên giáo quý I/2021 tại Bình Phước"


@pytest.fixture
def browser_context_args(browser_context_args):
    """A reader's browser as sites see it: headless Chromium names itself, and what
    names itself so is not counted (settings.COUNTER_CRAWLER_PATTERN)."""
    return {**browser_context_args, "user_agent": BROWSER_UA}


@pytest.fixture
def violations(page):
    found = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


def test_a_reader_moves_through_an_album_by_keyboard(page, live_seeds, violations, shot):
    page.goto(live_seeds.url + "/anh/")
    page.get_by_role("link", name=ALBUM).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ALBUM)

    first = page.locator(".album-link").first
    first.focus()
    page.keyboard.press("Enter")
    viewer = page.get_by_role("dialog", name="Xem ảnh")
    expect(viewer).to_be_visible()
    counter = viewer.locator(".viewer-counter")
    expect(counter).to_have_text("Ảnh 1/3")
    expect(viewer.locator(".viewer-caption")).to_contain_text("Quang cảnh hội nghị giao ban")
    expect(viewer.get_by_role("img")).to_have_attribute("alt", re.compile("Quang cảnh"))
    shot("viewer")

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("Ảnh 2/3")
    expect(viewer.locator(".viewer-caption")).to_contain_text("Đại biểu phát biểu")
    page.keyboard.press("End")
    expect(counter).to_have_text("Ảnh 3/3")
    page.keyboard.press("ArrowRight")  # round to the first
    expect(counter).to_have_text("Ảnh 1/3")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("Ảnh 3/3")
    expect(page).to_have_url(re.compile(r"#anh-3$"))

    # Tab stays in the dialog and reaches its buttons
    page.keyboard.press("Tab")
    expect(viewer.locator(":focus")).to_have_count(1)

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(first).to_be_focused()
    assert violations == []


def test_a_reader_downloads_a_document(page, live_seeds, violations):
    page.goto(live_seeds.url + "/tai-lieu/")
    search = page.get_by_role("search", name="Tìm tài liệu")
    search.get_by_label("Số, ký hiệu").fill("02-TLM")
    search.get_by_role("button", name="Tìm").click()
    rows = page.locator(".document-table tbody tr")
    expect(rows).to_have_count(1)
    with page.expect_download() as info:
        rows.get_by_role("link", name=re.compile("^Tải về")).click()
    download = info.value
    assert download.suggested_filename == "hoi-dap-nghi-quyet-35-nq-tw-tai-lieu-mau.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert Document.objects.get(symbol="02-TLM/BTGDVTW").downloads == 1
    assert violations == []


def test_a_reader_plays_a_videos_first_second(page, live_seeds, violations, shot):
    page.goto(live_seeds.url + "/video/")
    page.get_by_role("link", name=re.compile("video mẫu")).click()
    video = page.locator("video")
    expect(video).to_be_visible()
    played = page.evaluate(
        """async () => {
            const video = document.querySelector("video");
            video.muted = true;
            await video.play();
            await new Promise((done, fail) => {
                const check = () => video.currentTime >= 1 ? done() : setTimeout(check, 50);
                setTimeout(() => fail(new Error("stuck at " + video.currentTime)), 15000);
                check();
            });
            video.pause();
            const track = video.textTracks[0];
            return {time: video.currentTime, error: video.error, track: track && track.kind,
                    cues: track && track.cues ? track.cues.length : 0};
        }"""
    )
    assert played["time"] >= 1 and played["error"] is None
    assert played["track"] == "captions" and played["cues"] == 2
    shot("video")
    assert violations == []
