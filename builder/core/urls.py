"""The site's URLs: entity pages' addresses, and relative links, so that the site works at a domain
root and under `https://USER.github.io/REPO/`."""
from __future__ import annotations


def relative_url(target: str, from_url: str) -> str:
    """`target` and `from_url` are site-root-relative page URLs ("" is the front page).

    A fragment on the target is kept: relative_url("sources/#a-treaty", "organizations/an-org/")
    is "../../sources/#a-treaty". A URL that does not end in "/" names a file, whose folder is
    where its links start from. (Written out rather than with posixpath.relpath, which is slow
    enough to show in a build that makes hundreds of thousands of links.)
    """
    if target.startswith("#"):
        return target
    path, hash_, fragment = target.partition("#")
    if hash_ and path == from_url:
        return hash_ + fragment
    base = from_url.split("/")[:-1]  # the folders of the page: "a/b/" and "a/b/c.html" are in a/b
    parts = path.split("/")
    folders = parts[:-1]
    common = 0
    for here, there in zip(base, folders):
        if here != there:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:])
    if not rel or rel.endswith("/"):
        rel = rel or "./"
    elif not parts[-1]:
        rel += "/"
    return ("./" if rel == "/" else rel) + (hash_ + fragment if hash_ else "")


def breadcrumbs(url: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """The chain of parent pages above `url`, each as (title, url), front page first."""
    crumbs = [("Home", "")]
    parts = [p for p in url.strip("/").split("/") if p]
    for depth in range(1, len(parts)):
        parent = "/".join(parts[:depth]) + "/"
        if parent in titles:  # a folder with no page of its own is no place to go back to
            crumbs.append((titles[parent], parent))
    return crumbs if parts else []


def org_url(org_id: str) -> str:
    return f"organizations/{org_id}/"


def country_url(country_id: str) -> str:
    return f"countries/{country_id}/"
