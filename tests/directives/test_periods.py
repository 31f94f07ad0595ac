import datetime as dt

import pytest

from directives.reports.periods import parse_period


@pytest.mark.parametrize(
    ("label", "period"),
    [
        ("6 tháng đầu năm 2021", (dt.date(2021, 1, 1), dt.date(2021, 6, 30))),
        ("6 tháng cuối năm 2021", (dt.date(2021, 7, 1), dt.date(2021, 12, 31))),
        ("9 tháng đầu năm 2024", (dt.date(2024, 1, 1), dt.date(2024, 9, 30))),
        ("quý I/2021", (dt.date(2021, 1, 1), dt.date(2021, 3, 31))),
        ("Quý IV / 2020", (dt.date(2020, 10, 1), dt.date(2020, 12, 31))),
        ("quý 2 năm 2022", (dt.date(2022, 4, 1), dt.date(2022, 6, 30))),
        ("năm 2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31))),
        ("tháng 2/2024", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ],
)
def test_period_labels_are_read(label, period):
    assert parse_period(label) == period


@pytest.mark.parametrize(
    "label", ["", "nhiệm kỳ mới", "quý V/2021", "tháng 13/2021", "13 tháng đầu năm 2021"]
)
def test_unreadable_labels_give_none(label):
    assert parse_period(label) is None
