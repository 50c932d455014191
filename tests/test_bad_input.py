"""Every case of the bad-input corpus (tests/bad_inputs.py) is refused cleanly by both builds.

For each case: `python -m builder build` (what `python3 run.py build` runs) and plain
`mkdocs build` (each in a fresh process, tests/commands.py) exit non-zero, print exactly the case's `FILE:LINE: message` lines and the count,
show no traceback, and leave the previous site/ byte for byte. The cases run in parallel, a few
processes at a time, so the corpus can grow without slowing the suite much.
"""
from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import commands
from bad_inputs import ARTICLE, CASES, Case, Link
from conftest import ROOT, make_project, run_builder, write
from test_build_errors import tree_digest

_COUNT = re.compile(r"^(\d+) problems? found; ")


@dataclass
class Outcome:
    builder: subprocess.CompletedProcess
    mkdocs: subprocess.CompletedProcess
    site_before: str
    site_after: str
    leftovers: list[str]


def _apply(root: Path, files: dict) -> None:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            target.unlink()
        elif isinstance(content, Link):
            target.symlink_to(content.target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def _run(case: Case, base: Path) -> Outcome:
    root = make_project(base / case.name)
    # A previous site for the failed builds to leave alone (its content does not matter).
    write(root / "site/index.html", "<!doctype html><title>the previous build</title>\n")
    write(root / "site/organizations/csto/index.html", "previous\n")
    before = tree_digest(root / "site")
    _apply(root, case.files)
    builder = commands.run("builder", ["--root", str(root), "build"], cwd=ROOT)
    mkdocs = commands.run("mkdocs", ["build"], cwd=root)
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith(".site") and p.name != ".site.lock")
    return Outcome(builder, mkdocs, before, tree_digest(root / "site"), leftovers)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, Outcome]:
    base = tmp_path_factory.mktemp("bad-inputs")
    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2) * 2)) as pool:
        return {case.name: outcome for case, outcome in zip(CASES, pool.map(lambda c: _run(c, base), CASES))}


def problem_lines(stderr: str) -> tuple[list[str], int | None]:
    """The problems a build printed, without MkDocs' log prefixes, and the count it gave."""
    lines = []
    for line in stderr.splitlines():
        line = line.removeprefix("ERROR   -  ")
        count = _COUNT.match(line)
        if count:
            return lines, int(count[1])
        if line.strip() and not line.startswith(("INFO ", "WARNING ", "DEBUG ")):
            lines.append(line)
    return lines, None


def test_the_corpus_is_large_and_every_case_names_its_problems():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert all(case.expected for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_with_exactly_its_problems_and_the_old_site_kept(outcomes, case):
    outcome = outcomes[case.name]
    for command, result in (("python -m builder build", outcome.builder), ("mkdocs build", outcome.mkdocs)):
        output = result.stdout + result.stderr
        assert result.returncode == 1, f"{command}: exit {result.returncode}\n{output}"
        assert "Traceback" not in output, f"{command}:\n{output}"
        lines, count = problem_lines(result.stderr)
        assert lines == case.expected, f"{command}:\n{output}"
        assert count == len(case.expected), f"{command}:\n{output}"
    assert outcome.site_after == outcome.site_before
    assert outcome.leftovers == []


def _bom_and_crlf(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".yaml", ".md") and path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def test_a_byte_order_mark_and_crlf_line_ends_build_the_same_site(tmp_path):
    sites = []
    for name, convert in (("plain", False), ("bom-crlf", True)):
        root = make_project(tmp_path / name)
        write(root / "content/articles/short.md", ARTICLE)
        if convert:
            _bom_and_crlf(root / "site_data")
            _bom_and_crlf(root / "content")
        result = run_builder(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        sites.append(tree_digest(root / "site"))
    assert (tmp_path / "bom-crlf/content/articles/short.md").read_bytes().startswith(b"\xef\xbb\xbf---\r\n")
    assert sites[0] == sites[1]
