"""``manage.py generate_demo --articles N``: N realistic published articles, in bulk.

    python manage.py generate_demo --articles 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        python manage.py generate_demo --articles 1000000

The work is demo.generator's; this command reads the arguments and draws the progress.
"""

from django.core.management import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.templatetags.vi import so
from demo import DemoError
from demo.generator import Generator


class Command(BaseCommand):
    help = (
        "Create N realistic published articles (Vietnamese text spread over the units, "
        "sections, directives and ten years; some with images, directives and comments) "
        "in bulk, with a progress bar. Loads the demo data first when it is missing. "
        "Generated articles have slugs starting with 'demo-': a re-run tops up to N of "
        "them (or, with --replace, deletes them and starts again) and never touches other "
        "articles. 1,000,000 take a few minutes on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            required=True,
            help="How many generated articles there should be in the end.",
        )
        parser.add_argument("--seed", type=int, default=2025, help="Random seed (default 2025).")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the previously generated articles first, then create N.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Parallel workers on PostgreSQL, each with its own connection (default: "
            "the number of CPUs, at most 4, for 20,000 articles or more). Always 1 on SQLite "
            "and inside a transaction.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, articles, seed, batch_size, replace, jobs, database, verbosity, **opts):
        if articles < 0:
            raise CommandError("--articles must be 0 or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.verbosity = verbosity
        generator = Generator(
            using=database,
            seed=seed,
            batch_size=batch_size,
            jobs=jobs,
            say=self.say,
            progress=self.progress,
        )
        try:
            outcome = generator.run(articles, replace=replace)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        if not outcome.created:
            self.say(
                f"{so(outcome.total)} generated articles already exist (asked for "
                f"{so(articles)}): nothing to do. Use --replace to start again."
            )
            return
        seconds = outcome.seconds
        self.say(
            self.style.SUCCESS(
                f"Created {so(outcome.created)} articles in {so(round(seconds))} s "
                f"({so(round(outcome.created / max(seconds, 0.001)))}/s); "
                f"{so(outcome.total)} generated articles in all."
            )
        )

    def say(self, message):
        if self.verbosity:
            self.stdout.write(message)

    def progress(self, done, total, seconds):
        if not self.verbosity:
            return
        rate = done / seconds if seconds > 0 else 0
        eta = (total - done) / rate if rate else 0
        width = 30
        filled = int(width * done / total)
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] {100 * done / total:5.1f}% "
            f"{so(done)}/{so(total)} articles · {so(round(rate))}/s · "
            f"ETA {int(eta // 60)}:{int(eta % 60):02d}"
        )
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="" if done < total else "\n")
            self.stdout.flush()
            return
        bucket = 20 * done // total  # every 5% when not on a terminal (logs, CI)
        if done in (0, total) or bucket != getattr(self, "_bucket", None):
            self.stdout.write(line)
        self._bucket = bucket
