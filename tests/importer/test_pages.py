"""Saved pages in the shapes of several board sites, a feed and a WordPress export become
articles with their dates, views, pictures, captions, bylines, sources and directives;
old addresses become redirects; re-runs change nothing; bad files are reported."""

import datetime
import shutil

import pytest
from django.utils import timezone

from articles.models import Article, ArticleImage
from importer.models import ImportedPage
from provinces.models import BoardDomain
from redirects.models import OldAddress

from .conftest import PAGES, run

pytestmark = pytest.mark.django_db

QN_URL = "http://tuyengiao.quangninh.gov.vn/tin-tuc/Pages/hoi-nghi-giao-ban-1234.aspx"


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def directives(article):
    return {d.symbol or d.short_title for d in article.directives.all()}


def test_a_page_listed_with_its_old_address(register):
    out = run("--unit", "quang-ninh", PAGES / "quang-ninh" / "site.urls")
    article = Article.objects.get(unit__slug="quang-ninh")
    assert article.title == "Hội nghị giao ban công tác tuyên giáo quý III năm 2022"
    assert article.published_at == local(2022, 10, 5, 8, 30)
    assert article.views == 1234
    assert article.byline == "Phạm Thu Hà"
    assert article.status == Article.Status.DRAFT
    assert article.summary.startswith("Sáng 4/10, Ban Tuyên giáo Tỉnh ủy Quảng Ninh")
    assert "<h2>Nhiệm vụ quý IV</h2>" in article.body
    assert "Tin liên quan" not in article.body and "Trưởng Ban biên tập" not in article.body
    assert directives(article) == {"35-NQ/TW", "05-CT/TW", "01-KL/TW"}
    assert "Directives not in the register: 99-KH/TU (1)" in out
    image = article.images.get()
    assert (image.caption, image.original_filename, image.is_placeholder) == (
        "Quang cảnh hội nghị giao ban quý III",
        "giao-ban.png",
        False,
    )
    assert (image.width, image.height) == (640, 360)
    address = OldAddress.objects.get()
    assert (address.host, address.path, address.article) == (
        "tuyengiao.quangninh.gov.vn",
        "/tin-tuc/Pages/hoi-nghi-giao-ban-1234.aspx",
        article,
    )
    # the list's second line names a file that was not saved: reported, not fatal
    assert "skipped 1" in out and "khong-co.html: không đọc được tệp" in out
    assert "editor_in_chief: '' → 'Nguyễn Văn Thành'" in out


def test_a_saved_site_folder_with_its_address_list_reads_each_page_once(register):
    """Given the folder, not the list: the list inside still gives its pages their old
    addresses, and no page is imported twice."""
    out = run("--unit", "quang-ninh", PAGES / "quang-ninh")
    article = Article.objects.get(unit__slug="quang-ninh")
    assert OldAddress.objects.get().article == article
    assert "Created 1," in out and "khong-co.html: không đọc được tệp" in out
    assert ".urls" not in out


def test_a_page_in_capitals_with_the_sites_date_line_and_a_remote_picture(register):
    out = run("--unit", "nghe-an", PAGES / "nghe-an" / "bai-viet.htm")
    article = Article.objects.get(unit__slug="nghe-an")
    assert article.title == "Nghệ An tổng kết công tác tuyên giáo năm 2021"
    assert "tiêu đề viết hoa" in out
    # "Chủ nhật, 29/05/2022" above the title is the day the page was saved
    assert article.published_at == local(2022, 1, 13, 14, 5)
    assert article.views == 0
    assert article.source == "Theo Báo Nghệ An"
    assert "Các tin khác" not in article.body and "Đang online" not in article.body
    assert directives(article) == {"Nghị quyết Đại hội XIII của Đảng"}
    image = article.images.get()
    assert image.is_placeholder and image.original_filename == "tong-ket.jpg"
    assert image.caption == "Đồng chí Trưởng Ban Tuyên giáo Tỉnh ủy phát biểu tại hội nghị"
    assert ImportedPage.objects.get().needs_review


