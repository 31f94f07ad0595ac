"""Reader comments: held for moderation, escaped, protected against bots and floods.
Readers' pages are requested cold and warm (the `reader` fixture)."""

import pytest
from django.test import Client

from articles.models import Article, Comment
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def post(client, article, **data):
    payload = {"name": "Nguyễn Văn An", "email": "", "text": "Bài viết rất hay.", "website": ""}
    payload.update(data)
    return client.post(article.get_absolute_url(), payload)


def test_a_comment_is_stored_pending_and_the_reader_is_told(reader):
    article = make_article()
    browser = reader()
    if browser.warm:  # the article page as readers had it before the comment: cached
        assert browser.prime(article.get_absolute_url()).status_code == 200
    response = post(browser, article, email="an@example.vn")
    assert response.status_code == 302
    assert response["Location"].endswith("#y-kien")
    comment = Comment.objects.get()
    assert (comment.status, comment.name, comment.email) == (
        "pending",
        "Nguyễn Văn An",
        "an@example.vn",
    )
    assert comment.visitor_id
    # The notice waits in the "messages" cookie, which keeps this one request away from
    # the cached copy (it would not carry the notice), warm or cold.
    after = browser.get(response["Location"])
    assert after.status_code == 200
    assert "X-Page-Cache" not in after
    page = after.content.decode()
    assert "Ý kiến của bạn đang chờ duyệt" in page
    assert "Bài viết rất hay." not in page  # not shown until approved


def test_an_approved_comment_is_shown_escaped_with_links_not_clickable(reader):
    article = make_article()
    make_comment(
        article,
        name="<b>Kẻ xấu</b>",
        text='<script>alert(1)</script> xem http://lua-dao.example <a href="http://x">đây</a>',
        status=Comment.Status.APPROVED,
    )
    page = reader().get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="http://lua-dao.example"' not in page
    assert 'href="http://x"' not in page
    assert "&lt;b&gt;Kẻ xấu&lt;/b&gt;" in page


def test_the_honeypot_stores_nothing_but_answers_as_usual(client):
    article = make_article()
    response = post(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Vui lòng nhập họ và tên."),
        ({"text": ""}, "Vui lòng nhập nội dung ý kiến."),
        ({"text": "x" * 3001}, "Ý kiến dài tối đa 3000 ký tự"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"name": "   "}, "Vui lòng nhập họ và tên."),
    ],
)
def test_invalid_comments_are_explained_and_not_stored(client, data, message):
    article = make_article()
    response = post(client, article, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_too_fast_is_refused_with_a_429(client, settings):
    settings.COMMENT_RATE_LIMIT = (3, 600)
    article = make_article()
    for i in range(3):
        assert post(client, article, text=f"Ý kiến số {i}").status_code == 302
    response = post(client, article, text="Ý kiến thứ tư")
    assert response.status_code == 429
    assert "thử lại sau" in response.content.decode()
    assert Comment.objects.count() == 3


def test_the_rate_limit_also_holds_per_address_across_cookies(settings):
    settings.COMMENT_RATE_LIMIT = (2, 600)
    article = make_article()
    results = [post(Client(), article, text=f"Ý kiến {i}").status_code for i in range(3)]
    assert results == [302, 302, 429]


def test_csrf_is_required_and_the_refusal_is_in_vietnamese():
    article = make_article()
    response = post(Client(enforce_csrf_checks=True), article)
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_on_unpublished_articles_are_refused(client):
    draft = make_article(status=Article.Status.DRAFT)
    assert post(client, draft).status_code == 404
    assert not Comment.objects.exists()


def test_decomposed_unicode_is_stored_composed(client):
    import unicodedata

    article = make_article()
    post(
        client,
        article,
        name=unicodedata.normalize("NFD", "Trần Thị Hà"),
        text=unicodedata.normalize("NFD", "Đồng tình"),
    )
    comment = Comment.objects.get()
    assert comment.name == "Trần Thị Hà" and comment.text == "Đồng tình"


def test_the_form_fields_are_labelled(reader):
    page = reader().get(make_article().get_absolute_url()).content.decode()
    for field in ("id_name", "id_email", "id_text"):
        assert f'for="{field}"' in page
