"""What a generated article looks like: the material every batch draws from (units by
period, sections, directives, sentence templates filled in advance) and the rows of one
batch (articles, their directive links, images and comments)."""

import re
import string
from datetime import datetime, timedelta

from django.utils import timezone

from articles import search
from articles.models import Article, ArticleImage, Comment, Section
from core.text import fold_text, nfc
from directives.models import Directive
from provinces.models import MERGER_DATE, Unit

from . import DemoError
from . import text as vocabulary

#: Generated articles' slugs start with this; nothing else on the site does (real slugs
#: are made from titles). It is how the generator finds, tops up or removes its own rows
#: and never touches the seed articles or anything an editor wrote.
PREFIX = "demo-"
#: Generated articles are published over this many years up to now.
YEARS = 10
#: The illustrations every generated photo points at (demo.generator.ensure_images).
IMAGES = [f"demo/anh-minh-hoa-{i}.jpg" for i in range(1, 7)]
IMAGE_SIZE = (960, 540)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Slugger:
    """slugify_vi() for template-made titles, ~20× faster: core.text.fold_text (one
    translate() per title) and one substitution (tests check it agrees)."""

    def __call__(self, value, max_length=120):
        slug = _NOT_SLUG.sub("-", fold_text(value)).strip("-")
        if len(slug) > max_length:
            cut = slug[:max_length]
            if "-" in cut and slug[max_length] != "-":
                cut = cut.rsplit("-", 1)[0]
            slug = cut.strip("-")
        return slug


class Template:
    def __init__(self, pattern):
        self.pattern = nfc(pattern)
        self.fields = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


class Corpus:
    """What every batch draws from: units by period, sections, directives, templates
    and a pool of filled-in paragraphs (filling templates for every paragraph of a
    million articles would cost more than the database's work)."""

    def __init__(self, rng, *, units_before, units_after, central, sections, directives):
        self.rng = rng
        self.units_before = units_before
        self.units_after = units_after
        self.central = central
        self.sections = sections
        self.directives = directives
        self.slug = Slugger()
        self.titles = [Template(t) for t in vocabulary.TITLES]
        self.summaries = [Template(t) for t in vocabulary.SUMMARIES]
        self.sentences = [Template(t) for t in vocabulary.SENTENCES]
        self.names = [self.name() for _ in range(3000)]
        self.paragraphs = [self.paragraph() for _ in range(8000)]
        self.captions = [self.fill(Template(t)) for t in vocabulary.CAPTIONS for _ in range(50)]
        self.comments = [nfc(c) for c in vocabulary.COMMENTS]

    def name(self):
        choice = self.rng.choice
        return f"{choice(vocabulary.FAMILY)} {choice(vocabulary.MIDDLE)} {choice(vocabulary.GIVEN)}"

    def fill(self, template, slots=None):
        """``template`` filled: given ``slots`` first, random values for the rest."""
        rng = self.rng
        slots = slots or {}
        values = {}
        for name in template.fields:
            if name in slots:
                values[name] = slots[name]
            elif name == "period":
                year = slots.get("year") or rng.randint(2016, 2026)
                values[name] = rng.choice(vocabulary.PERIODS).format(year=year)
            elif name in ("unit", "unit_full"):
                values[name] = rng.choice(self.units_before).name
            elif name == "directive":
                values[name] = rng.choice(self.directives)[1]
            elif name == "topic":
                values[name] = rng.choice(vocabulary.TOPICS)
            elif name == "org":
                values[name] = rng.choice(vocabulary.ORGS)
            elif name == "year":
                values[name] = rng.randint(2016, 2026)
            elif name == "name":
                values[name] = rng.choice(self.names)
            elif name == "role":
                values[name] = rng.choice(vocabulary.ROLES)
            elif name == "n":
                values[name] = rng.randint(2, 60)
            elif name == "m":
                values[name] = rng.randint(100, 25000)
            elif name == "day":
                values[name] = rng.randint(1, 28)
            elif name == "month":
                values[name] = rng.randint(1, 12)
        return template.pattern.format(**values)

    def paragraph(self):
        return " ".join(
            self.fill(self.rng.choice(self.sentences)) for _ in range(self.rng.randint(2, 4))
        )


def load_corpus(rng, *, using):
    """The corpus for the database ``using``: its units, common sections and directives
    (the central ones when there are any)."""
    units = list(Unit.objects.using(using).all())
    central = next((u for u in units if u.is_central), None)
    before = [u for u in units if u.legacy_code is not None]
    after = [u for u in units if u.code is not None]
    if not before or not after:
        raise DemoError("The units are missing: run `manage.py load_demo` first.")
    sections = list(Section.objects.using(using).filter(is_active=True, unit__isnull=True)) or list(
        Section.objects.using(using).all()
    )
    directives = list(Directive.objects.using(using).all())
    central_ones = [(d.pk, d.name) for d in directives if d.unit_id == getattr(central, "pk", None)]
    return Corpus(
        rng,
        units_before=before,
        units_after=after,
        central=central,
        sections=sections,
        directives=central_ones or [(d.pk, d.name) for d in directives],
    )


