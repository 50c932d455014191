"""The README's commands work as written."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SOURCES


def _command(start: str) -> str:
    """The README's indented command that starts with `start`, its continued lines joined."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^    (" + re.escape(start) + r"(?:.*\\\n)*.*)$", readme, flags=re.M)
    assert match, f"the README has no command starting {start!r}"
    return re.sub(r"\\\n\s*", "", match[1])


def test_the_import_example_drafts_an_article(tmp_path):
    if not SOURCES.is_dir():
        pytest.skip(f"the source texts are not at {SOURCES}")
    command = _command(".venv/bin/python -m builder import")
    # In a checkout of its own: the project beside ../shared, as the README's path says.
    project = tmp_path / "main"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_data", project / "site_data")
    shutil.copytree(ROOT / "content", project / "content")
    (tmp_path / "shared").symlink_to(SOURCES.parent, target_is_directory=True)
    args = command.split(" ", 1)[1]
    result = subprocess.run(f"{sys.executable} {args}", shell=True, cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    draft = (project / "drafts/kazantsev.md").read_text(encoding="utf-8")
    assert draft.startswith("---\n") and "[^36]:" in draft
    assert (project / "content/articles/kazantsev.md").read_bytes() == (ROOT / "content/articles/kazantsev.md").read_bytes()
