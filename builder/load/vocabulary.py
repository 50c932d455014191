"""A site's own vocabularies: site_data/vocabularies.yaml, read with its lines.

A corpus chooses the words its records use: the kinds of organization (with the heading each
gets on the organizations index, in that order), the regions countries are grouped by (in
order), the kinds of event and the types of source, the membership statuses (with what each
means for the matrix, the member lists, the charts and the COW-style export), the ways a record
can end, the kinds of organization the matrix leaves out, the kinds of event that change a
membership, and which act each date field gives (its convention). The file may set any of them; each
one it sets replaces the generator's default whole (`model.Vocabulary`), and records are then
checked against it.
"""
from __future__ import annotations

from pathlib import Path

from builder.core.model import CELL_MARKS, DRAWINGS, LISTED_WITH, Status, Vocabulary
from builder.load.problems import Problem, did_you_mean, display_path
from builder.load.yamlfile import Record, parse, read_text

FILE = "vocabularies.yaml"
_LISTS = ("regions", "event_kinds", "source_types", "ended_by", "outside_matrix", "membership_event_kinds")
_KEYS = ("organization_kinds", "statuses", *_LISTS, "date_conventions")
# What a status says besides its name; `abbreviation` is required.
_STATUS_FIELDS = ("abbreviation", "counted", "listed_with", "cow_code", "drawn")
_COW_CODES = (0, 1, 2, 3)  # a status's COW IGO code: none, full, associate, observer


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
        elif key == "date_conventions":
            conventions = value[key]
            if not isinstance(conventions, Record) or not conventions or \
                    not all(_is_text(k) and _is_text(v) for k, v in conventions.items()):
                problems.append(Problem(display, line, "'date_conventions' maps each date field to the act it gives, "
                                                       "like 'founded: the day the founding act took effect'"))
            else:
                chosen[key] = {str(k).strip(): str(v).strip() for k, v in conventions.items()}
        elif key == "statuses":
            statuses, status_problems = _statuses(value[key], display, line)
            problems += status_problems
            if statuses:
                chosen[key] = statuses
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
    kinds = chosen.get("organization_kinds", Vocabulary().organization_kinds)
    for kind in chosen.get("outside_matrix", ()):
        if kind not in kinds:
            problems.append(Problem(display, value.line_of("outside_matrix"),
                                    f"outside_matrix: '{kind}' is not one of the organization kinds{did_you_mean(kind, kinds)}"))
    event_kinds = chosen.get("event_kinds", Vocabulary().event_kinds)
    for kind in chosen.get("membership_event_kinds", ()):
        if kind not in event_kinds:
            problems.append(Problem(display, value.line_of("membership_event_kinds"),
                                    f"membership_event_kinds: '{kind}' is not one of the event kinds"
                                    f"{did_you_mean(kind, event_kinds)}"))
    if "event_kinds" in chosen and "membership_event_kinds" not in chosen:
        chosen["membership_event_kinds"] = tuple(k for k in Vocabulary().membership_event_kinds if k in event_kinds)
    return Vocabulary(**chosen), problems


def _statuses(value, display: str, line: int) -> tuple[tuple[Status, ...], list[Problem]]:
    """`statuses:` maps each status, in member-list order, to what it means."""
    example = "like 'member: {abbreviation: M, counted: true, listed_with: members, cow_code: 1, drawn: solid}'"
    if not isinstance(value, Record) or not value:
        return (), [Problem(display, line, f"'statuses' maps each status to what it means, {example}")]
    problems: list[Problem] = []
    statuses: list[Status] = []
    for name, spec in value.items():
        at = value.line_of(name)
        if not _is_text(name) or not isinstance(spec, Record):
            problems.append(Problem(display, at, f"statuses: '{name}' needs its meaning, {example}"))
            continue
        wrong = []
        for key in spec:
            if key not in _STATUS_FIELDS:
                wrong.append(f"unknown field '{key}'{did_you_mean(str(key), _STATUS_FIELDS)}")
        raw = spec.get("abbreviation")
        abbreviation = raw.strip() if isinstance(raw, str) else ""
        if not abbreviation:
            wrong.append("needs an 'abbreviation' (text), the matrix cell's")
        elif abbreviation in CELL_MARKS.values():
            wrong.append(f"abbreviation '{abbreviation}' is the matrix's mark for a cell without a status")
        counted = spec.get("counted", False)
        if not isinstance(counted, bool):
            wrong.append("'counted' is true or false")
        listed_with = spec.get("listed_with", "partners")
        if listed_with not in LISTED_WITH:
            wrong.append(f"'listed_with' is one of: {', '.join(LISTED_WITH)}")
        cow_code = spec.get("cow_code", 0)
        if isinstance(cow_code, bool) or cow_code not in _COW_CODES:
            wrong.append(f"'cow_code' is one of: {', '.join(map(str, _COW_CODES))}")
        drawn = spec.get("drawn", "dotted")
        if drawn not in DRAWINGS:
            wrong.append(f"'drawn' is one of: {', '.join(DRAWINGS)}")
        if wrong:
            problems += [Problem(display, at, f"status '{name}': {w}") for w in wrong]
            continue
        statuses.append(Status(str(name).strip(), abbreviation, counted, listed_with, cow_code, drawn))
    seen: dict[str, str] = {}
    for status in statuses:
        if status.abbreviation in seen:
            problems.append(Problem(display, value.line_of(status.name),
                                    f"status '{status.name}': abbreviation '{status.abbreviation}' is "
                                    f"already that of '{seen[status.abbreviation]}'"))
        seen.setdefault(status.abbreviation, status.name)
    return (tuple(statuses) if not problems else ()), problems


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())
