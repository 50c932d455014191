"""Where a build's time goes: each kind of page (its first URL segment) and each phase around them.

Written when the plugin's `timings` option names a file; `python -m builder bench` sets it, so that
a change in time a page between two scales can be told apart: pages of one kind getting slower,
or a larger share of the costly kinds (articles) in the larger edition.
"""
from __future__ import annotations

import json
import time
from pathlib import Path


def page_kind(url: str) -> str:
    """`articles/a-0001/` -> "articles"; the front page -> "home"."""
    return url.split("/", 1)[0] or "home"


class BuildClock:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.phases: dict[str, float] = {}
        self.kinds: dict[str, list] = {}  # kind -> [pages, seconds]
        self._page_started: float | None = None
        self._phase: tuple[str, float] | None = None

    def begin_phase(self, name: str) -> None:
        self._phase = (name, time.perf_counter())

    def end_phase(self) -> None:
        if self._phase is not None:
            name, started = self._phase
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - started
            self._phase = None

    def begin_page(self) -> None:
        self._page_started = time.perf_counter()

    def end_page(self, url: str, last: bool) -> None:
        """A page's stretch of work ended: its Markdown read and converted, or (`last`) its
        template rendered; MkDocs builds every page's content before it renders any."""
        if self._page_started is None:
            return
        entry = self.kinds.setdefault(page_kind(url), [0, 0.0])
        entry[1] += time.perf_counter() - self._page_started
        entry[0] += last
        self._page_started = None

    def report(self) -> dict:
        total = time.perf_counter() - self.started
        in_pages = sum(seconds for _, seconds in self.kinds.values())
        return {"seconds": round(total, 4), "in_pages": round(in_pages, 4),
                "phases": {name: round(s, 4) for name, s in self.phases.items()},
                "kinds": {kind: {"pages": n, "seconds": round(s, 4)} for kind, (n, s) in sorted(self.kinds.items())}}

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.report(), indent=1) + "\n", encoding="utf-8")
