"""A site's own vocabularies: site_data/vocabularies.yaml, read with its lines.

A corpus chooses the words its records use: the kinds of organization (with the heading each
gets on the organizations index, in that order), the regions countries are grouped by (in
order), the kinds of event and the types of source. The file may set any of them; each one it
sets replaces the generator's default list whole (`model.Vocabulary`), and records are then
checked against it.
"""
from __future__ import annotations

from pathlib import Path

from .model import Vocabulary
from .problems import Problem, did_you_mean, display_path
from .yamlfile import Record, parse, read_text

FILE = "vocabularies.yaml"
_LISTS = ("regions", "event_kinds", "source_types")
_KEYS = ("organization_kinds", *_LISTS)


def load_vocabulary(data_dir: Path, root: Path) -> tuple[Vocabulary, list[Problem]]:
    path = data_dir / FILE
    if not path.is_file():
        return Vocabulary(), []
    display = display_path(path, root)
    text, problems = read_text(path, display)
    if text is None:
        return Vocabulary(), problems
    value, _, problems = parse(text, display)
    if problems:
        return Vocabulary(), problems
    if value is None:
        return Vocabulary(), []
    if not isinstance(value, Record):
        return Vocabulary(), [Problem(display, 1, f"expected 'name: values' lines ({', '.join(_KEYS)})")]
    chosen: dict = {}
    for key in value:
        line = value.line_of(key)
        if key not in _KEYS:
            problems.append(Problem(display, line, f"unknown vocabulary '{key}'{did_you_mean(str(key), _KEYS)}; "
                                                   f"the vocabularies are {', '.join(_KEYS)}"))
        elif key == "organization_kinds":
            kinds = value[key]
            if not isinstance(kinds, Record) or not kinds:
                problems.append(Problem(display, line, "'organization_kinds' maps each kind to its heading, "
                                                       "like 'military alliance: Military alliances'"))
            elif bad := [k for k, heading in kinds.items() if not _is_text(k) or not _is_text(heading)]:
                problems.append(Problem(display, kinds.line_of(bad[0]), f"organization_kinds: '{bad[0]}' needs a "
                                                                        f"heading (text)"))
            else:
                chosen[key] = {str(k).strip(): str(h).strip() for k, h in kinds.items()}
        else:
            items = value[key]
            if not isinstance(items, list) or not items or not all(_is_text(i) for i in items):
                problems.append(Problem(display, line, f"'{key}' is a list of names (text), like [a, b]"))
                continue
            names = [str(i).strip() for i in items]
            twice = sorted({n for n in names if names.count(n) > 1})
            if twice:
                problems.append(Problem(display, line, f"'{key}' names '{twice[0]}' twice"))
                continue
            chosen[key] = tuple(names)
    return Vocabulary(**chosen), problems


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())
