"""manage.py add_editor USERNAME --unit <unit-slug> --role editor|chief|analyst

Creates (or updates) a staff account of a board. Safe to run twice: a second run sets the
role and board again and keeps the password unless a new one is given.
"""

import difflib
import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import exceptions
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from provinces.models import Board, Membership, Unit

PASSWORD_ENV = "DJANGO_EDITOR_PASSWORD"  # noqa: S105 - the variable name, not a password
ROLES = [choice.value for choice in Membership.Role]


class Command(BaseCommand):
    help = (
        "Create or update a board's staff account: editor (Biên tập viên), chief (Trưởng ban "
        "biên tập) or analyst (Chuyên viên). Editors and chiefs can sign in to /admin/; "
        f"analysts read staff reports only. With --noinput the password comes from {PASSWORD_ENV} "
        "(required for a new account). Safe to run twice: the role and board are updated and "
        "the password is kept unless a new one is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--unit", required=True, help="The board's unit slug, e.g. can-tho, trung-uong."
        )
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default=None)
        parser.add_argument("--first-name", default=None, help="Given name shown in the admin.")
        parser.add_argument("--last-name", default=None)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Do not prompt; the password comes from {PASSWORD_ENV}.",
        )

    def handle(self, *args, username, unit, role, email, interactive, **options):
        User = get_user_model()
        username = username.strip()
        if not username:
            raise CommandError("The username must not be empty.")
        board = self._board(unit)
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        password = self._password(user, username, email, interactive)

        with transaction.atomic():
            created = user is None
            if created:
                user = User(**{User.USERNAME_FIELD: username})
            if email is not None:
                user.email = User._default_manager.normalize_email(email)
            if options.get("first_name") is not None:
                user.first_name = options["first_name"]
            if options.get("last_name") is not None:
                user.last_name = options["last_name"]
            # Editors and chiefs work in the admin; analysts do not use it at all.
            if not user.is_superuser:
                user.is_staff = role in {Membership.Role.EDITOR, Membership.Role.CHIEF}
            user.is_active = True
            if password is not None:
                user.set_password(password)
            user.save()
            membership, _ = Membership.objects.update_or_create(
                user=user, defaults={"board": board, "role": role}
            )

        verb = "Created" if created else "Updated"
        kept = "" if created or password is not None else " (password unchanged)"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {username}: {membership.get_role_display()} of {board.name} "
                f"({board.unit.slug}){kept}."
            )
        )
        if role == Membership.Role.ANALYST:
            self.stdout.write("Analysts sign in at /dang-nhap/ to read staff reports; no admin.")
        else:
            self.stdout.write("Sign in at /admin/.")

    def _board(self, slug):
        unit = Unit.objects.filter(slug=slug).select_related("merged_into").first()
        if unit is None:
            unit = Unit.objects.filter(legacy_slug=slug).select_related("merged_into").first()
        if unit is None:
            slugs = list(Unit.objects.values_list("slug", flat=True))
            close = difflib.get_close_matches(slug, slugs, n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CommandError(
                f"Unknown unit {slug!r}.{hint} Units are given by slug, e.g. can-tho, "
                "lang-son, trung-uong."
            )
        if unit.merged_into_id:
            raise CommandError(
                f"{unit.name} was merged into {unit.merged_into.name} on 1/7/2025; its "
                f"archive is run by that board: use --unit {unit.merged_into.slug}."
            )
        try:
            return Board.objects.select_related("unit").get(unit=unit)
        except Board.DoesNotExist:
            raise CommandError(f"{unit.name} has no board yet; load the demo data first.") from None

    def _password(self, user, username, email, interactive):
        """The new password, or None to keep the current one."""
        User = get_user_model()
        candidate = User(**{User.USERNAME_FIELD: username}, email=email or "")
        env = os.environ.get(PASSWORD_ENV)
        if not interactive:
            if env:
                self._validate(env, candidate)
                return env
            if user is None:
                raise CommandError(
                    f"A new account needs a password: set {PASSWORD_ENV} (with --noinput) or "
                    "run without --noinput to type it."
                )
            return None
        prompt = "Password" if user is None else "New password (empty: keep the current one)"
        while True:
            first = getpass.getpass(f"{prompt}: ")
            if not first and user is not None:
                return None
            if not first:
                self.stderr.write("The password must not be empty.")
                continue
            if first != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                self._validate(first, candidate)
            except CommandError as exc:
                self.stderr.write(str(exc))
                continue
            return first

    def _validate(self, password, user):
        try:
            validate_password(password, user)
        except exceptions.ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from None
