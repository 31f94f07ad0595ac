"""The article page's video block (media_tags.article_media, one include line in the
article template): what it shows of the videos and albums linked to an article."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article

from .conftest import make_album, make_video

pytestmark = pytest.mark.django_db

BLOCK = Template("{% load media_tags %}{% article_media article %}")


def render(article):
    return BLOCK.render(Context({"article": article}))


def test_an_uploaded_video_plays_in_the_article_and_a_youtube_one_links_to_its_page():
    article = make_article(title="Hội nghị sơ kết")
    uploaded = make_video(title="Toàn cảnh hội nghị")
    youtube = make_video(title="Phát biểu bế mạc", youtube_id="dQw4w9WgXcQ")
    uploaded.articles.add(article)
    youtube.articles.add(article)
    html = render(article)
    assert '<h2 id="anh-video-bai">Video và ảnh</h2>' in html
    assert f'<source src="{uploaded.file.url}" type="video/mp4">' in html
    assert 'kind="captions"' in html
    # no third-party frame on the article page: its policy does not admit one
    assert "<iframe" not in html and "youtube" not in html
    assert f'href="{youtube.get_absolute_url()}"' in html


def test_albums_show_their_cover_and_drafts_show_nothing():
    article = make_article()
    album = make_album(title="Ảnh hội nghị", photos=2)
    album.articles.add(article)
    draft = make_video(title="Video chưa duyệt", is_published=False)
    draft.articles.add(article)
    html = render(article)
    assert "Album ảnh: Ảnh hội nghị" in html
    assert album.photos.get(position=1).thumb.url in html
    assert "Video chưa duyệt" not in html
    assert render(make_article()).strip() == ""


def test_the_block_costs_three_queries_whatever_it_holds():
    article = make_article()
    for _ in range(3):
        make_album(photos=2).articles.add(article)
        make_video().articles.add(article)
    with CaptureQueriesContext(connection) as queries:
        render(article)
    assert len(queries) == 3  # videos, albums, their covers
