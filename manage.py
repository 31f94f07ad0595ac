#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sys.version_info < (3, 12):  # noqa: UP036 - say so clearly rather than fail on import
        sys.exit(
            "Tuyên giáo CMS needs Python 3.12 or newer (Django 6.1). "
            "Use .venv/bin/python manage.py ..., or run `make run` which creates .venv."
        )
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"Configuration error: {exc}")


if __name__ == "__main__":
    main()
