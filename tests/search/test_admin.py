"""FoldedSearchMixin: the admin's search box folds accents like the site search (the
project's real ArticleAdmin, DirectiveAdmin and MeetingAdmin use it)."""

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory

from articles.models import Article
from core.search.admin import FoldedSearchMixin
from tests.factories import make_article, make_directive

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-12")
    client.force_login(user)
    return client


def search(term, queryset=None):
    model_admin = django_admin.site._registry[Article]
    request = RequestFactory().get("/admin/articles/article/", {"q": term})
    qs, may_have_duplicates = model_admin.get_search_results(
        request, queryset if queryset is not None else Article.objects.all(), term
    )
    assert may_have_duplicates is False
    return sorted(a.title for a in qs)


def test_admin_search_folds_accents_and_finds_drafts_too():
    make_article(title="Công tác Tuyên giáo", status=Article.Status.DRAFT)
    make_article(title="Đảng bộ tỉnh")
    make_article(title="Kinh tế biển")
    assert search("tuyen giao") == ["Công tác Tuyên giáo"]
    assert search("dang") == ["Đảng bộ tỉnh"]
    assert search("ĐẢNG BỘ") == ["Đảng bộ tỉnh"]


def test_admin_search_matches_word_beginnings_as_editors_type():
    make_article(title="Quán triệt Nghị quyết Đại hội")
    assert search("nghi quy") == ["Quán triệt Nghị quyết Đại hội"]
    assert search("ghi") == []  # beginnings of words, not the middle


def test_admin_search_keeps_the_changelist_filters():
    make_article(title="Tuyên giáo A", status=Article.Status.DRAFT)
    make_article(title="Tuyên giáo B")
    assert search("tuyen giao", Article.objects.filter(status="draft")) == ["Tuyên giáo A"]


def test_admin_search_of_punctuation_only_finds_nothing_and_empty_finds_all():
    make_article(title="Tuyên giáo")
    assert search("!!!") == []
    assert search("") == ["Tuyên giáo"]


def test_the_changelist_search_box_uses_the_folding(admin_client):
    make_article(title="Công tác Tuyên giáo năm 2021")
    make_article(title="Hội Nông dân")
    response = admin_client.get("/admin/articles/article/", {"q": "tuyen giao 2021"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Công tác Tuyên giáo năm 2021" in page and "Hội Nông dân" not in page
    # Odd input never breaks the changelist.
    for q in ("'; DROP TABLE x; --", "%", "x" * 2000, "“”"):
        assert admin_client.get("/admin/articles/article/", {"q": q}).status_code == 200


def test_the_directive_changelist_search_folds_too(admin_client):
    make_directive(symbol="35-NQ/TW", title="Về tăng cường bảo vệ nền tảng tư tưởng của Đảng")
    make_directive(symbol="05-CT/TW", title="Về đẩy mạnh học tập và làm theo")
    response = admin_client.get("/admin/directives/directive/", {"q": "nen tang tu tuong"})
    assert response.status_code == 200
    assert "35-NQ/TW" in response.content.decode()
    assert "05-CT/TW" not in response.content.decode()


def test_the_real_admins_use_the_folding():
    from directives.models import Directive, Meeting

    for model in (Article, Directive, Meeting):
        assert isinstance(django_admin.site._registry[model], FoldedSearchMixin)
