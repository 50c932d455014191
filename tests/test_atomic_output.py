"""A build replaces site/ whole or not at all: refused late, killed midway, or run twice at once.

These run real build processes (plain `mkdocs build`, as a user types it, and the README's
`python -m builder build`) on the small fixture project.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_builder, write
from test_build_errors import tree_digest


def mkdocs(project: Path, *args: str, **options):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=project,
                          capture_output=True, text=True, **options)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site") and p.name != ".site.lock")


@pytest.fixture
def built(project):
    assert mkdocs(project).returncode == 0
    return project, tree_digest(project / "site")


def test_a_published_url_refused_after_the_pages_are_written_leaves_the_site(built):
    project, before = built
    write(project / "site_data/published-urls.txt", "/organizations/gone/\n")
    result = mkdocs(project)
    assert result.returncode == 1
    assert "site_data/published-urls.txt:1: '/organizations/gone/' was published and is gone" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_a_strict_mode_warning_after_the_last_plugin_event_leaves_the_site(built):
    project, before = built
    write(project / "content/about.md", "# About\n\nSee [the missing page](missing.md).\n")
    result = mkdocs(project)
    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_a_good_plain_build_swaps_the_new_site_in(built):
    project, before = built
    write(project / "content/about.md", "# About this site\n\nA page.\n")
    assert mkdocs(project).returncode == 0
    assert (project / "site/about/index.html").is_file()
    assert tree_digest(project / "site") != before
    assert leftovers(project) == []


def _bulk_up(project: Path, pages: int = 400) -> None:
    """Enough pages that a build takes a few seconds, so it can be killed while it writes."""
    for n in range(pages):
        write(project / f"content/notes/note-{n:03d}.md", f"# Note {n}\n\n" + "Some text. " * 200 + "\n")


@pytest.mark.parametrize("command", ["mkdocs", "builder"])
def test_a_build_killed_midway_leaves_the_old_site_and_the_next_build_works(built, command):
    project, before = built
    _bulk_up(project)
    args = ([sys.executable, "-m", "mkdocs", "build"] if command == "mkdocs"
            else [sys.executable, "-m", "builder", "--root", str(project), "build"])
    process = subprocess.Popen(args, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    staged = []
    while time.monotonic() < deadline and process.poll() is None:
        staged = [p for p in project.glob(".site-staging-*") if len(list(p.rglob("index.html"))) > 20]
        if staged:
            break
        time.sleep(0.01)
    assert staged and process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert tree_digest(project / "site") == before
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site/notes/note-399/index.html").is_file()
    assert leftovers(project) == []


def test_two_builds_at_once_do_not_interleave(project):
    _bulk_up(project, 150)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("A", "B"):
        (project / f"mkdocs-{name}.yml").write_text(
            re.sub(r"^site_name: .*$", f"site_name: Build {name}", config, flags=re.M), encoding="utf-8")
    processes = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", f"mkdocs-{name}.yml"],
                                  cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for name in ("A", "B")]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    names = set()
    for page in (project / "site").rglob("index.html"):
        names.update(re.findall(r'<a class="site-name" href="[^"]*">Build (\w)</a>', page.read_text(encoding="utf-8")))
    assert len(names) == 1, names
    assert leftovers(project) == []


def test_the_readme_build_also_stages(project):
    assert run_builder(project, "build").returncode == 0
    before = tree_digest(project / "site")
    write(project / "site_data/published-urls.txt", "/organizations/gone/\n")
    result = run_builder(project, "build")
    assert result.returncode == 1
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []
