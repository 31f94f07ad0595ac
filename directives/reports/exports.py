"""CSV and Excel exports of a filtered report: every matching row, not just one page.

- CSV is UTF-8 with a byte-order mark (Excel otherwise reads Vietnamese as Windows-1252)
  and is streamed, so a large export neither waits nor fills memory.
- Excel (.xlsx) is written with openpyxl's write-only mode (rows go to a temporary file,
  not into memory): sheet "Kết quả" holds the rows with real date cells shown as
  dd/mm/yyyy, "Tổng hợp" the units × directives table, "Thông tin" the filters used.
- Titles and other user-entered text are guarded against formula injection: a CSV cell
  beginning with =, +, -, @ (or a tab / carriage return) gets a leading apostrophe, and
  in .xlsx such text is stored as a string with Excel's quote-prefix flag, never as a
  formula.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.templatetags.vi import so

from .figures import build_report
from .filters import ARTICLE, MEETING
from .rows import iter_rows
from .selectors import filtered

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UNKNOWN = "chưa rõ"

# (header, width in characters for Excel)
COLUMNS = [
    ("Loại", 22),
    ("Ngày", 12),
    ("Kỳ báo cáo", 20),
    ("Tiêu đề", 60),
    ("Đơn vị", 28),
    ("Chuyên mục", 22),
    ("Văn bản liên quan", 50),
    ("Tình trạng", 16),
    ("Lượt xem", 10),
    ("Hình thức", 18),
    ("Số điểm cầu", 12),
    ("Số người dự", 12),
    ("Đường dẫn", 50),
]
HEADERS = [name for name, _width in COLUMNS]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(value):
    """Neutralise text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def filename(*, filters, extension):
    """bao-cao-2026-11-22.xlsx, or bao-cao-chi-thi-05-ct-tw-2026-11-22.xlsx with a
    directive chosen (slugs are ASCII, so the header needs no encoding)."""
    parts = ["bao-cao"]
    directive = filters.cleaned("van_ban")
    if directive is not None:
        parts.append(directive.slug)
    unit = filters.cleaned("don_vi")
    if unit is not None:
        parts.append(unit.slug)
    parts.append(timezone.localdate().isoformat())
    return "-".join(parts) + "." + extension


def _known_or_unknown(row, value):
    """A meeting's figure, or an empty cell (an article, or a figure not reported): the
    numeric columns hold numbers only, so a spreadsheet can sum them; the "Thông tin"
    sheet says what an empty cell means."""
    return None if row.is_article else value


def _path_maker(viewname):
    """slug → path for a "<slug:slug>" URL, reversed once rather than once per row (an
    export can hold tens of thousands of rows); tests check it matches
    get_absolute_url()."""
    sentinel = "slug-placeholder-0"
    template = reverse(viewname, kwargs={"slug": sentinel})
    return lambda slug: template.replace(sentinel, slug)


def path_makers():
    return {
        ARTICLE: _path_maker("articles:detail"),
        MEETING: _path_maker("directives:meeting"),
    }


def row_values(row, *, absolute_url, paths=None):
    """One report row as plain values, in COLUMNS order (dates as date objects)."""
    paths = paths or path_makers()
    return [
        row.kind_label,
        row.day if row.has_date else None,
        row.period_label,
        row.title,
        row.unit_label,
        row.section_name,
        row.directive_names,
        row.status_label or "Đã công khai",
        row.views,
        row.format_label,
        _known_or_unknown(row, row.connection_points),
        _known_or_unknown(row, row.attendance),
        absolute_url(paths[row.kind](row.obj.slug)),
    ]


def _csv_cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return csv_safe(value)


class _Echo:
    """A file-like object whose write() hands the line back to the generator."""

    def write(self, value):
        return value


def csv_response(*, rows, filters, absolute_url):
    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff"  # BOM: Excel then reads the file as UTF-8
        yield writer.writerow(HEADERS)
        paths = path_makers()
        for row in rows:
            values = row_values(row, absolute_url=absolute_url, paths=paths)
            yield writer.writerow([_csv_cell(v) for v in values])

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(filters=filters, extension="csv")}"'
    )
    return response


