"""Shared fixtures: small projects in temporary folders, and the real site built once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI_DATA = Path(__file__).parent / "fixtures" / "mini" / "site_data"
# The extracted source texts: ../shared/sources beside the checkout (as in CI), or SHARED_DIR.
SOURCES = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")) / "sources"


def run_builder(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "builder", "--root", str(root), *args],
        capture_output=True, text=True, cwd=ROOT, env=_environment(env or {}),
    )


def _environment(changes: dict) -> dict:
    """os.environ with `changes` applied; a value of None removes the variable."""
    env = {**os.environ, **{k: v for k, v in changes.items() if v is not None}}
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
    return env


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's configuration, theme and content with the small fixture data."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    # The front page only: the real articles annotate entities that the small data lacks.
    (tmp_path / "content").mkdir()
    shutil.copy(ROOT / "content" / "index.md", tmp_path / "content" / "index.md")
    shutil.copytree(MINI_DATA, tmp_path / "site_data")
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def _build(tmp_path_factory, name: str, site_url: str | None) -> Path:
    site = tmp_path_factory.mktemp(name) / "site"
    result = run_builder(ROOT, "build", "--site-dir", str(site), env={"SITE_URL": site_url})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped data and content, built once by the README's build path, with no published address."""
    return _build(tmp_path_factory, "built", None)


PUBLISHED_URL = "https://example.github.io/repo/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site as the Pages workflow builds it: with its published address (SITE_URL)."""
    return _build(tmp_path_factory, "published", PUBLISHED_URL)


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None
