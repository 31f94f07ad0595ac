"""The report's figures: totals (views, meetings, connection points and attendance,
with unknown figures called "chưa rõ", never 0), the units × directives table, and the
charts drawn on the server as accessible SVG."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.models import ConnectionPoint
from provinces.models import Unit
from tests.factories import make_article, make_directive, make_meeting, make_unit

from .conftest import make_member

URL = reverse("directives:reports")
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_member(role="superuser"))
    return client


def test_totals_on_the_seeds_for_directive_05(client, seeds):
    client.force_login(make_member(role="analyst", unit=Unit.objects.get(slug="trung-uong")))
    response = client.get(URL, {"van_ban": "chi-thi-05-ct-tw"})
    t = response.context["report"].totals
    assert (t.articles, t.meetings) == (4, 5)
    assert t.views == 902  # only Hậu Giang's page showed a count
    # Known connection points: Lạng Sơn's 1 (central review) + Hải Dương's main point 1;
    # Hải Dương's district points have no count.
    assert t.connection_points == 2
    assert t.connection_point_groups_unknown == 1
    assert t.attendance is None
    text = response.content.decode()
    assert "Tìm thấy <strong>4</strong> bài viết và <strong>5</strong> hội nghị." in text
    assert "1 nhóm điểm cầu chưa rõ số" in text
    assert "5/5 hội nghị chưa rõ số người dự" in text


def test_attendance_and_connection_points_of_binh_phuoc_study_conference(client, seeds):
    client.force_login(make_member(role="analyst", unit=Unit.objects.get(slug="dong-nai")))
    response = client.get(URL, {"don_vi": "dong-nai", "loai": "quan-triet"})
    t = response.context["report"].totals
    assert t.meetings == 1
    assert t.connection_points == 3 + 22 + 9 + 111
    assert t.attendance == 23000
    text = response.content.decode()
    assert "23.000" in text and "145" in text


def test_unknown_totals_read_chua_ro_not_zero(staff_client):
    make_meeting(title="Không rõ gì")
    response = staff_client.get(URL)
    totals = re.search(r'<dl class="report-totals">(.*?)</dl>', response.content.decode(), re.S)
    block = totals.group(1)
    assert re.search(r"<dt>Điểm cầu</dt>\s*<dd>chưa rõ", block)
    assert re.search(r"<dt>Người dự</dt>\s*<dd>chưa rõ", block)


def test_views_add_up_over_the_matching_articles(staff_client):
    unit = make_unit()
    make_article(unit=unit, views=1200)
    make_article(unit=unit, views=34)
    make_article(views=5000)  # another unit: filtered out below
    response = staff_client.get(URL, {"don_vi": unit.slug})
    assert response.context["report"].totals.views == 1234
    assert "1.234" in response.content.decode()


def test_summary_table_counts_units_by_directive(staff_client):
    first, second = make_directive(symbol="11-NQ/TW"), make_directive(symbol="12-CT/TW")
    north, south = make_unit(name="Tỉnh Bắc"), make_unit(name="Tỉnh Nam")
    make_article(unit=north, directives=[first, second])
    make_article(unit=north, directives=[first])
    make_article(unit=south, directives=[second])
    make_meeting(unit=south, directives=[first])
    make_article(unit=south)  # linked to nothing: counted in the unit's total only
    s = staff_client.get(URL).context["report"].summary
    assert [d.symbol for d in s.directives] == ["11-NQ/TW", "12-CT/TW"]
    rows = {r.unit.name: (r.articles, r.meetings, r.cells) for r in s.rows}
    assert rows["Tỉnh Bắc"] == (2, 0, [(2, 0), (1, 0)])
    assert rows["Tỉnh Nam"] == (2, 1, [(0, 1), (1, 0)])
    assert s.column_totals == [(2, 1), (2, 0)]
    assert (s.articles, s.meetings) == (4, 1)


def test_summary_without_a_directive_shows_the_most_linked_ones(staff_client):
    unit = make_unit()
    directives = [make_directive(symbol=f"{n}-KL/TW") for n in range(1, 11)]
    for n, directive in enumerate(directives):
        for _ in range(n + 1):
            make_article(unit=unit, directives=[directive])
    response = staff_client.get(URL)
    s = response.context["report"].summary
    assert [d.symbol for d in s.directives] == [f"{n}-KL/TW" for n in range(10, 2, -1)]
    assert s.more_directives == 2
    assert "còn 2 văn bản khác" in response.content.decode()


def test_charts_are_inline_accessible_svg(staff_client):
    unit = make_unit(name="Tỉnh Biểu Đồ")
    make_article(unit=unit, published_at=datetime(2024, 1, 10, 9, tzinfo=TZ))
    make_article(unit=unit, published_at=datetime(2024, 3, 31, 23, 30, tzinfo=TZ))
    make_meeting(unit=unit)
    text = staff_client.get(URL).content.decode()
    assert text.count("<svg") == 2
    assert 'role="img"' in text
    assert '<title id="bieu-do-don-vi-title">Số bài viết và hội nghị theo đơn vị</title>' in text
    assert "Tỉnh Biểu Đồ: 2 bài viết, 1 hội nghị." in text  # the <desc> reads the figures
    # Per month, with the empty month in between; 23:30 local on 31/3 is March, not April.
    assert (
        "Tháng 01/2024: 1 bài viết; Tháng 02/2024: 0 bài viết; Tháng 03/2024: 1 bài viết." in text
    )
    # Nothing from another site: the only scripts are the site's own static files.
    assert "cdn" not in text.lower()
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/js/site.js" defer>']


def test_long_spans_are_charted_per_year(staff_client):
    unit = make_unit()
    for year in (2016, 2020, 2025):
        make_article(unit=unit, published_at=datetime(year, 6, 1, 12, tzinfo=TZ))
    response = staff_client.get(URL)
    period = response.context["report"].per_period
    assert period.granularity == "year"
    assert period.points == [
        (str(y), 1 if y in (2016, 2020, 2025) else 0) for y in range(2016, 2026)
    ]
    assert "Số bài viết theo năm" in response.content.decode()


def test_unpublished_drafts_are_charted_by_creation_time(staff_client):
    make_article(status="draft", created_at=timezone.now() - timedelta(days=1))
    period = staff_client.get(URL).context["report"].per_period
    assert sum(n for _label, n in period.points) == 1


def test_connection_points_of_each_meeting_in_the_table(staff_client):
    meeting = make_meeting(title="Có điểm cầu")
    ConnectionPoint.objects.create(meeting=meeting, level="xa", label="Xã", count=111)
    ConnectionPoint.objects.create(meeting=meeting, level="huyen", label="Huyện")
    row = staff_client.get(URL).context["rows"][0]
    assert row.connection_points == 111


@pytest.mark.django_db(transaction=True)
def test_staff_opening_the_same_report_at_once_wait_for_one_computation(monkeypatch, settings):
    """At a million articles the figures take seconds: the second reader waits for the
    first one's figures instead of running the same grouped queries again."""
    import threading
    import time

    from django.db import connection
    from django.test import Client

    from directives.reports import figures

    directive = make_directive(symbol="35-NQ/TW")
    for n in range(3):
        make_article(title=f"Bài {n}", directives=[directive])
    computed = []
    real = figures.compute_figures

    def slow_compute(**kwargs):
        computed.append(kwargs)
        time.sleep(0.5)  # long enough for the other request to arrive meanwhile
        return real(**kwargs)

    monkeypatch.setattr(figures, "compute_figures", slow_compute)
    # Sessions are saved on every request; in SQLite's shared in-memory test database a
    # session write in one thread makes the other's reads fail ("table is locked").
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    pages = []
    clients = []
    for n in range(2):  # signed in first: SQLite takes one writer at a time
        clients.append(Client())
        clients[-1].force_login(make_member(role="superuser", username=f"staff-{n}"))

    def read(client):
        try:
            pages.append(client.get(URL))
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(computed) == 1
    assert [p.status_code for p in pages] == [200, 200]
    assert [p.context["report"].totals.articles for p in pages] == [3, 3]


