"""Load `site_data/` into a `Dataset`, collecting every field-level problem.

Each kind of record lives in `site_data/<kind>.yaml` and/or `site_data/<kind>/*.yaml`. The field
tables below are the schema; `site_data/README.md` documents the same for people.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.core import identifiers, model
from builder.core.dates import DateError, PartialDate
from builder.core.model import Dataset, Origin
from builder.load.problems import Problem, did_you_mean, display_path
from builder.load.vocabulary import load_vocabulary
from builder.load.yamlfile import Record, read_records

KINDS = ("sources", "collections", "organizations", "countries", "memberships", "events", "people")

_ISO3 = re.compile(r"^[a-z]{3}$")
_ID_LINE = re.compile(r"^[ -]*id:\s*['\"]?([\w-]+)", re.MULTILINE)


class _Invalid(Exception):
    """A field value that cannot be used; the message is for the reader, `line` the line of the
    part that is wrong when it is not the field's own (an item of a list of mappings)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def _text(value: Any) -> str:
    if isinstance(value, bool):
        word = "true" if value else "false"
        raise _Invalid(f"must be text, got {word} (YAML reads a bare yes, no, on, off, true or false "
                       f"that way: put the text in quotes)")
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"must be text, got {value!r}")
    return value.strip()


def _text_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of text, got {value!r}")
    return [_text(item) for item in value]


def _ids(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_text(item) for item in items]


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        raise _Invalid(f"must be a year of four digits, got {value!r}")
    return value


def _date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except DateError as error:
        raise _Invalid(f"is not a valid date: {error}") from None


def _slug(value: Any) -> str:
    text = _text(value)
    if not model.SLUG.match(text):
        raise _Invalid(f"'{text}' must be lowercase letters, digits and single hyphens")
    return text


def _iso3(value: Any) -> str:
    text = _text(value)
    if not _ISO3.match(text):
        raise _Invalid(f"'{text}' must be an ISO 3166 alpha-3 code in lowercase, like 'kaz'")
    return text


def _web_address(value: Any) -> str:
    """A link a reader can follow: http(s) only, so no `javascript:` or `data:` address reaches a page."""
    text = _text(value)
    if not re.fullmatch(r"https?://[^\s<>\"]+", text):
        raise _Invalid(f"'{text}' must be a web address starting with https:// or http://")
    return text


def _one_of(text: str, vocabulary) -> str:
    if text not in vocabulary:
        raise _Invalid(f"'{text}' is not one of the allowed values{did_you_mean(text, vocabulary)}; "
                       f"use one of: {', '.join(vocabulary)}")
    return text


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, got {value!r}")
    return value


def _items(value: Any, what: str, example: str) -> list[Record]:
    """A list of key: value items (`- field: from`), each checked for its keys by the caller."""
    if not isinstance(value, list) or not all(isinstance(item, Record) for item in value):
        raise _Invalid(f"must be a list of {what}, like {example}")
    return value


def _keys(item: Record, allowed: tuple[str, ...], required: tuple[str, ...], what: str) -> None:
    for key in item:
        if key not in allowed:
            raise _Invalid(f"{what} has unknown field '{key}'{did_you_mean(str(key), allowed)}", item.line_of(key))
    for key in required:
        if item.get(key) in (None, "", []):
            raise _Invalid(f"{what} needs '{key}'", item.line)


def _in_item(item: Record, key: str, convert: Callable[[Any], Any]) -> Any:
    """One value of a list item, converted; a problem names the item's key and is placed on its line."""
    try:
        return convert(item[key])
    except _Invalid as error:
        raise _Invalid(f"'{key}' {error}", error.line or item.line_of(key)) from None


SOURCE_REF_FIELDS = ("ref", "quote", "locator")


def _source_refs(value: Any) -> list[model.SourceRef]:
    """Source references: ids or paragraphs as text, or `{ref, quote, locator}` when the reference
    carries the words the fact rests on."""
    refs = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, Record):
            _keys(item, SOURCE_REF_FIELDS, ("ref",), "a source reference")
            refs.append(model.SourceRef(_in_item(item, "ref", _text),
                                        _in_item(item, "quote", _text) if item.get("quote") is not None else None,
                                        _in_item(item, "locator", _text) if item.get("locator") is not None else None,
                                        item.line))
        else:
            refs.append(model.SourceRef(_text(item)))
    return refs


def _field_and_date(item, fields: tuple[str, ...]) -> tuple[str, Any]:
    """The dated field an other or a disputed date belongs to, and the date: what both share."""
    return _in_item(item, "field", lambda v: _one_of(_text(v), fields)), _in_item(item, "date", _date)


def _also_dated(fields: tuple[str, ...]) -> Callable[[Any], list[model.AlsoDated]]:
    """Other acts dating one of `fields` (the signature beside the entry into force)."""
    def convert(value: Any) -> list[model.AlsoDated]:
        found = []
        for item in _items(value, "other dates", "[{field: founded, date: 2002-10-07, act: Charter signed}]"):
            _keys(item, ("field", "date", "act", "sources"), ("field", "date", "act"), "an other date")
            found.append(model.AlsoDated(
                *_field_and_date(item, fields), _in_item(item, "act", _text),
                _in_item(item, "sources", _source_refs) if item.get("sources") not in (None, []) else [],
                item.line))
        return found
    return convert


