"""Every page kind in a real Chromium: axe-core, the console, screenshots, and reading without JavaScript.

One visit per page kind (axe in the light and the dark scheme, the console and the network, the
screenshots), and one more with JavaScript disabled. The site is served under a sub-path,
`/repo/`, as GitHub Pages serves a project site; a missing address gets `404.html` with status 404,
as GitHub Pages does.

axe-core comes from npm (`npm ci` in the repository root, see package.json). Without
`node_modules/axe-core/axe.min.js` the axe tests are skipped, and without Chromium the module is;
when REQUIRE_BROWSER is set (CI) both fail instead. Screenshots go to $TEST_ARTIFACTS (default
test-artifacts/screenshots/ in the repository).
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browsing import REQUIRED, require_chromium, serve
from conftest import ROOT

pytestmark = pytest.mark.browser

require_chromium()  # or skip the module

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS") or ROOT / "test-artifacts" / "screenshots")

# One page of each kind (README, "Pages and URLs"). The 404 page is asked for where GitHub Pages
# shows it: at an address that does not exist, a few folders deep.
PAGES = {
    "front": "",
    "articles": "articles/",
    "article": "articles/kazantsev/",
    "organizations": "organizations/",
    "organization": "organizations/csto/",
    "map": "organizations/sco/map/",
    "countries": "countries/",
    "country": "countries/uzb/",
    "people": "people/",
    "person": "people/bordyuzha/",
    "sources": "sources/",
    "data": "data/",
    "matrix": "matrix/",
    "matrix-year": "matrix/2008/",
    "overlap": "overlap/csto-sco/",
    "timeline": "timeline/",
    "search": "search/",
    "404": "no/such/page/",
}
# Also looked at on a 360-pixel phone screen (screenshot and axe).
NARROW = ("front", "article", "organization", "map", "country", "matrix-year", "timeline", "data", "404")
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
# Full-page screenshots stop here: the timeline and the matrices are very long.
MAX_SHOT_HEIGHT = 6000
SERIOUS = {"serious", "critical"}
# The axe rule whose outcome changes on a narrow screen: a table that has to scroll sideways.
LAYOUT_RULES = ["scrollable-region-focusable"]
# Parts of a page that only work with JavaScript; each is `hidden` until a script shows it.
JS_ONLY = ("form.search-page", "form.change-range", "form.year-slider", ".matrix-controls", "form.timeline-filters")

# Elements of <body> that are not rendered (display: none, visibility: hidden, the `hidden`
# attribute), outside SVG internals; a JS-only part counts once, not its descendants.
UNRENDERED = """(jsOnly) => {
  const out = [];
  const walk = (el) => {
    for (const child of el.children) {
      if (child instanceof SVGElement || ["SCRIPT", "STYLE", "TEMPLATE"].includes(child.tagName)) continue;
      const style = getComputedStyle(child);
      if (style.display === "none" || style.visibility === "hidden") {
        const js = jsOnly.some((selector) => child.matches(selector));
        out.push({html: child.outerHTML.slice(0, 160), jsOnly: js, links: child.querySelectorAll("a[href]").length});
        continue;
      }
      walk(child);
    }
  };
  walk(document.body);
  return out;
}"""

# What a reader of <main> gets: its headings and where its links lead (rendered ones only).
CONTENT = """() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const main = document.querySelector("main");
  return {
    headings: [...main.querySelectorAll("h1, h2, h3, h4")].filter(shown).map((h) => h.textContent.trim()),
    links: [...new Set([...main.querySelectorAll("a[href]")].filter(shown).map((a) => a.href))],
  };
}"""


@pytest.fixture(scope="module")
def published_server(published_site: Path, tmp_path_factory):
    """The site built with SITE_URL=…/repo/, as the Pages workflow builds it.

    404.html is served at any depth, so its links are absolute to the published path; only the
    published build has them right under /repo/ (a build without SITE_URL makes them absolute to
    the domain root). The 404 page kind is read from this one.
    """
    with serve(published_site, tmp_path_factory.mktemp("a11y-serve-published")) as url:
        yield url


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Visit:
    url: str
    status: int | None = None
    errors: list[str] = field(default_factory=list)       # console errors and uncaught exceptions
    failures: list[str] = field(default_factory=list)     # failed requests, HTTP errors
    requests: list[str] = field(default_factory=list)
    violations: dict[str, list[dict]] = field(default_factory=dict)  # by "light", "dark", "360px"
    shots: list[Path] = field(default_factory=list)
    content: dict = field(default_factory=dict)
    unrendered: list[dict] = field(default_factory=list)
    js_only_visible: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    main_text: str = ""
    icon: tuple[str, int, str] | None = None  # the page's icon: address, HTTP status, content type


@contextlib.contextmanager
def _watched(tab, url: str, expect_status: int = 200, **options):
    """A visit of `url` in the worker's shared page (tests/browsing.py, Tab), watched while it lasts."""
    page = tab.page
    visit = Visit(url)

    def on_console(message):
        # Chromium logs a page's own error status as a console error: the 404 page's 404 is expected.
        own_status = message.location.get("url") == url and "status of 404" in message.text
        if message.type == "error" and not (own_status and expect_status == 404):
            visit.errors.append(f"console: {message.text} {message.location}")

    def on_page_error(error):
        visit.errors.append(f"uncaught: {error}")

    def on_request_failed(request):
        visit.failures.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.status >= 400 and not (response.url == url and response.request.is_navigation_request()):
            visit.failures.append(f"{response.url}: HTTP {response.status}")

    listeners = {"console": on_console, "pageerror": on_page_error, "requestfailed": on_request_failed,
                 "response": on_response}
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        _, response = tab.open(url, **options)
        visit.status = response.status if response else None
        yield page, visit
        visit.requests = list(tab.requests)
    finally:
        for event, listener in listeners.items():
            page.remove_listener(event, listener)


