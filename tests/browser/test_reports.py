"""A staff member signs in, filters the report by a directive and a unit, reads the
table and the chart, and downloads the Excel file."""

import openpyxl
from playwright.sync_api import expect

from provinces.models import Unit
from tests.reports.conftest import PASSWORD, make_member


def test_an_analyst_filters_the_report_and_downloads_excel(page, live_seeds, shot, tmp_path):
    make_member(role="analyst", unit=Unit.objects.get(slug="can-tho"), username="chuyenvien")

    page.goto(live_seeds.url + "/bao-cao/")
    expect(page).to_have_url(live_seeds.url + "/dang-nhap/?next=/bao-cao/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo bài viết và hội nghị")
    page.get_by_label("Văn bản", exact=True).select_option(label="Kết luận 01-KL/TW")
    page.get_by_label("Đơn vị", exact=True).select_option("can-tho")
    page.get_by_role("button", name="Lọc", exact=True).click()

    expect(page.locator(".report-count")).to_have_text(
        "Tìm thấy 1 bài viết và 1 hội nghị.", use_inner_text=True
    )
    filters = page.get_by_label("Bộ lọc đang dùng")
    expect(filters).to_contain_text("Kết luận 01-KL/TW")
    expect(filters).to_contain_text("Cần Thơ, gồm cả")

    table = page.locator("table.results-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("HG: Giao Ban Tuyên giáo Tỉnh ủy")
    expect(table).to_contain_text("Hậu Giang (nay thuộc Cần Thơ)")
    expect(table).to_contain_text("Buổi làm việc")

    chart = page.get_by_role("img", name="Số bài viết và hội nghị theo đơn vị")
    expect(chart).to_be_visible()
    expect(chart.locator("text.chart-label").first).to_have_text("Hậu Giang (nay thuộc Cần Thơ)")
    expect(page.get_by_role("img", name="Số bài viết theo tháng")).to_be_visible()
    shot("filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("bao-cao-ket-luan-01-kl-tw-can-tho-")
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    sheet = openpyxl.load_workbook(path)["Kết quả"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(2)]
    assert len(rows) == 2
    article = next(r for r in rows if r["Loại"] == "Bài viết")
    assert article["Tiêu đề"].startswith("HG: Giao Ban Tuyên giáo Tỉnh ủy")
    assert article["Đơn vị"] == "Hậu Giang (nay thuộc Cần Thơ)"
    assert article["Lượt xem"] == 902


def test_the_report_reads_on_a_phone(page, live_seeds, shot):
    make_member(role="analyst", unit=Unit.objects.get(slug="can-tho"), username="didong")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_seeds.url + "/dang-nhap/?next=/bao-cao/%3Fvan_ban%3Dchi-thi-05-ct-tw")
    page.get_by_label("Tên đăng nhập").fill("didong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".report-count")).to_contain_text("4 bài viết")
    # Nothing overflows the phone's width (the summary table scrolls inside its box).
    # Waited for, not read once: the stylesheet may still be applying.
    page.wait_for_function(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth",
        timeout=5000,
    )
    label = page.locator("#bieu-do-don-vi text.chart-label").first
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12
    shot("phone")


def test_the_printed_report_keeps_the_figures_and_drops_the_controls(page, live_seeds, shot):
    make_member(role="chief", unit=Unit.objects.get(slug="hai-phong"), username="truongban")
    page.goto(live_seeds.url + "/dang-nhap/?next=/bao-cao/%3Fvan_ban%3Dnghi-quyet-35-nq-tw")
    page.get_by_label("Tên đăng nhập").fill("truongban")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".report-count")).to_contain_text("bài viết")
    page.emulate_media(media="print")
    expect(page.locator("form.report-filters")).to_be_hidden()
    expect(page.get_by_role("link", name="Tải về Excel (.xlsx)")).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.get_by_label("Bộ lọc đang dùng")).to_contain_text("Nghị quyết 35-NQ/TW")
    expect(page.locator("table.summary-table")).to_be_visible()
    expect(page.locator("table.results-table")).to_be_visible()
    expect(page.get_by_role("img", name="Số bài viết và hội nghị theo đơn vị")).to_be_visible()
    shot("print")
