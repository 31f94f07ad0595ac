"""Server-side SVG bar charts for the staff report: no JavaScript, no external service.

The functions here compute the geometry (bar lengths and positions, labels, the text
read out to screen readers); templates/directives/reports/chart.svg draws it, and its
autoescaping keeps every label text.

The charts are horizontal bars whose lengths are percentages of the SVG's width, with
text in CSS pixels: the SVG is as wide as its container and its height is fixed, so
the labels keep their size on a 375-pixel phone and on a desktop alike (a viewBox would
shrink the text with the width). Each chart carries a <title> and a <desc> that reads
out every figure, and every bar has its value written next to it, so nothing depends on
colour alone; the page also offers the same figures as a table.
"""

from dataclasses import dataclass, field

from core.templatetags.vi import so

LABEL_HEIGHT = 18  # the category label above its bars
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
LEGEND_HEIGHT = 26
# The longest bar takes this share of the width; the rest is left for its value.
MAX_BAR_PERCENT = 80
LABEL_MAX_CHARS = 60

ARTICLES_FILL = "#a50e0e"
MEETINGS_FILL = "#b58100"


@dataclass
class Series:
    name: str  # e.g. "Bài viết"
    values: list  # one number per category
    css_class: str  # colour, set in reports.css
    fill: str  # colour when the stylesheet is absent


@dataclass
class LegendItem:
    x: int  # the swatch; its name follows at text_x
    text_x: int
    name: str
    css_class: str
    fill: str


@dataclass
class Bar:
    y: int
    percent: float  # of the chart's width; the value is written where the bar ends
    value: int
    name: str  # what is counted, in lower case: "bài viết"
    css_class: str
    fill: str

    @property
    def value_dx(self):
        return 6 if self.value else 0

    @property
    def value_y(self):
        return self.y + BAR_HEIGHT - 3


@dataclass
class Row:
    category: str  # in full, for the bars' tooltips
    label: str  # shortened to fit above the bars
    label_y: int
    bars: list = field(default_factory=list)


@dataclass
class Chart:
    """What chart.svg draws."""

    id: str
    title: str
    description: str  # every figure in words, for screen readers
    height: int
    legend: list  # LegendItems; empty with one series
    rows: list
    bar_height: int = BAR_HEIGHT


def _shorten(text):
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1] + "…"


def _description(categories, series):
    parts = []
    for i, category in enumerate(categories):
        figures = ", ".join(f"{so(s.values[i])} {s.name.lower()}" for s in series)
        parts.append(f"{category}: {figures}")
    return "; ".join(parts) + "."


def bar_chart(*, chart_id, title, categories, series):
    """An accessible horizontal bar chart: ``categories`` are the row labels; each
    ``Series`` has one value per category."""
    peak = max((v for s in series for v in s.values), default=0) or 1
    bars_height = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    row_height = LABEL_HEIGHT + bars_height + ROW_GAP
    legend_height = LEGEND_HEIGHT if len(series) > 1 else 0

    legend = []
    if legend_height:
        x = 0
        for s in series:
            legend.append(LegendItem(x, x + 20, s.name, s.css_class, s.fill))
            x += 28 + 9 * len(s.name)
    rows = []
    for i, category in enumerate(categories):
        top = legend_height + i * row_height
        row = Row(category=category, label=_shorten(category), label_y=top + 13)
        for j, s in enumerate(series):
            value = s.values[i]
            row.bars.append(
                Bar(
                    y=top + LABEL_HEIGHT + j * (BAR_HEIGHT + BAR_GAP),
                    percent=round(MAX_BAR_PERCENT * value / peak, 2),
                    value=value,
                    name=s.name.lower(),
                    css_class=s.css_class,
                    fill=s.fill,
                )
            )
        rows.append(row)
    return Chart(
        id=chart_id,
        title=title,
        description=_description(categories, series),
        height=legend_height + len(categories) * row_height + 4,
        legend=legend,
        rows=rows,
    )


def units_chart(per_unit):
    """Articles and meetings per unit; ``per_unit`` is [(label, articles, meetings)].
    None when there is nothing to draw."""
    if not per_unit:
        return None
    return bar_chart(
        chart_id="bieu-do-don-vi",
        title="Số bài viết và hội nghị theo đơn vị",
        categories=[label for label, _a, _m in per_unit],
        series=[
            Series("Bài viết", [a for _l, a, _m in per_unit], "bar-articles", ARTICLES_FILL),
            Series("Hội nghị", [m for _l, _a, m in per_unit], "bar-meetings", MEETINGS_FILL),
        ],
    )


def period_chart(period_counts):
    """Articles per month (or per year): ``period_counts`` is a figures.PeriodCounts.
    None when there is nothing to draw."""
    if not period_counts.points:
        return None
    by_year = period_counts.granularity == "year"
    return bar_chart(
        chart_id="bieu-do-thoi-gian",
        title="Số bài viết theo năm" if by_year else "Số bài viết theo tháng",
        categories=[
            (f"Năm {label}" if by_year else f"Tháng {label}") for label, _n in period_counts.points
        ],
        series=[
            Series(
                "Bài viết",
                [n for _label, n in period_counts.points],
                "bar-articles",
                ARTICLES_FILL,
            )
        ],
    )
