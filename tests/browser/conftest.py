"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: Chromium is launched from the path `command -v chromium` gives.
Where it is missing the tests are skipped with a loud reason (REQUIRE_BROWSER=1, as CI
sets, makes that a failure). Screenshots go to test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls tests make to set up their data.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        message = (
            "Chromium not found: browser tests NOT RUN. Install Debian's chromium "
            "(apt-get install chromium); the tests never download a browser."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def shot(page, request):
    """shot("name") saves a full-page screenshot to test-artifacts/<test>-<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        path = ARTIFACTS / f"{request.node.name}-{name}.png".replace("/", "_")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_seeds(live_server, settings, tmp_path):
    """The demo data behind a live server, with its media served."""
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    return live_server
