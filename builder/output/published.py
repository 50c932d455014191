"""Permanence: every URL and in-page anchor once published stays, or is redirected.

The manifest (`site_data/published-urls.txt`, committed) lists each published page URL and each
citable anchor (`articles/an-essay/#p34`, `…#fn56`, `timeline/#y2008`, `overlap/a-b/#y2008`),
one per line, sorted. A build fails when one of them is neither in the built site nor redirected.
`python -m builder urls --update` adds what a build newly publishes; nothing is ever removed.
"""
from __future__ import annotations

import re
from pathlib import Path

# The anchors a citation may carry: paragraphs, printed footnotes, printed pages, years.
CITABLE_ANCHOR = re.compile(r"^(p\d+|fn\d+|page-\d+|y\d{4})$")
MANIFEST = "published-urls.txt"


# The builder writes every id as id="…" (Python-Markdown and our templates), so a pattern is enough
# and much faster than parsing hundreds of pages.
_ID = re.compile(r'\sid="([^"]+)"')
_REDIRECT = '<meta name="reference-redirect"'


def page_url(site_dir: Path, html: Path) -> str:
    relative = html.relative_to(site_dir).as_posix()
    return "" if relative == "index.html" else relative.removesuffix("index.html")


def published_by(url: str, html: str) -> set[str]:
    """The page URL and the citable anchors one page publishes (nothing for a redirect page)."""
    if _REDIRECT in html:
        return set()
    return {url, *(f"{url}#{anchor}" for anchor in _ID.findall(html) if CITABLE_ANCHOR.match(anchor))}


def collect(site_dir: Path) -> set[str]:
    """Every page URL and citable anchor in a built site (redirect pages excluded)."""
    found: set[str] = set()
    for html in sorted(site_dir.rglob("index.html")):
        found |= published_by(page_url(site_dir, html), html.read_text(encoding="utf-8"))
    return found


def manifest_lines(path: Path) -> dict[str, int]:
    """Each entry as written ("/articles/an-essay/#p34") with its line in the file."""
    if not path.is_file():
        return {}
    return {line.strip(): number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip().startswith("/")}


def read_manifest(path: Path) -> list[str]:
    """The manifest's entries as site-root-relative URLs ("" is the front page)."""
    return [entry.removeprefix("/") for entry in manifest_lines(path)]


def write_manifest(path: Path, urls: set[str]) -> None:
    header = ("# Every URL and citable anchor this site has published, one per line, from the site root.\n"
              "# Never delete a line: a URL that moves needs an entry in site_data/redirects.yaml.\n"
              "# Add new ones with: python -m builder urls --update\n")
    lines = sorted("/" + u for u in urls)
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def lost(manifest: list[str], current: set[str], redirected: set[str]) -> list[str]:
    """Published URLs and anchors (as written in the manifest) that the build no longer has and
    that no redirect covers. A redirected page covers its anchors: its redirect forwards them."""
    return ["/" + url for url in manifest
            if url not in current and url not in redirected and url.split("#", 1)[0] not in redirected]
