"""CSV and Excel downloads hold exactly what is filtered (every matching row, not only
the page on screen), with Vietnamese headers, dd/mm/yyyy dates, a UTF-8 BOM for the CSV,
sensible file names, and no way for a title to become a spreadsheet formula."""

import csv
import datetime
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from directives.models import ConnectionPoint, Meeting
from directives.reports.rows import PAGE_SIZE
from tests.factories import make_article, make_directive, make_meeting, make_unit

from .conftest import make_member, seed_articles_linked_to, seed_meetings_linked_to

CSV_URL = reverse("directives:reports_csv")
XLSX_URL = reverse("directives:reports_xlsx")
KL01 = "ket-luan-01-kl-tw"


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_member(role="superuser"))
    return client


def read_csv(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def read_xlsx(response):
    raw = b"".join(response.streaming_content)
    return openpyxl.load_workbook(io.BytesIO(raw))


def test_csv_of_conclusion_01_holds_its_seed_rows(staff_client, seeds):
    response = staff_client.get(CSV_URL, {"van_ban": KL01})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (f'attachment; filename="bao-cao-{KL01}-{today}.csv"')
    header, *rows = read_csv(response)
    assert header[:5] == ["Loại", "Ngày", "Kỳ báo cáo", "Tiêu đề", "Đơn vị"]
    assert "Văn bản liên quan" in header and "Số điểm cầu" in header
    titles = {r[3] for r in rows}
    expected_articles = seed_articles_linked_to(KL01)
    expected_meetings = seed_meetings_linked_to(KL01)
    assert len(rows) == len(expected_articles) + len(expected_meetings)
    assert "Hải Dương xác định 8 nhiệm vụ trọng tâm trong công tác Tuyên giáo năm 2022" in titles
    by_title = {r[3]: dict(zip(header, r, strict=True)) for r in rows}
    hau_giang = by_title[
        "HG: Giao Ban Tuyên giáo Tỉnh ủy Khảo sát tình hình tâm trạng, tư tưởng của cán bộ "
        "bán chuyên trách ở cơ sở"
    ]
    assert hau_giang["Ngày"] == "29/07/2021"
    assert hau_giang["Đơn vị"] == "Hậu Giang (nay thuộc Cần Thơ)"
    assert hau_giang["Lượt xem"] == "902"
    assert "Kết luận 01-KL/TW" in hau_giang["Văn bản liên quan"]
    hai_duong_meeting = by_title[
        "Hội nghị tổng kết công tác Tuyên giáo năm 2021, triển khai nhiệm vụ năm 2022"
    ]
    assert hai_duong_meeting["Ngày"] == "13/01/2022"
    assert hai_duong_meeting["Loại"] == "Hội nghị tổng kết"
    assert hai_duong_meeting["Số điểm cầu"] == "1"
    assert hai_duong_meeting["Số người dự"] == ""  # not reported: an empty cell
    assert hai_duong_meeting["Đường dẫn"].startswith("http://testserver/hoi-nghi/")


def test_xlsx_of_conclusion_01_holds_its_seed_rows(staff_client, seeds):
    response = staff_client.get(XLSX_URL, {"van_ban": KL01, "don_vi": "can-tho"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    today = timezone.localdate().isoformat()
    assert f'filename="bao-cao-{KL01}-can-tho-{today}.xlsx"' in response["Content-Disposition"]
    book = read_xlsx(response)
    assert book.sheetnames == ["Kết quả", "Tổng hợp", "Thông tin"]
    sheet = book["Kết quả"]
    header = [c.value for c in sheet[1]]
    assert header[3] == "Tiêu đề"
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(2)]
    # Cần Thơ includes Hậu Giang: its seed article and its meeting.
    assert {r["Loại"] for r in rows} == {"Bài viết", "Buổi làm việc"}
    article = next(r for r in rows if r["Loại"] == "Bài viết")
    assert article["Ngày"] == datetime.datetime(2021, 7, 29)
    date_cell = sheet.cell(row=2, column=2)
    assert date_cell.number_format == "DD/MM/YYYY"
    assert article["Lượt xem"] == 902

    summary = book["Tổng hợp"]
    assert [c.value for c in summary[1]][:4] == [
        "Đơn vị",
        "Tổng số bài viết",
        "Tổng số hội nghị",
        "Kết luận 01-KL/TW: bài viết",
    ]
    assert [c.value for c in summary[2]] == ["Hậu Giang (nay thuộc Cần Thơ)", 1, 1, 1, 1]

    info = {r[0].value: r[1].value for r in book["Thông tin"].iter_rows()}
    assert info["Văn bản"] == "Kết luận 01-KL/TW"
    assert info["Đơn vị"].startswith("Cần Thơ, gồm cả")
    assert info["Số người dự"] == "chưa rõ"
    assert "chưa báo số liệu" in info["Ô trống"]
    # The numeric columns hold numbers or nothing: a spreadsheet can sum them.
    header = [c.value for c in book["Kết quả"][1]]
    for name in ("Số điểm cầu", "Số người dự"):
        column = header.index(name)
        values = [r[column].value for r in book["Kết quả"].iter_rows(min_row=2)]
        assert all(v is None or isinstance(v, int) for v in values), values


def test_exports_hold_every_row_not_just_the_page(staff_client):
    directive = make_directive(symbol="99-NQ/TW")
    unit = make_unit()
    count = PAGE_SIZE + 7
    for i in range(count):
        make_article(
            unit=unit,
            title=f"Bài số {i:03d}",
            directives=[directive],
            published_at=timezone.now() - timedelta(days=i + 1),
        )
    make_article(unit=unit, title="Không thuộc văn bản")
    page = staff_client.get(reverse("directives:reports"), {"van_ban": directive.slug})
    assert len(page.context["rows"]) == PAGE_SIZE
    text = page.content.decode()
    assert '<span aria-current="page">1</span>' in text
    assert f'href="/bao-cao/?van_ban={directive.slug}&amp;page=2" rel="next"' in text
    second = staff_client.get(reverse("directives:reports"), {"van_ban": directive.slug, "page": 2})
    assert [r.title for r in second.context["rows"]] == [
        f"Bài số {i:03d}" for i in range(PAGE_SIZE, count)
    ]
    # Links from before the page parameter had one name still lead to the same page.
    old = staff_client.get(reverse("directives:reports"), {"van_ban": directive.slug, "trang": 2})
    assert [r.title for r in old.context["rows"]] == [r.title for r in second.context["rows"]]

    _header, *rows = read_csv(staff_client.get(CSV_URL, {"van_ban": directive.slug}))
    assert len(rows) == count
    assert [r[3] for r in rows] == [f"Bài số {i:03d}" for i in range(count)]  # newest first

    sheet = read_xlsx(staff_client.get(XLSX_URL, {"van_ban": directive.slug}))["Kết quả"]
    assert sheet.max_row == count + 1
    assert sheet.auto_filter.ref == f"A1:M{count + 1}"


def test_exports_follow_the_pages_sort(staff_client):
    unit = make_unit()
    for views, title in [(5, "Bài B"), (50, "Bài C"), (1, "Bài A")]:
        make_article(unit=unit, title=title, views=views)
    _h, *rows = read_csv(staff_client.get(CSV_URL, {"sap_xep": "-luot-xem"}))
    assert [r[3] for r in rows] == ["Bài C", "Bài B", "Bài A"]
    _h, *rows = read_csv(staff_client.get(CSV_URL, {"sap_xep": "tieu-de"}))
    assert [r[3] for r in rows] == ["Bài A", "Bài B", "Bài C"]


DANGEROUS = [
    '=HYPERLINK("http://example.com","Bấm vào")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
]


def test_titles_cannot_become_formulas_in_csv(staff_client):
    unit = make_unit()
    for title in DANGEROUS:
        make_article(unit=unit, title=title)
    make_meeting(unit=unit, title="=1+1 hội nghị")
    _h, *rows = read_csv(staff_client.get(CSV_URL))
    titles = {r[3] for r in rows}
    for title in [*DANGEROUS, "=1+1 hội nghị"]:
        assert "'" + title in titles
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_titles_cannot_become_formulas_in_xlsx(staff_client):
    unit = make_unit()
    for title in DANGEROUS:
        make_article(unit=unit, title=title)
    sheet = read_xlsx(staff_client.get(XLSX_URL))["Kết quả"]
    cells = {c.value: c for c in sheet["D"][1:]}
    for title in DANGEROUS:
        cell = cells[title]  # the text is kept as typed...
        assert cell.data_type == "s"  # ...but stored as text, never as a formula
        assert cell.quotePrefix
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_unknown_figures_are_empty_cells_and_known_ones_add_up(staff_client):
    unit = make_unit()
    known = make_meeting(unit=unit, title="Có số", attendance=120)
    ConnectionPoint.objects.create(meeting=known, level="huyen", label="Huyện", count=9)
    ConnectionPoint.objects.create(meeting=known, level="xa", label="Xã", count=11)
    make_meeting(unit=unit, title="Không rõ số")
    _h, *rows = read_csv(staff_client.get(CSV_URL, {"loai": "hoi-nghi"}))
    by_title = {r[3]: r for r in rows}
    assert by_title["Có số"][10:12] == ["20", "120"]
    assert by_title["Không rõ số"][10:12] == ["", ""]


def test_an_empty_result_still_downloads_headers(staff_client):
    header, *rows = read_csv(staff_client.get(CSV_URL, {"q": "không có gì"}))
    assert header[0] == "Loại" and rows == []
    book = read_xlsx(staff_client.get(XLSX_URL, {"q": "không có gì"}))
    assert book["Kết quả"].max_row == 1


def test_the_page_links_to_downloads_of_the_same_filter(staff_client, seeds):
    response = staff_client.get(
        reverse("directives:reports"), {"van_ban": KL01, "trang": "1", "sap_xep": "tieu-de"}
    )
    text = response.content.decode()
    assert f'href="{XLSX_URL}?van_ban={KL01}&amp;sap_xep=tieu-de"' in text
    assert f'href="{CSV_URL}?van_ban={KL01}&amp;sap_xep=tieu-de"' in text


def test_directive_names_of_provincial_documents_in_exports(staff_client, seeds):
    _h, *rows = read_csv(
        staff_client.get(CSV_URL, {"van_ban": "ke-hoach-30-kh-tu-hai-duong", "loai": "bai-viet"})
    )
    assert len(rows) == 1
    assert "Kế hoạch 30-KH/TU" in rows[0][6]


def test_export_links_are_the_public_addresses(staff_client, seeds):
    expected = {
        f"http://testserver{obj.get_absolute_url()}"
        for obj in [*Article.objects.all(), *Meeting.objects.all()]
    }
    _h, *rows = read_csv(staff_client.get(CSV_URL))
    assert {r[12] for r in rows} == expected


def test_too_many_rows_for_excel_is_explained_on_the_page(staff_client, monkeypatch):
    from directives.reports import exports

    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    unit = make_unit()
    for _ in range(3):
        make_article(unit=unit)
    response = staff_client.get(XLSX_URL)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Kết quả có 3 dòng, nhiều hơn một trang tính Excel chứa được (2 dòng)" in text
    assert "Tải về CSV" in text
    assert staff_client.get(CSV_URL).status_code == 200
