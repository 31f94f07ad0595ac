"""The browser harness of tests/browser (Debian's Chromium, never downloaded), reused."""

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    browser_context_args,
    browser_type_launch_args,
    live_seeds,
    shot,
)