def _disputed(fields: tuple[str, ...]) -> Callable[[Any], list[model.Disputed]]:
    """Sources that date one of `fields` otherwise: every claim kept, with its sources."""
    def convert(value: Any) -> list[model.Disputed]:
        found = []
        for item in _items(value, "disputed dates", "[{field: from, date: 2006-06, sources: [a-source]}]"):
            _keys(item, ("field", "date", "sources", "note"), ("field", "date", "sources"), "a disputed date")
            found.append(model.Disputed(
                *_field_and_date(item, fields), _in_item(item, "sources", _source_refs),
                _in_item(item, "note", _text) if item.get("note") is not None else None, item.line))
        return found
    return convert


def _former_names(value: Any) -> list[model.FormerName]:
    names = []
    for item in _items(value, "former names", "[{name: Federal Republic of Yugoslavia, until: 2003-02-04}]"):
        _keys(item, ("name", "until"), ("name", "until"), "a former name")
        names.append(model.FormerName(_in_item(item, "name", _text), _in_item(item, "until", _date)))
    return names


def _iso3166_3(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[A-Z]{4}", text):
        raise _Invalid(f"'{text}' must be a four-letter ISO 3166-3 code in capitals, like 'SUHH'")
    return text


def _identifiers(value: Any) -> dict[str, str]:
    """`{scheme: value}`: each value checked against its scheme (builder.core.identifiers)."""
    if not isinstance(value, Record) or not value:
        raise _Invalid(f"must be 'scheme: value' lines, like {{celex: 32007D0427}}; the schemes are "
                       f"{', '.join(identifiers.SCHEMES)}")
    found = {}
    for scheme, raw in value.items():
        line = value.line_of(scheme)
        if scheme not in identifiers.SCHEMES:
            raise _Invalid(f"unknown identifier scheme '{scheme}'{did_you_mean(str(scheme), identifiers.SCHEMES)}; "
                           f"the schemes are {', '.join(identifiers.SCHEMES)}", line)
        try:
            text = _text(raw)
        except _Invalid as error:
            raise _Invalid(f"'{scheme}' {error}", line) from None
        problem = identifiers.problem(scheme, text)
        if problem:
            raise _Invalid(f"'{scheme}' {problem}", line)
        found[str(scheme)] = text
    return found


def _roles(value: Any) -> list[model.Role]:
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of roles, got {value!r}")
    roles = []
    for item in value:
        if not isinstance(item, Record) or "title" not in item:
            raise _Invalid("each role needs at least a 'title'")
        unknown = set(item) - {"title", "org", "country", "from", "to"}
        if unknown:
            raise _Invalid(f"a role has unknown field '{sorted(unknown)[0]}'")
        roles.append(
            model.Role(
                title=_text(item["title"]),
                org=_text(item["org"]) if item.get("org") else None,
                country=_text(item["country"]) if item.get("country") else None,
                start=_date(item["from"]) if item.get("from") else None,
                end=_date(item["to"]) if item.get("to") else None,
                line=item.line,
            )
        )
    return roles


@dataclass(frozen=True)
class Field:
    name: str  # key in the YAML
    convert: Callable[[Any], Any]
    required: bool = False
    attr: str | None = None  # attribute in the model, when it differs
    vocabulary: str | None = None  # the value must be one of the site's (model.Vocabulary's field)

    @property
    def target(self) -> str:
        return self.attr or self.name


SCHEMA: dict[str, tuple[str, type, list[Field]]] = {
    "sources": ("source", model.Source, [
        Field("id", _slug, True), Field("type", _text, True, vocabulary="source_types"),
        Field("title", _text, True), Field("title_descriptive", _flag), Field("title_original", _text),
        Field("author", _text), Field("date", _date),
        Field("place", _text), Field("publisher", _text), Field("url", _web_address),
        Field("identifiers", _identifiers), Field("url_missing_reason", _text), Field("note", _text),
    ]),
    "collections": ("collection", model.Collection, [
        Field("id", _slug, True), Field("title", _text, True), Field("title_source", _text),
        Field("publisher", _text), Field("editors", _text_list), Field("year", _year),
        Field("institution", _text), Field("note", _text),
    ]),
    "organizations": ("organization", model.Organization, [
        Field("id", _slug, True), Field("name", _text, True), Field("short", _text),
        Field("aliases", _text_list), Field("kind", _text, True, vocabulary="organization_kinds"),
        Field("founded", _date, True), Field("founded_note", _text),
        Field("dissolved", _date), Field("dissolved_note", _text),
        Field("headquarters", _text), Field("predecessor", _ids, attr="predecessors"),
        Field("successor", _ids, attr="successors"), Field("parent", _text),
        Field("summary", _text, True), Field("sources", _source_refs, True),
        Field("also_dated", _also_dated(("founded", "dissolved"))),
        Field("disputed", _disputed(("founded", "dissolved"))),
    ]),
    "countries": ("country", model.Country, [
        Field("id", _iso3, True), Field("name", _text, True), Field("official_name", _text),
        Field("aliases", _text_list), Field("region", _text, True, vocabulary="regions"),
        Field("exists_from", _date), Field("existed_by", _date), Field("exists_note", _text),
        Field("dissolved", _date), Field("dissolved_note", _text), Field("iso3166_3", _iso3166_3),
        Field("successors", lambda value: [_iso3(v) for v in _ids(value)]),
        Field("former_names", _former_names), Field("sources", _source_refs),
        Field("drawn_as", lambda value: [_iso3(v) for v in _ids(value)]),
    ]),
    "memberships": ("membership", model.Membership, [
        Field("org", _text, True), Field("country", _text, True),
        Field("status", _text, True, vocabulary="status_names"),
        Field("from", _date, True, attr="start"), Field("to", _date, attr="end"),
        Field("ended_by", _text, vocabulary="ended_by"), Field("note", _text),
        Field("sources", _source_refs, True),
        Field("also_dated", _also_dated(("from", "to"))), Field("disputed", _disputed(("from", "to"))),
    ]),
    "events": ("event", model.Event, [
        Field("id", _slug, True), Field("date", _date, True), Field("title", _text, True),
        Field("kind", _text, True, vocabulary="event_kinds"), Field("orgs", _ids),
        Field("countries", _ids), Field("people", _ids), Field("summary", _text),
        Field("sources", _source_refs, True),
        Field("also_dated", _also_dated(("date",))), Field("disputed", _disputed(("date",))),
    ]),
    "people": ("person", model.Person, [
        Field("id", _slug, True), Field("name", _text, True), Field("aliases", _text_list),
        Field("roles", _roles), Field("affiliation", _text), Field("sources", _source_refs),
    ]),
}


def data_files(data_dir: Path, kind: str) -> list[Path]:
    files = []
    single = data_dir / f"{kind}.yaml"
    if single.is_file():
        files.append(single)
    folder = data_dir / kind
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.yaml")))
    return files


def convert_record(kind: str, record: Record, file: str,
                   vocabulary: model.Vocabulary | None = None) -> tuple[Any | None, list[Problem]]:
    """One YAML record to its model object, or None with the problems that prevent it."""
    vocabulary = vocabulary or model.Vocabulary()
    noun, cls, fields = SCHEMA[kind]
    known = {f.name for f in fields}
    problems: list[Problem] = []
    for key in record:
        if key not in known:
            problems.append(Problem(file, record.line_of(key),
                                    f"unknown field '{key}' in {noun}{did_you_mean(key, known)}"))
    name = record.get("id")
    label = f"{noun} '{name}'" if isinstance(name, str) else noun
    values: dict[str, Any] = {}
    for spec in fields:
        raw = record.get(spec.name)
        if raw is None or raw == "" or raw == []:
            if spec.required:
                problems.append(Problem(file, record.line, f"{label} is missing required field '{spec.name}'"))
            continue
        try:
            values[spec.target] = spec.convert(raw)
            if spec.vocabulary:
                _one_of(values[spec.target], getattr(vocabulary, spec.vocabulary))
        except _Invalid as error:
            problems.append(Problem(file, error.line or record.line_of(spec.name), f"'{spec.name}' {error}"))
    if problems:
        return None, problems
    values["origin"] = Origin(file, record.line)
    if "lines" in cls.__dataclass_fields__:  # type: ignore[attr-defined]
        values["lines"] = dict(record.key_lines)  # by YAML key, as messages name them
    return cls(**values), []


def load(data_dir: Path, root: Path | None = None) -> tuple[Dataset, list[Problem]]:
    """Read every data file; the dataset holds what could be read, problems the rest."""
    root = root or data_dir.parent
    dataset = Dataset()
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], Origin] = {}
    if not data_dir.is_dir():
        return dataset, [Problem(display_path(data_dir, root), 0, "data folder not found")]
    dataset.vocabulary, problems = load_vocabulary(data_dir, root)
    for kind in KINDS:
        for path in data_files(data_dir, kind):
            display = display_path(path, root)
            records, file_problems = read_records(path, display)
            problems.extend(file_problems)
            if not records and file_problems:
                # Unreadable file: remember the ids it seems to define, so that references to
                # them are not reported as dangling on top of the real problem.
                dataset.unreadable.update(_ID_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
            for record in records:
                obj, record_problems = convert_record(kind, record, display, dataset.vocabulary)
                problems.extend(record_problems)
                if obj is None:
                    if isinstance(record.get("id"), str):
                        dataset.unreadable.add(record["id"])
                    continue
                if kind == "memberships":
                    dataset.memberships.append(obj)
                    continue
                noun = SCHEMA[kind][0]
                key = (kind, obj.id)
                if key in first_seen:
                    problems.append(Problem(display, record.line_of("id"),
                                            f"duplicate {noun} id '{obj.id}' (first defined at {first_seen[key]})"))
                    continue
                first_seen[key] = obj.origin
                getattr(dataset, kind)[obj.id] = obj
    return dataset, problems
