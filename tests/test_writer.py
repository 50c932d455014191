"""The thread that writes the cite files beside the pages while the build goes on."""
import threading

import pytest

from builder.output.writer import BackgroundWriter


def test_every_group_of_files_is_written_into_its_folder_made_if_missing(tmp_path):
    writer = BackgroundWriter(tmp_path)
    for n in range(50):
        writer.write(f"page-{n}", {"cite.bib": f"@book{{n{n},}}\n", "cite.ris": "TY  - BOOK\r\n"})
    writer.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"page-{n}" for n in range(50))
    assert (tmp_path / "page-7/cite.bib").read_text(encoding="utf-8") == "@book{n7,}\n"
    assert (tmp_path / "page-7/cite.ris").read_bytes() == b"TY  - BOOK\r\n"  # written as given: RIS wants CRLF
    assert not [t for t in threading.enumerate() if t.name.startswith("site-files")]


def test_a_failed_write_is_raised_by_finish_not_lost(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be", encoding="utf-8")
    writer = BackgroundWriter(tmp_path)
    writer.write("fine", {"cite.json": "[]"})
    writer.write("taken", {"cite.json": "[]"})
    with pytest.raises(FileExistsError):
        writer.finish()
    assert (tmp_path / "fine/cite.json").exists()


def test_cancel_leaves_nothing_being_written(tmp_path):
    writer = BackgroundWriter(tmp_path)
    for n in range(200):
        writer.write(f"p{n}", {"cite.json": "[]"})
    writer.cancel()
    written = len(list(tmp_path.rglob("cite.json")))
    assert written <= 200
    assert not [t for t in threading.enumerate() if t.name.startswith("site-files")]
    assert len(list(tmp_path.rglob("cite.json"))) == written  # nothing after cancel returned
