"""The Vietnamese rules the general extractors (trafilatura, htmldate) do not know: how
board sites write dates and view counts, where the article ends and the site's chrome
begins, bylines and sources, and what a footer says about the board.

Each rule is a small function on text, so tests can check it on one line.
"""

import datetime
import re
from collections import Counter

from django.utils import timezone

from core.text import fold

# A paragraph ends with one of these; a line without is a title, caption or heading.
TERMINAL = tuple('.…!?:;”")»')

_DMY = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_HMS = r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?"

# "[ Cập nhật vào ngày (29/07/2021) ]", "Ngày đăng: 05/10/2022", "Cập nhật lúc 08:30 05/10/2022"
UPDATED_ON = re.compile(
    r"(?:cập nhật|ngày đăng|đăng ngày|ngày cập nhật|xuất bản|đăng lúc)[^\d]{0,20}"
    r"(?:" + _HMS + r"\s*(?:ngày\s*)?)?\(?" + _DMY + r"\)?(?:\s+" + _HMS + r")?",
    re.IGNORECASE,
)
# a line that is a date and time and nothing else: "17/01/2022 10:03:53"
DATE_LINE = re.compile(r"^\s*\(?" + _DMY + r"(?:\s*[-,|]?\s*" + _HMS + r")?\s*\)?\s*$")
# "Chủ nhật, 29/05/2022", "Thứ tư, 05/10/2022 08:30", "Thứ 2, 05/10/2022"
WEEKDAY_LINE = re.compile(
    r"^\s*(?:chủ nhật|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7]))\s*[,-]?\s*(?:ngày\s*)?"
    + _DMY
    + r"(?:\s*[-,|]?\s*"
    + _HMS
    + r")?",
    re.IGNORECASE,
)
# a day and month in the text, the year left to the page: "sáng nay 30-3", "Sáng 16/7,"
DATELINE = re.compile(
    r"(?:^|[\s–—-])(?:(?:sáng|chiều|tối|trưa|đêm)(?:\s+nay)?|hôm nay|ngày)\s+"
    r"(\d{1,2})[/-](\d{1,2})(?![/-]?\d)",
    re.IGNORECASE,
)
VIEWS = re.compile(
    r"(?:số lần xem|lượt xem|lần xem|số lượt xem|lượt đọc)\s*[:：]?\s*(\d[\d.,\s]*\d|\d)",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")

# Text that starts the site's chrome: nothing after it is the article. Long phrases are
# cut wherever they appear (a scraper may run them into the last sentence); short ones
# only as a line of their own.
CHROME_ANYWHERE = (
    "Các ý kiến của bạn đọc",
    "Các tin liên quan",
    "Các tin khác",
    "Tin cùng chuyên mục",
    "Ý kiến bạn đọc",
    "Gửi ý kiến của bạn",
    "Kết quả giải quyết TTHC",
)
CHROME_LINES = {
    fold(text)
    for text in (
        "Tin khác",
        "Tin liên quan",
        "Bài viết liên quan",
        "Đăng nhập",
        "Các chuyên mục",
        "Chuyên mục",
        "Ảnh liên kết",
        "Liên kết website",
        "Lượt truy cập",
        "Thống kê truy cập",
        "Bình luận",
        "Chia sẻ",
        "In bài viết",
        "Gửi bài viết",
        "Quay lại",
        "Về đầu trang",
        "Từ khóa",
        "Tags",
    )
}
# Lines that are chrome wherever they are (they do not end the article).
NOISE = re.compile(
    r"^\s*(?:trang chủ\b|in bài|gửi email|chia sẻ|bản in|quay lại|lên đầu trang|"
    r"\[?\s*số lần xem|lượt xem|người dùng online|đang online|đang truy cập)",
    re.IGNORECASE,
)

FOOTER_FIELDS = (
    ("editor_in_chief", re.compile(r"^\s*trưởng ban biên tập\s*:\s*(.+)$", re.IGNORECASE)),
    ("editor_in_chief_title", re.compile(r"^\s*chức vụ\s*:\s*(.+)$", re.IGNORECASE)),
    ("address", re.compile(r"^\s*địa chỉ\s*:\s*(.+)$", re.IGNORECASE)),
    ("phone", re.compile(r"^\s*(?:điện thoại|đt|tel)\s*:\s*(.+)$", re.IGNORECASE)),
    ("email", re.compile(r"^\s*e-?mail\s*:\s*(\S+@\S+)", re.IGNORECASE)),
    ("website", re.compile(r"^\s*website\s*:\s*(\S+)", re.IGNORECASE)),
    (
        "visits_baseline",
        re.compile(r"^\s*(?:•\s*)?(?:tất cả|tổng (?:số )?lượt truy cập)\s*:\s*([\d.,\s]+)$", re.I),
    ),
)
REPRINT = re.compile(r"^\s*(ghi rõ nguồn .+)$", re.IGNORECASE)
TRUST_BADGE = re.compile(r"(?:chứng|chung) nh(?:ậ|a)n t(?:í|i)n nhi(?:ệ|e)m m(?:ạ|a)ng", re.I)

SOURCE = re.compile(r"^\s*(?:\(?\s*)(Theo\s+.{3,120}?)\s*\)?\s*$")
_UPPER_START = re.compile(r"^[A-ZĐÀ-Ỹ]")


def is_paragraph(text):
    return text.rstrip().endswith(TERMINAL)


def number(text):
    """ "8756173", "8.756.173", "4 056", "3,644" → int."""
    digits = re.sub(r"\D", "", text or "")
    return int(digits) if digits else None


def local(day, hour=12, minute=0, second=0):
    """An aware datetime in the site's zone. Where a page gives only a date the time is
    12:00, as the seed fixtures record it (fixtures/README.md)."""
    try:
        naive = datetime.datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None
    return timezone.make_aware(naive)


def _date(d, m, y):
    try:
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _with_time(day, groups):
    h, mi, s = groups
    if day is None:
        return None
    if h is None:
        return local(day)
    return local(day, int(h), int(mi), int(s or 0))


def updated_on(text):
    """The publish time of a "Cập nhật vào ngày (29/07/2021)" style line, or None."""
    match = UPDATED_ON.search(text)
    if not match:
        return None
    g = match.groups()
    day = _date(g[3], g[4], g[5])
    time = g[0:3] if g[0] else g[6:9]
    return _with_time(day, time)


def date_line(text):
    """A line that is only a date (and time), "17/01/2022 10:03:53", or None."""
    match = DATE_LINE.match(text)
    if not match:
        return None
    g = match.groups()
    return _with_time(_date(*g[:3]), g[3:6])


def weekday_line(text):
    """ "Chủ nhật, 29/05/2022" → the datetime it names, or None."""
    match = WEEKDAY_LINE.match(text)
    if not match:
        return None
    g = match.groups()
    return _with_time(_date(*g[:3]), g[3:6])


def page_year(text, seen_on=None):
    """The year a day-and-month belongs to: the year of the site's date line when there
    is one, otherwise the year the text names most often."""
    if seen_on:
        return seen_on.year
    years = Counter(int(y) for y in YEAR.findall(text) if int(y) <= timezone.now().year)
    return years.most_common(1)[0][0] if years else None


def dateline(text, *, year, seen_on=None):
    """ "sáng nay 30-3" / "Sáng 16/7," → that day in ``year``; a day after the date the
    page was seen belongs to the year before (a page seen on 29/05/2022 reporting "16/7"
    reports 16/07/2021)."""
    match = DATELINE.search(text)
    if not match or not year:
        return None
    day = _date(match.group(1), match.group(2), year)
    if day and seen_on and day > seen_on:
        day = _date(match.group(1), match.group(2), year - 1)
    return local(day) if day else None


def views(text):
    match = VIEWS.search(text)
    return number(match.group(1)) if match else None


def chrome_cut(text):
    """``text`` up to the first chrome phrase run into it (or all of it)."""
    cut = len(text)
    for phrase in CHROME_ANYWHERE:
        at = text.find(phrase)
        if at != -1:
            cut = min(cut, at)
    return text[:cut]


def is_chrome_line(text):
    return fold(text).rstrip(":") in CHROME_LINES


def is_noise(text):
    return bool(NOISE.match(text)) and len(text) < 120


def source(text):
    """ "Theo Báo Bình Phước" → itself; None for any other line."""
    match = SOURCE.match(text)
    if match and not is_paragraph(match.group(1)) and len(match.group(1).split()) <= 12:
        return match.group(1)
    return None


def _looks_like_name(text):
    """A person's name, maybe with a title after a comma: "MAI CHI", "Tấn Phong",
    "Trần Thị Thùy Trang, Phó phòng KG-TH"."""
    name = text.split(",", 1)[0].strip()
    words = name.split()
    if not 2 <= len(words) <= 6 or len(text) > 90:
        return False
    return all(_UPPER_START.match(word) for word in words)


def byline(text):
    """The byline a last line is, or None."""
    text = text.strip()
    if is_paragraph(text) or not _looks_like_name(text):
        return None
    return text


_RUN_ON = re.compile(r"^(.*[.!?…”])\s?([A-ZĐÀ-Ỹ][^.!?…]{2,60})$", re.DOTALL)


def split_run_on_byline(text):
    """(paragraph, byline) when a byline is run into the last sentence,
    "…chống dịch Covid-19.Tấn Phong"; (text, "") otherwise."""
    match = _RUN_ON.match(text.strip())
    if match and _looks_like_name(match.group(2)):
        return match.group(1), match.group(2).strip()
    return text, ""


def footer(lines):
    """The board profile a footer's lines give: {field: value}."""
    found = {}
    for line in lines:
        line = line.strip()
        for name, pattern in FOOTER_FIELDS:
            match = pattern.match(line)
            if match and name not in found:
                value = match.group(1).strip().rstrip(".")
                found[name] = number(value) if name == "visits_baseline" else value
        match = REPRINT.match(line)
        if match and "reprint_notice" not in found:
            found["reprint_notice"] = match.group(1).strip()
        if TRUST_BADGE.search(line):
            found["trust_badge"] = True
    return found


def is_shouting(title):
    letters = [c for c in title if c.isalpha()]
    return len(letters) > 8 and all(c.isupper() for c in letters)


def _forms(pattern, text):
    return Counter(m.group(1) for m in re.finditer(pattern, text, re.IGNORECASE))


def sentence_case(title, text):
    """A title written in capitals, in the case the article's own text writes its words
    ("TRONG CÔNG TÁC TUYÊN GIÁO" → "trong công tác Tuyên giáo"): each word takes the
    form it has most often in ``text`` next to the same neighbour, or alone."""
    words = title.split()
    out = []
    for i, word in enumerate(words):
        me = "(" + re.escape(word) + ")"
        contexts = []
        if i > 0:
            contexts.append(re.escape(words[i - 1]) + r"\s+" + me)
        if i + 1 < len(words):
            contexts.append(me + r"\s+" + re.escape(words[i + 1]))
        contexts.append(me)
        forms = Counter()
        for context in contexts:
            forms = _forms(r"(?<!\w)" + context + r"(?!\w)", text)
            if forms:
                break
        # the most frequent form; on a tie the lower-case one (a capital may start a sentence)
        form = max(forms, key=lambda f: (forms[f], f.islower())) if forms else word.lower()
        out.append(form)
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def title_from_first_sentence(text, limit=160):
    """A title written from a text's first sentence (shortened on a word boundary)."""
    sentence = re.split(r"(?<=[.!?…])\s", text.strip(), maxsplit=1)[0].rstrip(".… ")
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    return sentence
