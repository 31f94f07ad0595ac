"""Readers: files of every kind a board brings → Pages (importer.pages).

``read_paths(paths)`` yields ``(origin, Page or PageError)`` one page at a time, so an
archive of any size is read in constant memory, and one bad file is reported, never
fatal.
"""

from pathlib import Path

from ..pages import PageError
from .feeds import read_feed, read_wxr
from .html import read_html
from .text import read_text

HTML = {".html", ".htm", ".shtml", ".aspx", ".php", ".asp", ".jsp"}
TEXT = {".txt"}
FEEDS = {".rss", ".atom", ".xml"}
URL_LIST = {".urls"}


def read_paths(paths, *, shard=(0, 1)):
    """``shard`` (k, n): only every n-th file from the k-th, for n workers sharing a run."""
    k, n = shard
    for i, item in enumerate(_expand(paths)):
        if i % n == k:
            yield from _read(item)


def _expand(paths):
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from _folder(path)
        elif path.suffix.lower() in URL_LIST:
            yield from _url_list(path)
        else:
            yield path, "", path.parent


def _folder(path):
    """Every page file below ``path``; a ``.urls`` list found there gives the pages it
    names their old addresses (each page is read once, listed or not)."""
    files = sorted(p for p in path.rglob("*") if p.is_file())
    addresses, errors = {}, []
    for listing in (p for p in files if p.suffix.lower() in URL_LIST):
        for saved, old, _root in _url_list(listing):
            if isinstance(old, PageError):
                errors.append((saved, old, None))
            else:
                addresses[saved.resolve()] = (old, saved)
    yield from errors
    for old, saved in addresses.values():
        if not saved.is_file():  # listed but not saved: reported as unreadable
            yield saved, old, path
    for child in files:
        if child.suffix.lower() in HTML | TEXT | FEEDS:
            yield child, addresses.get(child.resolve(), ("", child))[0], path


def _url_list(path):
    """A list of saved pages and the addresses they had: "old-address  saved-file" per
    line (blank lines and lines starting with # are skipped)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        yield path, PageError(f"không đọc được danh sách địa chỉ: {error}"), None
        return
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) != 2 or not parts[0].startswith(("http://", "https://")):
            yield (
                Path(f"{path}:{number}"),
                PageError("dòng phải có dạng “địa-chỉ-cũ tệp-đã-lưu”"),
                None,
            )
            continue
        saved = Path(parts[1])
        if not saved.is_absolute():
            saved = path.parent / saved
        yield saved, parts[0], path.parent


def _read(item):
    path, known, root = item
    if isinstance(known, PageError):
        yield str(path), known
        return
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        yield origin, PageError(f"không đọc được tệp: {error.strerror or error}")
        return
    try:
        if suffix in TEXT:
            pages = [read_text(data, origin=origin, base_dir=str(path.parent))]
        elif suffix in FEEDS:
            head = data[:2000].lower()
            reader = read_wxr if b"wordpress.org/export" in head else read_feed
            pages = reader(data, origin=origin, base_dir=str(path.parent))
        elif suffix in HTML:
            pages = [read_html(data, origin=origin, base_dir=str(path.parent), old_url=known)]
        else:
            raise ValueError(f"không biết đọc loại tệp “{suffix or path.name}”")
        for page in pages:
            if isinstance(page, PageError):
                yield origin, page
                continue
            if known and not page.old_url:
                page.old_url = known
            page.root_dir = str(root)
            yield page.origin, page
    except Exception as error:  # one bad page must never stop the run
        yield origin, PageError(str(error) or error.__class__.__name__)
