"""The generator knows no corpus: builder/ and the theme name no id or title of this edition.

What an edition decides (its overlap pairs, article groups, the words that describe it) lives in
its mkdocs.yml and site_data/. Country ids are left out of the check: three-letter ISO codes are
also English words (and, are, can, nor). The example site of `new` (builder/scaffold/) and the
benchmark's synthetic corpus are corpora of their own.
"""
from __future__ import annotations

import re
from pathlib import Path

from builder.load.loader import load

from conftest import ROOT


def _code_and_theme() -> list[Path]:
    code = [p for p in (ROOT / "builder").rglob("*.py") if "scaffold" not in p.parts and p.name != "bench.py"]
    theme = [p for p in (ROOT / "templates").rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".css", ".py", ".yml")]
    return code + theme


def mentions(paths: list[Path], ids: set[str], titles: set[str]) -> list[str]:
    """Each line of `paths` that names one of `ids` (as a whole word) or `titles`."""
    word = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])", re.I)
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{path.name}:{number}: {m[1]}" for m in word.finditer(line)]
            found += [f"{path.name}:{number}: {t}" for t in titles if t in line]
    return found


def test_no_id_or_title_of_this_edition_in_builder_or_the_theme():
    data, problems = load(ROOT / "site_data")
    assert not problems
    ids = set(data.organizations) | set(data.people) | {p.stem for p in (ROOT / "content/articles").glob("*.md")}
    titles = {o.name for o in data.organizations.values()} | {p.name for p in data.people.values()}
    titles = {t for t in titles if " " in t}  # one-word names are ordinary words too
    assert len(ids) > 100
    assert mentions(_code_and_theme(), ids, titles) == []


def test_the_check_sees_an_id_or_a_title_as_code_would_write_it(tmp_path):
    code = tmp_path / "pages.py"
    code.write_text('OVERLAP = [("csto", "sco")]\nSOURCE = "csto-charter-2002"\n# the Collective Security Treaty Organization\n',
                    encoding="utf-8")
    assert mentions([code], {"csto", "sco"}, {"Collective Security Treaty Organization"}) == [
        "pages.py:1: csto", "pages.py:1: sco", "pages.py:3: Collective Security Treaty Organization"]
