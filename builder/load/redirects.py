"""Redirects for pages and anchors, declared in site_data/redirects.yaml.

    - from: articles/old-slug/          # a page that moved: a redirect page is written there
      to: articles/new-slug/
    - from: articles/an-essay/#p12     # an anchor that moved: the page forwards that fragment
      to: articles/an-essay/#p14

A page redirect keeps the fragment (`old/#p12` lands on `new/#p12`) unless an anchor redirect
says where that fragment went. Redirect pages use JavaScript (`location.replace(target + hash)`),
a meta refresh inside <noscript>, and a canonical link to the target.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.load.problems import Problem
from builder.load.yamlfile import read_records


@dataclass(frozen=True)
class Redirect:
    source: str  # "articles/old/" or "articles/old/#p12"
    target: str
    file: str
    line: int

    @property
    def is_anchor(self) -> bool:
        return "#" in self.source


def _normal(url: str) -> str:
    url = url.strip().lstrip("/")
    page, hash_, anchor = url.partition("#")
    if page and not page.endswith("/") and "." not in page.rsplit("/", 1)[-1]:
        page += "/"
    return page + (hash_ + anchor if hash_ else "")


def load_redirects(path: Path, display: str) -> tuple[list[Redirect], list[Problem]]:
    if not path.is_file():
        return [], []
    records, problems = read_records(path, display)
    redirects = []
    for record in records:
        unknown = set(record) - {"from", "to"}
        for key in sorted(unknown):
            problems.append(Problem(display, record.line_of(key), f"unknown field '{key}' in redirect (use 'from' and 'to')"))
        if not isinstance(record.get("from"), str) or not isinstance(record.get("to"), str):
            problems.append(Problem(display, record.line, "a redirect needs 'from' and 'to' URLs"))
            continue
        redirects.append(Redirect(_normal(record["from"]), _normal(record["to"]), display, record.line))
    return redirects, problems


def check_targets(redirects: list[Redirect], current: set[str]) -> list[Problem]:
    """Every redirect must lead to a page or anchor that exists, and a redirected page must be gone."""
    problems = []
    for redirect in redirects:
        if redirect.target not in current:
            problems.append(Problem(redirect.file, redirect.line,
                                    f"redirect target '{redirect.target}' is not a page or anchor of the site"))
        if not redirect.is_anchor and redirect.source in current:
            problems.append(Problem(redirect.file, redirect.line,
                                    f"'{redirect.source}' is redirected but is still a page of the site"))
    return problems


def anchor_map(redirects: list[Redirect], page: str) -> dict[str, str]:
    """For a page, where each of its moved anchors went: {"p12": "articles/x/#p14"}."""
    return {r.source.split("#", 1)[1]: r.target for r in redirects if r.is_anchor and r.source.split("#", 1)[0] == page}


def page_redirects(redirects: list[Redirect]) -> list[Redirect]:
    return [r for r in redirects if not r.is_anchor]
