"""A board's own site in Chromium: http://vinh-long.localhost:<port>/ (browsers resolve
*.localhost to this machine; in development that host is Vĩnh Long's board site)."""

from playwright.sync_api import expect


def test_vinh_longs_site_carries_tra_vinhs_2021_article_under_its_name_of_the_time(
    page, live_seeds, settings
):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", ".localhost"]
    port = live_seeds.url.rsplit(":", 1)[1]
    page.goto(f"http://vinh-long.localhost:{port}/")
    expect(page.locator(".brand-text")).to_contain_text(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Vĩnh Long"
    )
    # Trà Vinh's 2021 article is part of Vĩnh Long's site since the 2025 merger.
    link = page.locator("article.item").filter(has_text="Công tác tuyên giáo 6 tháng đầu năm 2021")
    link.get_by_role("link").first.click()
    expect(page.locator(".article-unit").get_by_role("link").first).to_have_text(
        "Ban Tuyên giáo Tỉnh ủy Trà Vinh"
    )
    assert page.url.startswith(f"http://vinh-long.localhost:{port}/bai-viet/")
