"""The reader pages of albums, videos and documents, cold and warm, on the demo data."""

import pytest
from django.conf import settings

from media.models import Album, Document, Video

pytestmark = pytest.mark.django_db

ALBUM = "giao-ban-cong-tac-tuyen-giao-quy-i-2021-binh-phuoc"
VIDEO = "video-mau-giao-ban-tuyen-giao-hau-giang"
DOCUMENT = "hoi-dap-nghi-quyet-35-nq-tw-tai-lieu-mau"


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_albums_list_shows_each_album_with_its_cover_and_count(reader, seeds):
    page = html(reader().get("/anh/"))
    assert "Giao ban công tác Tuyên giáo quý I/2021 tại Bình Phước" in page
    assert "3 ảnh" in page
    assert "/media/library/albums/binh-phuoc-1.jpg" in page
    assert '<h1 class="page-title">Ảnh</h1>' in page


def test_an_album_shows_its_photos_in_order_with_captions_credits_and_links(reader, seeds):
    page = html(reader().get(f"/anh/{ALBUM}/"))
    first = page.index("binh-phuoc-1.jpg")
    assert first < page.index("binh-phuoc-2.jpg") < page.index("binh-phuoc-3.jpg")
    assert "Ảnh 2/3" in page
    assert "Quang cảnh hội nghị giao ban (ảnh mẫu)." in page
    assert "Ảnh: Ban Tuyên giáo Tỉnh ủy Bình Phước" in page
    assert 'datetime="2021-03-30"' in page
    # linked to its article, directive and meeting; the viewer is our own script
    assert "/bai-viet/giao-ban-cong-tac-tuyen-giao-quy-i-2021" in page
    assert "/van-ban/nghi-quyet-35-nq-tw/" in page
    assert "/hoi-nghi/giao-ban-cong-tac-tuyen-giao-quy-i-2021-binh-phuoc/" in page
    assert '<script src="/static/media/viewer.js" defer>' in page
    # without script each photo is a plain link to its large copy
    assert 'class="album-link" href="/media/library/albums/binh-phuoc-2.jpg"' in page


def test_the_video_page_plays_the_file_with_poster_and_captions(reader, seeds):
    response = reader().get(f"/video/{VIDEO}/")
    page = html(response)
    assert '<source src="/media/library/videos/video-mau.webm" type="video/webm">' in page
    assert 'poster="/media/library/videos/poster.jpg"' in page
    assert '<track kind="captions" src="/media/library/videos/phu-de.vtt" srclang="vi"' in page
    assert "youtube" not in response["Content-Security-Policy"]
    assert "Giao ban Tuyên giáo Tỉnh ủy Hậu Giang (video mẫu)" in html(reader().get("/video/"))


def test_only_a_youtube_videos_page_admits_the_privacy_enhanced_player(reader, seeds):
    video = Video.objects.create(
        title="Hội nghị trực tuyến toàn quốc",
        unit=Album.objects.get(slug=ALBUM).unit,
        youtube_id="dQw4w9WgXcQ",
        is_published=True,
    )
    browser = reader()
    response = browser.get(video.get_absolute_url())
    page = html(response)
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert 'title="Video: Hội nghị trực tuyến toàn quốc"' in page
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "script-src 'self'" in policy  # the rest of the base policy stays
    for other in ("/video/", f"/video/{VIDEO}/", "/anh/", "/tai-lieu/"):
        assert "youtube" not in browser.get(other)["Content-Security-Policy"]
    assert "youtube" not in settings.SECURE_CSP.get("frame-src", [])


def test_the_documents_list_shows_kind_symbol_issuer_date_type_size_and_downloads(reader, seeds):
    page = html(reader().get("/tai-lieu/"))
    assert "Hỏi – đáp về Nghị quyết 35-NQ/TW" in page
    assert "02-TLM/BTGDVTW" in page
    assert "Ban Tuyên giáo và Dân vận Trung ương" in page
    assert '<time datetime="2025-10-25">25/10/2025</time>' in page
    assert "(PDF, 680\xa0byte; 0 lượt tải)" in page


def test_a_document_page_has_the_register_fields_and_its_directive(reader, seeds):
    page = html(reader().get(f"/tai-lieu/{DOCUMENT}/"))
    assert "<dt>Số, ký hiệu</dt><dd>02-TLM/BTGDVTW</dd>" in page
    assert "<dt>Loại tài liệu</dt><dd>Tài liệu hỏi – đáp</dd>" in page
    assert 'href="/van-ban/nghi-quyet-35-nq-tw/">Nghị quyết 35-NQ/TW</a>' in page
    assert f'href="/tai-lieu/{DOCUMENT}/tai-ve/" download' in page


def test_a_directive_page_lists_its_files(reader, seeds):
    page = html(reader().get("/van-ban/nghi-quyet-35-nq-tw/"))
    assert "Tệp và tài liệu của văn bản" in page
    assert f"/tai-lieu/{DOCUMENT}/tai-ve/" in page
    other = html(reader().get("/van-ban/chi-thi-05-ct-tw/"))
    assert "Tệp và tài liệu của văn bản" not in other


@pytest.mark.parametrize(
    ("model", "slug", "path"),
    [(Album, ALBUM, "/anh/"), (Video, VIDEO, "/video/"), (Document, DOCUMENT, "/tai-lieu/")],
)
def test_a_withdrawn_item_leaves_warm_pages_at_once(
    reader, seeds, model, slug, path, django_capture_on_commit_callbacks
):
    item = model.objects.get(slug=slug)
    browser = reader()
    assert item.title in html(browser.get(path))
    assert browser.get(item.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        item.is_published = False
        item.save()
    assert item.title not in html(browser.get(path))
    assert browser.get(item.get_absolute_url()).status_code == 404


def test_an_edited_caption_reaches_a_warm_album_page(
    reader, seeds, django_capture_on_commit_callbacks
):
    album = Album.objects.get(slug=ALBUM)
    browser = reader()
    assert "Quang cảnh hội nghị giao ban" in html(browser.get(album.get_absolute_url()))
    photo = album.photos.get(position=1)
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Toàn cảnh hội nghị (đã sửa)"
        photo.save()
    assert "Toàn cảnh hội nghị (đã sửa)" in html(browser.get(album.get_absolute_url()))


def test_a_draft_is_not_shown_to_readers(reader, seeds):
    album = Album.objects.get(slug=ALBUM)
    Album.objects.filter(pk=album.pk).update(is_published=False)
    browser = reader()
    assert album.title not in html(browser.get("/anh/"))
    assert browser.get(album.get_absolute_url()).status_code == 404


def test_empty_lists_say_so(reader, seeds):
    Album.objects.update(is_published=False)
    Video.objects.update(is_published=False)
    Document.objects.update(is_published=False)
    browser = reader()
    assert "Chưa có album ảnh nào." in html(browser.get("/anh/"))
    assert "Chưa có video nào." in html(browser.get("/video/"))
    assert "Không có tài liệu nào phù hợp." in html(browser.get("/tai-lieu/"))
