"""`python -m builder bench --scale N`: build a synthetic project of realistic shape, and the same
articles with plain MkDocs, and report pages, seconds and peak memory of each.

The synthetic project has the real edition's proportions (measured on content/ and site_data/):
N articles of about 4,300 words in about 58 paragraphs, one entity annotation per 19 words (each
article naming about 14 organizations, 14 countries and 9 people), 14 footnotes and a printed page
start every eight paragraphs; N/5 organizations with about 18 membership records and 5 events
each over the years 1945 to the as-of year; 200 countries; four people per article. It is built
with the real plugin and theme. The plain build gets the same article Markdown (annotations left
as text, the same Markdown extensions), a minimal theme without site-wide navigation and MkDocs'
own search plugin, and no reference plugin.

Each build runs as its own process; its wall time and peak memory (ru_maxrss) are its own.
Everything is seeded, so two runs at one scale build the same project. With several `--scale`s and
`--rounds`, the projects are built in turn (100, 1000, 100, 1000, …), each figure is the median of
its rounds, and a last line says how time a page grows from the smallest scale to the largest:
this machine's speed drifts by a third within minutes, and builds minutes apart are not comparable.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

import yaml

from builder.core.model import ORG_KINDS, REGIONS

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
TIMINGS = "timings.json"  # the build's time by kind of page and phase (builder.mkdocs.clock)
WORDS_PER_ARTICLE = 4300
PARAGRAPHS_PER_ARTICLE = 58
WORDS_PER_ANNOTATION = 19
FOOTNOTES_PER_ARTICLE = 14
PARAGRAPHS_PER_PAGE = 8
RECORDS_PER_ORG = 18
EVENTS_PER_ORG = 5
PEOPLE_PER_ARTICLE = 4
# What one article names, as in the real ones (content/articles/): about 14 organizations, 14
# countries and 9 people, the organizations in 51 % of the annotations, countries in 41 %, people
# in 8 %, a few of them often and most of them now and then. Drawn afresh for each article from
# the whole data, so an organization or a person is named by about as many articles at any scale,
# and a country (there are always 200) by more articles as the edition grows.
NAMED_PER_ARTICLE = {"org": 14, "country": 14, "person": 9}
ANNOTATION_SHARES = {"org": 51, "country": 41, "person": 8}
COUNTRIES = 200

_VOCABULARY = ("security cooperation organization member states treaty summit defence policy regional "
               "military alliance integration economic union council declaration agreement ministers "
               "foreign relations partnership observer status accession withdrawal border conflict "
               "collective forces exercise strategy interests influence sovereignty stability region "
               "the of and in to a for with on by as that is was were has have its their between").split()


def _dump(path: Path, records: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def _date(rng: random.Random, first: int, last: int) -> str:
    year = rng.randint(first, last)
    precision = rng.random()
    if precision < 0.2:
        return str(year)
    if precision < 0.4:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthetic_data(folder: Path, scale: int, rng: random.Random) -> dict:
    """site_data/ for `scale` articles; returns the ids the articles may annotate."""
    countries = ["".join(letters) for letters in product(string.ascii_lowercase, repeat=3)][:COUNTRIES]
    _dump(folder / "countries.yaml", [
        {"id": c, "name": f"Country {c.upper()}", "region": REGIONS[i % len(REGIONS)]} for i, c in enumerate(countries)])
    kinds = [k for k in ORG_KINDS if k not in ("international organization", "operation", "policy")]
    orgs, sources, memberships, events = [], [], [], []
    for n in range(max(2, scale // 5)):
        org_id = f"org-{n:04d}"
        founded = rng.randint(1945, 2015)
        sources.append({"id": f"charter-{n:04d}", "type": "charter", "title": f"Charter of organization {n}",
                        "date": str(founded), "place": "Capital"})
        orgs.append({"id": org_id, "name": f"Organization number {n}", "short": f"O{n}", "kind": kinds[n % len(kinds)],
                     "founded": str(founded), "summary": " ".join(rng.choices(_VOCABULARY, k=60)).capitalize() + ".",
                     "sources": [f"charter-{n:04d}"]})
        for country in rng.sample(countries, RECORDS_PER_ORG):
            start = rng.randint(founded, 2020)
            record = {"org": org_id, "country": country, "status": rng.choice(["founding member", "member", "observer"]),
                      "from": str(start), "sources": [f"charter-{n:04d}"]}
            if rng.random() < 0.25:
                record.update(to=str(rng.randint(start + 1, 2025)), ended_by="withdrawal")
            memberships.append(record)
        for e in range(EVENTS_PER_ORG):
            events.append({"id": f"event-{n:04d}-{e}", "date": _date(rng, founded, 2025), "title": f"Summit {e} of organization {n}",
                           "kind": "summit", "orgs": [org_id], "countries": rng.sample(countries, 3),
                           "summary": " ".join(rng.choices(_VOCABULARY, k=30)).capitalize() + ".",
                           "sources": [f"charter-{n:04d}"]})
    people = [{"id": f"person-{n:05d}", "name": f"Person Number{n}",
               "roles": [{"title": "Secretary General", "org": rng.choice(orgs)["id"], "from": rng.randint(1990, 2020)}]}
              for n in range(scale * PEOPLE_PER_ARTICLE)]
    _dump(folder / "organizations.yaml", orgs)
    _dump(folder / "sources.yaml", sources)
    _dump(folder / "memberships.yaml", memberships)
    _dump(folder / "events.yaml", events)
    _dump(folder / "people.yaml", people)
    return {"org": [o["id"] for o in orgs], "country": countries, "person": [p["id"] for p in people]}


def synthetic_article(rng: random.Random, index: int, ids: dict) -> str:
    """One article's Markdown: front matter, headings, paragraphs with annotations and notes."""
    words_per_paragraph = WORDS_PER_ARTICLE // PARAGRAPHS_PER_ARTICLE
    notes = sorted(rng.sample(range(PARAGRAPHS_PER_ARTICLE), FOOTNOTES_PER_ARTICLE))
    body, page = [], 1
    named = {kind: rng.sample(ids[kind], min(count, len(ids[kind]))) for kind, count in NAMED_PER_ARTICLE.items()}
    often = {kind: [1 / rank for rank in range(1, len(chosen) + 1)] for kind, chosen in named.items()}
    kinds, shares = list(ANNOTATION_SHARES), list(ANNOTATION_SHARES.values())

    def entity(kind: str) -> str:
        return rng.choices(named[kind], weights=often[kind])[0]

    for p in range(PARAGRAPHS_PER_ARTICLE):
        if p % 10 == 0:
            body.append(f"## Part {p // 10 + 1}\n")
        words = rng.choices(_VOCABULARY, k=words_per_paragraph)
        for at in range(0, len(words), WORDS_PER_ANNOTATION):
            kind = rng.choices(kinds, weights=shares)[0]
            words[at] = f"[[{kind}:{entity(kind)}|{words[at]}]]"
        if p % PARAGRAPHS_PER_PAGE == 0 and p:
            page += 1
            words.insert(len(words) // 2, f"{{{{page:{page} inferred}}}}")
        if p in notes:
            words[-1] += f"[^{notes.index(p) + 1}]"
        body.append(" ".join(words).capitalize() + ".\n")
    body += [f"[^{n}]: A note on [[org:{entity('org')}|the organization]], " +
             " ".join(rng.choices(_VOCABULARY, k=25)) + ".\n" for n in range(1, FOOTNOTES_PER_ARTICLE + 1)]
    front = {"title": f"Article number {index}", "authors": [{"name": f"Person Number{index}"}],
             "kind": "chapter", "part": f"Part {index % 4 + 1}", "order": index, "pages": f"{index * 10}–{index * 10 + 9}",
             "publication": {"container_title": "A synthetic volume"}}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n".join(body)


def write_projects(folder: Path, scale: int, seed: int = 0) -> tuple[Path, Path]:
    """The synthetic project and its plain-MkDocs twin, under `folder`."""
    rng = random.Random(seed)
    # A folder kept from an earlier run (`--keep`) is the bench's own: written afresh.
    shutil.rmtree(folder, ignore_errors=True)
    ours, plain = folder / "reference", folder / "plain"
    ids = synthetic_data(ours / "site_data", scale, rng)
    for project in (ours, plain):
        (project / "content/articles").mkdir(parents=True)
        (project / "content/index.md").write_text("# Benchmark\n\nA synthetic edition.\n", encoding="utf-8")
    for n in range(scale):
        text = synthetic_article(rng, n, ids)
        (ours / f"content/articles/a-{n:04d}.md").write_text(text, encoding="utf-8")
        (plain / f"content/articles/a-{n:04d}.md").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "templates", ours / "templates")
    extensions = ["footnotes", "attr_list", "tables"]
    (ours / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Benchmark", "docs_dir": "content", "site_dir": "site", "use_directory_urls": True,
        "theme": {"name": None, "custom_dir": "templates", "locale": "en", "search_index_only": True,
                  "static_templates": ["404.html"]},
        "plugins": [{"reference": {"data_dir": "site_data", "as_of": AS_OF, "timings": TIMINGS}}, {"search": {"lang": "en"}}],
        "markdown_extensions": extensions,
        "validation": {"nav": {"omitted_files": "ignore"}},
    }, sort_keys=False), encoding="utf-8")
    (plain / "theme").mkdir()
    (plain / "theme/main.html").write_text(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head>"
        "<body><main>{{ page.content }}</main></body></html>\n", encoding="utf-8")
    (plain / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Benchmark", "docs_dir": "content", "site_dir": "site", "use_directory_urls": True,
        "theme": {"name": None, "custom_dir": "theme", "search_index_only": True},
        "plugins": [{"search": {"lang": "en"}}], "markdown_extensions": extensions,
        "validation": {"nav": {"omitted_files": "ignore"}},
    }, sort_keys=False), encoding="utf-8")
    return ours, plain


