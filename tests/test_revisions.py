"""A page's date is its content's last change: read from git, per file (builder/load/revisions.py)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess

from builder.load.revisions import Revisions, read_revisions


def _commit(root, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def test_each_file_dates_from_the_last_commit_that_touched_it(tmp_path):
    project = tmp_path / "repo" / "site"  # a project in a folder of its repository
    (project / "site_data").mkdir(parents=True)
    (project / "content").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "repo", check=True)
    (project / "site_data/a.yaml").write_text("a: 1\n")
    (project / "content/text.md").write_text("text\n")
    _commit(tmp_path / "repo", "2026-01-10T12:00:00+00:00", "first")
    (project / "site_data/a.yaml").write_text("a: 2\n")
    (project / "site_data/b.yaml").write_text("b: 1\n")
    _commit(tmp_path / "repo", "2026-03-05T12:00:00+00:00", "second")
    (project / "content/text.md").write_text("text, changed and not committed\n")
    build_day = dt.date(2026, 6, 1)
    revisions = read_revisions(project, ["site_data", "content"], build_day)
    assert revisions.changed == {"site_data/a.yaml": dt.date(2026, 3, 5), "site_data/b.yaml": dt.date(2026, 3, 5),
                                 "content/text.md": build_day}  # uncommitted: changed on the build's day
    assert revisions.of(["site_data/b.yaml"]) == dt.date(2026, 3, 5)
    # No date after the build's own: a build of an older commit with its own date is reproducible.
    assert read_revisions(project, ["site_data"], dt.date(2026, 2, 1)).of(["site_data/a.yaml"]) == dt.date(2026, 2, 1)


def test_outside_git_every_file_dates_from_the_build(tmp_path):
    (tmp_path / "site_data").mkdir()
    revisions = read_revisions(tmp_path, ["site_data"], dt.date(2026, 6, 1))
    assert revisions.of(["site_data/a.yaml"]) == dt.date(2026, 6, 1)
    assert Revisions({}, dt.date(2026, 6, 1)).of([]) == dt.date(2026, 6, 1)
