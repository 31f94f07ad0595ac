"""manage.py import_redirects: a spreadsheet of old addresses fills the table; running
it again changes nothing; bad rows are reported by line and the rest imported."""

import io

import pytest
from django.core.management import CommandError, call_command

from redirects.models import OldAddress

from .conftest import LEGACY

pytestmark = pytest.mark.django_db


def run(tmp_path, text, *args, encoding="utf-8"):
    path = tmp_path / "dia-chi-cu.csv"
    path.write_bytes(text.encode(encoding))
    out = io.StringIO()
    call_command("import_redirects", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sheet(tra_vinh, settings):
    """Trà Vinh's old site: three good rows (an article by slug, an article by its
    address on our site, a path) and six bad ones."""
    settings.PORTAL_HOST = "tuyengiao.example.vn"
    _board, article, _vinh_long = tra_vinh
    return "\n".join(
        [
            "old_url,target",
            f"https://{LEGACY}/tin-tuc/123.html,{article.slug}",
            f'"https://{LEGACY}/Tin-Tuc/Chi tiết.aspx?ID=5",https://tuyengiao.example.vn'
            f"{article.get_absolute_url()}",
            f"{LEGACY}/gioi-thieu,/tinh/tra-vinh/",
            f"https://{LEGACY}/tin-tuc/124.html,khong-co-bai-nay",
            "https://tuyengiao.khongro.vn/x,/tinh/tra-vinh/",
            f"https://{LEGACY}/TIN-TUC/123.html,/tinh/tra-vinh/",
            f"https://{LEGACY}/lien-he,",
            f"https://{LEGACY}/x,https://evil.example.com/",
            f"https://{LEGACY}/y,//evil.example.com/",
            "",
        ]
    )


def test_a_sheet_is_imported_and_bad_rows_are_reported_by_line(tmp_path, sheet, tra_vinh):
    board, article, _vinh_long = tra_vinh
    out = run(tmp_path, sheet)
    assert out.startswith("Created 3, updated 0, unchanged 0, skipped 6.")
    for line, reason in [
        (5, "không có bài viết “khong-co-bai-nay”"),
        (6, "tên miền tuyengiao.khongro.vn chưa thuộc ban nào"),
        (7, "trùng với dòng 2"),
        (8, "thiếu đích"),
        (9, "đích https://evil.example.com/ không thuộc trang này"),
        (10, "Đường dẫn đích phải là một trang của trang này"),
    ]:
        assert f"line {line}: {reason}" in out
    rows = {a.path: a for a in OldAddress.objects.all()}
    assert set(rows) == {
        "/tin-tuc/123.html",
        "/Tin-Tuc/Chi%20ti%E1%BA%BFt.aspx?ID=5",
        "/gioi-thieu",
    }
    assert {a.board for a in rows.values()} == {board}
    assert rows["/tin-tuc/123.html"].article == article
    assert rows["/Tin-Tuc/Chi%20ti%E1%BA%BFt.aspx?ID=5"].article == article
    assert rows["/gioi-thieu"].target_path == "/tinh/tra-vinh/"


def test_running_it_again_changes_nothing(tmp_path, sheet, client):
    run(tmp_path, sheet)
    before = list(OldAddress.objects.order_by("pk").values())
    out = run(tmp_path, sheet)
    assert out.startswith("Created 0, updated 0, unchanged 3, skipped 6.")
    assert list(OldAddress.objects.order_by("pk").values()) == before
    # And the imported links work.
    response = client.get("/tin-tuc/123.html", HTTP_HOST=LEGACY)
    assert response.status_code == 301 and "/bai-viet/" in response["Location"]


def test_a_changed_target_updates_the_row(tmp_path, sheet):
    run(tmp_path, sheet)
    out = run(tmp_path, f"old_url,target\nhttps://{LEGACY}/tin-tuc/123.html,/tinh/tra-vinh/\n")
    assert out.startswith("Created 0, updated 1, unchanged 0, skipped 0.")
    row = OldAddress.objects.get(path="/tin-tuc/123.html")
    assert row.article is None and row.target_path == "/tinh/tra-vinh/"


def test_a_dry_run_writes_nothing(tmp_path, sheet):
    out = run(tmp_path, sheet, "--dry-run")
    assert out.startswith("Would create 3, update 0, unchanged 0, skipped 6.")
    assert "Dry run: nothing was written." in out
    assert not OldAddress.objects.exists()


def test_an_excel_export_with_bom_and_semicolons_and_host_path_columns(tmp_path, tra_vinh):
    """Excel with Vietnamese regional settings separates with semicolons."""
    board, article, _vinh_long = tra_vinh
    text = f"\ufeffHost;Path;Target\n{LEGACY};/tin-tuc/123.html;{article.slug}\n"
    assert run(tmp_path, text).startswith("Created 1,")
    assert OldAddress.objects.get().board == board


def test_board_option_for_a_host_not_yet_registered(tmp_path, tra_vinh):
    board, article, _vinh_long = tra_vinh
    text = f"old_url,target\nhttp://www.travinh.gov.vn/tuyengiao/1,{article.slug}\n"
    assert "skipped 1" in run(tmp_path, text)
    assert run(tmp_path, text, "--board", "tra-vinh").startswith("Created 1,")
    assert OldAddress.objects.get().board == board


def test_board_option_cannot_claim_another_boards_domain(tmp_path, tra_vinh, own):
    _board, article, _vinh_long = tra_vinh
    text = f"old_url,target\nhttps://{LEGACY}/1,{article.slug}\n"
    out = run(tmp_path, text, "--board", "lang-son-thu")
    assert "line 2: Tên miền tuyengiao.travinh.gov.vn thuộc" in out
    assert not OldAddress.objects.exists()


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("old_url,target\nhttps://tuyengiao.trà.vn/x,/\n", "cp1258", "not UTF-8"),
        ("address,where\nhttps://x.vn/1,/\n", "utf-8", "must name the columns"),
    ],
)
def test_a_file_that_cannot_be_read_stops_with_a_clear_message(
    tmp_path, db, text, encoding, message
):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, text, encoding=encoding)


def test_an_unknown_board_stops_with_a_clear_message(tmp_path, db):
    with pytest.raises(CommandError, match="No board"):
        run(tmp_path, "old_url,target\n", "--board", "khong-co")