def test_an_old_aspx_page_with_its_view_count_below_the_text(register):
    run("--unit", "ca-mau", PAGES / "ca-mau" / "chitiet.aspx")
    article = Article.objects.get(unit__slug="ca-mau")
    assert article.title == "Cà Mau sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW"
    assert article.published_at == local(2019, 3, 15, 12, 0)
    assert article.views == 56
    assert "Số lần xem" not in article.body
    image = article.images.get()
    assert (image.caption, image.original_filename, image.is_placeholder) == (
        "Các đại biểu dự hội nghị sơ kết",
        "anh-hoi-nghi.jpg",
        True,
    )
    assert article.body.count("Các đại biểu dự hội nghị sơ kết") == 0
    assert article.body.startswith('<figure data-image="1"></figure>')
    assert directives(article) == {"05-CT/TW"}


def test_an_rss_file(register):
    run("--unit", "lang-son", PAGES / "feed.rss")
    first, second = Article.objects.filter(unit__slug="lang-son").order_by("published_at")
    assert second.title == "Lạng Sơn học tập chuyên đề năm 2021"
    assert second.published_at == local(2021, 6, 8, 9, 15)
    assert second.byline == "Hoàng Minh"
    assert second.section.slug == "tin-tuc-su-kien"
    assert directives(second) == {"01-KL/TW"}
    assert first.title == "Lạng Sơn triển khai Nghị quyết Đại hội XIII của Đảng"
    assert directives(first) == {"Nghị quyết Đại hội XIII của Đảng"}
    assert OldAddress.objects.filter(host="tuyengiao.langson.gov.vn").count() == 2


def test_a_wordpress_export(register):
    out = run("--unit", "ca-mau", PAGES / "export.xml")
    assert "Created 1," in out  # the attachment and the draft are not articles
    article = Article.objects.get()
    assert article.title == "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2020"
    assert article.published_at == local(2020, 7, 10, 15, 20)
    assert article.byline == ""  # the WordPress login "admin" is not a byline
    assert [i.caption for i in article.images.all()] == ["Quang cảnh hội nghị sơ kết"]
    assert directives(article) == {"35-NQ/TW"}


def test_broken_files_are_reported_and_the_rest_imported(register, tmp_path):
    for name in ("broken.html", "empty.txt", "feed.rss"):
        shutil.copy(PAGES / name, tmp_path / name)
    (tmp_path / "latin1.txt").write_bytes(b"\x00\x01\x02")
    out = run("--unit", "lang-son", tmp_path)
    assert "Created 2," in out and "skipped 3" in out
    assert "broken.html: không tìm thấy nội dung bài viết trong trang" in out
    assert "empty.txt: tệp rỗng" in out
    assert Article.objects.count() == 2


def test_script_in_an_old_page_never_reaches_the_article(register, tmp_path):
    (tmp_path / "bai.html").write_text(
        """<html><head><title>Bài có mã độc</title></head><body>
        <h1>Hội nghị học tập Nghị quyết 35-NQ/TW</h1><p>Cập nhật lúc 10:00 ngày 05/10/2022</p>
        <div class="content">
        <p>Sáng 4/10, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị học tập nghị quyết.</p>
        <script>alert("x")</script>
        <p onclick="steal()">Các đại biểu đã thảo luận <a href="javascript:steal()">sôi nổi</a>
        về nhiệm vụ bảo vệ nền tảng tư tưởng của Đảng trong tình hình mới.</p>
        <p>Hội nghị kết thúc cùng ngày với nhiều ý kiến tâm huyết của cán bộ, đảng viên.</p>
        </div></body></html>""",
        encoding="utf-8",
    )
    run("--unit", "lang-son", tmp_path)
    article = Article.objects.get()
    assert "thảo luận" in article.body
    for bad in ("<script", "alert(", "onclick", "javascript:"):
        assert bad not in article.body


def test_running_again_changes_nothing(register):
    args = ("--unit", "quang-ninh", PAGES / "quang-ninh" / "site.urls")
    run(*args)
    before = (
        list(Article.objects.values()),
        list(ArticleImage.objects.values()),
        list(OldAddress.objects.values()),
    )
    out = run(*args)
    assert "Created 0, updated 0, unchanged 1" in out
    after = (
        list(Article.objects.values()),
        list(ArticleImage.objects.values()),
        list(OldAddress.objects.values()),
    )
    assert after == before


