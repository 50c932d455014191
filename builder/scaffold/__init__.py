"""A new site: `python -m builder new DIR` copies this folder's example site into DIR.

The example is a small corpus of its own (the Visegrád Group and NATO, one short essay with
annotations and a footnote), so that a new site builds in strict mode at once and shows every
page kind; its `mkdocs.yml` gets today's date as `as_of`.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

EXAMPLE = Path(__file__).parent
# The example site's files: everything here except this module.
_SKIP = shutil.ignore_patterns("__init__.py", "__pycache__")


def new_site(target: Path, today: dt.date | None = None) -> list[str]:
    """Write the example site into `target` (missing or empty); the problems instead, if any."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        return [f"{target}: exists and is not an empty folder; choose a new one"]
    shutil.copytree(EXAMPLE, target, ignore=_SKIP, dirs_exist_ok=True)
    config = target / "mkdocs.yml"
    as_of = (today or dt.date.today()).isoformat()
    config.write_text(config.read_text(encoding="utf-8").replace("{as_of}", as_of), encoding="utf-8")
    return []
