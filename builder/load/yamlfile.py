"""Read a YAML data file into plain records that remember their line numbers.

PyYAML's SafeLoader is kept, with two changes: mappings become `Record`s carrying the line of
the record and of each key, and dates stay text (the data model parses partial dates itself, and
PyYAML would otherwise turn `2002-10-07` into a `date` but leave `2002-10` a string).

Before anything is built from a file, its event stream is read once for its shape: nesting
deeper than any record needs, or aliases that expand to a flood of values (a "billion laughs"
file), are refused there, in linear time and memory, instead of exhausting either.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from builder.load.problems import Problem


class Record(dict):
    """A mapping from the file, with `line` and `key_lines`."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    """Pure Python: its syntax error messages are the clearer ones, so problems are reported with it."""

    duplicate_keys: list  # (line, key, first line), set by _parse


# libyaml's parser, when PyYAML has it, reads the data files several times faster.
_FastLineLoader: Any = type("_FastLineLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})

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
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be a name, not a {'list' if isinstance(key, list) else 'mapping'}",
                key_node.start_mark)
        line = key_node.start_mark.line + 1
        if key in record.key_lines:
            loader.duplicate_keys.append((line, key, record.key_lines[key]))
        record[key] = loader.construct_object(value_node, deep=True)
        record.key_lines[key] = line
    return record


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_record)

MAX_DEPTH = 20  # a record with roles is four levels deep
MAX_ALIAS_VALUES = 10_000  # values that aliases may add; merge keys for shared defaults add a few


def _shape_problem(text: str, display: str) -> Problem | None:
    """Too deep, or aliases that multiply: found from the events, before anything is built."""
    sizes: dict[str, int] = {}  # anchor -> number of values its node expands to
    open_nodes: list[list] = []  # [anchor, values so far] of each collection being read
    added = 0
    try:
        for event in yaml.parse(text, Loader=_FastLineLoader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_nodes.append([event.anchor, 1])
                if len(open_nodes) > MAX_DEPTH:
                    return Problem(display, line, f"nested more than {MAX_DEPTH} levels deep; "
                                                  f"records need only a few")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, size = open_nodes.pop()
                if anchor:
                    sizes[anchor] = size
                if open_nodes:
                    open_nodes[-1][1] += size
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                size = 1
                if isinstance(event, yaml.AliasEvent):
                    size = sizes.get(event.anchor or "", 1)
                    added += size
                    if added > MAX_ALIAS_VALUES:
                        return Problem(display, line, f"YAML aliases (*{event.anchor}) expand to more than "
                                                      f"{MAX_ALIAS_VALUES:,} values; write the values out")
                elif event.anchor:
                    sizes[event.anchor] = 1
                if open_nodes:
                    open_nodes[-1][1] += size
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # libyaml's own limit, far above ours
            mark = getattr(error, "problem_mark", None)
            return Problem(display, mark.line + 1 if mark else 1,
                           f"nested more than {MAX_DEPTH} levels deep; records need only a few")
        return None  # a syntax error: reported with the full parser's wording below
    return None


def _tag_message(error: yaml.MarkedYAMLError) -> str | None:
    match = re.search(r"constructor for the tag '([^']*)'", str(error.problem or ""))
    if not match:
        return None
    tag = match[1].replace("tag:yaml.org,2002:", "!!")
    return (f"YAML tag '{tag}' is not allowed: data files hold only text, numbers, lists and "
            f"key: value records")


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A file's text: UTF-8 (a byte-order mark is dropped), line ends as "\\n" whatever they were."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(display, line, f"not UTF-8 text ({error.reason} at byte {error.start}); "
                                             f"save the file as UTF-8")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_records(path: Path, display: str) -> tuple[list[Record], list[Problem]]:
    """All records of one file, and every problem with its shape, named as `display`."""
    text, problems = read_text(path, display)
    if text is None:
        return [], problems
    if not text.strip():
        return [], [Problem(display, 1, "the file is empty; it should hold a list of records "
                                        "(each starting with '- '), or be removed")]
    data, duplicate_keys, problems = parse(text, display)
    if problems:
        return [], problems
    return _records(data, duplicate_keys, text, display)


def parse(text: str, display: str, first_line: int = 1) -> tuple[object, list, list[Problem]]:
    """The YAML document in `text` (mappings as Records), its duplicate keys, or its problems.

    `first_line` is the file line that the text starts on (front matter starts on line 2).
    """
    offset = first_line - 1
    shape = _shape_problem(text, display)
    if shape is not None:
        return None, [], [Problem(shape.file, shape.line + offset, shape.message)]
    try:
        data, duplicate_keys = _parse(_FastLineLoader, text)
    except yaml.YAMLError:
        pass  # read again below with the pure Python parser, for the clearer message
    else:
        return _shift(data, duplicate_keys, offset) + ([],)
    try:
        data, duplicate_keys = _parse(_LineLoader, text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        if isinstance(error, yaml.constructor.ConstructorError):
            what = _tag_message(error) or error.problem or "cannot be read"
            return None, [], [Problem(display, line, what)]
        what = error.problem or error.context or "cannot be read"
        return None, [], [Problem(display, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [], [Problem(display, 1 + offset, f"YAML error: {error}")]
    except RecursionError:  # deeper than libyaml itself reads (its limit is 1,000 levels)
        return None, [], [Problem(display, 1 + offset, f"nested more than {MAX_DEPTH} levels deep; "
                                                       f"records need only a few")]
    return _shift(data, duplicate_keys, offset) + ([],)


def _shift(data, duplicate_keys, offset: int):
    if offset:
        for record in _all_records(data):
            record.line += offset
            record.key_lines = {k: v + offset for k, v in record.key_lines.items()}
        duplicate_keys = [(line + offset, key, first + offset) for line, key, first in duplicate_keys]
    return data, duplicate_keys


def _all_records(value):
    if isinstance(value, Record):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _all_records(item)


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