def timed_build(project: Path) -> tuple[float, float, float, int, dict | None]:
    """Wall seconds, CPU seconds, peak memory (MB) and HTML pages of one `mkdocs build` of
    `project`, and where its time went (the plugin's `timings` file; None for plain MkDocs)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764633600"}
    env.pop("SITE_URL", None)
    timings = project / TIMINGS
    timings.unlink(missing_ok=True)
    # The generated project's files written out first: the build's time is the build's own, not
    # the writing-back of what the generator just wrote.
    os.sync()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory, not the bench's
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"bench: the build of {project} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    pages = sum(1 for _ in (project / "site").rglob("*.html"))
    spent = json.loads(timings.read_text(encoding="utf-8")) if timings.exists() else None
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, pages, spent


def _by_kind(rounds: list[dict]) -> dict:
    """Time a page of each kind (ms, the median of the rounds), and the time outside the pages
    (loading the data, the exports and indexes, the swap, MkDocs' own start): seconds."""
    kinds = rounds[0]["kinds"]
    return {"ms_per_page_by_kind": {kind: round(statistics.median(1000 * r["kinds"][kind]["seconds"] / entry["pages"]
                                                                  for r in rounds), 2)
                                    for kind, entry in kinds.items() if entry["pages"]},
            "pages_by_kind": {kind: entry["pages"] for kind, entry in kinds.items()}}


def _summary(scale: int, ours: list[tuple], plain: list[tuple]) -> dict:
    """One scale's figures: the median of its rounds for each figure."""
    seconds, cpu = statistics.median([r[0] for r in ours]), statistics.median([r[1] for r in ours])
    peak, pages = max(r[2] for r in ours), ours[0][3]
    plain_seconds, plain_cpu, plain_pages = statistics.median([r[0] for r in plain]), statistics.median([r[1] for r in plain]), plain[0][3]
    # Each round's own ratio to the plain build that ran just after it, so that a change in the
    # machine's speed between rounds moves both sides.
    ratios = [(o[0] / pages) / (p[0] / plain_pages) for o, p in zip(ours, plain)]
    return {"pages": pages, "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1),
            "plain_mkdocs_seconds": round(plain_seconds, 2), "plain_pages": plain_pages, "scale": scale,
            "ms_per_page": round(1000 * seconds / pages, 2), "plain_ms_per_page": round(1000 * plain_seconds / plain_pages, 2),
            "ratio_per_page": round(statistics.median(ratios), 2),
            "cpu_seconds": round(cpu, 2), "plain_cpu_seconds": round(plain_cpu, 2),
            "cpu_ms_per_page": round(1000 * cpu / pages, 2), "rounds": len(ours),
            "seconds_per_round": [round(r[0], 2) for r in ours],
            "seconds_outside_pages": round(statistics.median(r[0] - r[4]["in_pages"] for r in ours), 2),
            **_by_kind([r[4] for r in ours])}


def run(scales: list[int], rounds: int = 1, keep: Path | None = None) -> list[dict]:
    """Each scale's project written once, then built `rounds` times, the scales in turn (100, 1000,
    100, 1000, …) so that a drift in the machine's speed reaches every scale alike."""
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        projects = {scale: write_projects(folder / f"scale-{scale}", scale) for scale in scales}
        times: dict[int, tuple[list, list]] = {scale: ([], []) for scale in scales}
        for _ in range(rounds):
            for scale, (ours, plain) in projects.items():
                times[scale][0].append(timed_build(ours))
                times[scale][1].append(timed_build(plain))
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return [_summary(scale, *times[scale]) for scale in scales]


def growth(results: list[dict]) -> dict:
    """How time a page grows from the smallest scale to the largest: in seconds, in CPU, and against
    the plain-MkDocs build of the same rounds (which the machine's speed moves alike); and time an
    article, for the input grows with the scale (articles, organizations, people) while the pages
    do not all do (200 countries and the years at every scale).

    Then the same growth taken apart: time a page of each kind, and of all pages weighed by the
    larger edition's mix of kinds (so a larger share of articles, the costliest pages, does not
    count as pages getting slower), and the time outside the pages for each article."""
    small, large = min(results, key=lambda r: r["scale"]), max(results, key=lambda r: r["scale"])
    change = {"from_scale": small["scale"], "to_scale": large["scale"],
              "ms_per_page_growth": round(large["ms_per_page"] / small["ms_per_page"], 2),
              "seconds_per_article_growth": round((large["seconds"] / large["scale"]) / (small["seconds"] / small["scale"]), 2),
              "cpu_ms_per_page_growth": round(large["cpu_ms_per_page"] / small["cpu_ms_per_page"], 2),
              "ratio_per_page_growth": round(large["ratio_per_page"] / small["ratio_per_page"], 2)}
    if "ms_per_page_by_kind" in small and "ms_per_page_by_kind" in large:
        kinds = [k for k in large["ms_per_page_by_kind"] if small["ms_per_page_by_kind"].get(k)]
        change["ms_per_page_growth_by_kind"] = {
            k: round(large["ms_per_page_by_kind"][k] / small["ms_per_page_by_kind"][k], 2) for k in kinds}
        mix = large["pages_by_kind"]
        same_mix = (sum(mix[k] * large["ms_per_page_by_kind"][k] for k in kinds)
                    / sum(mix[k] * small["ms_per_page_by_kind"][k] for k in kinds))
        change["ms_per_page_growth_same_mix"] = round(same_mix, 2)
        change["outside_pages_per_article_growth"] = round(
            (large["seconds_outside_pages"] / large["scale"]) / (small["seconds_outside_pages"] / small["scale"]), 2)
    return change


def main(scales: list[int], as_json: bool, keep: Path | None = None, rounds: int = 1) -> int:
    results = run(scales, rounds, keep)
    for result in results:
        if as_json:
            print(json.dumps(result))
        else:
            print(f"scale {result['scale']}: {result['pages']:,} pages in {result['seconds']} s "
                  f"({result['ms_per_page']} ms a page), peak {result['peak_rss_mb']} MB; plain MkDocs: "
                  f"{result['plain_pages']:,} pages in {result['plain_mkdocs_seconds']} s "
                  f"({result['plain_ms_per_page']} ms a page); ratio per page {result['ratio_per_page']}; "
                  f"CPU {result['cpu_seconds']} s ({result['cpu_ms_per_page']} ms a page)"
                  + (f"; medians of {rounds} rounds" if rounds > 1 else ""))
    if len(results) > 1:
        change = growth(results)
        if as_json:
            print(json.dumps(change))
        else:
            print(f"time a page from scale {change['from_scale']} to {change['to_scale']}: "
                  f"×{change['ms_per_page_growth']} in seconds, ×{change['cpu_ms_per_page_growth']} in CPU, "
                  f"×{change['ratio_per_page_growth']} against plain MkDocs; time an article "
                  f"×{change['seconds_per_article_growth']}")
            if "ms_per_page_growth_by_kind" in change:
                kinds = ", ".join(f"{k} ×{g}" for k, g in change["ms_per_page_growth_by_kind"].items())
                print(f"time a page of each kind: {kinds}; of all pages in the larger edition's mix of kinds "
                      f"×{change['ms_per_page_growth_same_mix']}; outside the pages, time an article "
                      f"×{change['outside_pages_per_article_growth']}")
    return 0
