"""The editorial round trip in a real browser: an editor signs in to /admin/, writes an
article in the rich-text editor (django-prose-editor) with an image and its caption,
and submits it; the editor-in-chief finds it waiting, approves and publishes it; a
reader sees it. Then what the editor does with what it is given: hostile HTML never
runs, the seed articles load and save back unchanged, and it writes exactly the HTML
the server keeps."""

import io
import re
from html.parser import HTMLParser

from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from articles.forms import clean_body
from articles.models import Article
from articles.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

PASSWORD = "Bien-tap-vien-2025!"
TITLE = "Đồng chí Bí thư Tỉnh ủy làm việc với Ban Tuyên giáo và Dân vận"
CAPTION = "Đồng chí Bí thư phát biểu tại buổi làm việc"
BODY = "Nội dung bài viết"  # the editing area's accessible name


def sign_in(page, base, username):
    page.goto(base + "/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Thoát").click()


def add_member(username, role, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    call_command(
        "add_editor",
        username,
        "--unit",
        "vinh-long",
        "--role",
        role,
        "--noinput",
        stdout=io.StringIO(),
    )


def photo(tmp_path):
    path = tmp_path / "buoi-lam-viec.jpg"
    img = Image.new("RGB", (1600, 1000), (180, 30, 30))
    img.paste(Image.new("RGB", (800, 1000), (30, 60, 160)), (800, 0))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def editor_html(page):
    """What the editor would save now (its document as HTML)."""
    return page.evaluate("document.querySelector('.ProseMirror').editor.getHTML()")


def set_editor_html(page, html):
    page.evaluate(
        "html => document.querySelector('.ProseMirror').editor.commands.setContent(html)", html
    )


def test_editor_writes_chief_publishes_reader_reads(page, live_seeds, shot, tmp_path, monkeypatch):
    add_member("bientap.vl", "editor", monkeypatch)
    add_member("truongban.vl", "chief", monkeypatch)
    base = live_seeds.url

    # --- The editor writes and submits -----------------------------------------------
    sign_in(page, base, "bientap.vl")
    page.get_by_role("link", name="Bài viết").first.click()
    page.get_by_role("link", name=re.compile("Thêm")).first.click()
    page.locator("#id_title").fill(TITLE)
    expect(page.locator("#id_slug")).to_have_value(re.compile("^dong-chi-bi-thu-tinh-uy"))
    page.locator("#id_summary").fill("Sáng nay, đồng chí Bí thư Tỉnh ủy làm việc với Ban.")

    editor = page.get_by_role("textbox", name=BODY)
    editor.click()
    page.get_by_role("button", name="Tiêu đề mục (H2)").click()
    page.keyboard.type("Kết quả 6 tháng đầu năm")
    page.keyboard.press("Enter")
    page.keyboard.type("Ban đã ")
    page.get_by_role("button", name="In đậm").click()
    page.keyboard.type("tham mưu")
    page.get_by_role("button", name="In đậm").click()
    page.keyboard.type(" tổ chức học tập, quán triệt các nghị quyết.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Danh sách", exact=True).click()
    page.keyboard.type("Nghị quyết 35-NQ/TW")
    page.keyboard.press("Enter")
    page.keyboard.type("Chỉ thị 05-CT/TW")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    page.keyboard.type("Xem thêm trên cổng thông tin.")
    # A link: select the words, then the toolbar's dialog.
    for _ in range(len("cổng thông tin.")):
        page.keyboard.press("Shift+ArrowLeft")
    page.get_by_role("button", name="Chèn liên kết").click()
    page.get_by_label("Địa chỉ").fill("https://tuyengiao.vn/")
    page.get_by_role("button", name="Đồng ý").click()
    page.keyboard.press("End")

    page.locator(".inline-group .add-row a").first.click()
    page.locator('input[name="images-0-image"]').set_input_files(str(photo(tmp_path)))
    caption = page.locator('textarea[name="images-0-caption"]')
    caption.fill("Buổi làm việc")

    editor.click()
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="Chèn ảnh của bài").click()
    page.get_by_role("dialog").get_by_role("button", name="Ảnh 1: Buổi làm việc").click()
    figure = editor.locator("figure")
    expect(figure.locator("figcaption")).to_have_text("Ảnh 1: Buổi làm việc")
    expect(figure.locator("img")).to_have_attribute("src", re.compile("^data:image/jpeg"))
    expect(page.locator('input[name="images-0-position"]')).to_have_value("1")
    caption.fill(CAPTION)  # the caption is the image's: the figure shows the new one
    expect(figure.locator("figcaption")).to_have_text(f"Ảnh 1: {CAPTION}")
    editor.locator(":scope > p").last.click()
    page.keyboard.type("Hội nghị kết thúc lúc 11 giờ.")
    shot("editor-writes")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.get_by_text("Đã gửi bài cho trưởng ban biên tập duyệt.")).to_be_visible()

    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.PENDING
    assert article.body == (
        "<h2>Kết quả 6 tháng đầu năm</h2>"
        "<p>Ban đã <strong>tham mưu</strong> tổ chức học tập, quán triệt các nghị quyết.</p>"
        "<ul><li><p>Nghị quyết 35-NQ/TW</p></li><li><p>Chỉ thị 05-CT/TW</p></li></ul>"
        '<p>Xem thêm trên <a href="https://tuyengiao.vn/" rel="noopener noreferrer">'
        "cổng thông tin.</a></p>"
        '<figure data-image="1"></figure>'
        "<p>Hội nghị kết thúc lúc 11 giờ.</p>"
    )
    image = article.images.get()
    assert image.position == 1
    assert image.caption == CAPTION and set(image.renditions) == {"thumb", "medium", "large"}
    expect(page.locator("#result_list")).to_contain_text("Chờ duyệt")
    sign_out(page)

    # --- The chief approves and publishes ----------------------------------------------
    sign_in(page, base, "truongban.vl")
    page.get_by_role("link", name=re.compile("1 bài chờ duyệt")).click()
    expect(page.locator("#result_list")).to_contain_text("Chờ duyệt")
    shot("waiting-list")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".ed-state-line")).to_contain_text("Chờ duyệt")
    expect(page.locator(".ed-history")).to_contain_text("Gửi duyệt")
    expect(page.locator(".ed-history")).to_contain_text("bientap.vl")
    # The stored figure shows in the editor with the uploaded image and its caption.
    stored = page.get_by_role("textbox", name=BODY).locator("figure")
    expect(stored.locator("figcaption")).to_contain_text(CAPTION)
    expect(stored.locator("img")).to_have_attribute("src", re.compile(r"^/media/.*\.webp$"))
    shot("chief-reviews")
    page.get_by_role("button", name="Lưu, duyệt và xuất bản").click()
    expect(page.get_by_text("Đã duyệt và xuất bản bài.")).to_be_visible()
    article.refresh_from_db()
    assert article.is_published
    sign_out(page)

    # --- A reader sees it ------------------------------------------------------------------
    page.context.clear_cookies()
    page.goto(base + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Bản nháp")).to_have_count(0)
    expect(page.get_by_role("heading", name="Kết quả 6 tháng đầu năm")).to_be_visible()
    expect(page.get_by_role("link", name="cổng thông tin.")).to_have_attribute(
        "href", "https://tuyengiao.vn/"
    )
    figure = page.locator(".article-body figure").first
    expect(figure.locator("figcaption")).to_contain_text(CAPTION)
    img = figure.locator("img")
    expect(img).to_have_attribute("loading", "lazy")
    expect(img).to_have_attribute("width", "800")
    expect(img).to_have_attribute("srcset", re.compile(r"320w.*800w.*1280w"))
    shot("reader")


HOSTILE = (
    '<p onclick="alert(1)">Chữ <b>đậm</b></p><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">liên kết</a><svg onload="alert(4)"></svg>'
    '<script>alert(5)</script><h1 style="color:red">Tiêu đề</h1>'
    '<iframe srcdoc="<script>alert(6)</script>"></iframe>'
)


def test_pasted_or_typed_html_never_runs_in_the_admin(page, live_seeds, monkeypatch):
    """The editor parses every piece of HTML it is given (a paste, the HTML view) in an
    inert document and keeps only what its schema knows, so a paste from a hostile page
    cannot run script in an editor's session."""
    add_member("bientap.vl", "editor", monkeypatch)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_seeds.url, "bientap.vl")
    page.goto(live_seeds.url + "/admin/articles/article/add/")

    # A hostile paste, through the real clipboard event.
    editor = page.get_by_role("textbox", name=BODY)
    editor.click()
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            document.querySelector('.ProseMirror').dispatchEvent(
                new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        HOSTILE,
    )
    expect(editor.get_by_text("Tiêu đề")).to_be_visible()
    # The same payload typed in the HTML view.
    page.get_by_role("button", name="Xem, sửa mã HTML").click()
    page.get_by_role("dialog").locator("textarea").fill(HOSTILE)
    page.get_by_role("button", name="Đồng ý").click()
    page.wait_for_timeout(300)
    assert dialogs == []
    html = editor.inner_html()
    for needle in ("onerror", "onclick", "onload", "javascript:", "<script", "<svg", "<iframe"):
        assert needle not in html
    expect(editor.get_by_text("Tiêu đề")).to_be_visible()
    expect(editor.locator("strong")).to_have_text("đậm")
    # What the form would post holds nothing the server's allow-list refuses.
    assert tags_and_attributes(page.locator("#id_body").input_value()) <= ALLOWED