def _screenshot(page, path: Path, full: bool = True) -> Path:
    height = page.evaluate("document.documentElement.scrollHeight") if full else page.viewport_size["height"]
    width = page.viewport_size["width"]
    page.screenshot(path=path, full_page=full, clip={"x": 0, "y": 0, "width": width, "height": min(height, MAX_SHOT_HEIGHT)},
                    animations="disabled", caret="hide")
    return path


def _axe(page, options: dict | None = None) -> list[dict]:
    """Violations found by axe-core in the page as it is now, each with its first few nodes."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (options) => {
          const result = await axe.run(document, options);
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
            nodes: v.nodes.slice(0, 3).map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                                     why: n.failureSummary})),
          }));
        }""",
        {"resultTypes": ["violations"], **(options or {})},
    )


def _status(kind: str) -> int:
    return 404 if kind == "404" else 200


def _url(kind: str, server: str, published_server: str) -> str:
    return (published_server if kind == "404" else server) + PAGES[kind]


@pytest.fixture(scope="module")
def visits(tab, server, published_server, artifacts):
    """kind -> its Visit with JavaScript: loaded once, then checked by several tests."""
    done: dict[str, Visit] = {}

    def visit(kind: str) -> Visit:
        if kind in done:
            return done[kind]
        with _watched(tab, _url(kind, server, published_server), _status(kind), viewport=WIDE) as (page, result):
            result.shots.append(_screenshot(page, artifacts / f"{kind}-1280.png"))
            result.content = page.evaluate(CONTENT)
            # Chromium asks for an icon once per site and remembers a missing one, so the console
            # alone would not notice a page kind without it: each page names it, and it loads.
            icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href ?? null")
            if icon:
                answer = tab.context.request.get(icon)
                result.icon = (icon, answer.status, answer.headers.get("content-type", ""))
            if AXE.exists():
                result.violations["light"] = _axe(page)
                page.emulate_media(color_scheme="dark")
                # Only colours change with the scheme.
                result.violations["dark"] = _axe(page, {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}})
                result.shots.append(_screenshot(page, artifacts / f"{kind}-1280-dark.png", full=False))
                page.emulate_media(color_scheme="light")
            if kind in NARROW:
                page.set_viewport_size(PHONE)
                result.shots.append(_screenshot(page, artifacts / f"{kind}-360.png"))
                if AXE.exists():
                    # The same document: only the rules that depend on the layout.
                    result.violations["360px"] = _axe(page, {"runOnly": {"type": "rule", "values": LAYOUT_RULES}})
            # Late requests (anything a script asks for after the load) and their errors; by now
            # the page has usually been quiet long enough, so this rarely waits.
            page.wait_for_load_state("networkidle")
        done[kind] = result
        return result

    return visit