def create_batch(corpus, writer, first_number, size, *, folded):
    """Write articles number ``first_number`` … ``first_number + size - 1`` through
    ``writer`` (demo.writers), with their directive links, images and comments.
    ``folded``: fill in the search document here (the database does it on PostgreSQL)."""
    rng = corpus.rng
    choice, randint, rand = rng.choice, rng.randint, rng.random
    fill, slug = corpus.fill, corpus.slug
    now = timezone.now()
    span = YEARS * 365 * 24 * 3600
    merger = timezone.make_aware(datetime.combine(MERGER_DATE, datetime.min.time()))
    paragraphs, sentences, names = corpus.paragraphs, corpus.sentences, corpus.names
    rows, extras = [], []
    for i in range(size):
        number = first_number + i
        published = now - timedelta(seconds=randint(3600, span))
        if corpus.central and rand() < 0.03:
            unit = corpus.central
        else:
            unit = choice(corpus.units_before if published < merger else corpus.units_after)
        unit_full = unit.full_name or unit.name
        directive = choice(corpus.directives) if rand() < 0.35 else None
        slots = {
            "unit": unit.name,
            "unit_full": unit_full,
            "year": published.year,
            "day": published.day,
            "month": published.month,
        }
        if directive:
            slots["directive"] = directive[1]
        title = fill(choice(corpus.titles), slots)
        images = 0 if rand() >= 0.15 else (1 if rand() < 0.7 else 2)
        parts = ['<figure data-image="1"></figure>'] if images else []
        parts.append(
            f"<p>{fill(choice(sentences), slots)} Tại {unit_full}, "
            f"{fill(choice(sentences), slots)}</p>"
        )
        for k in range(randint(3, 8)):
            parts.append(f"<p>{choice(paragraphs)}</p>")
            if images == 2 and k == 1:
                parts.append('<figure data-image="2"></figure>')
        if rand() < 0.3:
            parts.append(f"<p><strong>{choice(names)}</strong></p>")
        row = {
            "title": title,
            "slug": f"{PREFIX}{number:08d}-{slug(title)}",
            "summary": fill(choice(corpus.summaries), slots),
            "body": "\n".join(parts),
            "unit_id": unit.pk,
            # The unit whose board holds it today (bulk writes skip Article.save).
            "current_unit_id": unit.successor_id,
            "section_id": choice(corpus.sections).pk,
            "byline": choice(names) if rand() < 0.6 else "",
            "source": f"Theo Báo {unit.name}" if rand() < 0.2 else "",
            "status": Article.Status.PUBLISHED.value,
            "published_at": published,
            "created_at": published - timedelta(minutes=randint(5, 600)),
            "updated_at": published,
            "views": int(rng.paretovariate(1.2) * 40) if rand() < 0.95 else 0,
            "is_featured": rand() < 0.01,
            "search_document": "",
        }
        if folded:
            row["search_document"] = search.article_document_of(
                title=row["title"],
                summary=row["summary"],
                body=row["body"],
                byline=row["byline"],
                source=row["source"],
            )
        rows.append(row)
        extras.append((directive, images, randint(1, 4) if rand() < 0.1 else 0))

    ids = writer.articles(rows)
    links, images, comments = [], [], []
    for pk, row, (directive, image_count, comment_count) in zip(ids, rows, extras, strict=True):
        if directive:
            links.append({"article_id": pk, "directive_id": directive[0]})
        for position in range(1, image_count + 1):
            images.append(
                {
                    "article_id": pk,
                    "image": choice(IMAGES),
                    "width": IMAGE_SIZE[0],
                    "height": IMAGE_SIZE[1],
                    "caption": choice(corpus.captions),
                    "position": position,
                    "original_filename": "anh-minh-hoa.jpg",
                }
            )
        for k in range(comment_count):
            comments.append(
                {
                    "article_id": pk,
                    "name": choice(names),
                    "text": choice(corpus.comments),
                    "status": Comment.Status.APPROVED.value
                    if rand() < 0.85
                    else Comment.Status.PENDING.value,
                    "created_at": min(
                        now, row["published_at"] + timedelta(hours=k + randint(1, 48))
                    ),
                }
            )
    writer.rows(Article.directives.through, links)
    writer.rows(ArticleImage, images)
    writer.rows(Comment, comments)