def tags_and_attributes(html):
    """{(tag, None), (tag, attribute), ...} in ``html``."""

    class Collect(HTMLParser):
        found = set()

        def handle_starttag(self, tag, attrs):
            self.found.add((tag, None))
            self.found.update((tag, name) for name, _ in attrs)

    parser = Collect()
    parser.found = set()
    parser.feed(html)
    return parser.found


ALLOWED = {(tag, None) for tag in ALLOWED_TAGS} | {
    (tag, name) for tag, names in ALLOWED_ATTRIBUTES.items() for name in names
}

# Every tag and attribute the server keeps, in one body.
EVERYTHING_ALLOWED = (
    "<h2>Mục</h2><h3>Mục nhỏ</h3><h4>Mục nhỏ hơn</h4>"
    "<p>Chữ <strong>đậm</strong>, <em>nghiêng</em>, H<sub>2</sub>O, m<sup>2</sup>,"
    ' <a href="https://tuyengiao.vn/" title="Cổng">liên kết</a><br>dòng mới</p><hr>'
    "<blockquote><p>Trích dẫn</p></blockquote>"
    '<ul><li><p>một</p></li></ul><ol start="3" type="a" data-type="lower-alpha"><li><p>ba</p></li></ol>'
    '<table><tbody><tr><th colspan="2" rowspan="2"><p>A</p></th><th><p>B</p></th></tr>'
    "<tr><th><p>C</p></th></tr>"
    '<tr><td colspan="2" rowspan="2"><p>D</p></td><td><p>E</p></td></tr>'
    "<tr><td><p>F</p></td></tr></tbody></table>"
    '<figure data-image="2"></figure>'
)
# What the old editor and allow-list took besides (pasted from Word or a web page).
OLD_EXTRAS = (
    "<h5>Mục năm</h5><h6>Mục sáu</h6><p><b>b</b> <i>i</i> <u>u</u> <s>s</s> <mark>m</mark>"
    ' <small>nhỏ</small> <q cite="https://x.vn/">q</q> <cite>c</cite> <abbr title="Ban">B</abbr></p>'
    "<dl><dt>Từ</dt><dd>Nghĩa</dd></dl>"
    '<table><caption>Bảng 1</caption><colgroup><col span="2"></colgroup><thead><tr><th scope="col">A</th>'
    "</tr></thead><tfoot><tr><td>Tổng</td></tr></tfoot></table>"
    '<figure data-image="1"><img src="/media/x.webp" alt="" width="10"><figcaption>Chú thích</figcaption></figure>'
    '<p class="MsoNormal" style="color:red" id="p1" dir="rtl" lang="en">'
    '<a href="https://x.vn/" target="_blank" rel="nofollow" class="btn">ngoài</a>'
    '<span style="font-weight:bold">Word</span></p>'
    '<h2 class="title" style="color:red" id="h">Đầu</h2>'
    '<ul class="x" style="margin:0"><li class="y" style="color:red"><p>z</p></li></ul>'
    '<table class="t" style="width:100%" border="1"><tr><td class="c" style="width:50%"'
    ' width="50" colwidth="100" bgcolor="red">Ô</td></tr></table>'
    '<blockquote cite="https://x.vn/" class="q"><p>Trích</p></blockquote>'
)


