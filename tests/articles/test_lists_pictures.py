"""Pictures in lists: each article's lead image (its small copy, with width and height,
lazy below the fold) on the home, unit, section, directive, meeting and search lists and
in the feeds; a placeholder says it is one; one query fetches a whole list's pictures."""

import io
import re

import pytest
from defusedxml import ElementTree
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from articles.feeds import EMPTY_NOTE, MEDIA_RSS
from articles.models import ArticleImage
from tests.factories import make_article, make_directive, make_meeting, make_section, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(width=400, height=300):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def add_image(article, position=1, **fields):
    fields.setdefault("caption", f"Ảnh {position} của {article.title}")
    return ArticleImage.objects.create(
        article=article,
        image=ContentFile(png(), name=f"anh-{article.pk}-{position}.png"),
        position=position,
        **fields,
    )


def imgs(text):
    """The list pictures of a page: {alt: attributes}."""
    found = {}
    for tag in re.findall(r'<img class="item-thumb"[^>]*>', text):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        attrs["lazy"] = 'loading="lazy"' in tag
        found[attrs["alt"]] = attrs
    return found


@pytest.fixture
def pictured():
    """A board with a section and three articles: two with pictures (the first with two
    images), one without."""
    unit = make_unit(name="Ảnh Thử")
    section = make_section(name="Chuyên mục có ảnh")
    first = make_article(unit=unit, section=section, title="Bài có hai ảnh")
    add_image(first, 1, alt_text="Hội nghị tuyên giáo")
    add_image(first, 2, alt_text="Ảnh thứ hai không lên danh sách")
    second = make_article(unit=unit, section=section, title="Bài có một ảnh")
    add_image(second, 1, alt_text="")
    make_article(unit=unit, section=section, title="Bài không có ảnh")
    return unit, section, first


@pytest.mark.parametrize("page", ["home", "unit", "section"])
def test_list_pages_show_each_articles_lead_picture(reader, pictured, page):
    unit, section, first = pictured
    url = {"home": "/", "unit": unit.get_absolute_url(), "section": section.get_absolute_url()}
    text = reader().get(url[page]).content.decode()
    pictures = imgs(text)
    lead = pictures["Hội nghị tuyên giáo"]
    thumb = first.images.get(position=1).thumb
    assert lead["src"] == thumb.url and "thumb" in lead["src"]  # the small copy, not 400px
    assert (lead["width"], lead["height"]) == ("320", "240")  # no shift while it loads
    assert "sizes" in lead and lead["srcset"]
    assert "Ảnh thứ hai không lên danh sách" not in pictures  # the lead image only
    assert "Ảnh 1 của Bài có một ảnh" in pictures  # no alt text: its caption describes it
    assert len(pictures) == 2  # the article without a picture shows none


def test_pictures_above_the_fold_load_at_once_the_rest_lazily(reader):
    unit = make_unit()
    for i in range(5):
        add_image(make_article(unit=unit, title=f"Bài {i}"), alt_text=f"Ảnh bài {i}")
    pictures = imgs(reader().get(unit.get_absolute_url()).content.decode())
    # Newest first: the three at the top load at once, the rest when scrolled to.
    assert [pictures[f"Ảnh bài {i}"]["lazy"] for i in (4, 3, 2, 1, 0)] == [
        False,
        False,
        False,
        True,
        True,
    ]


def test_a_placeholder_picture_says_it_is_one(reader, seeds):
    pictures = imgs(reader().get("/").content.decode())
    placeholders = [alt for alt in pictures if alt.startswith("Ảnh thay thế (ảnh gốc không còn)")]
    assert placeholders, pictures
    assert all(alt.startswith("Ảnh thay thế") for alt in pictures)  # every seed image is one


@pytest.mark.django_db(transaction=True)  # the edit's content version starts on commit
def test_an_edited_picture_reaches_a_warm_page(reader, pictured):
    unit, _, first = pictured
    browser = reader()
    assert "Hội nghị tuyên giáo" in imgs(browser.get(unit.get_absolute_url()).content.decode())
    image = first.images.get(position=1)
    image.alt_text = "Quang cảnh hội nghị"
    image.save()
    pictures = imgs(browser.get(unit.get_absolute_url()).content.decode())
    assert "Quang cảnh hội nghị" in pictures and "Hội nghị tuyên giáo" not in pictures


def _image_queries(url, client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx), sum("articles_articleimage" in q["sql"] for q in ctx.captured_queries)


