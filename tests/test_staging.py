"""Removing an old or a staged site (builder/output/staging.py, remove_site)."""
from pathlib import Path

from builder.output.staging import remove_site


def test_a_whole_site_goes_and_nothing_a_link_points_to(tmp_path: Path):
    site = tmp_path / "site"
    for kind in ("articles", "people", "matrix"):
        for n in range(30):
            page = site / kind / f"p{n}" / "deeper"
            page.mkdir(parents=True)
            (page.parent / "index.html").write_text("<p>page</p>", encoding="utf-8")
            (page / "cite.bib").write_text("@book{}", encoding="utf-8")
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's", encoding="utf-8")
    (site / "articles" / "link").symlink_to(outside, target_is_directory=True)
    (site / "people" / "p1" / "link").symlink_to(outside, target_is_directory=True)
    remove_site(site)
    assert not site.exists()
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "not the site's"


def test_a_missing_folder_or_a_file_is_no_error(tmp_path: Path):
    remove_site(tmp_path / "never-built")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    remove_site(tmp_path / "a-file")  # as rmtree(ignore_errors=True): left, silently
    assert (tmp_path / "a-file").exists()