def test_chart_labels_are_text_never_markup(staff_client):
    """The chart is a template: a unit's name is escaped like any other text."""
    unit = make_unit(name='<script>alert("x")</script> & Co')
    make_article(unit=unit)
    text = staff_client.get(URL).content.decode()
    assert "<script>alert" not in text
    assert (
        '<text x="0" y="39" class="chart-label">'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</text>" in text
    )


def test_chart_geometry():
    """The longest bar takes 80% of the width and every value is written after its bar;
    a zero draws no bar but still says 0; long labels are shortened, tooltips are not."""
    from directives.reports.charts import units_chart

    long_name = "Tỉnh " + "rất dài " * 10
    chart = units_chart([("Tỉnh A", 40, 0), (long_name, 10, 5)])
    assert chart.height == 26 + 2 * (18 + 14 + 3 + 14 + 12) + 4
    assert [(item.x, item.name) for item in chart.legend] == [(0, "Bài viết"), (100, "Hội nghị")]
    first, second = chart.rows
    assert [(bar.y, bar.percent, bar.value_dx) for bar in first.bars] == [
        (26 + 18, 80.0, 6),
        (26 + 18 + 17, 0.0, 0),
    ]
    assert [bar.percent for bar in second.bars] == [20.0, 10.0]
    assert second.label == long_name[:59] + "…" and second.category == long_name
    assert chart.description == (
        f"Tỉnh A: 40 bài viết, 0 hội nghị; {long_name}: 10 bài viết, 5 hội nghị."
    )