@pytest.fixture(scope="module")
def visits_without_js(tab_without_js, server, published_server, artifacts):
    done: dict[str, Visit] = {}

    def visit(kind: str) -> Visit:
        if kind in done:
            return done[kind]
        url = _url(kind, server, published_server)
        with _watched(tab_without_js, url, _status(kind), viewport=WIDE) as (page, result):
            result.shots.append(_screenshot(page, artifacts / f"{kind}-1280-nojs.png", full=False))
            result.content = page.evaluate(CONTENT)
            result.unrendered = page.evaluate(UNRENDERED, list(JS_ONLY))
            result.js_only_visible = [s for s in JS_ONLY if page.locator(s).count() and page.locator(s).first.is_visible()]
            result.h1 = [h.inner_text().strip() for h in page.locator("h1").all() if h.is_visible()]
            result.main_text = page.locator("main").inner_text() if page.locator("main").is_visible() else ""
        done[kind] = result
        return result

    return visit


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']} ({v['count']}×): {v['help']}")
        lines += [f"    {n['target']}: {n['html']}\n      {n['why']}".replace("\n  ", "\n        ") for n in v["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_nothing_serious_or_critical(visits, kind):
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE.relative_to(ROOT)}): run `npm ci` in {ROOT}"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    result = visits(kind)
    found = {mode: [v for v in found if v["impact"] in SERIOUS] for mode, found in result.violations.items()}
    assert not any(found.values()), f"{result.url}\n" + "\n".join(
        f"[{mode}]\n{_describe(violations)}" for mode, violations in found.items() if violations)


@pytest.mark.parametrize("kind", PAGES)
def test_no_console_errors_and_no_failed_requests(visits, server, published_server, kind):
    result = visits(kind)
    assert result.status == _status(kind), result.url
    assert result.errors == [], result.url
    assert result.failures == [], result.url
    base = published_server if kind == "404" else server
    assert [url for url in result.requests if not url.startswith(base)] == [], "requests outside the site"
    assert result.icon is not None, f"{result.url} names no icon (link rel=icon)"
    address, status, content_type = result.icon
    assert address.startswith(base) and status == 200 and content_type.startswith("image/"), result.icon


@pytest.mark.parametrize("kind", PAGES)
def test_screenshots_are_written(visits, kind):
    for shot in visits(kind).shots:
        assert shot.stat().st_size > 5000, shot  # a PNG of a rendered page, not of a blank one
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("kind", PAGES)
def test_without_javascript_the_content_is_there_and_visible(visits_without_js, visits, kind):
    plain = visits_without_js(kind)
    assert plain.status == _status(kind), plain.url
    assert plain.failures == [], plain.url
    assert len(plain.h1) == 1 and plain.h1[0], f"{plain.url}: visible h1 {plain.h1}"
    assert plain.h1[0] in plain.main_text
    assert len(plain.main_text) > 150, f"{plain.url}: main text is only {plain.main_text!r}"
    # What is not rendered without JavaScript is only a JS-only control, and no link is in one.
    assert [e for e in plain.unrendered if not e["jsOnly"] or e["links"]] == [], plain.url
    # A control that only works with JavaScript is not offered without it.
    assert plain.js_only_visible == [], plain.url
    # Every heading and link a reader with JavaScript gets in <main> is there without it.
    scripted = visits(kind).content
    assert [h for h in scripted["headings"] if h not in plain.content["headings"]] == [], plain.url
    assert sorted(set(scripted["links"]) - set(plain.content["links"])) == [], plain.url
