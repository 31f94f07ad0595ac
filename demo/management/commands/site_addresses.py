from django.core.management import BaseCommand
from django.db.models import Count

from articles.models import Article
from provinces.models import Board, BoardDomain


class Command(BaseCommand):
    help = (
        "Print the addresses of the board sites that have articles: their domains and, in "
        "development, http://<unit>.localhost:<port>/ (make run prints them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        counts = dict(
            Article.objects.published()
            .values_list("current_unit_id")
            .annotate(n=Count("pk"))
            .values_list("current_unit_id", "n")
        )
        domains = {}
        for domain in BoardDomain.objects.order_by("kind", "host"):
            domains.setdefault(domain.board_id, []).append(domain)
        for board in Board.objects.select_related("unit").filter(unit_id__in=counts):
            hosts = ", ".join(
                f"{d.host} ({d.get_kind_display().lower()})" for d in domains.get(board.pk, [])
            )
            self.stdout.write(
                f"  http://{board.unit.slug}.localhost:{port}/  {board.name} "
                f"({counts[board.unit_id]} bài){f'; {hosts}' if hosts else ''}"
            )
