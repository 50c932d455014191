"""The golden output: the shipped project builds to exactly the files recorded in
tests/golden/site.sha256, byte for byte.

Work meant to change nothing a reader gets (speed, refactoring) must keep this test green. A
change meant to alter the output updates the record, and the diff of the record shows which
files it touched:

    python3 run.py test tests/test_golden.py --update-golden
"""
from __future__ import annotations

from pathlib import Path

from conftest import digest

RECORD = Path(__file__).parent / "golden" / "site.sha256"


def _read(record: Path) -> dict[str, str]:
    lines = record.read_text(encoding="utf-8").splitlines() if record.exists() else []
    return {path: sha for sha, path in (line.split("  ", 1) for line in lines)}


def _write(record: Path, files: dict[str, str]) -> None:
    # The format of sha256sum, so that `cd site && sha256sum -c ../tests/golden/site.sha256` works too.
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("".join(f"{sha}  {path}\n" for path, sha in sorted(files.items())), encoding="utf-8")


def _differences(recorded: dict[str, str], built: dict[str, str]) -> list[str]:
    return ([f"changed: {p}" for p in sorted(recorded.keys() & built.keys()) if recorded[p] != built[p]]
            + [f"new: {p}" for p in sorted(built.keys() - recorded.keys())]
            + [f"gone: {p}" for p in sorted(recorded.keys() - built.keys())])


def test_the_build_is_byte_identical_to_the_golden_record(built_site, request):
    built = digest(built_site)
    if request.config.getoption("--update-golden"):
        _write(RECORD, built)
    differences = _differences(_read(RECORD), built)
    shown = "\n".join(differences[:40]) + (f"\n… and {len(differences) - 40} more" if len(differences) > 40 else "")
    assert not differences, (
        f"{len(differences)} of {len(built)} files differ from tests/golden/site.sha256:\n{shown}\n"
        "If the change is meant, record it: python3 run.py test tests/test_golden.py --update-golden")


def test_the_comparison_names_every_difference(tmp_path):
    record = tmp_path / "site.sha256"
    _write(record, {"a/index.html": "1" * 64, "b.css": "2" * 64, "gone.txt": "3" * 64})
    built = {"a/index.html": "1" * 64, "b.css": "9" * 64, "new.json": "4" * 64}
    assert _read(record) == {"a/index.html": "1" * 64, "b.css": "2" * 64, "gone.txt": "3" * 64}
    assert _differences(_read(record), built) == ["changed: b.css", "new: new.json", "gone: gone.txt"]
    assert _differences(built, built) == []
