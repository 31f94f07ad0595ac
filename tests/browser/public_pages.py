"""Every public page, with the demo data: the one list the HTML validity check
(test_html_validity.py, the Nu HTML Checker) and the accessibility check
(test_accessibility.py, axe-core in Chromium) both go through. A new public page is added
here, once, and both checks cover it."""

from dataclasses import dataclass

#: A host of Vĩnh Long's board site that a browser resolves to this machine
#: (*.localhost), added as an alias so that the portal's pages do not move to it.
BOARD_HOST = "vinh-long.localhost"


@dataclass(frozen=True)
class Page:
    name: str
    #: a path, or a function of no arguments giving one (read from the demo data)
    path: object
    #: on Vĩnh Long's board site instead of the portal
    board_site: bool = False
    #: signed in as an analyst of the central board (staff pages)
    staff: bool = False
    status: int = 200

    def url(self):
        return self.path() if callable(self.path) else self.path


def _seed_article():
    from articles.models import Article

    return Article.objects.published().filter(unit__slug="hau-giang").first().get_absolute_url()


def _section():
    from articles.models import Article

    return Article.objects.published().exclude(section=None).first().section.get_absolute_url()


def _directive():
    from directives.models import Directive

    return Directive.objects.get(symbol="35-NQ/TW").get_absolute_url()


def _meeting():
    from directives.models import Meeting

    return Meeting.objects.published().order_by("pk").first().get_absolute_url()


PAGES = [
    Page("home", "/"),
    Page("unit", "/tinh/can-tho/"),
    Page("merged unit", "/tinh/hau-giang/"),
    Page("section", _section),
    Page("article", _seed_article),
    Page("directive list", "/van-ban/"),
    Page("directive", _directive),
    Page("meeting list", "/hoi-nghi/"),
    Page("meeting", _meeting),
    Page("search", "/tim-kiem/?q=tuyen+giao"),
    Page("accessibility", "/kha-nang-tiep-can/"),
    Page("login", "/dang-nhap/"),
    Page("not found", "/khong-co-trang-nay/", status=404),
    Page("board site home", "/", board_site=True),
    Page("board site accessibility", "/kha-nang-tiep-can/", board_site=True),
    Page("staff report", "/bao-cao/", staff=True),
    Page("albums", "/anh/"),
    Page("album", "/anh/giao-ban-cong-tac-tuyen-giao-quy-i-2021-binh-phuoc/"),
    Page("videos", "/video/"),
    Page("video", "/video/video-mau-giao-ban-tuyen-giao-hau-giang/"),
    Page("documents", "/tai-lieu/"),
    Page("document", "/tai-lieu/hoi-dap-nghi-quyet-35-nq-tw-tai-lieu-mau/"),
    Page("board site documents", "/tai-lieu/", board_site=True),
]


def prepare_demo_site():
    """On top of the loaded demo data: Vĩnh Long's board site on BOARD_HOST and a staff
    account (an analyst of the central board). Returns the account."""
    from django.contrib.auth import get_user_model

    from provinces.models import Board, BoardDomain, Membership

    vinh_long = Board.objects.get(unit__slug="vinh-long")
    BoardDomain.objects.get_or_create(
        host=BOARD_HOST, defaults={"board": vinh_long, "kind": BoardDomain.Kind.ALIAS}
    )
    user, created = get_user_model().objects.get_or_create(
        username="chuyenvien-kiemtra", defaults={"is_staff": False}
    )
    if created:
        Membership.objects.create(
            user=user,
            board=Board.objects.get(unit__slug="trung-uong"),
            role=Membership.Role.ANALYST,
        )
    return user
