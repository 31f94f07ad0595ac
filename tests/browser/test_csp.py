"""The Content-Security-Policy forbids inline script: nothing on the site may need it.
Chromium reports every refused script, style or image; none may appear."""

import re

import pytest
from playwright.sync_api import expect


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


def test_public_pages_run_under_the_policy(page, live_seeds, violations):
    from articles.models import Article

    urls = [
        "/",
        "/tinh/can-tho/",
        Article.objects.get(unit__slug="hau-giang").get_absolute_url(),
        "/van-ban/",
        "/hoi-nghi/",
        "/khong-co/",
    ]
    for url in urls:
        response = page.goto(live_seeds.url + url)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]
    # the scripts that do run: the phone menu and the print button are wired up
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_seeds.url + "/")
    page.get_by_role("button", name="Chuyên mục").click()
    expect(page.locator("#menu-chinh")).to_be_visible()
    assert violations == []


def test_the_admin_and_its_editor_run_under_the_policy(
    page, live_seeds, violations, django_user_model
):
    django_user_model.objects.create_superuser("quantri", password="Mật-khẩu-đủ-mạnh-2026")
    page.goto(live_seeds.url + "/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("Mật-khẩu-đủ-mạnh-2026")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(live_seeds.url + "/admin/")
    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        "/admin/articles/comment/",
        "/admin/directives/meeting/",
        "/admin/provinces/board/",
    ]:
        page.goto(live_seeds.url + path)
        expect(page.locator("#content")).to_be_visible()
    # The body editor: its import map and modules (nonce), the styles Tiptap would inject
    # inline, a table (whose view sizes columns), the editor's dialogs.
    response = page.goto(live_seeds.url + "/admin/articles/article/add/")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    editor = page.get_by_role("textbox", name="Nội dung bài viết")
    editor.click()
    page.get_by_role("button", name="Tiêu đề mục (H2)").click()
    page.keyboard.type("Kết quả")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Chèn bảng").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Số dòng").fill("2")
    dialog.get_by_label("Số cột").fill("3")
    dialog.get_by_role("button", name="Chèn bảng").click()
    expect(editor.locator("table tr")).to_have_count(2)
    expect(editor.locator("table th")).to_have_count(3)
    page.get_by_role("button", name="Chèn ảnh của bài").click()
    expect(page.get_by_role("dialog")).to_contain_text("Bài chưa có ảnh")
    page.get_by_role("dialog").get_by_role("button", name="Hủy bỏ").click()
    page.get_by_role("button", name="Xem, sửa mã HTML").click()
    expect(page.get_by_role("dialog").locator("textarea")).to_have_value(
        re.compile("^<h2>Kết quả</h2><table>")
    )
    page.get_by_role("dialog").get_by_role("button", name="Hủy bỏ").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    assert violations == []
