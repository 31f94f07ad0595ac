"""Parsing what readers type, folding, and the highlighted snippets (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.search import (
    folded_document,
    highlight,
    html_to_text,
    parse_query,
    snippet,
    words,
)
from core.search.words import MAX_QUERY_LENGTH, MAX_TERMS
from core.text import fold_text, nfc, strip_accents

from .conftest import decomposed


def terms(q):
    return [term.tokens for term in parse_query(q).terms]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuyên giáo", ["tuyen", "giao"]),
        ("ĐẢNG Cộng sản", ["dang", "cong", "san"]),
        ("đang, đăng, Đảng, dạng", ["dang", "dang", "dang", "dang"]),
        ("Nghị quyết 35-NQ/TW", ["nghi", "quyet", "35", "nq", "tw"]),
        ("8.756.173 lượt", ["8", "756", "173", "luot"]),
        (
            "Covid-19; tuyengiao.travinh.gov.vn",
            ["covid", "19", "tuyengiao", "travinh", "gov", "vn"],
        ),
        ("Cư M'gar", ["cu", "m", "gar"]),
        ("snake_case", ["snake", "case"]),
    ],
)
def test_words_are_folded_and_split_on_anything_but_letters_and_digits(text, expected):
    assert words(text) == expected


def test_decomposed_text_folds_like_precomposed_text():
    assert words(decomposed("Hà Anh Dũng, Đảng bộ")) == words("Hà Anh Dũng, Đảng bộ")
    assert terms(decomposed("tuyên giáo")) == [("tuyen",), ("giao",)]


def test_every_word_is_a_term_and_quoted_text_is_one_phrase():
    assert terms('"Hà Anh Dũng" hội nghị') == [("ha", "anh", "dung"), ("hoi",), ("nghi",)]
    # Vietnamese keyboards type curly quotes.
    assert terms("“Ban Chỉ đạo 35” Trà Vinh") == [("ban", "chi", "dao", "35"), ("tra",), ("vinh",)]
    # An unclosed quote runs to the end.
    assert terms('tuyên "giáo dục') == [("tuyen",), ("giao", "duc")]


def test_a_word_with_punctuation_inside_is_a_phrase():
    assert terms("35-NQ/TW") == [("35", "nq", "tw")]
    assert terms("nghị quyết 35") == [("nghi",), ("quyet",), ("35",)]


def test_repeated_terms_are_searched_once():
    assert terms("Đảng dang ĐẢNG") == [("dang",)]


@pytest.mark.parametrize(
    "text", ["", "   ", "!!!", "...", "?", "-- ; /* */", "“”", "\"\" ''", "%_%", "\\", "…"]
)
def test_punctuation_only_or_empty_input_is_an_empty_query(text):
    assert not parse_query(text)


def test_sql_looking_text_is_just_words():
    assert terms("'; DROP TABLE articles_article; --") == [
        ("drop",),
        ("table",),
        ("articles", "article"),
    ]


def test_a_very_long_query_is_cut_and_says_so():
    query = parse_query("tuyên giáo " * 200)
    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.terms == parse_query("tuyên giáo").terms
    one_word = parse_query("a" * 2000)
    assert one_word.truncated and not one_word  # no word is 200 letters long


def test_at_most_max_terms_are_searched():
    query = parse_query(" ".join(f"tu{i}" for i in range(MAX_TERMS + 5)))
    assert len(query.terms) == MAX_TERMS
    assert query.dropped_terms


def test_folded_document_keeps_parts_apart():
    doc = folded_document("Tuyên giáo", "Đảng bộ", "Hà Anh Dũng")
    assert doc == " tuyen giao # dang bo @ ha anh dung "


def test_html_to_text_drops_tags_and_decodes_entities():
    assert html_to_text(
        '<p>Tuyên&nbsp;giáo</p><figure data-image="1"></figure><p>A &amp; B</p>'
    ) == ("Tuyên giáo A & B")


def test_highlight_marks_the_query_words_whatever_their_accents_and_escapes_the_rest():
    html = highlight("<b>Đảng</b> & Tuyên giáo", parse_query("dang tuyen"))
    assert html == "&lt;b&gt;<mark>Đảng</mark>&lt;/b&gt; &amp; <mark>Tuyên</mark> giáo"


def test_highlight_never_marks_part_of_a_word():
    assert "<mark>" not in highlight("Đăng ký", parse_query("dan"))


def test_snippet_is_a_window_around_the_matches():
    text = " ".join(["mở đầu"] * 100 + ["đồng chí Hà Anh Dũng phát biểu"] + ["kết thúc"] * 100)
    html = snippet(text, parse_query("ha anh dung"))
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>Hà</mark> <mark>Anh</mark> <mark>Dũng</mark>" in html
    assert len(html) < 400
    assert "<mark>" not in html.replace("<mark>Hà</mark> <mark>Anh</mark> <mark>Dũng</mark>", "")


def test_snippet_escapes_text_that_looked_like_html():
    html = snippet(
        "Bài viết về &lt;script&gt;alert(1)&lt;/script&gt; và <script>", parse_query("script")
    )
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html


def test_snippet_without_matches_shows_the_beginning():
    assert snippet("Đoạn mở đầu của bài.", parse_query("khong co")) == "Đoạn mở đầu của bài."


@given(st.text(max_size=80))
def test_fast_folding_agrees_with_core_text(value):
    assert fold_text(value) == strip_accents(nfc(value)).casefold()


def test_highlight_in_prefix_mode_marks_whole_words_that_begin_with_the_query():
    html = highlight("Nghị quyết Đại hội", parse_query("nghi quy", prefix=True))
    assert html == "<mark>Nghị</mark> <mark>quyết</mark> Đại hội"


def test_highlight_copes_with_letters_whose_folding_changes_length():
    assert highlight("Straße Đảng", parse_query("dang")) == "Straße <mark>Đảng</mark>"
