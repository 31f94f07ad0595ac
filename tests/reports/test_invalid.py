"""Every filter value is something a stranger can type: bad ones give a clear message in
the form (status 400), never a 500, and never a half-filtered report or a file."""

import pytest
from django.urls import reverse

from provinces.models import Unit

from .conftest import make_member

URL = reverse("directives:reports")


@pytest.fixture
def staff_client(client, seeds):
    client.force_login(make_member(role="chief", unit=Unit.objects.get(slug="can-tho")))
    return client


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"tu_ngay": "31/02/2021"}, "tu_ngay", "Ngày không hợp lệ"),
        ({"tu_ngay": "hôm qua"}, "tu_ngay", "Ngày không hợp lệ"),
        ({"den_ngay": "2021-13-01"}, "den_ngay", "Ngày không hợp lệ"),
        ({"tu_ngay": "01/01/0001"}, "tu_ngay", "Năm phải nằm trong khoảng 1930–2100"),
        ({"den_ngay": "31/12/9999"}, "den_ngay", "Năm phải nằm trong khoảng 1930–2100"),
        (
            {"tu_ngay": "01/07/2021", "den_ngay": "30/06/2021"},
            "den_ngay",
            "phải sau hoặc bằng “Từ ngày”",
        ),
        ({"van_ban": "khong-co-van-ban-nay"}, "van_ban", "Không tìm thấy văn bản này"),
        ({"van_ban": "1"}, "van_ban", "Không tìm thấy văn bản này"),
        ({"don_vi": "atlantis"}, "don_vi", "Không tìm thấy đơn vị này"),
        ({"don_vi": "1"}, "don_vi", "Không tìm thấy đơn vị này"),
        ({"loai": "bao-chi"}, "loai", "Loại tài liệu không hợp lệ"),
        ({"chuyen_muc": "khong-co"}, "chuyen_muc", "Không tìm thấy chuyên mục này"),
        ({"trang_thai": "bi-mat"}, "trang_thai", "Tình trạng không hợp lệ"),
        ({"q": "x" * 201}, "q", "Từ khóa dài tối đa 200 ký tự"),
    ],
)
def test_bad_values_are_explained_in_the_form(staff_client, params, field, message):
    response = staff_client.get(URL, params)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Chưa lọc được" in text
    assert message in text
    assert field in response.context["form"].errors
    # No figures computed from a partly applied filter.
    assert "report" not in response.context
    # The bad field is marked for assistive technology and keeps what was typed.
    assert 'aria-invalid="true"' in text


def test_the_day_month_order_is_read_day_first(staff_client):
    response = staff_client.get(URL, {"tu_ngay": "05/03/2021", "den_ngay": "05/03/2021"})
    assert response.status_code == 200
    assert "từ 05/03/2021 đến 05/03/2021" in response.content.decode()


def test_iso_dates_from_a_date_picker_are_accepted(staff_client):
    response = staff_client.get(URL, {"tu_ngay": "2021-07-01"})
    assert response.status_code == 200
    assert "từ 01/07/2021" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "9" * 40])
def test_odd_page_numbers_fall_back_to_a_real_page(staff_client, page):
    response = staff_client.get(URL, {"page": page})
    assert response.status_code == 200
    assert response.context["rows"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_refuse_bad_filters_with_the_form_not_a_file(staff_client, fmt):
    response = staff_client.get(
        reverse(f"directives:reports_{fmt}"), {"van_ban": "khong-co", "tu_ngay": "x"}
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "Không tìm thấy văn bản này" in text
    assert "Ngày không hợp lệ" in text


def test_repeated_and_unknown_parameters_do_no_harm(staff_client):
    response = staff_client.get(
        URL + "?van_ban=chi-thi-05-ct-tw&van_ban=nghi-quyet-35-nq-tw&xyz=1&tiep_noi=maybe"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "field", ["van_ban", "don_vi", "chuyen_muc", "q", "tu_ngay", "loai", "sap_xep", "page", "trang"]
)
def test_nul_characters_are_refused_not_sent_to_the_database(
    staff_client, field, django_assert_max_num_queries
):
    """The site refuses a NUL character in any parameter before a view runs (400)."""
    with django_assert_max_num_queries(0):
        response = staff_client.get(URL, {field: "ab\x00c"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
