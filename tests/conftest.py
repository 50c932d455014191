"""Shared fixtures: small projects in temporary folders, and the real site built once."""
from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MINI_DATA = Path(__file__).parent / "fixtures" / "mini" / "site_data"


@functools.cache
def shipped_data():
    """The shipped site_data/, loaded once a test process (several modules read it; none changes it)."""
    from builder.load.loader import load
    return load(ROOT / "site_data", ROOT)[0]
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


def without_overlap_pairs(config: str) -> str:
    """mkdocs.yml's text without the plugin's `overlap_pairs:` line."""
    return re.sub(r"^      overlap_pairs: .*\n", "", config, flags=re.M)


def make_project(folder: Path) -> Path:
    """A copy of the project's configuration and content with the small fixture data (the theme
    is the installed one, `theme: {name: reference}`)."""
    folder.mkdir(parents=True, exist_ok=True)
    # Without this edition's overlap pairs: the small data has other organizations.
    (folder / "mkdocs.yml").write_text(without_overlap_pairs((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    # The front page only: the real articles annotate entities that the small data lacks.
    (folder / "content").mkdir()
    shutil.copy(ROOT / "content" / "index.md", folder / "content" / "index.md")
    shutil.copytree(MINI_DATA, folder / "site_data")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def shared_folder(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` once for the whole run, however many pytest-xdist workers ask: the first one
    makes it in the run's common temporary folder while the others wait, then all use it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # beside the workers' own folders
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def _build(tmp_path_factory, name: str, env: dict) -> Path:
    def make(folder: Path) -> None:
        result = run_builder(ROOT, "build", "--site-dir", str(folder / "site"), env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    return shared_folder(tmp_path_factory, name, make) / "site"


# The build date of `built_site`: fixed, so that its output depends on the sources only, not on
# the date of the last commit (tests/test_golden.py compares it byte for byte).
GOLDEN_EPOCH = "1764633600"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped data and content, built once by the README's build path, with no published address."""
    return _build(tmp_path_factory, "built", {"SITE_URL": None, "SOURCE_DATE_EPOCH": GOLDEN_EPOCH})


PUBLISHED_URL = "https://example.github.io/repo/"


def _build_new_site(folder: Path, change=None) -> None:
    """`python3 run.py new`, an optional change to what it made, then plain `mkdocs build -f`."""
    site = folder / "mysite"
    made = subprocess.run([sys.executable, str(ROOT / "run.py"), "new", str(site)], capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"mkdocs build -f {site / 'mkdocs.yml'}" in made.stdout
    if change:
        change(site)
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml")],
                           capture_output=True, text=True, cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr


@pytest.fixture(scope="session")
def new_site(tmp_path_factory) -> Path:
    """The example site `new` makes (its project folder), built as its message says."""
    return shared_folder(tmp_path_factory, "new-site", _build_new_site) / "mysite"


SECOND_ARTICLE = """---
title: "A Table of Accessions"
authors:
  - name: Bo Second
kind: chapter
part: "Part One"
order: 2
---

## Accessions by year

| Year | Country | Organization |
| --- | --- | --- |
| 1999 | [[country:pol|Poland]] | [[org:nato|NATO]] |
| 2004 | [[country:svk|Slovakia]] | [[org:nato|the Alliance]] |

The table lists what the text says.[^1]

[^1]: Dates as in the [[org:nato]]'s own list.
"""


def _second_corpus(site: Path) -> None:
    config = without_overlap_pairs((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config = config.replace("      data_dir: site_data\n", "      data_dir: site_data\n      timings: build-timings.json\n")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site / "content/articles/accessions.md").write_text(SECOND_ARTICLE, encoding="utf-8")


@pytest.fixture(scope="session")
def second_site(tmp_path_factory) -> Path:
    """Another corpus: the example data without overlap pairs, an article with a table and parts,
    and the build's timings written (the `timings` option)."""
    return shared_folder(tmp_path_factory, "second-site", lambda folder: _build_new_site(folder, _second_corpus)) / "mysite"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site as the Pages workflow builds it: with its published address (SITE_URL)."""
    return _build(tmp_path_factory, "published", {"SITE_URL": PUBLISHED_URL})


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by its path relative to it."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the session (tests/browsing.py)."""
    from browsing import launch, require_chromium

    chromium, sync_api = require_chromium()
    with launch(chromium, sync_api) as browser:
        yield browser


@pytest.fixture(scope="session")
def tab(browser):
    """The worker's shared page with JavaScript (tests/browsing.py, Tab)."""
    from browsing import Tab

    shared = Tab(browser)
    yield shared
    shared.close()


@pytest.fixture(scope="session")
def tab_without_js(browser):
    """The worker's shared page with JavaScript disabled."""
    from browsing import Tab

    shared = Tab(browser, java_script_enabled=False)
    yield shared
    shared.close()


@pytest.fixture(scope="session")
def server(built_site: Path, tmp_path_factory):
    """The site built without a published address, at http://127.0.0.1:PORT/repo/."""
    from browsing import serve

    with serve(built_site, tmp_path_factory.mktemp("serve")) as url:
        yield url


class PageFacts(HTMLParser):
    """What the site-wide tests read of a page, in one pass: ids, links and what it loads."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.loads: list[tuple[str, str, str]] = []  # (tag, address, rel) of script, link, img, iframe
        self.canonical: str | None = None
        self.redirect = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        address = attributes.get("src") or attributes.get("href")
        if tag in ("script", "link", "img", "iframe") and address is not None:
            self.loads.append((tag, address, attributes.get("rel") or ""))
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes.get("href")
        if tag == "meta" and attributes.get("name") == "reference-redirect":
            self.redirect = True


@functools.cache
def page_facts(site: Path) -> dict[Path, PageFacts]:
    """Every HTML page of a built site, read once for all the tests that walk the whole site."""
    return {html: PageFacts(html.read_text(encoding="utf-8")) for html in sorted(site.rglob("*.html"))}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# Text that would run, break an attribute, close a script or be evaluated if it were not escaped.
EVIL = "Evil <script>alert(1)</script> \"dq\" 'sq' & </script><!-- {{ 7*7 }} {% raw %}"
HOSTILE_SITE_URL = "https://example.org/site/"
HOSTILE_SOURCE_URL = "https://example.org/doc?a=1&b=%22two%22"


def _dump(path: Path, records: list[dict]) -> None:
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    return shared_folder(tmp_path_factory, "hostile", _make_hostile_project) / "project" / "site"


def _make_hostile_project(folder: Path) -> None:
    root = make_project(folder / "project")
    data = root / "site_data"
    orgs = yaml.safe_load((data / "organizations.yaml").read_text(encoding="utf-8"))
    for org in orgs:
        if org["id"] == "csto":
            org.update(name=f"Organization {EVIL}", summary=f"Summary {EVIL}", aliases=[f"Alias {EVIL}"],
                       headquarters=f"HQ {EVIL}", founded_note=f"Note {EVIL}")
    _dump(data / "organizations.yaml", orgs)
    countries = yaml.safe_load((data / "countries.yaml").read_text(encoding="utf-8"))
    for country in countries:
        if country["id"] == "uzb":
            country.update(name=f"Country {EVIL}", official_name=f"Official {EVIL}")
    _dump(data / "countries.yaml", countries)
    memberships = yaml.safe_load((data / "memberships.yaml").read_text(encoding="utf-8"))
    for record in memberships:
        record["note"] = f"Record {EVIL}"
        record["sources"] = [{"ref": ref, "quote": f"Quote {EVIL}", "locator": f"Art. {EVIL}"}
                             for ref in record["sources"]]
    _dump(data / "memberships.yaml", memberships)
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    for source in sources:
        source.update(title=f"Title {EVIL}", author=f"Author {EVIL}", url=HOSTILE_SOURCE_URL, note=f"SNote {EVIL}")
    _dump(data / "sources.yaml", sources)
    _dump(data / "events.yaml", [{
        "id": "evil-event", "date": "2004-05", "title": f"Event {EVIL}", "kind": "summit",
        "orgs": ["csto"], "countries": ["uzb"], "people": ["doe"], "summary": f"ESummary {EVIL}",
        "sources": ["csto-charter-2002"],
    }])
    _dump(data / "people.yaml", [{
        "id": "doe", "name": f"Jane {EVIL} Doe", "aliases": [f"J. {EVIL}"],
        "roles": [{"title": f"Role {EVIL}", "org": "csto", "from": 2003}],
    }])
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        re.sub(r"^site_name: .*$", lambda _: "site_name: " + json.dumps(f"Site {EVIL}"), config, flags=re.M),
        encoding="utf-8")
    front = {
        "title": f"Article {EVIL}", "authors": [{"name": f"Ann {EVIL} Author", "affiliation": f"Aff {EVIL}"}],
        "kind": "chapter", "part": f"Part {EVIL}", "order": 1, "pages": "1–2",
        "publication": {"container_title": f"Volume {EVIL}", "institution": f"Inst {EVIL}"},
        "source": {"file": "x.txt", "lines": "1-2"},
    }
    write(root / "content/articles/evil.md",
          "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n"
          "The [[org:csto]] and [[country:uzb]], named by [[person:doe]].[^1]\n\n"
          "[^1]: A note on [[org:csto]].\n")
    result = run_builder(root, "build", env={"SITE_URL": HOSTILE_SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/site.sha256 from this build (tests/test_golden.py)")


# How pytest-xdist shares the tests between its workers: the tests of a file go to one worker, so
# that its module fixtures are made once, except in these files, whose tests share only session
# fixtures (every worker has its own) or fixtures made per parameter (one visit per page kind).
SPREAD_BY = {"test_browser.py": "test", "test_accessibility.py": "parameter"}


def work_unit(nodeid: str) -> str:
    """The tests that must run on one worker have the same work unit."""
    path, _, test = nodeid.partition("::")
    how = SPREAD_BY.get(path.rpartition("/")[2])
    if how == "test":
        return nodeid
    if how == "parameter" and "[" in test:
        return path + test[test.index("["):]
    return path


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByWorkUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return ByWorkUnit(config, log)
