"""Draft an article from a span of an extracted source text (`python -m builder import`).

The extraction damage this undoes is catalogued in ../shared/sources/NOTES.md §3. Each concern is
one small pure function, so that each can be tested on real excerpts; `draft_article` chains them.
The result is a DRAFT: the curator still checks headings, lists, tables and every proposal.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Sentinels left in the line stream where material was removed (see `remove_running_heads` and
# `extract_footnotes`): the paragraph joiner must know a page boundary was there.
NOTES_GAP = "\x1e"      # a footnote block was here (a page bottom)
PAGE = "\f"             # a running head was here; a page starts at the next line ("\f58": printed)

_FINAL = re.compile(r"[.!?…][”’\"')\]]*$")
_LEADING_NUMBER = re.compile(r"^(\d+)(?!\d)\s*(.*)$")
_URL_TOKEN = re.compile(r"\S*(?:https?://|htpp://|www\.)\S*", re.IGNORECASE)
_WORD = r"[\w’']*"
_KNOWN_PREFIXES = {
    "post", "pre", "co", "anti", "non", "re", "self", "ex", "neo", "pro", "semi", "quasi", "multi",
    "counter", "pan", "sub", "euro", "secretary", "vice", "trans", "inter-state",
}
_GENERIC_ALIAS = re.compile(r"^the [A-Z][a-z]+$")   # "the Union", "the Alliance": too ambiguous


# ----------------------------------------------------------------------------- letter spacing

_SPACED_RUN = re.compile(r"(?<!\S)(?:\S ){4,}\S(?!\S)")


def collapse_letter_spacing(line: str) -> str:
    """`B o r d u z h a` → `Borduzha`: letter-spaced text (fns 117, 133) hides words and numbers.

    A line that is mostly single characters is collapsed chunk by chunk (two or more spaces separate
    its words); elsewhere only runs of five or more single characters are collapsed, so ordinary
    prose like "a 5 % rise" is left alone.
    """
    tokens = line.split()
    singles = sum(1 for token in tokens if len(token) == 1)
    if len(tokens) >= 8 and singles >= 0.5 * len(tokens):
        lead = line[: len(line) - len(line.lstrip(" "))]
        chunks = re.split(r" {2,}", line.strip())
        return lead + " ".join(chunk.replace(" ", "") for chunk in chunks)
    return _SPACED_RUN.sub(lambda m: m.group(0).replace(" ", ""), line)


# ----------------------------------------------------------------------------- running heads

def remove_running_heads(lines: list[str], running_heads: Sequence[str] = ()) -> list[str]:
    """Drop page numbers standing alone between blank lines, and the repeated book title.

    They are page furniture (NOTES §3.2), but a page starts right after them, so a PAGE sentinel
    stays in their place (carrying the printed number, which anchors the page count).
    """
    heads = {" ".join(head.split()) for head in running_heads}
    out: list[str] = []
    for index, line in enumerate(lines):
        text = line.strip()
        before = lines[index - 1].strip() if index > 0 else ""
        after = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if text.isascii() and text.isdigit() and len(text) <= 4 and not before and not after:
            out.append(PAGE + text)
        elif text and " ".join(text.split()) in heads:
            out.append(PAGE)
        else:
            out.append(line)
    return out


# ----------------------------------------------------------------------------- footnotes

@dataclass
class Footnotes:
    prose: list[str]
    bodies: dict[int, str] = field(default_factory=dict)
    next_note: int = 1


def _join_note_line(body: str, line: str, corpus: str) -> str:
    """Continuation lines of a note: URLs broken at `.`/`/`/`=` are rejoined without a space."""
    line = line.strip()
    if not body:
        return line
    last = body.split()[-1]
    if _URL_TOKEN.fullmatch(last) and re.search(r"[./=&?_-]$|\d$", last) and not body.endswith(" "):
        return body + line
    joined, _ = _join_words(body, line, corpus)
    return joined


def extract_footnotes(lines: list[str], first_note: int = 1, corpus: str = "") -> Footnotes:
    """Lift footnote bodies out of the prose (they sit at each page bottom, often mid-sentence).

    A body starts, after a blank line or another body, with exactly the next expected note number
    (`21 Ibid.`, `42For example`); any other leading number (`2004 – 2009.`, `1999 Turkey`) is prose
    (NOTES §3.4). A body runs until a blank line, a line starting with a space (the next page) or the
    next note. Its lines are replaced by one NOTES_GAP so the joiner knows a page bottom was there.
    """
    prose: list[str] = []
    bodies: dict[int, str] = {}
    expected = first_note
    current: int | None = None
    previous_blank = True
    for line in lines:
        match = _LEADING_NUMBER.match(line) if line and not line.startswith((" ", PAGE)) else None
        starts_note = (match is not None and int(match.group(1)) == expected
                       and (previous_blank or current is not None) and match.group(2) != "")
        if starts_note:
            current = expected
            bodies[current] = match.group(2).strip()  # type: ignore[union-attr]  # starts_note needs a match
            expected += 1
            if not prose or prose[-1] != NOTES_GAP:
                prose.append(NOTES_GAP)
        elif current is not None and line.strip() and not line.startswith((" ", PAGE)):
            bodies[current] = _join_note_line(bodies[current], line, corpus)
        else:
            current = None
            prose.append(line)
        previous_blank = not line.strip() or line == NOTES_GAP
    return Footnotes(prose, bodies, expected)


# ----------------------------------------------------------------------------- hyphenation

def dehyphenate(left: str, right: str, corpus: str) -> tuple[str, bool]:
    """Decide a line-end hyphen: `left` ends with "-", `right` is the next line's first word.

    Most line-end hyphens in these books are real compounds (post-Cold War, co-operation), so the
    hyphen is kept unless the span itself spells the word without it. Returns the word and whether
    the choice is a guess the curator should check.
    """
    stem = left[:-1]
    first = re.match(r"[\w’']*", right).group(0)  # type: ignore[union-attr]  # matches the empty string
    head = re.search(r"[\w’']*$", stem).group(0)  # type: ignore[union-attr]  # matches the empty string
    part = head
    hyphenated = f"{head}-{first}"
    closed = f"{head}{first}"
    if first and re.search(rf"(?<![\w-]){re.escape(hyphenated)}(?!\w)", corpus, re.IGNORECASE):
        return f"{stem}-{right}", False
    if first and re.search(rf"(?<![\w-]){re.escape(closed)}(?!\w)", corpus, re.IGNORECASE):
        return f"{stem}{right}", False
    if part.lower() in _KNOWN_PREFIXES or (part[:1].isupper() and first[:1].isupper()):
        return f"{stem}-{right}", False
    return f"{stem}-{right}", True


def _join_words(before: str, after: str, corpus: str) -> tuple[str, str | None]:
    """Join two text pieces with one space, or across a line-end hyphen; return a doubt if any."""
    before, after = before.rstrip(), after.strip()
    if re.search(r"\w-$", before) and after[:1].isalpha():
        head, _, last = before.rpartition(" ")
        word, doubtful = dehyphenate(last, after, corpus)
        joined = f"{head} {word}" if head else word
        if doubtful:
            stem = re.search(_WORD + "$", last[:-1]).group(0)  # type: ignore[union-attr]  # matches the empty string
            return joined, stem + "-" + re.match(_WORD, after).group(0).rstrip("0123456789")  # type: ignore[union-attr]  # matches the empty string
        return joined, None
    return (f"{before} {after}" if before else after), None


# ----------------------------------------------------------------------------- paragraphs

def _is_page_start(line: str, previous_kind: str) -> bool:
    return line.startswith(" ") and previous_kind in ("text", "notes")


def join_paragraphs(lines: list[str], corpus: str = "", first_page: int | None = None) -> list[str]:
    """Rejoin printed lines into one line per paragraph.

    A blank line ends a paragraph unless the next line evidently continues the sentence: it starts
    lower-case, or a page bottom (footnotes, running head) intervened and the previous line has no
    sentence-final punctuation. (A plain blank after an unpunctuated line is usually a heading.)
    A line starting with a space right after a text line opens a printed page (NOTES §3.2); with
    `first_page` a `{{page:N inferred}}` marker is put there, counting from `first_page`.
    Doubtful hyphens get an HTML comment after their paragraph.
    """
    paragraphs: list[str] = []
    current = ""
    doubts: list[str] = []
    gap = removed = False
    page = first_page
    printed: int | None = None
    pending_page = False
    previous_kind = "blank"

    def close() -> None:
        nonlocal current, doubts
        if current:
            paragraphs.append(current)
            paragraphs.extend(f"<!-- check hyphen: {word} -->" for word in doubts)
        current, doubts = "", []

    for line in lines:
        if line == NOTES_GAP:
            gap = removed = True
            previous_kind = "notes"
            continue
        if line.startswith(PAGE):
            gap = removed = pending_page = True
            if line[1:].isascii() and line[1:].isdigit():   # not "²": int() refuses it
                printed = int(line[1:])
            previous_kind = "page"
            continue
        if not line.strip():
            gap = gap or bool(current)
            if previous_kind != "notes":
                previous_kind = "blank"
            continue
        page_start = pending_page or _is_page_start(line, previous_kind)
        text = " ".join(line.split())
        if current and gap:
            continues = text[:1].islower() or ((removed or page_start) and not _FINAL.search(current))
            if not continues:
                close()
        marker = ""
        if page_start and first_page is not None:
            page = printed if printed is not None else (page or 0) + 1  # page is first_page or later here
            marker = f"{{{{page:{page}}}}}" if printed is not None else f"{{{{page:{page} inferred}}}}"
        printed = None
        if marker:
            current = f"{current} {marker}" if current else marker
        if current and not marker:
            current, doubt = _join_words(current, text, corpus)
            if doubt:
                doubts.append(doubt)
        else:
            current = f"{current} {text}" if current else text
        gap = removed = pending_page = False
        previous_kind = "text"
    close()
    return paragraphs


# ----------------------------------------------------------------------------- markers

def unglue_markers(text: str, first_note: int = 1) -> tuple[str, list[int]]:
    """Turn printed note numbers into `[^N]`, only for the next expected number, in order.

    Markers are glued to words (`denominator2.`), to years (`in 199820.` = 1998 + note 20) or stand
    after a closing quote or bracket (`” 21.`). Only the next expected number is accepted, searched
    from the previous marker on, so ordinary numbers (2004, Su-25, 201st) are left alone.
    If the expected number is not found, up to _MAX_SKIP later numbers are tried (a span may start
    after its first notes' markers). Returns the text and the note numbers found.
    """
    found: list[int] = []
    position = 0
    expected = first_note
    protected = [m.span() for m in _URL_TOKEN.finditer(text)]
    while True:
        best = None
        for candidate in range(expected, expected + _MAX_SKIP + 1):
            best = _find_marker(text, candidate, position, protected)
            if best is not None:
                expected = candidate
                break
        if best is None:
            return text, found
        match, kind = best
        marker = f"[^{expected}]"
        if kind == "year":
            start, end = match.end(), match.end() + len(str(expected))
        else:
            start, end = match.start(), match.end()
        text = text[:start] + marker + text[end:]
        shift = len(marker) - (end - start)
        protected = [(a + shift if a >= end else a, b + shift if b >= end else b) for a, b in protected]
        position = start + len(marker)
        found.append(expected)
        expected += 1


_MAX_SKIP = 5   # a span may start after some markers whose notes it holds, or lack a marker


def _find_marker(text: str, number: int, position: int, protected: list[tuple[int, int]]):
    """The earliest plausible printed marker for `number` at or after `position`, with its kind."""
    s = re.escape(str(number))
    patterns = [
        (re.compile(rf"(?<=[^\W\d_]|[)\]’”\"'.,;]){s}(?![\w])"), ""),
        (re.compile(rf"(?<!\d)(?:1[5-9]|20)\d\d(?={s}(?!\w))"), "year"),
        (re.compile(rf"(?<=[”\")]) {s}(?=[.,;:)]|\s|$)"), ""),
    ]
    best = None
    for pattern, kind in patterns:
        for match in pattern.finditer(text, position):
            if any(a <= match.start() < b for a, b in protected):
                continue
            if text[:match.start()].endswith("{{page:"):
                continue
            if best is None or match.start() < best[0].start():
                best = (match, kind)
            break
    return best


# ----------------------------------------------------------------------------- annotations

def entity_aliases(data_dir: Path) -> list[tuple[str, str, str]]:
    """(surface, kind, id) for every name, short name and alias in site_data, minus ambiguous ones."""
    from builder.load.loader import load

    dataset, _problems = load(data_dir)
    seen: dict[str, tuple[str, str]] = {}
    clashes: set[str] = set()

    def add(surface: str | None, kind: str, ident: str) -> None:
        if not surface or _GENERIC_ALIAS.match(surface):
            return
        if surface in seen and seen[surface] != (kind, ident):
            clashes.add(surface)
        seen.setdefault(surface, (kind, ident))
        if surface.startswith("the ") and not _GENERIC_ALIAS.match(surface):
            add(surface[4:], kind, ident)    # "Russian Federation" as well as "the Russian Federation"

    for org in dataset.organizations.values():
        for surface in [org.id, org.name, org.short, *org.aliases]:
            add(surface, "org", org.id)
    for country in dataset.countries.values():
        for surface in [country.name, *country.aliases]:
            add(surface, "country", country.id)
    for person in dataset.people.values():
        for surface in [person.name, *person.aliases]:
            add(surface, "person", person.id)
    return [(surface, kind, ident) for surface, (kind, ident) in seen.items() if surface not in clashes]


_PROTECTED = re.compile(r"\[\[.*?\]\]|\[\^[^\]]*\]|\{\{.*?\}\}|<!--.*?-->|" + _URL_TOKEN.pattern,
                        re.IGNORECASE)


def propose_annotations(text: str, aliases: list[tuple[str, str, str]]) -> str:
    """Wrap whole-word mentions as `[[kind:id|as written]]`, longest alias first.

    Never inside an existing annotation, a footnote marker, a directive, a comment, a URL or a
    word ("Russian" is not "Russia"). Matching is case-sensitive: these are proposals to check.
    """
    if not aliases:
        return text
    by_surface = {surface: (kind, ident) for surface, kind, ident in aliases}
    ordered = sorted(by_surface, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in ordered) + r")(?!\w)")

    def wrap(segment: str) -> str:
        def one(match: re.Match) -> str:
            kind, ident = by_surface[match.group(0)]
            return f"[[{kind}:{ident}|{match.group(0)}]]"
        return pattern.sub(one, segment)

    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(wrap(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(wrap(text[last:]))
    return "".join(out)


# ----------------------------------------------------------------------------- the draft

def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def draft_article(lines: list[str], *, source_file: str, first_line: int, title: str = "",
                  first_note: int = 1, first_page: int | None = None,
                  running_heads: Sequence[str] = (), aliases: Sequence[tuple[str, str, str]] = ()) -> str:
    """The whole draft (front matter + body) for `lines`, the span starting at `first_line`."""
    # A form feed starting a line (pdftotext's page separator) is whitespace, not the PAGE sentinel
    # that would drop the line; trailing ones, and a lone NOTES_GAP, go with rstrip().
    lines = [collapse_letter_spacing(line.rstrip().lstrip(PAGE)) for line in lines]
    corpus = "\n".join(lines)
    lines = remove_running_heads(lines, list(running_heads))
    notes = extract_footnotes(lines, first_note, corpus)
    paragraphs = join_paragraphs(notes.prose, corpus, first_page)
    body, markers = unglue_markers("\n\n".join(paragraphs), first_note)
    body = propose_annotations(body, list(aliases))

    definitions: list[str] = []
    for number in sorted(set(markers) | set(notes.bodies)):
        if number in notes.bodies:
            text = propose_annotations(" ".join(notes.bodies[number].split()), list(aliases))
            definitions.append(f"[^{number}]: {text}")
            if number not in markers:
                definitions.append(f"<!-- check: no marker for note {number} was found in the prose -->")
        else:
            definitions.append(f"[^{number}]: {{{{lacuna: the text of this note is missing from the source.}}}}")
            definitions.append(f"<!-- check: the body of note {number} is not in lines "
                               f"{first_line}-{first_line + len(lines) - 1} -->")

    last_line = first_line + len(lines) - 1
    front = "\n".join([
        "---",
        f"title: {_yaml_string(title)}",
        "authors: []",
        "kind: chapter",
        "part: null",
        "order: null",
        "pages: null",
        "pages_inferred: true",
        "publication: null",
        "source:",
        f"  file: {source_file}",
        f'  lines: "{first_line}-{last_line}"',
        "---",
    ])
    parts = [front, body] + (["\n".join(definitions)] if definitions else [])
    return "\n\n".join(part for part in parts if part) + "\n"


def parse_lines(spec: str, total: int) -> tuple[int, int]:
    """`A-B` (1-based, inclusive, as in NOTES.md) → (A, B); ValueError with a reason otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*", spec or "")
    if not match:
        raise ValueError(f"--lines must look like A-B, got {spec!r}")
    first, last = int(match.group(1)), int(match.group(2))
    if not 1 <= first <= last:
        raise ValueError(f"--lines {spec}: need 1 <= A <= B")
    if last > total:
        raise ValueError(f"--lines {spec}: the file has only {total} lines")
    return first, last