def _xlsx_cell(sheet, value, *, bold=False, date=False, wrap=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl would store "=..." as a formula: keep it text, flagged as such.
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    if date:
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _header_row(sheet, names):
    return [_xlsx_cell(sheet, name, bold=True) for name in names]


def xlsx_response(*, rows, filters, report, user, absolute_url):
    book = Workbook(write_only=True)

    results = book.create_sheet("Kết quả")
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        results.column_dimensions[get_column_letter(index)].width = width
    results.freeze_panes = "A2"
    results.append(_header_row(results, HEADERS))
    count = 0
    paths = path_makers()
    for row in rows:
        values = row_values(row, absolute_url=absolute_url, paths=paths)
        results.append(
            [_xlsx_cell(results, v, date=(i == 1 and v is not None)) for i, v in enumerate(values)]
        )
        count += 1
    results.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"

    _summary_sheet(book.create_sheet("Tổng hợp"), report.summary)
    _info_sheet(book.create_sheet("Thông tin"), filters=filters, report=report, user=user)

    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    book.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename(filters=filters, extension="xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )


def _summary_sheet(sheet, summary):
    sheet.column_dimensions["A"].width = 34
    headers = ["Đơn vị", "Tổng số bài viết", "Tổng số hội nghị"]
    for d in summary.directives:
        headers += [f"{d.name}: bài viết", f"{d.name}: hội nghị"]
    sheet.freeze_panes = "B2"
    sheet.append(_header_row(sheet, headers))
    for r in summary.rows:
        values = [r.label, r.articles, r.meetings]
        for a, m in r.cells:
            values += [a, m]
        sheet.append([_xlsx_cell(sheet, v) for v in values])
    totals = ["Cộng", summary.articles, summary.meetings]
    for a, m in summary.column_totals:
        totals += [a, m]
    sheet.append([_xlsx_cell(sheet, v, bold=True) for v in totals])


def _info_sheet(sheet, *, filters, report, user):
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    t = report.totals
    lines = [
        ("Báo cáo", "Bài viết và hội nghị theo văn bản, đơn vị và thời gian"),
        ("Lập lúc", timezone.localtime().strftime("%d/%m/%Y %H:%M")),
        ("Người lập", user.get_full_name() or user.get_username()),
    ]
    active = filters.active_filters()
    lines += [(label, value) for label, value in active] or [("Bộ lọc", "Không lọc")]
    lines += [
        ("Số bài viết", t.articles),
        ("Tổng lượt xem", t.views),
        ("Số hội nghị", t.meetings),
        (
            "Số điểm cầu",
            UNKNOWN if t.connection_points is None else t.connection_points,
        ),
        ("Số người dự", UNKNOWN if t.attendance is None else t.attendance),
        (
            "Ô trống",
            "Ở cột “Số điểm cầu” và “Số người dự”: hội nghị chưa báo số liệu (chưa rõ), "
            "hoặc dòng là bài viết (không áp dụng).",
        ),
    ]
    for label, value in lines:
        sheet.append([_xlsx_cell(sheet, label, bold=True), _xlsx_cell(sheet, value, wrap=True)])


# An Excel sheet holds 1,048,576 rows, one of them the header.
XLSX_MAX_ROWS = 1_048_575


class TooManyRows(Exception):
    def __init__(self, count):
        super().__init__(count)
        self.count = count

    @property
    def message(self):
        """Why there is no file, for the page shown instead."""
        return (
            f"Kết quả có {so(self.count)} dòng, nhiều hơn một trang tính Excel "
            f"chứa được ({so(XLSX_MAX_ROWS)} dòng). Hãy thu hẹp bộ lọc, "
            "hoặc tải về CSV."
        )


def export(*, fmt, filters, user, sort, absolute_url):
    """The response for ``fmt`` ("csv" or "xlsx") of valid ``filters``. Raises
    TooManyRows when the rows do not fit in one Excel sheet."""
    articles, meetings = filtered(filters=filters, user=user)
    rows = iter_rows(articles=articles, meetings=meetings, sort=sort)
    if fmt == "csv":
        return csv_response(rows=rows, filters=filters, absolute_url=absolute_url)
    report = build_report(filters=filters, user=user)
    if report.totals.total > XLSX_MAX_ROWS:
        raise TooManyRows(report.totals.total)
    return xlsx_response(
        rows=rows, filters=filters, report=report, user=user, absolute_url=absolute_url
    )