def test_a_changed_page_updates_its_article_unless_an_editor_changed_it(register, tmp_path):
    page = tmp_path / "a.html"
    original = (PAGES / "ca-mau" / "chitiet.aspx").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    run("--unit", "ca-mau", page)
    page.write_text(original.replace("30 tập thể", "31 tập thể"), encoding="utf-8")
    out = run("--unit", "ca-mau", page)
    assert "Created 0, updated 1" in out
    article = Article.objects.get()
    assert "31 tập thể" in article.body
    assert article.images.count() == 1

    article.title = "Tiêu đề biên tập viên sửa"
    article.updated_at = timezone.now() + datetime.timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(title=article.title, updated_at=article.updated_at)
    page.write_text(original.replace("30 tập thể", "32 tập thể"), encoding="utf-8")
    out = run("--unit", "ca-mau", page)
    assert "bài đã được biên tập sau lần nhập trước" in out
    assert Article.objects.get().title == "Tiêu đề biên tập viên sửa"


def test_dry_run_writes_nothing(register, settings):
    out = run(
        "--unit", "quang-ninh", "--dry-run", PAGES / "quang-ninh" / "site.urls", PAGES / "feed.rss"
    )
    assert "Would create 3" in out
    assert Article.objects.count() == 0
    assert ImportedPage.objects.count() == 0
    assert OldAddress.objects.count() == 0
    assert not (settings.MEDIA_ROOT).exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))


def test_publishing_needs_a_chief_and_keeps_the_original_dates(register, chief):
    from core.models import AuditEvent

    out = run(
        "--unit",
        "quang-ninh",
        "--publish",
        "--by",
        chief.username,
        PAGES / "quang-ninh" / "site.urls",
    )
    article = Article.objects.published().get()
    assert article.published_at == local(2022, 10, 5, 8, 30)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.WORKFLOW, object_id=str(article.pk)
    ).exists()
    assert "Created 1" in out


def test_an_imported_old_address_leads_readers_to_the_published_article(
    register, chief, reader, settings, django_capture_on_commit_callbacks
):
    run(
        "--unit",
        "quang-ninh",
        "--publish",
        "--by",
        chief.username,
        PAGES / "quang-ninh" / "site.urls",
    )
    article = Article.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        BoardDomain.objects.create(
            board=article.unit.board,
            host="tuyengiao.quangninh.gov.vn",
            kind=BoardDomain.Kind.PRIMARY,
        )
    browser = reader()
    old = browser.get(
        "/tin-tuc/Pages/hoi-nghi-giao-ban-1234.aspx", HTTP_HOST="tuyengiao.quangninh.gov.vn"
    )
    assert old.status_code == 301
    assert old["Location"].endswith(article.get_absolute_url())
    page = browser.get(article.get_absolute_url(), HTTP_HOST="tuyengiao.quangninh.gov.vn")
    assert page.status_code == 200
    assert "Hội nghị giao ban công tác tuyên giáo quý III năm 2022" in page.content.decode()


def test_pictures_are_found_from_the_saved_sites_root_and_never_outside_it(register, tmp_path):
    site = tmp_path / "site"
    (site / "tin-tuc" / "2022").mkdir(parents=True)
    (site / "images").mkdir()
    shutil.copy(PAGES / "quang-ninh" / "images" / "giao-ban.png", site / "images" / "a.png")
    shutil.copy(PAGES / "quang-ninh" / "images" / "giao-ban.png", tmp_path / "secret.png")
    html = (PAGES / "ca-mau" / "chitiet.aspx").read_text(encoding="utf-8")
    html = html.replace(
        '<p><img src="anh-hoi-nghi.jpg"></p>',
        '<p><img src="../../images/a.png"></p><p><em>Ảnh một</em></p>'
        "<p>Đoạn giữa hai ảnh của bài viết, đủ dài để là một đoạn văn của bài.</p>"
        '<p><img src="/images/a.png"></p><p><em>Ảnh hai</em></p>'
        "<p>Đoạn giữa hai ảnh khác của bài viết, đủ dài để là một đoạn văn của bài.</p>"
        '<p><img src="../../../secret.png"></p><p><em>Ảnh ba</em></p>',
    )
    (site / "tin-tuc" / "2022" / "bai.html").write_text(html, encoding="utf-8")
    run("--unit", "ca-mau", site)
    images = list(Article.objects.get().images.order_by("position"))
    assert [(i.caption, i.is_placeholder) for i in images] == [
        ("Ảnh một", False),
        ("Ảnh hai", False),
        ("Ảnh ba", True),  # outside the folder given to the importer
    ]
