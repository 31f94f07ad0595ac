"""The report page and its downloads run a fixed number of SQL queries, whatever the
number of matching articles, meetings, directives and connection points."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.models import ConnectionPoint
from tests.factories import make_article, make_directive, make_meeting, make_unit

from .conftest import make_member

pytestmark = pytest.mark.django_db

# Session, user, membership and board scope, the form's options, lookups of the chosen
# directive / unit / section and the directive chain, counts and sums, the summary
# table, the charts, one page of rows with their directives and connection points.
# Measured: page 17–29, CSV 11–21, Excel 16–30, depending on the filters.
MAX_QUERIES = 34

URLS = ["directives:reports", "directives:reports_csv", "directives:reports_xlsx"]
PARAMS = [
    {},
    {"van_ban": "nghi-quyet-77-nq-tw", "tiep_noi": "on", "don_vi": "tinh-hien-nay"},
    {"loai": "hoi-nghi", "tu_ngay": "01/01/2020", "sap_xep": "tieu-de", "q": "Hội"},
]


@pytest.fixture
def world():
    directive = make_directive(symbol="77-NQ/TW")
    follower = make_directive(symbol="78-KL/TW")
    follower.relations_out.create(target=directive, kind="continues")
    planner = make_directive(symbol="79-KH/TU")
    planner.relations_out.create(target=follower, kind="implements")
    current = make_unit(name="Tỉnh Hiện Nay")
    return {"directives": [directive, follower, planner], "units": [current]}


def add_material(world, *, merged_units, per_unit):
    """Articles and meetings for the current unit and ``merged_units`` more units
    merged into it, linked to the directives, each meeting with connection points."""
    current = world["units"][0]
    for _ in range(merged_units):
        n = len(world["units"])
        world["units"].append(
            make_unit(name=f"Tỉnh Cũ {n}", merged_into=current, legacy_code=800 + n)
        )
    directive, follower, planner = world["directives"]
    for unit in world["units"]:
        for i in range(per_unit):
            make_article(unit=unit, directives=[directive, planner] if i % 2 else [follower])
            make_article(unit=unit, status="draft", directives=[directive])
            meeting = make_meeting(unit=unit, directives=[follower], attendance=i or None)
            ConnectionPoint.objects.create(meeting=meeting, level="xa", label="Xã", count=i)
            ConnectionPoint.objects.create(meeting=meeting, level="huyen", label="Huyện")


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(url), params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_the_number_of_results(
    client, world, django_assert_max_num_queries, settings, url, params
):
    settings.REPORTS_CACHE_SECONDS = 0  # measure the full work every time
    client.force_login(make_member(role="analyst", unit=world["units"][0]))
    add_material(world, merged_units=0, per_unit=1)
    small = count_queries(client, url, params)

    add_material(world, merged_units=4, per_unit=15)  # 5 units, ~16 rows each kind
    large = count_queries(client, url, params)
    assert large <= small, f"{small} queries for a few rows, {large} for many"
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse(url), params)
        if response.streaming:
            b"".join(response.streaming_content)


def test_paging_and_sorting_reuse_the_figures_of_the_same_filter(client, world):
    """Figures are computed once per filter and scope for a few minutes: the next page,
    another sort or the download does not recompute them."""
    add_material(world, merged_units=2, per_unit=20)
    client.force_login(make_member(role="analyst", unit=world["units"][0]))
    params = {"van_ban": "nghi-quyet-77-nq-tw", "tiep_noi": "on"}
    first = count_queries(client, "directives:reports", params)
    second = count_queries(client, "directives:reports", {**params, "page": "2"})
    resorted = count_queries(client, "directives:reports", {**params, "sap_xep": "don-vi"})
    assert second < first and resorted < first
    response = client.get(reverse("directives:reports"), {**params, "page": "2"})
    assert "Số liệu tổng hợp tính lúc" in response.content.decode()


def test_figures_are_kept_per_scope_not_shared_between_boards(client, world):
    add_material(world, merged_units=0, per_unit=1)
    own = world["units"][0]
    make_article(unit=own, status="draft", title="Nháp riêng")
    other = make_unit(name="Tỉnh Bên Cạnh")
    client.force_login(make_member(role="analyst", unit=own))
    mine = client.get(reverse("directives:reports")).context["report"].totals.articles
    client.force_login(make_member(role="analyst", unit=other))
    theirs = client.get(reverse("directives:reports")).context["report"].totals.articles
    assert theirs == mine - 2  # the two drafts of "own" are not counted for another board