def kept(html):
    """What the server stores of ``html``, less the rel it gives every link."""
    return clean_body(html).replace(' rel="noopener noreferrer"', "")


def test_the_editor_writes_exactly_what_the_server_keeps(page, live_seeds, monkeypatch):
    """The editor and the server's allow-list (articles/sanitize.py) agree: every tag and
    attribute the server keeps survives the editor, and whatever the editor is given, it
    writes nothing the server would strip."""
    add_member("bientap.vl", "editor", monkeypatch)
    sign_in(page, live_seeds.url, "bientap.vl")
    page.goto(live_seeds.url + "/admin/articles/article/add/")
    expect(page.get_by_role("textbox", name=BODY)).to_be_visible()

    set_editor_html(page, EVERYTHING_ALLOWED)
    written = editor_html(page)
    assert tags_and_attributes(written) == ALLOWED, written
    assert kept(written) == written

    set_editor_html(page, EVERYTHING_ALLOWED + OLD_EXTRAS)
    written = editor_html(page)
    assert tags_and_attributes(written) <= ALLOWED, written
    assert kept(written) == written
    for text in ("Mục năm", "Từ", "Nghĩa", "Bảng 1", "Tổng", "ngoài"):
        assert text in written  # formatting the body does not take is dropped, not text
    assert '<figure data-image="1"></figure>' in written


