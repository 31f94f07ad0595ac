"""Markup checkers found these on our pages (issue 17): datetime values HTML does not
allow, an aria-label on a plain div, a heading level skipped. Checked on the pages
readers get, cold and from the page cache."""

import re
from itertools import pairwise

import pytest

from articles.models import Article
from directives.models import Directive

pytestmark = pytest.mark.django_db

#: HTML's global date-and-time string with an offset: at most three fraction digits.
VALID_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?([+-]\d{2}:\d{2}|Z))?$"
)


def pages():
    article = Article.objects.published().order_by("-published_at").first()
    section = article.section or Article.objects.exclude(section=None).first().section
    return [
        "/",
        article.get_absolute_url(),
        section.get_absolute_url(),
        "/tinh/can-tho/",
        Directive.objects.published().first().get_absolute_url(),
        "/tim-kiem/?q=tuyen+giao",
    ]


def test_every_datetime_is_one_html_allows(reader, seeds):
    from datetime import timedelta

    from django.utils import timezone

    from provinces.models import Unit
    from tests.factories import make_article, make_comment

    # Saved moments carry microseconds (the seeds' do not): Django's date:"c" wrote all six.
    moment = timezone.now().replace(microsecond=593786) - timedelta(hours=1)
    section = Article.objects.exclude(section=None).first().section
    fresh = make_article(
        unit=Unit.objects.get(slug="can-tho"),
        section=section,
        title="Tuyên giáo hôm nay",
        published_at=moment,
    )
    make_comment(fresh, status="approved")
    browser = reader()
    for url in pages():
        html = browser.get(url).content.decode()
        values = re.findall(r'datetime="([^"]*)"', html) + re.findall(
            r'property="article:(?:published|modified)_time" content="([^"]*)"', html
        )
        bad = [v for v in values if not VALID_DATETIME.match(v)]
        assert bad == [], url


def test_share_links_are_a_named_group(reader, seeds):
    article = Article.objects.published().first()
    html = reader().get(article.get_absolute_url()).content.decode()
    assert '<div class="share no-print" role="group" aria-label="Chia sẻ và in">' in html


def test_no_heading_level_is_skipped(reader, seeds):
    browser = reader()
    for url in pages()[:4]:
        html = browser.get(url).content.decode()
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
        jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
        assert jumps == [], (url, levels)
