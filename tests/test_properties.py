"""Property tests (hypothesis): arbitrary input never crashes the pure parts, and never drops text.

Three parts are covered: the partial-date parser (builder.dates), the annotation syntax of the
articles (builder.annotations, rendered as the site renders it, and the text pass
builder.load.articles.check_text), and the importer's draft (builder.importer).

The generated texts use a restricted alphabet (letters, digits, spaces and .,;:()'" plus the
annotation constructs), so that Markdown itself consumes nothing and "every word survives" is an
exact property that can fail. The runs are derandomized and keep no example database, so CI sees
the same examples every time.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

import markdown
from bs4 import BeautifulSoup
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from builder import importer
from builder.core.dates import DateError, PartialDate, Precision
from builder.load.articles import check_text
from builder.load.loader import load
from builder.markdown.annotations import ANNOTATION, DIRECTIVE, ArticleExtension

from conftest import MINI_DATA

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"


def words(text: str) -> Counter:
    return Counter(re.findall(r"[A-Za-z0-9]+", text))


# ============================================================================ dates

def _date_like(year: int, month: int | None, day: int, pad: str) -> str:
    day = day if month is not None else None
    text = f"{year:04d}" + (f"-{month:02d}" if month is not None else "") + (f"-{day:02d}" if day is not None else "")
    return pad + text + pad


# Near misses and hits: every year 0000-9999, months 00-13, days 00-32, padded with whitespace.
date_parts = st.tuples(st.integers(0, 9999), st.none() | st.integers(0, 13), st.integers(0, 32),
                       st.sampled_from(["", " ", "\n", "\t "]))
date_texts = date_parts.map(lambda p: _date_like(*p))
any_value = st.one_of(
    date_texts,
    st.text(),
    st.text(alphabet=DIGITS + "-٠١٢٣٤٥٦٧٨٩０１２²", max_size=12),   # other scripts' digits too
    st.integers(), st.just(10 ** 5000), st.floats(), st.decimals(), st.none(), st.booleans(),
    st.dates(), st.datetimes(), st.binary(), st.lists(st.integers(0, 9999), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@FAST
@given(date_parts)
def test_a_date_parses_exactly_when_its_days_exist(parts):
    year, month, day, _pad = parts
    day = day if month is not None else None
    try:
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
        exists = True
    except ValueError:
        exists = False
    try:
        date = PartialDate.parse(_date_like(*parts))
    except DateError:
        assert not exists
    else:
        assert exists and (date.year, date.month, date.day) == (year, month, day)


def _truncated(day: dt.date, precision: Precision) -> str:
    return day.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7, Precision.DAY: 10}[precision]]


@FAST
@given(any_value)
@example("0000")          # was a date, whose first_day raised ValueError (there is no year 0)
@example(10 ** 5000)      # str() raised ValueError (too many digits to write out)
@example("٢٠٠٢")          # Arabic-Indic digits were read as the year 2002
def test_any_value_parses_or_raises_date_error(value):
    try:
        date = PartialDate.parse(value)
    except DateError as error:
        assert str(error)  # a message for the reader, never empty
        return
    # A date parses only from its own ISO text (surrounding whitespace aside), and round-trips.
    assert date.iso() == str(value).strip()
    assert PartialDate.parse(date.iso()) == date
    assert date.first_day <= date.last_day
    assert str(date.first_day.year) in date.display()
    assert date.sort_key() == (date.first_day, int(date.precision))


@FAST
@given(st.dates(), st.sampled_from(list(Precision)))
def test_a_date_spans_exactly_the_days_written_at_its_precision(day, precision):
    date = PartialDate(day.year, day.month if precision >= Precision.MONTH else None,
                       day.day if precision is Precision.DAY else None)
    assert PartialDate.parse(date.iso()) == date
    assert PartialDate.parse(date.iso()).precision is precision
    assert _truncated(date.first_day, precision) == _truncated(date.last_day, precision) == date.iso()
    assert date.first_day <= day <= date.last_day
    # The span is maximal: the day before and the day after are outside it.
    if date.first_day > dt.date.min:
        assert _truncated(date.first_day - dt.timedelta(days=1), precision) != date.iso()
    if date.last_day < dt.date.max:
        assert _truncated(date.last_day + dt.timedelta(days=1), precision) != date.iso()
    assert date.display()


# ============================================================================ annotations
#
# A generated text is a list of pieces, each a (markdown, visible) pair: what is written, and the
# author's words that must appear in the rendered page. Annotation syntax is replaced by its
# visible words between spaces, since the rendered annotation is an element of its own.

plain_word = st.text(LETTERS + DIGITS, min_size=1, max_size=7)
letter_word = st.text(LETTERS, min_size=1, max_size=7)
punctuation = st.sampled_from(list(".,;:()'\""))
separator = st.sampled_from([" ", " ", " ", "", ", ", ". ", "; ", ": ", " (", ") ", ' "', '" ', " '", "' "])
entity_id = st.from_regex(r"[a-z0-9]{1,5}(-[a-z0-9]{1,4})?", fullmatch=True)
kind = st.sampled_from(["org", "country", "person"])


@st.composite
def phrase(draw, max_words=5) -> str:
    """Words and punctuation, always starting with a word."""
    out = draw(plain_word)
    for _ in range(draw(st.integers(0, max_words - 1))):
        out += draw(separator) + draw(plain_word)
    return out + draw(st.sampled_from(["", "", ".", ",", ")", "'"]))


def _entity(kind_, ident, label):
    if label is None:
        return f"[[{kind_}:{ident}]]", " "
    return f"[[{kind_}:{ident}|{label}]]", f" {label} "


entity = st.builds(_entity, kind, entity_id, st.none() | phrase())


@st.composite
def editorial_note(draw):
    parts = draw(st.lists(st.one_of(phrase().map(lambda p: (p, p)), entity), min_size=0, max_size=3))
    seps = [draw(separator) for _ in parts]
    md = "".join(s + m for s, (m, _) in zip(seps, parts))
    visible = "".join(s + v for s, (_, v) in zip(seps, parts))
    return f"{{{{ed: {md}}}}}", f" {visible} "


directive = st.one_of(
    st.integers(1, 999).map(lambda n: (f"{{{{page:{n}}}}}", " ")),
    st.integers(1, 999).map(lambda n: (f"{{{{page:{n} inferred}}}}", " ")),
    st.just(("{{lacuna}}", " ")),
    phrase().map(lambda p: (f"{{{{lacuna: {p}}}}}", f" {p} ")),
    st.just(("{{sic}}", " ")),
    editorial_note(),
)


class Notes:
    """Footnote labels handed out while a text is drawn; each gets one definition at the end."""

    def __init__(self, draw):
        self.draw = draw
        self.labels: list[str] = []

    def marker(self) -> tuple[str, str]:
        if self.labels and self.draw(st.booleans()):
            label = self.draw(st.sampled_from(self.labels))       # a second reference to a note
        else:
            label = self.draw(st.from_regex(r"[0-9]{1,3}|[a-z][a-z0-9]{0,3}", fullmatch=True))
            assume(label not in self.labels)
            self.labels.append(label)
        return f"[^{label}]", " "


@st.composite
def inline(draw, notes: Notes, max_pieces=6):
    """A run of text for one line: it starts with a letter word or an annotation, so that no block
    syntax of Markdown's (`1. `, a list) can begin."""
    md, visible = draw(st.one_of(letter_word.map(lambda w: (w, w)), entity, directive))
    for _ in range(draw(st.integers(0, max_pieces))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            m = v = draw(phrase())
        elif choice == 1:
            m, v = draw(entity)
        elif choice == 2:
            m, v = draw(directive)
        elif choice == 3:
            m, v = notes.marker()                  # glued to the word before, as printed
            md, visible = md + m, visible + v
            continue
        else:
            m = v = draw(punctuation)
        sep = draw(separator)
        md, visible = md + sep + m, visible + sep + v
    return md, visible


@st.composite
def block(draw, notes: Notes):
    shape = draw(st.sampled_from(["p", "p", "p", "lines", "h", "quote", "list", "table", "byline"]))
    if shape == "table":
        columns = draw(st.integers(1, 3))
        rows = [[draw(inline(notes, 2)) for _ in range(columns)] for _ in range(draw(st.integers(2, 3)))]
        lines = ["| " + " | ".join(m for m, _ in row) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * columns)
        return "\n".join(lines), " ".join(v for row in rows for _, v in row)
    count = {"lines": 3, "list": 3}.get(shape, 1)
    runs = [draw(inline(notes)) for _ in range(draw(st.integers(1, count)))]
    prefix = {"h": "## ", "quote": "> ", "list": "- "}.get(shape, "")
    md = "\n".join(prefix + m for m, _ in runs) + ("\n{: .byline}" if shape == "byline" else "")
    return md, " ".join(v for _, v in runs)


@st.composite
def article_text(draw):
    """Blocks, then one definition per footnote label (a definition may hold a list or a quote)."""
    notes = Notes(draw)
    blocks = [draw(block(notes)) for _ in range(draw(st.integers(1, 4)))]
    for label in notes.labels:
        md, visible = draw(inline(notes_without_markers(draw), 4))
        extra = draw(st.sampled_from(["", "list", "quote"]))
        if extra:
            more = [draw(inline(notes_without_markers(draw), 2)) for _ in range(2)]
            prefix = "- " if extra == "list" else "> "
            md += "\n\n" + "\n".join("    " + prefix + m for m, _ in more)
            visible += " " + " ".join(v for _, v in more)
        blocks.append((f"[^{label}]: {md}", visible))
    return "\n\n".join(m for m, _ in blocks) + "\n", " ".join(v for _, v in blocks)


def notes_without_markers(draw) -> Notes:
    """Inside a definition, no new footnotes (a marker there would need its own definition)."""
    notes = Notes(draw)
    notes.marker = lambda: ("", "")
    return notes


def render(text: str, article: str = "x") -> tuple[BeautifulSoup, ArticleExtension]:
    # As builder/mkdocs/plugin.py configures it; `link` as on a page two folders deep.
    ext = ArticleExtension(link=lambda url: "../../" + url, label=lambda kind_, ident: ident.upper())
    ext.article = article
    html = markdown.Markdown(extensions=["footnotes", "attr_list", "tables", ext]).convert(text)
    return BeautifulSoup(html, "html.parser"), ext


@FAST
@given(article_text(), st.sampled_from(["x", ""]))
# Both crashed the paragraph numbers: a named note, and a list inside a note (its items have no id).
@example(("A[^a] b\n\n[^a]: A [[org:x]]\n", "A  b A  "), "x")
@example(("A[^1] b\n\n[^1]: A\n\n    - B\n    - C [[org:x]]\n", "A  b A B C  "), "x")
def test_rendering_keeps_every_word_and_leaves_no_annotation_syntax(generated, article):
    text, visible = generated
    page, _ = render(text, article)
    shown = page.get_text(" ")
    missing = words(visible) - words(shown)
    assert not missing, (missing, text, shown)
    for syntax in ("[[", "]]", "{{", "}}", "[^", "\ue000"):
        assert syntax not in shown, (syntax, text, shown)


@FAST
@given(article_text())
def test_the_text_pass_accepts_every_well_formed_text(generated):
    text, _ = generated
    assert check_text(text, "x.md", None) == [], text


def test_a_marker_followed_by_a_colon_is_still_a_marker():
    """Mid-line, "said[^1]: no" is a marker to Markdown; only at a line's start is it a definition."""
    text = "As he said[^1]: no.\n\n[^1]: A note.\n"
    assert render(text)[0].select_one("sup a.footnote-ref") is not None   # Markdown: a marker
    assert check_text(text, "x.md", None) == []


@functools.cache
def _mini_data():
    return load(MINI_DATA)[0]


# Fragments of the syntax, shuffled: whole and half-open annotations, stray markers, blocks in notes.
annotation_soup = st.lists(st.sampled_from(
    list("[]{}|^:- \n\tab1*`") + [
        "[[", "]]", "{{", "}}", "[[org:a|", "[[country:kgz", "[[person:x-1]]", "[[state:a]]", "[[org:",
        "{{page:", "{{page:5}}", "{{page:5 inferred}}", "{{lacuna", "{{lacuna: ", "{{ed: ", "{{sic}}",
        "[^", "[^1]", "[^a]", "]:", "\n\n", "    ", "> ", "- ", "| ", "|---|", "{: .byline}", "## "]),
    max_size=30).map("".join)


@FAST
@given(st.one_of(st.text(), annotation_soup), st.sampled_from(["x", ""]), st.booleans())
def test_arbitrary_text_never_crashes_the_renderer_or_the_text_pass(text, article, with_data):
    render(text, article)
    problems = check_text(text, "x.md", _mini_data() if with_data else None)
    assert all(p.file == "x.md" and 1 <= p.line <= text.count("\n") + 1 for p in problems)


def test_the_text_pass_counts_lines_as_editors_do():
    """Only "\\n" ends a line (str.splitlines() would also break at \\f, \\u2028 and others)."""
    problems = check_text("One\u2028two\fthree.\n[[org:x\n", "x.md", None)
    assert [p.line for p in problems] == [2]


@FAST
@given(st.one_of(st.text(), annotation_soup))
def test_what_the_regexes_match_the_extension_renders(text):
    """ANNOTATION and DIRECTIVE are what the text pass checks: each match, alone, renders as one."""
    for m in ANNOTATION.finditer(text):
        assert "\n" not in m[0]   # the pipes are protected, and the problems reported, line by line
        links = render(m[0])[0].select("a.entity")
        assert [a["data-entity"] for a in links] == [f"{m['kind']}:{m['id']}"], m[0]
    classes = {"page": "page-start", "lacuna": "lacuna", "ed": "editorial", "sic": "sic"}
    for m in DIRECTIVE.finditer(text):
        assume("\n" not in m[0])   # (a directive may go on over a soft line break; not drawn here)
        paragraph = render(m[0], article="")[0].p
        assert paragraph is not None and len(paragraph.contents) == 1, m[0]
        assert classes[m["name"]] in paragraph.contents[0]["class"], m[0]


# ============================================================================ importer
#
# The importer removes, by design (its docstrings): running heads given to it, page numbers
# standing alone between blank lines, the spaces of letter-spaced text, line-end hyphens of words
# it rejoins, and the space before a marker after a quote. None of these loses a letter or a digit
# of the prose, so the comparison is on letters and digits, not on space-separated words: every
# letter and digit of the span, running heads and page numbers aside, is in the draft, and the
# draft adds none of its own beyond its markup (front matter, comments, directives, annotations).

HEADS = ["Security in Eurasia", "CHAPTER ONE"]
ALIASES = [("CSTO", "org", "csto"), ("Kyrgyz Republic", "country", "kgz"), ("Russia", "country", "rus")]

source_word = st.one_of(
    st.text(LETTERS, min_size=1, max_size=8),
    st.text(DIGITS, min_size=1, max_size=4),
    st.sampled_from(["CSTO", "Russia", "Kyrgyz Republic", "negotiation", "security", "co-operation",
                     "http://www.x.org/a/", "www.y.ru/id=", "1998", "2004", "Su-25", "e.g.", "201st"]),
    # Printed note markers: glued to a word or a year, or after a closing quote.
    st.builds(lambda w, n: w + n, st.text(LETTERS, min_size=1, max_size=6) | st.just("1998"),
              st.integers(1, 9).map(str)),
    st.integers(1, 9).map(lambda n: f"States” {n}."),
    st.text(LETTERS, min_size=5, max_size=9).map(" ".join),             # letter-spaced
)
source_sep = st.sampled_from([" ", " ", " ", "  ", ", ", ". ", "; ", ": ", " (", ") ", " “", "” ", ' "', '" ',
                              " – "])
# Words broken at a line end: joined when the span spells them closed, kept as compounds otherwise.
BROKEN = [("ne", "gotiation"), ("secu", "rity"), ("co", "operation"), ("post", "Cold"), ("Alma", "Ata"),
          ("abc", "def")]


@st.composite
def prose_line(draw) -> str:
    line = draw(source_word)
    for _ in range(draw(st.integers(0, 7))):
        line += draw(source_sep) + draw(source_word)
    return line + draw(st.sampled_from(["", "", " ", ".", "-", "”", ".”", ":"]))


@st.composite
def source_span(draw) -> tuple[list[str], int]:
    """(lines, first_note): prose, page bottoms with note bodies, page furniture and page starts."""
    first_note = note = draw(st.integers(1, 5))
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        part = draw(st.sampled_from(["prose", "prose", "blank", "notes", "page", "head", "start", "broken"]))
        if part == "prose":
            lines += draw(st.lists(prose_line(), min_size=1, max_size=4))
        elif part == "blank":
            lines.append(draw(st.sampled_from(["", " ", "  "])))
        elif part == "notes":       # after a blank line: bodies numbered on from the last one
            lines.append("")
            for _ in range(draw(st.integers(1, 3))):
                number = note + draw(st.sampled_from([0, 0, 0, 1, -1]))
                lines.append(f"{number}{draw(st.sampled_from(['', ' ']))}{draw(prose_line())}")
                lines += draw(st.lists(prose_line() | st.sampled_from(["index.htm", "71"]), max_size=2))
                note = max(note, number + 1)
        elif part == "page":        # a page number alone, maybe with the running head
            lines += ["", str(draw(st.integers(1, 400))), ""] + draw(st.sampled_from([[], [HEADS[0], ""]]))
        elif part == "head":
            lines.append(draw(st.sampled_from(HEADS)))
        elif part == "start":       # a page start: a leading space, or pdftotext's form feed
            lines.append(draw(st.sampled_from([" ", "\f", "\f "])) + draw(prose_line()))
        else:
            head, tail = draw(st.sampled_from(BROKEN))
            lines += [draw(prose_line()) + " " + head + "-", tail + draw(source_sep) + draw(prose_line())]
    return lines, first_note


def _removed_by_design(lines: list[str], index: int, heads: list[str]) -> bool:
    """A running head, or a page number alone between blank lines (`remove_running_heads`)."""
    text = lines[index].strip()
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    number = text.isascii() and text.isdigit() and len(text) <= 4
    return " ".join(text.split()) in heads or (number and not before and not after)


def _draft_text(draft: str) -> str:
    """The draft's body with the importer's own markup taken out, the author's text left."""
    body = draft.split("\n---\n", 1)[1]
    body = re.sub(r"<!-- check[^\n]*? -->", " ", body)
    body = re.sub(r"^\[\^\d+\]: \{\{lacuna: the text of this note is missing from the source\.\}\}$", " ",
                  body, flags=re.MULTILINE)
    body = re.sub(r"\{\{page:\d+( inferred)?\}\}", " ", body)
    body = re.sub(r"\[\[[a-z]+:[a-z0-9-]+\|(.*?)\]\]", r"\1", body)
    return re.sub(r"\[\^(\d+)\]:?", r" \1 ", body)


def letters_and_digits(text: str) -> Counter:
    return Counter(c for c in text if c.isalnum())


draft_options = st.fixed_dictionaries({
    "first_page": st.none() | st.integers(1, 300),
    "running_heads": st.sampled_from([[], HEADS]), "aliases": st.sampled_from([[], ALIASES]),
})


@FAST
@given(source_span(), draft_options)
@example((["\fA"], 1), {"first_page": None, "running_heads": [], "aliases": []})  # the line was dropped
def test_the_draft_keeps_every_letter_and_digit_of_the_span(span, options):
    lines, first_note = span
    draft = importer.draft_article(lines, source_file="s.txt", first_line=1, first_note=first_note, **options)
    kept = [line for i, line in enumerate(lines) if not _removed_by_design(lines, i, options["running_heads"])]
    expected = letters_and_digits("\n".join(kept))
    assert letters_and_digits(_draft_text(draft)) == expected, (lines, draft)
    assert f'lines: "1-{len(lines)}"' in draft


# Any text, and short lines of what the importer reads specially: sentinels, digits of all kinds.
raw_line = st.one_of(st.text(max_size=40), st.text(alphabet=" \f\x1e\t²١1a-.”", max_size=8))


@FAST
@given(st.lists(raw_line, max_size=12), st.integers(1, 5), draft_options, st.text(max_size=20))
@example(["", "²", ""], 1, {"first_page": 3, "running_heads": [], "aliases": []}, "")  # int("²") raised
def test_arbitrary_lines_never_crash_the_importer(lines, first_note, options, title):
    options = {**options, "first_note": first_note}
    draft = importer.draft_article(lines, source_file="s.txt", first_line=7, title=title, **options)
    assert draft.startswith("---\n") and draft.endswith("\n")
    # Each step alone, on the raw lines (the sentinels they exchange may come from the input).
    corpus = "\n".join(lines)
    heads = importer.remove_running_heads(lines, options["running_heads"])
    notes = importer.extract_footnotes(heads, options["first_note"], corpus)
    paragraphs = importer.join_paragraphs(notes.prose, corpus, options["first_page"])
    importer.unglue_markers("\n\n".join(paragraphs), options["first_note"])
    importer.propose_annotations(corpus, ALIASES)
    for line in lines:
        collapsed = importer.collapse_letter_spacing(line)
        assert "".join(collapsed.split()) == "".join(line.split())   # only spaces go


@FAST
@given(st.text(LETTERS + "’'-", min_size=2, max_size=10).map(lambda w: w + "-"),
       st.text(LETTERS + DIGITS + ".,’'", min_size=1, max_size=10), st.text(LETTERS + " -\n", max_size=40))
def test_dehyphenate_only_ever_drops_the_hyphen(left, right, corpus):
    word, _doubtful = importer.dehyphenate(left, right, corpus)
    assert word in (left + right, left[:-1] + right)
