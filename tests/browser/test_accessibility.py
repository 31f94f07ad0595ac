"""Every public page (tests/browser/public_pages.py) with the demo data, in Chromium:
axe-core finds no serious or critical violation (WCAG 2.1 A/AA and best practices);
nothing scrolls sideways at 320 px wide or with text at 200%; images do not shift the
layout as they load; the keyboard focus is visible. One browser, each page loaded once
per viewport."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.test import Client

from .public_pages import BOARD_HOST, PAGES, prepare_demo_site

BLOCKING = {"serious", "critical"}

#: Layout shifts so far (buffered), summed as Chrome's CLS does for a short visit.
CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0; const moved = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      total += e.value;
      for (const s of e.sources || []) if (s.node) moved.push((s.node.outerHTML || s.node.nodeName).slice(0, 100));
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve([total, moved]), 300);
})"""
OVERFLOW_SCRIPT = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def site(live_seeds, page):
    """The live demo site: its pages' absolute addresses, and the staff session in the
    browser for the staff pages."""
    staff = prepare_demo_site()
    client = Client()
    client.force_login(staff)
    port = live_seeds.url.rsplit(":", 1)[1]
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    def url_of(entry):
        host = BOARD_HOST if entry.board_site else "localhost"
        return f"http://{host}:{port}{entry.url()}"

    def sign_in(on):
        if on:
            page.context.add_cookies(
                [
                    {
                        "name": django_settings.SESSION_COOKIE_NAME,
                        "value": cookie,
                        "url": live_seeds.url,
                    }
                ]
            )
        else:
            page.context.clear_cookies()

    return url_of, sign_in


def describe(violations):
    return "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} — "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )


def test_every_public_page_passes_axe_and_reflows(page, site):
    url_of, sign_in = site
    axe = Axe()
    findings, overflow, shifts = {}, {}, {}
    for entry in PAGES:
        sign_in(entry.staff)
        url = url_of(entry)
        # Desktop: axe-core.
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(url, wait_until="load")
        assert response.status == entry.status, (entry.name, response.status)
        violations = axe.run(page).response["violations"]
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            findings[entry.name] = describe(blocking)
        # Text at 200%: nothing scrolls sideways.
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        if (extra := page.evaluate(OVERFLOW_SCRIPT)) > 1:
            overflow[f"{entry.name} (text 200%)"] = extra
        # A 320 px wide phone: nothing scrolls sideways, images keep their place.
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(url, wait_until="load")
        if (extra := page.evaluate(OVERFLOW_SCRIPT)) > 1:
            overflow[f"{entry.name} (320 px)"] = extra
        page.mouse.wheel(0, 20000)  # lazy pictures load too
        page.wait_for_timeout(100)
        cls, moved = page.evaluate(CLS_SCRIPT)
        if cls >= 0.1:
            shifts[entry.name] = (round(cls, 3), moved[:5])
    assert not findings, "axe-core:\n" + "\n".join(f"{k}:\n{v}" for k, v in findings.items())
    assert not overflow, f"scrolls sideways by (px): {overflow}"
    assert not shifts, f"layout shift (CLS) from loading: {shifts}"


def test_the_keyboard_focus_is_always_visible(page, site):
    url_of, _ = site
    page.goto(url_of(PAGES[0]))
    for _ in range(8):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                return [document.activeElement.outerHTML.slice(0, 80),
                        s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"""
        )
        assert outline[1], f"no visible focus on {outline[0]}"
    # The skip link is the first stop and leads to the content.
    page.goto(url_of(PAGES[0]))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"
