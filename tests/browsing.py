"""What the browser tests share: Chromium or a clear skip, the site served as GitHub Pages does.

The `browser` and `server` fixtures in conftest.py are built from these.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import chromium_path

REQUIRED = bool(os.environ.get("REQUIRE_BROWSER"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def require_chromium():
    """Chromium's path and Playwright's sync API; skips the module without them, fails in CI."""
    chromium = chromium_path()
    if chromium is None:
        if REQUIRED:
            raise RuntimeError("REQUIRE_BROWSER is set but no Chromium was found at /usr/bin/chromium")
        pytest.skip("no Chromium on this machine (apt-get install chromium)", allow_module_level=True)
    try:
        from playwright import sync_api
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip("Playwright is not installed (pip install -e .[test])", allow_module_level=True)
    return chromium, sync_api


class _GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a missing one gets the site's 404.html with status 404, as on GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "repo" / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, folder: Path):
    """`site` at http://127.0.0.1:PORT/repo/, as GitHub Pages serves a project site."""
    (folder / "repo").symlink_to(site, target_is_directory=True)
    handler = functools.partial(_GitHubPagesHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/repo/"
    finally:
        httpd.shutdown()


# Playwright's own default, which a test that names no viewport gets.
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


class Tab:
    """One page that a worker's tests share, each navigating it anew.

    A new page costs Chromium a renderer process: about 0.8 s of CPU, several times the cost of
    loading one of the site's pages in a page that exists. A navigation starts the document anew
    (scripts, focus, scroll), the site keeps nothing in storage, and the cache is off, so that
    each visit asks for everything a first-time reader's would. `requests` holds the addresses the
    current visit asked for.
    """

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        session = self.context.new_cdp_session(self.page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def open(self, url: str, viewport: dict | None = None, color_scheme: str = "light",
             permissions: tuple[str, ...] = (), wait_until: str = "load"):
        """The page at `url`, as a reader with this screen, scheme and permissions sees it."""
        page = self.page
        if page.url.split("#")[0] == url.split("#")[0] and "#" in url:
            page.goto("about:blank")  # else only the fragment would change, in the same document
        page.set_viewport_size(viewport or DEFAULT_VIEWPORT)
        page.emulate_media(color_scheme=color_scheme)
        self.context.clear_permissions()
        if permissions:
            self.context.grant_permissions(list(permissions))
        self.requests.clear()
        response = page.goto(url, wait_until=wait_until)
        return page, response

    def close(self):
        self.context.close()


@contextlib.contextmanager
def launch(chromium: str, sync_api):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()

