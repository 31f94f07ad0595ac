"""The editorial admin, one module per model (articles, sections, comments) and the
changelist's filters; importing the package registers them."""

from . import articles, comments, sections  # noqa: F401
