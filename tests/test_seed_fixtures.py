"""The fixtures hold the five seed pages faithfully, without the sites' chrome, and load
twice without duplicates."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.serializers import serialize
from django.utils import timezone

from articles.models import Article, ArticleImage
from directives.models import Directive, DirectiveRelation, Meeting

pytestmark = pytest.mark.django_db

HG = "hg-giao-ban-tuyen-giao-tinh-uy-khao-sat-tinh-hinh-tam-trang-tu-tuong-cua-can-bo-ban-chuyen-trach-o-co-so"


def seed(unit_slug):
    return Article.objects.get(unit__slug=unit_slug)


def local(dt):
    return timezone.localtime(dt)


def test_five_seed_articles_all_published(seeds):
    assert Article.objects.count() == 5
    assert Article.objects.published().count() == 5
    assert set(Article.objects.values_list("unit__slug", flat=True)) == {
        "hau-giang",
        "lang-son",
        "binh-phuoc",
        "tra-vinh",
        "hai-duong",
    }


def test_hau_giang_seed(seeds):
    article = seed("hau-giang")
    assert article.slug == HG
    assert article.title.startswith("HG: Giao Ban Tuyên giáo Tỉnh ủy Khảo sát tình hình tâm trạng")
    assert article.views == 902
    assert local(article.published_at).date() == datetime.date(2021, 7, 29)
    assert article.byline == "Tấn Phong"
    assert article.section.name == "Tin tức - sự kiện"
    assert "28/7/2021" in article.summary
    assert [i.caption for i in article.images.all()] == [
        "Đồng chí Lê Công Lý báo cáo kết quả hoạt động Tuyên giáo 6 tháng đầu năm",
        "Đồng chí Bí thư Tỉnh ủy phát biểu tại buổi làm việc",
    ]
    assert [i.original_filename for i in article.images.all()] == ["ly.png", "trong.png"]
    assert article.body.rstrip().endswith("phòng, chống dịch Covid-19.</p>")
    assert {d.symbol for d in article.directives.all()} >= {"35-NQ/TW", "01-KL/TW", "05-CT/TW"}


def test_lang_son_seed(seeds):
    article = seed("lang-son")
    assert article.title == "Ban Tuyên giáo Trung ương: Sơ kết công tác tuyên giáo 6 tháng đầu năm"
    assert article.byline == "MAI CHI"
    assert local(article.published_at).date() == datetime.date(2021, 7, 16)
    assert article.summary.startswith("Sáng 16/7, Ban Tuyên giáo Trung ương")
    assert [i.caption for i in article.images.all()] == [
        "Các đại biểu tham dự hội nghị tại điểm cầu tỉnh Lạng Sơn"
    ]
    assert {d.symbol for d in article.directives.all()} >= {"05-CT/TW", "01-KL/TW"}


def test_binh_phuoc_seed(seeds):
    article = seed("binh-phuoc")
    assert article.title  # the page has none: an editor's title from the first sentence
    assert "quý I" in article.title
    assert article.source == "Theo Báo Bình Phước"
    assert local(article.published_at).date() == datetime.date(2021, 3, 30)
    assert [i.caption for i in article.images.all()] == [
        "Lãnh đạo Sở Y tế trao đổi tại hội nghị",
        "Hội nghị được kết nối trực tuyến đến các điểm cầu huyện, thị, thành ủy và đảng ủy trực thuộc",
        "Trưởng ban Tuyên giáo Tỉnh ủy Hà Anh Dũng đề nghị các cơ quan, đơn vị tích cực tuyên truyền "
        "cuộc bầu cử đại biểu Quốc hội khóa XV và HĐND các cấp nhiệm kỳ 2021-2026",
    ]
    assert "35-NQ/TW" in {d.symbol for d in article.directives.all()}
    assert "Hà Anh Dũng" in article.body


def test_tra_vinh_seed(seeds):
    article = seed("tra-vinh")
    assert (
        article.title
        == "Công tác tuyên giáo 6 tháng đầu năm 2021: đảm bảo nội dung, tiến độ, hiệu quả"
    )
    assert article.byline == "Trần Thị Thùy Trang, Phó phòng KG-TH"
    assert [i.caption for i in article.images.all()] == [
        "Hội nghị tổng kết công tác Tuyên giáo năm 2020, triển khai nhiệm vụ năm 2021"
    ]
    assert {d.symbol for d in article.directives.all()} >= {"05-CT/TW", "06-CT/TU", "08-NQ/TW"}


def test_hai_duong_seed(seeds):
    article = seed("hai-duong")
    assert (
        article.title.upper()
        == "HẢI DƯƠNG XÁC ĐỊNH 8 NHIỆM VỤ TRỌNG TÂM TRONG CÔNG TÁC TUYÊN GIÁO NĂM 2022"
    )
    assert local(article.published_at) == datetime.datetime(
        2022, 1, 17, 10, 3, 53, tzinfo=local(article.published_at).tzinfo
    )
    assert article.section.name == "Chính trị - Kinh tế"
    assert "<h2>Chuyển đổi số để nâng cao hiệu quả công tác Tuyên giáo</h2>" in article.body
    assert {d.symbol for d in article.directives.all()} >= {"30-KH/TU", "01-KL/TW", "05-CT/TW"}


CHROME = [
    "Số lần xem",
    "Cập nhật vào ngày",
    "Các ý kiến của bạn đọc",
    "CÁC CHUYÊN MỤC",
    "Ảnh liên kết",
    "Lượt truy cập",
    "Người dùng online",
    "Thành viên:",
    "Hiển thị video",
    "Chủ nhật,",
    "Các tin liên quan",
    "Tin khác",
    "Đăng nhập",
    "Thống kê truy cập",
    "Đang online",
    "Hôm nay:",
    "Trong tuần:",
    "Tất cả:",
    "8756173",
    "Trưởng Ban biên tập",
    "Chung nhan Tin Nhiem Mang",
    "Điện thoại:",
    "Email:",
    "Website:",
    "Kết quả giải quyết TTHC",
    "Số hồ sơ xử lý",
    "TRANG THÔNG TIN ĐIỆN TỬ XÃ TÂN KỲ",
    "Đang truy cập",
    "Tháng này:",
    "ly.png",
    "trong.png",
]


@pytest.mark.parametrize(
    "unit_slug", ["hau-giang", "lang-son", "binh-phuoc", "tra-vinh", "hai-duong"]
)
def test_no_site_chrome_in_seed_bodies(seeds, unit_slug):
    article = seed(unit_slug)
    text = f"{article.summary}\n{article.body}"
    # Case matters: the chrome is matched as the pages print it ("Lượt truy cập" is a
    # counter's heading; Trà Vinh's report itself speaks of "lượt truy cập").
    leaked = [c for c in CHROME if c in text]
    assert leaked == []
    # Bylines and sources are fields of their own, not part of the body.
    for field in (article.byline, article.source):
        if field:
            assert field not in article.body


def test_directives_the_seeds_name(seeds):
    nq35 = Directive.objects.get(symbol="35-NQ/TW")
    assert (nq35.kind, nq35.issuer, nq35.issued_on) == (
        "nghi-quyet",
        "Bộ Chính trị",
        datetime.date(2018, 10, 22),
    )
    kl01 = Directive.objects.get(symbol="01-KL/TW")
    assert kl01.issued_on == datetime.date(2021, 5, 18)
    ct05 = Directive.objects.get(symbol="05-CT/TW")
    assert DirectiveRelation.objects.filter(
        source=kl01, target=ct05, kind=DirectiveRelation.Kind.CONTINUES
    ).exists()
    ct06 = Directive.objects.get(symbol="06-CT/TU")
    assert (ct06.unit.slug, ct06.issued_on) == ("tra-vinh", datetime.date(2016, 3, 3))
    kh30 = Directive.objects.get(symbol="30-KH/TU")
    assert (kh30.unit.slug, kh30.issued_on) == ("hai-duong", datetime.date(2021, 8, 5))
    assert Directive.objects.filter(symbol="08-NQ/TW").exists()
    assert Directive.objects.filter(short_title="Nghị quyết Đại hội XIII của Đảng").exists()


def test_continuations_follow_the_chain(seeds):
    ct05 = Directive.objects.filter(symbol="05-CT/TW")
    symbols = set(ct05.with_continuations().values_list("symbol", flat=True))
    assert symbols == {"05-CT/TW", "01-KL/TW", "30-KH/TU"}


def test_meetings_the_seeds_report(seeds):
    hg = Meeting.objects.get(unit__slug="hau-giang", date=datetime.date(2021, 7, 28))
    assert hg.kind == Meeting.Kind.LAM_VIEC
    assert seed("hau-giang") in hg.articles.all()

    central = Meeting.objects.get(unit__slug="trung-uong", date=datetime.date(2021, 7, 16))
    assert central.kind == Meeting.Kind.SO_KET
    assert central.period_label == "6 tháng đầu năm 2021"
    assert list(central.connection_points.values_list("unit__slug", flat=True)) == ["lang-son"]
    assert "Nguyễn Trọng Nghĩa" in central.chair

    bp = Meeting.objects.get(unit__slug="binh-phuoc", date=datetime.date(2021, 3, 30))
    assert bp.kind == Meeting.Kind.GIAO_BAN
    assert (bp.period_start, bp.period_end) == (
        datetime.date(2021, 1, 1),
        datetime.date(2021, 3, 31),
    )

    study = Meeting.objects.get(unit__slug="binh-phuoc", kind=Meeting.Kind.QUAN_TRIET)
    assert study.attendance == 23_000
    assert study.total_connection_points == 3 + 22 + 9 + 111

    hd = Meeting.objects.get(unit__slug="hai-duong", date=datetime.date(2022, 1, 13))
    assert hd.kind == Meeting.Kind.TONG_KET
    assert hd.format == Meeting.Format.ONLINE
    assert "30-KH/TU" in {d.symbol for d in hd.directives.all()}

    tv = Meeting.objects.get(unit__slug="tra-vinh", kind=Meeting.Kind.TONG_KET)
    assert tv.period_label == "năm 2020"


def test_seed_images_are_placeholders_that_exist(seeds, settings):
    images = ArticleImage.objects.all()
    assert images.count() == 7
    for image in images:
        assert image.is_placeholder
        assert (settings.MEDIA_ROOT / image.image.name).is_file()


def _snapshot():
    models = [
        m for m in apps.get_models() if m._meta.app_label in {"provinces", "articles", "directives"}
    ]
    return {m._meta.label: serialize("json", m.objects.order_by("pk")) for m in models}


def test_loading_the_fixtures_twice_changes_nothing(seeds):
    before = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == before
