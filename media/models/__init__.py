"""Photo albums, videos and downloadable documents: a board's, public once its chief
says so (``is_published``), like directives and meetings."""

from .albums import Album, Photo
from .documents import Document
from .videos import Video

__all__ = ["Album", "Document", "Photo", "Video"]
