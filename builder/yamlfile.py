"""Read a YAML data file into plain records that remember their line numbers.

PyYAML's SafeLoader is kept, with two changes: mappings become `Record`s carrying the line of
the record and of each key, and dates stay text (the data model parses partial dates itself, and
PyYAML would otherwise turn `2002-10-07` into a `date` but leave `2002-10` a string).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem


class Record(dict):
    """A mapping from the file, with `line` and `key_lines`."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """Pure Python: its syntax error messages are the clearer ones, so problems are reported with it."""


# libyaml's parser, when PyYAML has it, reads the data files several times faster.
_FastLineLoader = type("_FastLineLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})

_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.yaml_implicit_resolvers = _RESOLVERS
_FastLineLoader.yaml_implicit_resolvers = _RESOLVERS


def _construct_record(loader: _LineLoader, node: yaml.MappingNode) -> Record:
    loader.flatten_mapping(node)
    record = Record()
    record.line = node.start_mark.line + 1
    record.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in record.key_lines:
            loader.duplicate_keys.append((line, key, record.key_lines[key]))
        record[key] = loader.construct_object(value_node, deep=True)
        record.key_lines[key] = line
    return record


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_record)


def read_records(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """All records of one file, and every problem with its shape, named as `display`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return [], [Problem(display, 1, f"not UTF-8 text ({error.reason} at byte {error.start})")]
    try:
        data, duplicate_keys = _parse(_FastLineLoader, text)
    except yaml.YAMLError:
        pass  # read again below with the pure Python parser, for the clearer message
    else:
        return _records(data, duplicate_keys, text, display)
    try:
        data, duplicate_keys = _parse(_LineLoader, text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "cannot be read"
        return [], [Problem(display, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return [], [Problem(display, 1, f"YAML error: {error}")]
    return _records(data, duplicate_keys, text, display)


def _parse(loader_class, text: str):
    loader = loader_class(text)
    loader.duplicate_keys = []
    try:
        return loader.get_single_data(), loader.duplicate_keys
    finally:
        loader.dispose()


def _records(data, duplicate_keys, text: str, display: str) -> tuple[list[Record], list[Problem]]:
    problems = [
        Problem(display, line, f"duplicate key '{key}' (first given on line {first})")
        for line, key, first in duplicate_keys
    ]
    if data is None:
        return [], problems
    if not isinstance(data, list):
        problems.append(Problem(display, 1, "expected a list of records (each starting with '- ')"))
        return [], problems
    records = []
    for index, item in enumerate(data):
        if isinstance(item, Record):
            records.append(item)
        else:
            # A scalar item has no mark of its own; find it from its neighbours.
            line = _line_of_item(text, index)
            problems.append(Problem(display, line, f"expected a record (key: value lines), got {item!r}"))
    return records, problems


def _line_of_item(text: str, index: int) -> int:
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("- ") or line.rstrip() == "-":
            seen += 1
            if seen == index:
                return number
    return 1
