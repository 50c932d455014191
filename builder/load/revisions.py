"""When each input file last changed: the date a page of the site says it was last modified.

A citation names the version it saw, and a sitemap tells a search engine which pages changed, so
a page's date is its content's own last change (the last commit that touched one of the files it
is made from), not the day it was built and not the day its data speaks for. Read from git in one
pass over the history; a file with uncommitted changes, or a project outside git, counts as
changed on the build's day. No date is later than the build's own (SOURCE_DATE_EPOCH), so two
builds of one commit with one build date are identical.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path


class Revisions:
    """Each file's last change (paths relative to the project, as `Origin.file` names them)."""

    def __init__(self, changed: dict[str, dt.date], build_day: dt.date):
        self.changed, self.build_day = changed, build_day

    def of(self, files: Iterable[str]) -> dt.date:
        """The last change among `files`: the page made from them changed then."""
        days = [min(self.changed.get(f, self.build_day), self.build_day) for f in files]
        return max(days, default=self.build_day)


def read_revisions(root: Path, folders: Iterable[str], build_day: dt.date) -> Revisions:
    """The last commit date of every file under `folders` (relative to `root`), from git."""
    folders = list(folders)
    log = _git(root, "log", "--relative", "--no-renames", "--format=%x00%ct", "--name-only", "--", *folders)
    if log is None:
        return Revisions({}, build_day)
    changed: dict[str, dt.date] = {}
    for commit in log.split("\0")[1:]:
        stamp, _, names = commit.partition("\n")
        day = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        for name in names.splitlines():
            if name:
                changed.setdefault(name, day)  # newest commit first: the first seen is the last change
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *folders) or ""
    top = _git(root, "rev-parse", "--show-prefix") or ""
    prefix = top.strip()
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')  # status paths are the repository's, not ours
        changed[path.removeprefix(prefix)] = build_day
    return Revisions(changed, build_day)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    except OSError:  # no git on this machine
        return None
    return result.stdout if result.returncode == 0 else None
