"""A reader searches without diacritics, narrows by province, and mistypes a date."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_reader_searches_filters_and_gets_told_about_a_bad_date(page, live_seeds, shot):
    page.goto(live_seeds.url + "/tim-kiem/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    page.get_by_label("Từ khóa").fill("ha anh dung")
    page.get_by_label("Từ khóa").press("Enter")

    results = page.locator(".search-hit")
    expect(results.first).to_contain_text("Giao ban công tác tuyên giáo quý I/2021")
    expect(results.first.locator("mark").first).to_have_text("Hà")
    expect(page.get_by_role("heading", name="Hội nghị")).to_be_visible()
    shot("results")

    # Bình Phước merged into Đồng Nai: filtering by Đồng Nai keeps its archive.
    page.get_by_label("Tỉnh, thành phố").select_option(label="Đồng Nai")
    page.locator("#noi-dung").get_by_role("button", name="Tìm").click()
    expect(results.first).to_contain_text("Giao ban công tác tuyên giáo quý I/2021")
    expect(page.get_by_label("Tỉnh, thành phố")).to_have_value("dong-nai")

    page.get_by_label("Từ ngày").fill("05/03/2021")
    page.get_by_label("Đến ngày").fill("04/03/2021")
    page.locator("#noi-dung").get_by_role("button", name="Tìm").click()
    expect(page.get_by_role("alert")).to_contain_text("Bộ lọc chưa hợp lệ")
    expect(page.get_by_text("“Đến ngày” phải cùng ngày hoặc sau “Từ ngày”.")).to_be_visible()
    shot("bad-date")
