"""Relative links, so the site works at a domain root and under `https://USER.github.io/REPO/`."""
from __future__ import annotations

import posixpath


def relative_url(target: str, from_url: str) -> str:
    """`target` and `from_url` are site-root-relative page URLs ("" is the front page).

    A fragment on the target is kept: relative_url("sources/#cst-1992", "organizations/cst/")
    is "../../sources/#cst-1992".
    """
    if target.startswith("#"):
        return target
    path, hash_, fragment = target.partition("#")
    if hash_ and path == from_url:
        return hash_ + fragment
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + path, "/" + base)
    if (not path or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (hash_ + fragment if hash_ else "")


def breadcrumbs(url: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """The chain of parent pages above `url`, each as (title, url), front page first."""
    crumbs = [("Home", "")]
    parts = [p for p in url.strip("/").split("/") if p]
    for depth in range(1, len(parts)):
        parent = "/".join(parts[:depth]) + "/"
        if parent in titles:  # a folder with no page of its own is no place to go back to
            crumbs.append((titles[parent], parent))
    return crumbs if parts else []
