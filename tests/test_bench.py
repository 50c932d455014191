"""The benchmark's synthetic project has the shape it claims (builder/bench.py); its timings are
measured by `python -m builder bench`, never asserted here."""
from __future__ import annotations

import re
from collections import Counter

import yaml

from builder import bench
from builder.markdown.annotations import ANNOTATION
from builder.mkdocs.clock import BuildClock


def test_the_synthetic_project_has_the_real_editions_proportions(tmp_path):
    ours, plain = bench.write_projects(tmp_path, scale=50)
    articles = sorted((ours / "content/articles").glob("*.md"))
    assert len(articles) == 50
    assert [p.read_text() for p in articles] == [p.read_text() for p in sorted((plain / "content/articles").glob("*.md"))]
    data = ours / "site_data"
    orgs = yaml.safe_load((data / "organizations.yaml").read_text())
    assert len(orgs) == 10
    assert len(yaml.safe_load((data / "countries.yaml").read_text())) == bench.COUNTRIES
    assert len(yaml.safe_load((data / "people.yaml").read_text())) == 50 * bench.PEOPLE_PER_ARTICLE
    assert len(yaml.safe_load((data / "memberships.yaml").read_text())) == 10 * bench.RECORDS_PER_ORG
    kinds = Counter()
    for path in articles:
        text = path.read_text()
        body = text.split("---\n", 2)[2]
        words = len(re.sub(ANNOTATION, "x", body).split())
        annotations = list(ANNOTATION.finditer(body))
        assert 0.8 * bench.WORDS_PER_ARTICLE < words < 1.2 * bench.WORDS_PER_ARTICLE
        assert len(annotations) > words / bench.WORDS_PER_ANNOTATION * 0.9
        named = {kind: {m["id"] for m in annotations if m["kind"] == kind} for kind in ("org", "country", "person")}
        assert len(named["org"]) <= 10 and len(named["country"]) <= 14 and len(named["person"]) <= 9
        assert len(named["country"]) >= 10  # most of the countries it names are named more than once
        kinds.update(m["kind"] for m in annotations)
        assert len(re.findall(r"^\[\^\d+\]: ", body, flags=re.M)) == bench.FOOTNOTES_PER_ARTICLE
    shares = {kind: round(100 * n / sum(kinds.values())) for kind, n in kinds.items()}
    assert all(abs(shares[kind] - share) <= 3 for kind, share in bench.ANNOTATION_SHARES.items()), shares


def test_the_same_seed_makes_the_same_project(tmp_path):
    first, _ = bench.write_projects(tmp_path / "a", scale=10)
    second, _ = bench.write_projects(tmp_path / "b", scale=10)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and "templates" not in p.parts)
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file() and "templates" not in p.parts)
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_a_kept_folder_is_written_afresh_by_the_next_run(tmp_path):
    """`bench --keep DIR` twice: the second run replaces the first run's project, smaller or larger."""
    bench.write_projects(tmp_path, scale=12)
    (tmp_path / "reference/site").mkdir()  # what the first run built
    ours, _ = bench.write_projects(tmp_path, scale=10)
    assert len(list((ours / "content/articles").glob("*.md"))) == 10
    assert not (ours / "site").exists()


def test_the_plugin_paces_the_garbage_collector_for_the_build_and_restores_it():
    import gc

    from builder.mkdocs.plugin import ReferencePlugin

    before = gc.get_threshold()
    plugin = ReferencePlugin()
    plugin.on_startup(command="build", dirty=False)
    try:
        assert gc.get_threshold() == (max(ReferencePlugin.GC_THRESHOLD, before[0]), *before[1:])
    finally:
        plugin.on_shutdown()
    assert gc.get_threshold() == before


def test_growth_compares_time_a_page_between_the_smallest_and_the_largest_scale():
    small = {"scale": 100, "seconds": 4.0, "ms_per_page": 4.0, "cpu_ms_per_page": 4.0, "ratio_per_page": 0.2}
    large = {"scale": 1000, "seconds": 36.0, "ms_per_page": 4.4, "cpu_ms_per_page": 4.6, "ratio_per_page": 0.25}
    assert bench.growth([large, small]) == {"from_scale": 100, "to_scale": 1000, "ms_per_page_growth": 1.1,
                                            "seconds_per_article_growth": 0.9,
                                            "cpu_ms_per_page_growth": 1.15, "ratio_per_page_growth": 1.25}


def test_the_clock_counts_a_page_once_over_its_two_stretches_of_work():
    clock = BuildClock()
    for url in ("articles/a/", "people/p/", ""):
        clock.begin_page()
        clock.end_page(url, last=False)  # its Markdown
    for url in ("articles/a/", "people/p/", ""):
        clock.begin_page()
        clock.end_page(url, last=True)  # its template
    clock.end_page("articles/a/", last=True)  # no page begun: nothing counted
    clock.begin_phase("load")
    clock.end_phase()
    report = clock.report()
    assert {kind: e["pages"] for kind, e in report["kinds"].items()} == {"articles": 1, "home": 1, "people": 1}
    assert list(report["phases"]) == ["load"]
    assert report["in_pages"] <= report["seconds"]


def test_growth_takes_the_mix_of_kinds_apart():
    """Articles cost the same a page at both scales, but the larger edition has more of them:
    the mix-weighed growth says 1.0 while time a page says more."""
    def scale(n, articles, people, seconds):
        return {"scale": n, "pages": articles + people, "seconds": seconds, "ms_per_page": 1000 * seconds / (articles + people),
                "cpu_ms_per_page": 1000 * seconds / (articles + people), "ratio_per_page": 1.0,
                "ms_per_page_by_kind": {"articles": 15.0, "people": 1.0},
                "pages_by_kind": {"articles": articles, "people": people}, "seconds_outside_pages": n / 100}
    change = bench.growth([scale(100, 100, 400, 1.9 + 1), scale(1000, 1000, 1000, 16 + 10)])
    assert change["ms_per_page_growth"] > 2
    assert change["ms_per_page_growth_by_kind"] == {"articles": 1.0, "people": 1.0}
    assert change["ms_per_page_growth_same_mix"] == 1.0
    assert change["outside_pages_per_article_growth"] == 1.0
