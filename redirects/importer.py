"""Reading the redirect table from a spreadsheet (manage.py import_redirects).

One row, one old address:
- the old address as a full URL (column ``old_url``), or as ``host`` and ``path``;
- ``target``: an article's slug, an article's address on our site (full or a path), or
  any other path of our site.

Rows are checked with the same rules as the admin form (OldAddress.full_clean), so a
file cannot put in what a superuser could not type. An address already in the table is
updated, never duplicated; a bad row is reported with its line and reason, and the rest
go on.
"""

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http.request import validate_host
from django.urls import Resolver404, resolve

from articles.models import Article
from core.hosts import normalise_host
from provinces.models import Board, BoardDomain, Unit

from .addresses import match_key, normalise_path, normalise_target_path, split_url
from .models import OldAddress

OLD_URL = ("old_url", "url", "old")
HOST, PATH = ("host",), ("path",)
TARGET = ("target", "new", "new_url")


class RowError(Exception):
    """A row that cannot be imported; its message says why (in Vietnamese, as the
    admin would say it)."""


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (line, reason)


def read_rows(data):
    """(line number, {column: value}) for each non-empty row of CSV text (``data``, the
    file's bytes). UTF-8 with or without a byte order mark (Excel's "CSV UTF-8"); comma,
    semicolon (Excel with Vietnamese regional settings) or tab separated. Raises
    ValueError for a file that is not UTF-8 or lacks the columns."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"the file is not UTF-8 (byte {error.start}): save it as “CSV UTF-8”"
        ) from None
    first = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = [name.strip().lower() for name in next(reader, [])]

    def column(names):
        return next((header.index(n) for n in names if n in header), None)

    old, host, path, target = column(OLD_URL), column(HOST), column(PATH), column(TARGET)
    if target is None or (old is None and (host is None or path is None)):
        raise ValueError(
            "the first row must name the columns: old_url,target or host,path,target "
            f"(found: {', '.join(header) or 'nothing'})"
        )
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue

        def cell(index, cells=cells):
            return cells[index].strip() if index is not None and index < len(cells) else ""

        yield (
            reader.line_num,
            {
                "old_url": cell(old),
                "host": cell(host),
                "path": cell(path),
                "target": cell(target),
            },
        )


class Importer:
    """Applies rows one by one (``apply``), keeping the report. ``board``: the board
    every row belongs to (--board); otherwise each row's host names it."""

    def __init__(self, *, board=None):
        self.board = board
        self.report = Report()
        self._seen = {}  # (host, match key) → line
        self._boards = {}  # host → Board or None

    def apply(self, line, row):
        try:
            self._apply(line, row)
        except RowError as error:
            self.report.skipped.append((line, str(error)))

    def _apply(self, line, row):
        host, path = self._old_address(row)
        key = (host, match_key(path))
        if key in self._seen:
            raise RowError(f"trùng với dòng {self._seen[key]}")
        self._seen[key] = line
        board = self._board_of(host)
        article, target_path = self._target(row["target"], board)

        address = OldAddress.objects.at(host, path).first()
        before = None
        if address is None:
            address = OldAddress(host=host)
        else:
            before = (address.board_id, address.path, address.article_id, address.target_path)
        address.board, address.path = board, path
        address.article, address.target_path = article, target_path
        try:
            address.full_clean(exclude=["hits", "last_hit_at"])
        except ValidationError as error:
            raise RowError("; ".join(error.messages)) from None
        after = (address.board_id, address.path, address.article_id, address.target_path)
        if before == after:
            self.report.unchanged += 1
            return
        address.save()
        if before is None:
            self.report.created += 1
        else:
            self.report.updated += 1

    def _old_address(self, row):
        try:
            if row["old_url"]:
                return split_url(row["old_url"])
            if not row["host"] or not row["path"]:
                raise RowError("thiếu địa chỉ cũ (old_url, hoặc host và path)")
            return normalise_host(row["host"]), normalise_path(row["path"])
        except ValidationError as error:
            raise RowError("; ".join(error.messages)) from None

    def _board_of(self, host):
        if self.board is not None:
            return self.board
        if host not in self._boards:
            domain = BoardDomain.objects.filter(host=host).select_related("board").first()
            board = domain.board if domain else None
            if board is None and host == _portal_host():
                board = Board.objects.filter(unit__kind=Unit.Kind.CENTRAL).first()
            self._boards[host] = board
        board = self._boards[host]
        if board is None:
            raise RowError(
                f"tên miền {host} chưa thuộc ban nào: thêm nó vào trang của ban, "
                "hoặc chạy lệnh với --board"
            )
        return board

    def _target(self, value, board):
        """(article or None, target path or "")."""
        if not value:
            raise RowError("thiếu đích (target)")
        if value.startswith(("http://", "https://")):
            parts = urlsplit(value)
            if not _is_ours(parts.hostname or ""):
                raise RowError(f"đích {value} không thuộc trang này")
            value = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if not value.startswith("/"):
            return _article(value, board), ""
        try:
            match = resolve(value.split("?", 1)[0])
        except Resolver404:
            match = None
        if match is not None and match.view_name == "articles:detail":
            return _article(match.kwargs["slug"], board), ""
        try:
            return None, normalise_target_path(value)
        except ValidationError as error:
            raise RowError("; ".join(error.messages)) from None


def _portal_host():
    try:
        return normalise_host(settings.PORTAL_HOST)
    except ValidationError:
        return settings.PORTAL_HOST  # "localhost" in development


def _is_ours(host):
    host = host.lower()
    return (
        host == _portal_host()
        or validate_host(host, list(settings.ALLOWED_HOSTS))
        or BoardDomain.objects.filter(host=host).exists()
    )


def _article(slug, board):
    """The article a slug names: the public (or withdrawn) one, which no other claims;
    failing that, the board's own draft."""
    found = list(Article.objects.filter(slug=slug).only("pk", "status", "current_unit_id"))
    claimed = [a for a in found if a.status in Article.CLAIMED]
    own = [a for a in found if a.current_unit_id == board.unit.successor_id]
    chosen = claimed or own
    if not chosen:
        raise RowError(f"không có bài viết “{slug}”")
    return chosen[0]
