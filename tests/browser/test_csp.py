"""The Content-Security-Policy forbids inline script: nothing on the site may need it.
Chromium reports every refused script, style or image; none may appear."""

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
    page.goto(live_seeds.url + "/admin/articles/article/add/")
    expect(
        page.locator("[data-rich-text], .rich-text-editor, [contenteditable=true]").first
    ).to_be_visible()
    assert violations == []
