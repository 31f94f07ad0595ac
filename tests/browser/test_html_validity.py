"""Every public page (tests/browser/public_pages.py) with the demo data is valid HTML: the
Nu HTML Checker (vnu-jar, on Java) reports no errors, and the site's style sheets pass
its CSS check. One Java start for all pages.

vnu.jar is found at $VNU_JAR, or where .ci/run installs it (npm's vnu-jar package in
~/.cache/tuyengiao-ci/vnu). Without Java or vnu.jar the test is skipped loudly
(REQUIRE_BROWSER=1, as CI sets, makes that a failure)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from .public_pages import BOARD_HOST, PAGES, prepare_demo_site

ROOT = Path(__file__).resolve().parents[2]
VNU_CANDIDATES = [
    os.environ.get("VNU_JAR", ""),
    str(Path.home() / ".cache/tuyengiao-ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar"),
    str(ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"),
]


def _vnu():
    java = shutil.which("java")
    jar = next((p for p in VNU_CANDIDATES if p and Path(p).is_file()), None)
    if java and jar:
        return [java, "-Xss4m", "-jar", jar]
    message = (
        f"Nu HTML Checker not available (java: {java or 'missing'}, vnu.jar: "
        f"{jar or 'missing'}): HTML validity NOT CHECKED. Install Java (apt-get install "
        "default-jre-headless) and vnu-jar (npm install --prefix "
        "~/.cache/tuyengiao-ci/vnu vnu-jar), or set VNU_JAR."
    )
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def fetch_pages(tmp_path):
    """Each page's HTML, as a reader (or the staff account) gets it, in a file."""
    staff = prepare_demo_site()
    files = {}
    for page in PAGES:
        client = Client(HTTP_HOST=BOARD_HOST if page.board_site else "localhost")
        if page.staff:
            client.force_login(staff)
        response = client.get(page.url())
        assert response.status_code == page.status, (page.name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), page.name
        path = tmp_path / f"{page.name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        files[f"file:{path}"] = page.name
    return files


def test_every_public_page_is_valid_html(seeds, tmp_path, settings):
    vnu = _vnu()
    settings.PAGE_CACHE_ENABLED = False  # the rendering itself, not a stored copy
    files = fetch_pages(tmp_path)
    # A canary with one known error: proves the checker ran and its answer was read.
    canary = tmp_path / "canary.html"
    canary.write_text(
        '<!doctype html><html lang="vi"><head><title>x</title></head><body>'
        '<time datetime="2026-11-29T06:52:48.593786+07:00">x</time></body></html>'
    )
    sheets = sorted(str(p) for p in (ROOT / "static/css").glob("*.css"))
    run = subprocess.run(
        [
            *vnu,
            "--format",
            "json",
            "--errors-only",
            "--exit-zero-always",
            "--also-check-css",
            str(canary),
            *[uri.removeprefix("file:") for uri in files],
            *sheets,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    assert [m["message"][:29] for m in errors if "canary" in m.get("url", "")] == [
        "Bad value “2026-11-29T06:52:4"
    ]
    errors = [m for m in errors if "canary" not in m.get("url", "")]
    report = "\n".join(
        f"{files.get(m.get('url', ''), m.get('url', ''))}:{m.get('lastLine', '?')}: "
        f"{m.get('message')} [{(m.get('extract') or '').strip()[:120]}]"
        for m in errors
    )
    assert not errors, f"{len(errors)} HTML/CSS errors:\n{report}"
    assert len(files) == len(PAGES)
