"""Documents editors upload (a directive's full text, propaganda material): an allow-list
checked on the file's content, never on its name, stored under a generated name.

Nothing an editor uploads may be served as HTML, SVG or script from the site's origin:
only PDF and office documents are admitted (their leading bytes and, for the ZIP-based
formats, their table of contents are checked), the stored name carries the extension
of what the content is, and downloads are answered as attachments
(``document_response``; nginx and Django's media serving add the same headers, see
docs/deployment.md and ``serve_media``).
"""

import re
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.views.static import serve


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str
    label: str


PDF = DocumentKind("pdf", "application/pdf", "PDF")
DOC = DocumentKind("doc", "application/msword", "Word (DOC)")
XLS = DocumentKind("xls", "application/vnd.ms-excel", "Excel (XLS)")
DOCX = DocumentKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
XLSX = DocumentKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
)
ODT = DocumentKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)")
KINDS = {k.extension: k for k in (PDF, DOC, XLS, DOCX, XLSX, ODT)}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc and .xls
ALLOWED_TEXT = "PDF, DOC, DOCX, XLS, XLSX hoặc ODT"


def _head(file, size=8):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def detect(file, name=""):
    """The DocumentKind of ``file`` by its content, or None. ``name`` only tells a
    Word from an Excel file inside the same OLE2 container."""
    head = _head(file, 1024)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(_OLE2):
        return XLS if name.lower().endswith(".xls") else DOC
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if (
                    "mimetype" in names
                    and archive.getinfo("mimetype").file_size < 100
                    and archive.read("mimetype").strip() == ODT.content_type.encode()
                ):
                    return ODT
                if "[Content_Types].xml" in names:
                    if "word/document.xml" in names:
                        return DOCX
                    if "xl/workbook.xml" in names:
                        return XLSX
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return None
        finally:
            file.seek(0)
    return None


def validate_document(file):
    """A model-field validator: a PDF or office document, no larger than
    DOCUMENT_MAX_BYTES. HTML, SVG, scripts and programs are refused, whatever they are
    named."""
    if file.size > settings.DOCUMENT_MAX_BYTES:
        limit = settings.DOCUMENT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(
            f"Tệp quá lớn: tối đa {limit} MB.", code="too_large", params={"limit": limit}
        )
    if detect(file, getattr(file, "name", "")) is None:
        raise ValidationError(
            f"Chỉ nhận tệp {ALLOWED_TEXT}; nội dung tệp này không phải một trong các dạng đó.",
            code="not_a_document",
        )


@deconstructible
class document_path:
    """``upload_to`` for documents: folder/YYYY/<random>.<extension of the content>; the
    name the editor's file had is not kept (it could be anything, "x.html" included)."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        field_file = next(
            (
                getattr(instance, f.name)
                for f in instance._meta.fields
                if getattr(f, "upload_to", None) == self
            ),
            None,
        )
        kind = detect(field_file.file, filename) if field_file is not None else None
        extension = kind.extension if kind else "bin"
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, document_path) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


def document_response(field_file, download_name):
    """A stored document as a download: an attachment named ``download_name`` plus the
    extension of its content, with the content type of what it is."""
    kind = KINDS.get(field_file.name.rsplit(".", 1)[-1].lower())
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{download_name}.{kind.extension if kind else 'bin'}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


#: Raster images the site serves inline; everything else under /media/ is an attachment.
INLINE_MEDIA = {"jpg", "jpeg", "png", "webp", "gif"}
#: Videos and their captions, played inline by <video> (which asks for byte ranges).
STREAMED_MEDIA = {"mp4": "video/mp4", "webm": "video/webm", "vtt": "text/vtt; charset=utf-8"}

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_CHUNK = 64 * 1024


def serve_media(request, path, document_root=None):
    """Django's static ``serve`` for MEDIA_URL (development, single servers), with what
    nginx adds in production: only raster images and videos (with their captions)
    inline, anything else as an attachment, a sandbox so nothing uploaded can run
    script on our origin, and single byte ranges (``Range: bytes=a-b``), without which
    a browser cannot seek in a video (Safari will not even play it)."""
    response = serve(request, path, document_root=document_root)
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if extension in STREAMED_MEDIA:
        response["Content-Type"] = STREAMED_MEDIA[extension]
    elif extension not in INLINE_MEDIA:
        response["Content-Disposition"] = "attachment"
        response["Content-Type"] = "application/octet-stream"
    if response.status_code == 200 and getattr(response, "streaming", False):
        response = _ranged(request, response)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _ranged(request, response):
    """``response`` (a whole file) cut to the one range the request asks for: 206 with
    Content-Range, 416 when the range lies beyond the end; the whole file (200) for no
    range, several ranges, or an If-Range the file no longer matches."""
    response["Accept-Ranges"] = "bytes"
    header = request.META.get("HTTP_RANGE", "")
    if_range = request.META.get("HTTP_IF_RANGE")
    match = _RANGE.fullmatch(header.strip())
    if not match or (if_range and if_range != response.get("Last-Modified")):
        return response
    size = int(response["Content-Length"])
    first, last = match.groups()
    if not first and not last:
        return response
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:  # "bytes=-N": the last N bytes
        start, end = max(size - int(last), 0), size - 1
    file = response.file_to_stream
    if start >= size or end < start:
        file.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    partial = StreamingHttpResponse(_read(file, start, end - start + 1), status=206)
    for name, value in response.items():
        partial[name] = value
    partial["Content-Length"] = str(end - start + 1)
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    return partial


def _read(file, start, length):
    try:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(_CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        file.close()
