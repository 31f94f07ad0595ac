"""The editorial round trip in a real browser: an editor signs in to /admin/, writes an
article in the rich-text editor with an image and its caption, and submits it; the
editor-in-chief finds it waiting, approves and publishes it; a reader sees it."""

import io
import re

from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article

PASSWORD = "Bien-tap-vien-2025!"
TITLE = "Đồng chí Bí thư Tỉnh ủy làm việc với Ban Tuyên giáo và Dân vận"
CAPTION = "Đồng chí Bí thư phát biểu tại buổi làm việc"


def sign_in(page, base, username):
    page.goto(base + "/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Thoát").click()


def photo(tmp_path):
    path = tmp_path / "buoi-lam-viec.jpg"
    img = Image.new("RGB", (1600, 1000), (180, 30, 30))
    img.paste(Image.new("RGB", (800, 1000), (30, 60, 160)), (800, 0))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def test_editor_writes_chief_publishes_reader_reads(page, live_seeds, shot, tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    for username, role in [("bientap.vl", "editor"), ("truongban.vl", "chief")]:
        call_command(
            "add_editor",
            username,
            "--unit",
            "vinh-long",
            "--role",
            role,
            "--noinput",
            stdout=io.StringIO(),
        )
    base = live_seeds.url

    # --- The editor writes and submits -----------------------------------------------
    sign_in(page, base, "bientap.vl")
    page.get_by_role("link", name="Bài viết").first.click()
    page.get_by_role("link", name=re.compile("Thêm")).first.click()
    page.locator("#id_title").fill(TITLE)
    expect(page.locator("#id_slug")).to_have_value(re.compile("^dong-chi-bi-thu-tinh-uy"))
    page.locator("#id_summary").fill("Sáng nay, đồng chí Bí thư Tỉnh ủy làm việc với Ban.")

    editor = page.get_by_role("textbox", name="Nội dung bài viết")
    editor.click()
    page.get_by_role("button", name="Tiêu đề mục").click()
    page.keyboard.type("Kết quả 6 tháng đầu năm")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Đoạn văn").click()
    page.keyboard.type("Ban đã tham mưu tổ chức học tập, quán triệt các nghị quyết.")

    page.locator(".inline-group .add-row a").first.click()
    page.locator('input[name="images-0-image"]').set_input_files(str(photo(tmp_path)))
    page.locator('textarea[name="images-0-caption"]').fill(CAPTION)

    editor.click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Chèn ảnh của bài").click()
    page.get_by_role("menuitem", name=re.compile("Ảnh 1")).click()
    expect(editor.locator("figure figcaption")).to_contain_text(CAPTION)
    shot("editor-writes")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.get_by_text("Đã gửi bài cho trưởng ban biên tập duyệt.")).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert "<h2>Kết quả 6 tháng đầu năm</h2>" in article.body
    assert '<figure data-image="1"></figure>' in article.body
    image = article.images.get()
    assert image.caption == CAPTION and set(image.renditions) == {"thumb", "medium", "large"}
    expect(page.locator("#result_list")).to_contain_text("Chờ duyệt")
    sign_out(page)

    # --- The chief approves and publishes ----------------------------------------------
    sign_in(page, base, "truongban.vl")
    page.get_by_role("link", name=re.compile("1 bài chờ duyệt")).click()
    expect(page.locator("#result_list")).to_contain_text("Chờ duyệt")
    shot("waiting-list")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".ed-state-line")).to_contain_text("Chờ duyệt")
    expect(page.locator(".ed-history")).to_contain_text("Gửi duyệt")
    expect(page.locator(".ed-history")).to_contain_text("bientap.vl")
    shot("chief-reviews")
    page.get_by_role("button", name="Lưu, duyệt và xuất bản").click()
    expect(page.get_by_text("Đã duyệt và xuất bản bài.")).to_be_visible()
    article.refresh_from_db()
    assert article.is_published
    sign_out(page)

    # --- A reader sees it ------------------------------------------------------------------
    page.context.clear_cookies()
    page.goto(base + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Bản nháp")).to_have_count(0)
    expect(page.get_by_role("heading", name="Kết quả 6 tháng đầu năm")).to_be_visible()
    figure = page.locator(".article-body figure").first
    expect(figure.locator("figcaption")).to_contain_text(CAPTION)
    img = figure.locator("img")
    expect(img).to_have_attribute("loading", "lazy")
    expect(img).to_have_attribute("width", "800")
    expect(img).to_have_attribute("srcset", re.compile(r"320w.*800w.*1280w"))
    shot("reader")


def test_pasted_or_typed_html_never_runs_in_the_admin(page, live_seeds, monkeypatch):
    """The editor rebuilds every piece of HTML it is given from an allow-list in an inert
    document, so a paste from a hostile page cannot run script in an editor's session."""
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    call_command(
        "add_editor",
        "bientap.vl",
        "--unit",
        "vinh-long",
        "--role",
        "editor",
        "--noinput",
        stdout=io.StringIO(),
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_seeds.url, "bientap.vl")
    page.goto(live_seeds.url + "/admin/articles/article/add/")
    payload = (
        '<p onclick="alert(1)">Chữ <b>đậm</b></p><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">liên kết</a><svg onload="alert(4)"></svg>'
        '<script>alert(5)</script><h1 style="color:red">Tiêu đề</h1>'
    )
    cleaned = page.evaluate("html => window.TGEditor.clean(html)", payload)
    assert cleaned == "<p>Chữ <strong>đậm</strong></p><a>liên kết</a><h2>Tiêu đề</h2>"

    # A hostile paste, through the real clipboard event.
    editor = page.get_by_role("textbox", name="Nội dung bài viết")
    editor.click()
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            document.querySelector('.ed-area').dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        payload,
    )
    # The same payload typed in the HTML view, then back to the visual editor.
    page.get_by_role("button", name="Xem, sửa mã HTML").click()
    page.locator("#id_body").fill(payload)
    page.get_by_role("button", name="Xem, sửa mã HTML").click()
    page.wait_for_timeout(300)
    assert dialogs == []
    html = editor.inner_html()
    assert "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<script" not in html and "<svg" not in html
    expect(editor.get_by_text("Tiêu đề")).to_be_visible()