@pytest.mark.parametrize("page", ["home", "unit", "section", "feed"])
def test_one_query_fetches_a_whole_lists_pictures(client, settings, page):
    """Measured on fresh renders: more articles with more images cost no more queries,
    and every list's pictures come in one query."""
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = False
    unit = make_unit()
    section = make_section()
    url = {
        "home": "/",
        "unit": unit.get_absolute_url(),
        "section": section.get_absolute_url(),
        "feed": f"/rss/tinh/{unit.slug}/",
    }[page]

    def grow(n):
        for _ in range(n):
            article = make_article(unit=unit, section=section, is_featured=True)
            add_image(article, 1)
            add_image(article, 2)
        cache.clear()
        return _image_queries(url, client)

    few, few_image_queries = grow(2)
    many, many_image_queries = grow(10)
    assert many <= few
    assert few_image_queries == many_image_queries == 1


def test_directive_and_meeting_pages_show_their_articles_pictures(reader, pictured):
    unit, _, first = pictured
    directive = make_directive()
    first.directives.set([directive])
    meeting = make_meeting(unit=unit, articles=[first])
    browser = reader()
    for url in (directive.get_absolute_url(), meeting.get_absolute_url()):
        pictures = imgs(browser.get(url).content.decode())
        assert pictures["Hội nghị tuyên giáo"]["lazy"], url  # below the page's facts


def test_search_results_show_pictures(reader, pictured):
    pictures = imgs(reader().get("/tim-kiem/", {"q": "bai co hai anh"}).content.decode())
    assert pictures["Hội nghị tuyên giáo"]["width"] == "320"


def test_directive_and_search_pictures_cost_one_query(client, settings, pictured):
    settings.PAGE_CACHE_ENABLED = False
    unit, _, first = pictured
    directive = make_directive()
    for article in first.unit.articles.all():
        article.directives.set([directive])
    meeting = make_meeting(unit=unit, articles=list(unit.articles.all()))
    for url in (
        directive.get_absolute_url(),
        meeting.get_absolute_url(),
        "/tim-kiem/?q=bai",
    ):
        assert _image_queries(url, client)[1] == 1, url


# --- Feeds ------------------------------------------------------------------------------


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content)


def test_feed_items_carry_their_picture(client, pictured):
    _unit, section, first = pictured
    channel = parse_feed(client.get(f"/rss/chuyen-muc/{section.slug}/")).find("channel")
    items = {i.findtext("title"): i for i in channel.findall("item")}
    media = items["Bài có hai ảnh"].find(f"{{{MEDIA_RSS}}}content")
    image = first.images.get(position=1)
    assert media.get("url") == f"http://testserver{image.medium.url}"  # absolute
    assert media.get("medium") == "image" and media.get("type") == "image/png"  # the original
    assert (media.get("width"), media.get("height")) == ("400", "300")  # no 800px copy
    assert media.findtext(f"{{{MEDIA_RSS}}}description") == "Hội nghị tuyên giáo"
    assert items["Bài không có ảnh"].find(f"{{{MEDIA_RSS}}}content") is None


def test_a_placeholder_in_a_feed_says_it_is_one(client, seeds):
    channel = parse_feed(client.get("/rss/")).find("channel")
    descriptions = [
        d.text for d in channel.iter(f"{{{MEDIA_RSS}}}description") if d.text is not None
    ]
    assert descriptions and all(d.startswith("Ảnh thay thế") for d in descriptions)


def test_a_feed_with_no_articles_is_a_valid_channel_that_says_so(client):
    """A section with nothing published yet: a reader subscribing still gets a valid RSS
    2.0 channel with its name, link and language, told it is empty, and no build date
    (a "now" would change on every request and defeat conditional GETs)."""
    section = make_section(name="Chuyên mục mới mở")
    response = client.get(f"/rss/chuyen-muc/{section.slug}/")
    rss = parse_feed(response)
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Tin mới — Chuyên mục mới mở"
    assert channel.findtext("link") == f"http://testserver{section.get_absolute_url()}"
    assert channel.findtext("language") == "vi"
    assert EMPTY_NOTE in channel.findtext("description")
    assert channel.findall("item") == [] and channel.find("lastBuildDate") is None
    assert "Last-Modified" not in response
    make_article(section=section, title="Bài đầu tiên")
    response = client.get(f"/rss/chuyen-muc/{section.slug}/")
    channel = parse_feed(response).find("channel")
    assert [i.findtext("title") for i in channel.findall("item")] == ["Bài đầu tiên"]
    assert EMPTY_NOTE not in channel.findtext("description")
    assert channel.find("lastBuildDate") is not None and "Last-Modified" in response
