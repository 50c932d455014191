"""A failed build reports every problem as FILE:LINE, exits non-zero, and leaves site/ alone."""
from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import run_builder, write


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_good_build_replaces_the_site_and_leaves_no_staging(project):
    result = run_builder(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project / "site/organizations/csto/index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_bad_data_stops_the_build_and_leaves_the_old_site_untouched(project):
    assert run_builder(project, "build").returncode == 0
    before = tree_digest(project / "site")
    write(project / "site_data/memberships/extra.yaml", """
        - org: csto
          country: kgz2
          status: member
          from: 2003-13-01
          sources: [csto-charter-2002]
        - org: ctso
          country: uzb
          status: member
          from: 2004
          sources: [csto-charter-2002]
        """)
    write(project / "site_data/countries/broken.yaml", "- id: kaz\n  name: [Kazakhstan\n")
    result = run_builder(project, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines() == [
        "site_data/countries/broken.yaml:3: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        "site_data/memberships/extra.yaml:4: 'from' is not a valid date: '2003-13-01' has month 13; a month is 01 to 12",
        "site_data/memberships/extra.yaml:6: unknown organization 'ctso' (did you mean 'csto'?)",
        "3 problems found; nothing was built.",
        "build stopped; site/ was left as it was.",
    ]
    assert tree_digest(project / "site") == before


def test_a_failure_inside_mkdocs_also_leaves_the_old_site(project):
    assert run_builder(project, "build").returncode == 0
    before = tree_digest(project / "site")
    # A site's own template, overriding the theme's (custom_dir), that does not compile.
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: reference", "  name: reference\n  custom_dir: overrides"),
                                        encoding="utf-8")
    write(project / "overrides/pages/country.html", "{% for x in %}broken template{% endfor %}\n")
    result = run_builder(project, "build")
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith("build failed; site/ was left as it was.")
    # The user's mistake in one line, with its file and line, not a traceback.
    assert "overrides/pages/country.html:1: template syntax error: Expected an expression, got 'end of statement block'" \
        in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert not (project / ".site-staging").exists()


def test_check_validates_without_building(project):
    result = run_builder(project, "check")
    assert result.returncode == 0
    assert "3 organizations, 3 countries, 6 memberships" in result.stdout
    assert not (project / "site").exists()
    write(project / "site_data/countries/extra.yaml", "- id: kaz\n  name: Kazakhstan\n")
    result = run_builder(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "site_data/countries/extra.yaml:1: country 'kaz' is missing required field 'region'"


def test_plain_mkdocs_build_also_refuses_bad_data_before_touching_the_site(project):
    import subprocess
    import sys

    assert run_builder(project, "build").returncode == 0
    before = tree_digest(project / "site")
    write(project / "site_data/countries/extra.yaml", "- id: kaz\n  name: Kazakhstan\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "site_data/countries/extra.yaml:1: country 'kaz' is missing required field 'region'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before


def test_check_reads_the_markdown_folder_that_mkdocs_yml_names(project):
    (project / "content").rename(project / "texts")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("docs_dir: content", "docs_dir: texts"), encoding="utf-8")
    write(project / "texts/articles/short.md", "---\ntitle: A text\nkind: chapter\n---\n\nThe [[org:nato|NATO]].\n")
    result = run_builder(project, "check")
    assert result.returncode == 1
    assert "texts/articles/short.md:6: unknown organization 'nato' in '[[org:nato|NATO]]'" in result.stderr
