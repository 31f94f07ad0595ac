"""The article body editor (django-prose-editor) and the server's sanitiser agree: one
definition (articles.sanitize.BODY_EXTENSIONS) configures the editor and yields the nh3
allow-list, and the editor is served from our own static files under the
Content-Security-Policy. (tests/browser/test_editorial.py checks the same agreement on
what the running editor actually writes.)"""

import json
import re
from html import unescape

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.forms import ArticleAdminForm, RichTextWidget
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, BODY_EXTENSIONS, sanitize_html


def widget_config():
    return ArticleAdminForm().fields["body"].widget.get_config()


def test_the_body_field_uses_the_editor_with_the_bodys_extensions():
    widget = ArticleAdminForm().fields["body"].widget
    assert isinstance(widget, RichTextWidget)
    extensions = widget_config()["extensions"]
    assert BODY_EXTENSIONS.items() <= extensions.items()


def test_the_editors_frame_adds_no_html():
    """Menu, history, the HTML view and our ArticleEditor produce no markup of their own:
    what the editor may write is the body's extensions and nothing else."""
    assert allowlist_from_extensions(widget_config()["extensions"]) == allowlist_from_extensions(
        BODY_EXTENSIONS
    )


def test_the_servers_allow_list_is_the_one_the_editor_extensions_produce():
    derived = allowlist_from_extensions(BODY_EXTENSIONS)
    # The documented narrowing (articles/sanitize.py): rel is set by the server, and the
    # editor writes header cells in the table's body, never a <thead>.
    assert set(ALLOWED_TAGS) == set(derived["tags"]) - {"thead"}
    assert {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()} == {
        tag: set(names) - ({"rel"} if tag == "a" else set())
        for tag, names in derived["attributes"].items()
    }
    assert {"h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote"} <= ALLOWED_TAGS
    assert {"table", "tr", "th", "td", "figure"} <= ALLOWED_TAGS
    assert ALLOWED_ATTRIBUTES["figure"] == {"data-image"}
    assert not {"h1", "h5", "img", "script", "style", "iframe", "span", "div"} & ALLOWED_TAGS
    assert not any(
        name == "style" or name == "class" or name.startswith("on")
        for names in ALLOWED_ATTRIBUTES.values()
        for name in names
    )


def test_the_server_keeps_whatever_the_editor_writes():
    # The editor's own serialisation of every node and mark it has (see the browser test).
    written = (
        "<h2>Mục</h2><h3>Mục nhỏ</h3><h4>Mục nhỏ hơn</h4>"
        "<p>Chữ <strong>đậm</strong>, <em>nghiêng</em>, H<sub>2</sub>O, m<sup>2</sup>,"
        ' <a href="https://tuyengiao.vn/" title="Cổng">liên kết</a><br>dòng mới</p><hr>'
        "<blockquote><p>Trích dẫn</p></blockquote><ul><li><p>một</p></li></ul>"
        '<ol data-type="lower-alpha" start="3" type="a"><li><p>ba</p></li></ol>'
        '<table><tbody><tr><th colspan="2" rowspan="2"><p>A</p></th><th><p>B</p></th></tr>'
        "<tr><th><p>C</p></th></tr>"
        '<tr><td colspan="2" rowspan="2"><p>D</p></td><td><p>E</p></td></tr>'
        "<tr><td><p>F</p></td></tr></tbody></table>"
        '<figure data-image="2"></figure>'
    )
    assert sanitize_html(written) == written.replace(
        'title="Cổng">', 'title="Cổng" rel="noopener noreferrer">'
    )


def exported_names(source):
    """The names an ES module exports (a bundle's export{a as B} or export const B)."""
    names = set(re.findall(r"\bexport\s+(?:const|function|class)\s+(\w+)", source))
    for block in re.findall(r"\bexport\s*\{([^}]*)\}", source):
        names.update(part.split(" as ")[-1].strip() for part in block.split(","))
    return names


def test_every_extension_the_editor_is_given_exists():
    """django-prose-editor's preset silently skips an extension it does not know: a typo
    would quietly cost the editor a feature (or the article's figures)."""
    modules = [finders.find("django_prose_editor/editor.js")]
    for group in settings.DJANGO_PROSE_EDITOR_EXTENSIONS:
        for url in group["js"]:
            modules.append(finders.find(str(url).removeprefix(settings.STATIC_URL)))
    known = set()
    for path in modules:
        with open(path, encoding="utf-8") as module:
            known |= exported_names(module.read())
    assert {"ArticleImage", "ArticleEditor", "Link", "TableCell", "Bold"} <= known
    assert set(expand_extensions(widget_config()["extensions"])) <= known


def test_the_editor_loads_from_our_static_files_under_the_policy(client, world):
    client.force_login(world["users"]["superuser"])
    response = client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", policy)[1]
    html = response.text

    # The import map is the one inline script the editor needs: it carries the nonce.
    importmap = re.search(r'<script type="importmap" nonce="([^"]+)">(.*?)</script>', html, re.S)
    assert importmap and importmap[1] == nonce
    for url in json.loads(importmap[2])["imports"].values():
        assert url.startswith(settings.STATIC_URL)
    # Any other inline script carries it too; every script file is ours (no CDN).
    for tag in re.findall(r"<script\b[^>]*>", html):
        src = re.search(r'\bsrc="([^"]+)"', tag)
        if src is None:
            assert f'nonce="{nonce}"' in tag, tag
        else:
            assert src[1].startswith((settings.STATIC_URL, "/admin/jsi18n/")), tag
    assert 'src="/static/django_prose_editor/configurable.js"' in html
    # The body's textarea tells the preset its extensions and our module.
    textarea = re.search(r'<textarea name="body"[^>]*>', html)[0]
    config = json.loads(
        unescape(re.search(r'data-django-prose-editor-configurable="([^"]*)"', textarea)[1])
    )
    assert config["js_modules"] == ["/static/admin-editor/article-editor.js"]
    assert BODY_EXTENSIONS.items() <= config["extensions"].items()
    for path in (
        "admin-editor/article-editor.js",
        "admin-editor/article-editor.css",
        "admin-editor/prose-vi.js",
        "admin-editor/slug.js",
        "django_prose_editor/editor.js",
    ):
        assert finders.find(path), path
        assert f"{settings.STATIC_URL}{path}" in html, path
