"""A reader on the real site, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Comment


def test_a_reader_goes_home_then_to_a_province_then_reads_and_comments(page, live_seeds, shot):
    page.goto(live_seeds.url + "/")
    expect(page.get_by_role("heading", name="Tin mới", exact=True)).to_be_visible()
    shot("home")

    page.locator(".unit-grid").get_by_role("link", name="Cần Thơ", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tinh/can-tho/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ban Tuyên giáo và Dân vận Thành ủy Cần Thơ"
    )
    # the Hậu Giang article, labelled with its original province
    item = page.locator("article.item").filter(has_text="HG: Giao Ban Tuyên giáo Tỉnh ủy")
    expect(item.locator(".label")).to_have_text("Hậu Giang")
    shot("province")

    item.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Khảo sát tình hình tâm trạng")
    expect(page.get_by_text("Số lần xem: 902")).to_be_visible()
    expect(
        page.get_by_text("Đồng chí Lê Công Lý báo cáo kết quả hoạt động Tuyên giáo 6 tháng đầu năm")
    ).to_be_visible()
    expect(page.get_by_text("Đồng chí Bí thư Tỉnh ủy phát biểu tại buổi làm việc")).to_be_visible()
    shot("article")

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Bạn Đọc")
    page.get_by_label("Ý kiến của bạn").fill("Mong ban tiếp tục đưa tin về cơ sở.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_text("Ý kiến của bạn đang chờ duyệt")).to_be_visible()
    shot("comment-pending")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.name == "Nguyễn Thị Bạn Đọc"


@pytest.mark.parametrize("path", ["/", "/tinh/can-tho/", "article", "/van-ban/", "/hoi-nghi/"])
def test_no_sideways_scrolling_on_a_375px_phone(page, live_seeds, shot, path):
    from articles.models import Article

    if path == "article":
        path = Article.objects.get(unit__slug="tra-vinh").get_absolute_url()
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_seeds.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    shot("375px")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_the_menu_works_from_the_keyboard_on_a_phone(page, live_seeds):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_seeds.url + "/")
    menu = page.locator("#menu-chinh")
    expect(menu).to_be_hidden()
    toggle = page.get_by_role("button", name="Chuyên mục")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Văn bản")).to_be_visible()
    page.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Trang chủ")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()


def test_the_skip_link_is_first_and_reaches_the_content(page, live_seeds):
    page.goto(live_seeds.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua menu, đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#noi-dung$"))
