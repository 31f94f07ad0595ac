"""Middleware of the reader site."""

from .pages import ReaderMiddleware

__all__ = ["ReaderMiddleware"]