def normalized(html):
    """The body as a reader sees it: whitespace between and inside blocks is layout."""
    html = re.sub(r"\s+", " ", clean_body(html))
    return re.sub(
        r"\s*(</?(?:p|h[2-4]|figure|ul|ol|li|table|tbody|tr|t[hd])\b[^>]*>)\s*", r"\1", html
    )


def test_the_seed_articles_load_and_save_back_unchanged(page, live_seeds, django_user_model):
    """Every demo article (headings, paragraphs, figures placing the seeds' images) opens
    in the editor with its figures and captions, and saving it through the editor keeps
    its body as it was."""
    django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    page.goto(live_seeds.url + "/admin/login/")
    page.locator("#id_username").fill("quantri")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    articles = list(Article.objects.prefetch_related("images").order_by("pk"))
    assert len(articles) >= 5
    assert any("<figure" in a.body for a in articles) and any("<h2>" in a.body for a in articles)
    for article in articles:
        before = article.body
        page.goto(f"{live_seeds.url}/admin/articles/article/{article.pk}/change/")
        editor = page.get_by_role("textbox", name=BODY)
        expect(editor).to_be_visible()
        assert normalized(editor_html(page)) == normalized(before)
        for image in article.images.all():
            if f'data-image="{image.position}"' in before:
                expect(
                    editor.locator(f'figure[data-image="{image.position}"] figcaption')
                ).to_contain_text(image.caption)
        # An edit undone still rewrites the form's body from the editor's document.
        editor.locator(":scope > p").last.click()
        # Typing only once the cursor is in that paragraph: until the click lands, the
        # editor may still select its first node (a figure), which typing would replace.
        page.wait_for_function(
            """(el) => {
                const s = getSelection(), ps = el.querySelectorAll(":scope > p");
                return s.rangeCount > 0 && ps.length > 0 && ps[ps.length - 1].contains(s.anchorNode);
            }""",
            arg=editor.element_handle(),
        )
        page.keyboard.press("End")
        page.keyboard.type("x")
        page.keyboard.press("Backspace")
        page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
        expect(page.locator(".messagelist")).to_be_visible()
        article.refresh_from_db()
        assert normalized(article.body) == normalized(before), article.title
