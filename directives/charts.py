"""Server-side SVG bar charts for the staff report: no JavaScript, no external service.

The charts are horizontal bars whose lengths are percentages of the SVG's width, with
text in CSS pixels: the SVG is as wide as its container and its height is fixed, so
the labels keep their size on a 375-pixel phone and on a desktop alike (a viewBox would
shrink the text with the width). Each chart carries a <title> and a <desc> that reads
out every figure, and every bar has its value written next to it, so nothing depends on
colour alone; the page also offers the same figures as a table.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.templatetags.vi import so

LABEL_HEIGHT = 18  # the category label above its bars
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
LEGEND_HEIGHT = 26
# The longest bar takes this share of the width; the rest is left for its value.
MAX_BAR_PERCENT = 80
LABEL_MAX_CHARS = 60


@dataclass
class Series:
    name: str  # e.g. "Bài viết"
    values: list  # one number per category
    css_class: str  # colour, set in reports.css
    fill: str  # colour when the stylesheet is absent


_number = so


def _shorten(text):
    return text if len(text) <= LABEL_MAX_CHARS else text[: LABEL_MAX_CHARS - 1] + "…"


def _description(categories, series):
    parts = []
    for i, category in enumerate(categories):
        figures = ", ".join(f"{_number(s.values[i])} {s.name.lower()}" for s in series)
        parts.append(f"{category}: {figures}")
    return "; ".join(parts) + "."


def bar_chart(*, chart_id, title, categories, series):
    """An accessible horizontal bar chart as inline SVG (safe to put in a template).

    ``categories`` are the row labels; each ``Series`` has one value per category."""
    peak = max((v for s in series for v in s.values), default=0) or 1
    bars_height = len(series) * BAR_HEIGHT + (len(series) - 1) * BAR_GAP
    row_height = LABEL_HEIGHT + bars_height + ROW_GAP
    legend = LEGEND_HEIGHT if len(series) > 1 else 0
    height = legend + len(categories) * row_height + 4

    out = [
        f'<svg class="chart" id="{escape(chart_id)}" width="100%" height="{height}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(_description(categories, series))}</desc>',
    ]
    if legend:
        x = 0
        out.append('<g class="chart-legend" aria-hidden="true">')
        for s in series:
            out.append(
                f'<rect x="{x}" y="4" width="14" height="14" class="{escape(s.css_class)}" '
                f'fill="{escape(s.fill)}"/>'
                f'<text x="{x + 20}" y="16" class="chart-legend-text">{escape(s.name)}</text>'
            )
            x += 28 + 9 * len(s.name)
        out.append("</g>")
    for i, category in enumerate(categories):
        top = legend + i * row_height
        out.append('<g class="chart-row">')
        out.append(
            f'<text x="0" y="{top + 13}" class="chart-label">{escape(_shorten(category))}</text>'
        )
        for j, s in enumerate(series):
            value = s.values[i]
            y = top + LABEL_HEIGHT + j * (BAR_HEIGHT + BAR_GAP)
            percent = round(MAX_BAR_PERCENT * value / peak, 2)
            if value:
                out.append(
                    f'<rect x="0" y="{y}" width="{percent}%" height="{BAR_HEIGHT}" '
                    f'class="{escape(s.css_class)}" fill="{escape(s.fill)}">'
                    f"<title>{escape(category)}: {_number(value)} {escape(s.name.lower())}</title>"
                    f"</rect>"
                )
            out.append(
                f'<text x="{percent}%" dx="{6 if value else 0}" y="{y + BAR_HEIGHT - 3}" '
                f'class="chart-value">{_number(value)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


ARTICLES_FILL = "#a50e0e"
MEETINGS_FILL = "#b58100"


def units_chart(per_unit):
    """Articles and meetings per unit; ``per_unit`` is [(label, articles, meetings)]."""
    if not per_unit:
        return ""
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
    """Articles per month (or per year): ``period_counts`` is a reports.PeriodCounts."""
    if not period_counts.points:
        return ""
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
