"""The article extension by golden pairs: each tests/golden/markdown/NAME.md converts to exactly
NAME.html, with the Markdown extensions the site uses.

The assertions in tests/test_annotations.py say what each construct must do; these pairs pin
the whole markup, so that a change to the extension or to Python-Markdown shows as a diff. A
change meant to alter the markup records the new output (and the diff is reviewed):

    python3 run.py test tests/test_markdown_golden.py --update-golden
"""
from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from builder.markdown.annotations import ArticleExtension

PAIRS = Path(__file__).parent / "golden" / "markdown"
CASES = sorted(PAIRS.glob("*.md"))


def convert(text: str) -> str:
    ext = ArticleExtension(link=lambda url: "../../" + url, label=lambda kind, entity_id: entity_id.upper())
    ext.article = "golden"
    return markdown.Markdown(extensions=["footnotes", "attr_list", "tables", ext]).convert(text) + "\n"


def test_every_output_has_its_source():
    assert len(CASES) >= 6
    assert [p.stem for p in CASES] == sorted(p.stem for p in PAIRS.glob("*.html"))


@pytest.mark.parametrize("source", CASES, ids=[p.stem for p in CASES])
def test_markdown_converts_to_its_golden_html(source, request):
    html = convert(source.read_text(encoding="utf-8"))
    expected = source.with_suffix(".html")
    if request.config.getoption("--update-golden"):
        expected.write_text(html, encoding="utf-8")
    assert expected.is_file(), f"{expected.name} is missing: record it with --update-golden"
    assert html == expected.read_text(encoding="utf-8"), (
        f"{source.name} no longer converts to {expected.name}; if the change is meant, record it with "
        "python3 run.py test tests/test_markdown_golden.py --update-golden")
