"""Helpers for the search tests (tests/factories.py and tests/conftest.py are shared and
stay untouched)."""

import unicodedata

import pytest

from articles.search import search_articles
from core.search import parse_query


def decomposed(text):
    """``text`` as some keyboards send it: letters followed by combining marks."""
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    return nfd


def found(q, **filters):
    """Titles of the first page of published articles matching ``q``, in rank order."""
    return [hit.article.title for hit in search_articles(parse_query(q), **filters).hits]


@pytest.fixture
def pg_only(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only behaviour (run with DATABASE_URL=postgres://...)")


@pytest.fixture(autouse=True)
def _fresh_search_statistics():
    """The PostgreSQL engine caches pg_stats for minutes: never across tests."""
    from core.search import VectorEngine

    VectorEngine._stats.clear()
    yield
    VectorEngine._stats.clear()
