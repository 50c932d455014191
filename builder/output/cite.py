"""How to cite a page: Chicago (author-date), APA and MLA, and BibTeX, RIS and CSL-JSON files.

A text of this site is cited on two layers, as scholarly editions are: the printed work (a chapter
of the volume, a journal article), and this online edition of it (a web page: the site, its
address and the version, the day its content last changed). The access date is the reader's: it
is never written here, and a reference manager fills it in when it saves the page. A page of the
data (an organization, the matrix) has one layer: a web page of the site, or a data set.

The three styles are written out here rather than run through citeproc-py: with the CSL styles it
ships, citeproc-py abbreviates given names where Chicago and MLA spell them out, leaves the period
outside the closing quotation mark, prints APA's "Retrieved" without a date and drops a range of
months. The rules below follow the style guides for the kinds of item this site has, and the tests
render every CSL-JSON file with citeproc-py and compare (tests/test_reference_managers.py).

A work's facts come only from what the source prints (see the article's front matter); what is
not printed is left out, never invented: no editors, no publisher, and "n.d." for the year. Pages
that the source does not number are inferred, and marked so in brackets, "[50]–[80]", the way a
bibliography marks what it supplies.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from builder.load.articles import Article

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


@dataclass(frozen=True)
class Name:
    """A person's name, or a group's (`literal`: one name, never split into given and family)."""

    family: str = ""
    given: str = ""
    literal: str = ""

    @classmethod
    def parse(cls, full: str) -> Name:
        parts = full.split()
        return cls(parts[-1], " ".join(parts[:-1]))

    @property
    def initials(self) -> str:
        return " ".join(f"{part[0]}." for part in self.given.replace(".", " ").split())

    @property
    def sort_form(self) -> str:
        """"Family, Given", as a list of references and a reference manager file it."""
        return self.literal or (f"{self.family}, {self.given}" if self.given else self.family)

    @property
    def short(self) -> str:
        return self.literal or self.family


@dataclass
class Work:
    """What a citation needs to know, whatever the style."""

    key: str
    kind: str  # chapter | journal-article | webpage | dataset
    title: str
    authors: list[Name] = field(default_factory=list)
    container: str | None = None  # the book, the journal or the site
    year: int | None = None  # as printed; None: "n.d."
    issue: str | None = None
    months: tuple[int, int] | None = None  # the months of a journal's issue: (1, 3) is January–March
    pages: tuple[str, str] | None = None  # first and last page, the same for one page
    pages_inferred: bool = False  # the source prints no number on those pages
    url: str | None = None
    modified: dt.date | None = None  # web page or data set: the version cited (its content's last change)
    data_as_of: dt.date | None = None  # the day its data speaks for (a page of the data)
    note: str | None = None  # what the source does not print, or what the item is an edition of
    by_site: bool = False  # the site is the author (a page of the data)

    @property
    def is_web(self) -> bool:
        return self.kind in ("webpage", "dataset")

    @property
    def marked_pages(self) -> tuple[str, str] | None:
        """First and last page as a citation gives them: "[50]" when the number is inferred."""
        if not self.pages:
            return None
        first, last = (f"[{p}]" if self.pages_inferred else p for p in self.pages)
        return first, last

    @property
    def one_page(self) -> bool:
        return self.pages is not None and self.pages[0] == self.pages[1]

    @property
    def page_range(self) -> str | None:
        """"50–80", or "[50]–[80]" when the pages are inferred; one page is "5" or "[5]"."""
        if not self.marked_pages:
            return None
        first, last = self.marked_pages
        return first if self.one_page else f"{first}–{last}"

    @property
    def month_range(self) -> str | None:
        if not self.months:
            return None
        first, last = self.months
        return _MONTHS[first - 1] if first == last else f"{_MONTHS[first - 1]}–{_MONTHS[last - 1]}"


def _pages(article: Article) -> tuple[str, str] | None:
    if not article.pages:
        return None
    first, _, last = article.pages.partition("–")
    return (first.strip(), (last or first).strip())


_MONTH_SPAN = re.compile(r"^(\d{4})-(\d{2})(?:/(\d{2}))?$")


def _months(publication: dict) -> tuple[int, int] | None:
    """The issue's months from its date, `2008-01/03` (January–March 2008) or `2008-01`."""
    match = _MONTH_SPAN.match(str(publication.get("date") or ""))
    if not match:
        return None
    return (int(match[2]), int(match[3] or match[2]))


def printed_work(article: Article, unprinted: str = "") -> Work:
    """The text as printed: a chapter of its volume, or a journal article. No URL: the printed work
    is not at this site's address (its online edition is, `edition_work`)."""
    pub = article.publication or {}
    # A text the source credits to no one (the volume's preface) is credited to its editors, as a
    # group: their names are not printed, and none is made up.
    authors = [Name.parse(a.name) for a in article.authors] or [Name(literal=article.byline)]
    if article.kind == "journal-article":
        issue = str(pub.get("issue") or "").removeprefix("No.").strip() or None
        journal = pub.get("journal") or pub.get("journal_identified")
        return Work(key=article.slug, kind="journal-article", title=article.title, authors=authors,
                    container=journal, year=pub.get("year"), issue=issue, months=_months(pub),
                    pages=_pages(article), pages_inferred=article.pages_inferred, note=unprinted or None)
    return Work(key=article.slug, kind="chapter", title=article.title, authors=authors,
                container=pub.get("container_title"), year=pub.get("year"), pages=_pages(article),
                pages_inferred=article.pages_inferred, note=unprinted or None)


def edition_work(printed: Work, site_name: str, url: str | None, modified: dt.date) -> Work:
    """This site's online edition of a printed text: a web page by the text's authors, its note
    naming the printed work it is the edition of."""
    return Work(key=f"{printed.key}-online", kind="webpage", title=printed.title, authors=printed.authors,
                container=site_name, url=url, modified=modified,
                note=f"Online edition of: {plain(chicago(printed))}")


def page_work(key: str, title: str, site_name: str, as_of: dt.date, url: str | None, modified: dt.date,
              kind: str = "webpage") -> Work:
    """A page of the site's data: by the site, in the site, its version the day it last changed."""
    return Work(key=key, kind=kind, title=title, authors=[Name(literal=site_name)], container=site_name,
                url=url, modified=modified, data_as_of=as_of, by_site=True)


def plain(markup: str) -> str:
    """A citation's HTML as plain text (for a note, a clipboard, a file)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def _italic(text: str | None) -> str:
    return f"<i>{_e(text)}</i>" if text else ""


def _quoted(title: str) -> str:
    """A quoted title closes with a period inside the quotes, unless it ends in ? or !."""
    closing = "" if title[-1:] in "?!." else "."
    return f"“{_e(title)}{closing}”"


def _sentence(text: str) -> str:
    return text if text[-1:] in ".?!" else text + "."


def _join_authors(names: list[Name], style: str) -> str:
    if style == "apa":
        parts = [_e(n.literal) if n.literal else f"{_e(n.family)}, {_e(n.initials)}" for n in names]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", &amp; " + parts[-1]
    first = _e(names[0].sort_form)
    rest = [_e(n.literal or f"{n.given} {n.family}") for n in names[1:]]
    return first if not rest else first + ", and " + ", and ".join(rest)


def _long_day(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _url(work: Work, end: str = ".") -> str:
    return f" {_e(work.url)}{end}" if work.url else ""


def _web_tail(work: Work) -> str:
    """Chicago's dates of a web page: the version, and the day its data speaks for."""
    assert work.modified is not None  # a web page is cited with the version it had
    tail = f" Last modified {_long_day(work.modified)}."
    if work.data_as_of:
        tail += f" Data as of {_long_day(work.data_as_of)}."
    return tail


def chicago(work: Work) -> str:
    """Chicago Manual of Style, 17th ed., author-date reference list entry (HTML)."""
    authors = _sentence(_join_authors(work.authors, "chicago"))
    if work.is_web:
        assert work.modified is not None
        return (f"{authors} {work.modified.year}. {_quoted(work.title)} {_italic(work.container)}."
                f"{_web_tail(work)}{_url(work)}")
    year = f"{work.year}." if work.year else "n.d."
    head = f"{authors} {year} {_quoted(work.title)}"
    if work.kind == "journal-article":
        issue = f", no. {_e(work.issue)}" if work.issue else ""
        months = f" ({_e(work.month_range)})" if work.month_range else ""
        pages = f": {_e(work.page_range)}" if work.page_range else ""
        return f"{head} {_italic(work.container)}{issue}{months}{pages}."
    pages = f", {_e(work.page_range)}" if work.page_range else ""
    return f"{head} In {_italic(work.container)}{pages}."


def apa(work: Work) -> str:
    """APA Publication Manual, 7th ed., reference list entry (HTML); titles as printed."""
    authors = _sentence(_join_authors(work.authors, "apa"))
    if work.is_web:
        day = work.modified
        assert day is not None
        described = " [Data set]" if work.kind == "dataset" else ""
        # A page whose author is the site does not name the site twice.
        site = "" if work.by_site else f" {_e(work.container)}."
        # The title's own ? or ! ends it; a description in brackets comes before the period.
        end = "" if work.title[-1:] in "?!." and not described else "."
        return (f"{authors} ({day.year}, {_MONTHS[day.month - 1]} {day.day}). "
                f"{_italic(work.title)}{described}{end}{site}{_url(work, '')}")
    year = f"({work.year})." if work.year else "(n.d.)."
    title = _sentence(_e(work.title))
    if work.kind == "journal-article":
        issue = f", ({_e(work.issue)})" if work.issue else ""
        pages = f", {_e(work.page_range)}" if work.page_range else ""
        return f"{authors} {year} {title} {_italic(work.container)}{issue}{pages}."
    pages = ""
    if work.page_range:
        pages = f" ({'p' if work.one_page else 'pp'}. {_e(work.page_range)})"
    return f"{authors} {year} {title} In {_italic(work.container)}{pages}."


def mla(work: Work) -> str:
    """MLA Handbook, 9th ed., works-cited entry (HTML)."""
    # A page whose author is the site begins with its title (MLA 5.46).
    authors = "" if work.by_site else _sentence(_join_authors(work.authors, "mla")) + " "
    if work.is_web:
        day = work.modified
        assert day is not None
        url = f", {_e(work.url)}." if work.url else "."
        return (f"{authors}{_quoted(work.title)} {_italic(work.container)}, "
                f"{day.day} {_MLA_MONTHS[day.month - 1]} {day.year}{url}")
    pages = ""
    if work.page_range:
        pages = f", {'p' if work.one_page else 'pp'}. {_e(work.page_range)}"
    if work.kind == "journal-article":
        issue = f", no. {_e(work.issue)}" if work.issue else ""
        when = ""
        if work.year:
            months = ""
            if work.months:
                first, last = work.months
                months = _MLA_MONTHS[first - 1] + ("" if first == last else "–" + _MLA_MONTHS[last - 1]) + " "
            when = f", {months}{work.year}"
        return f"{authors}{_quoted(work.title)} {_italic(work.container)}{issue}{when}{pages}."
    return f"{authors}{_quoted(work.title)} {_italic(work.container)}{pages}."


def short_form(work: Work) -> str:
    """The author and year of an in-text citation, "Author, n.d."; a paragraph adds ", ¶ 34"."""
    names = [n.short for n in work.authors]
    who = names[0] if len(names) == 1 else (" and ".join(names) if len(names) == 2 else f"{names[0]} et al.")
    year = work.modified.year if work.is_web and work.modified else work.year
    return f"{who}, {year or 'n.d.'}"


# --- Files: CSL-JSON, BibTeX, RIS --------------------------------------------------------------

_CSL_TYPES = {"chapter": "chapter", "journal-article": "article-journal", "webpage": "webpage", "dataset": "dataset"}


def csl_item(work: Work) -> dict[str, object]:
    """The work as a CSL-JSON item (what citeproc-js, citeproc-py, Zotero and pandoc read)."""
    item: dict[str, object] = {"id": work.key, "type": _CSL_TYPES[work.kind], "title": work.title}
    item["author"] = [{"literal": n.literal} if n.literal else {"family": n.family, "given": n.given}
                      for n in work.authors]
    if work.container:
        item["container-title"] = work.container
    if work.issue:
        item["issue"] = work.issue
    if work.page_range:
        item["page"] = work.page_range
    if work.is_web and work.modified:
        item["issued"] = {"date-parts": [[work.modified.year, work.modified.month, work.modified.day]]}
    elif work.year and work.months:
        first, last = work.months
        item["issued"] = {"date-parts": [[work.year, first]] + ([[work.year, last]] if last != first else [])}
    elif work.year:
        item["issued"] = {"date-parts": [[work.year]]}
    if work.url:
        item["URL"] = work.url
    note = _notes(work)
    if note:
        item["note"] = note
    return item


def _notes(work: Work) -> str:
    notes = [work.note] if work.note else []
    if work.pages_inferred and work.pages:
        notes.append("The source prints no numbers on these pages; they are inferred.")
    if work.data_as_of:
        notes.append(f"Data as of {work.data_as_of.isoformat()}.")
    return " ".join(notes)


def csl_json(work: Work) -> str:
    return json.dumps([csl_item(work)], ensure_ascii=False, indent=1) + "\n"


def paragraph_citations(work: Work, url: str | None, paragraphs: list[int], notes: list[int]) -> str:
    """Every paragraph and footnote of a text as a CSL citation (the csl-citation.json schema, as
    word processors' citation plugins hold them): the work's id (its item is `cite.json`'s, not
    repeated in each), a `locator` and its `label`, and the paragraph's own address in `uris`."""
    citations = []
    for label, prefix, numbers in (("paragraph", "p", paragraphs), ("note", "fn", notes)):
        for number in numbers:
            cited: dict[str, object] = {"id": work.key, "locator": str(number), "label": label}
            if url:
                cited["uris"] = [f"{url}#{prefix}{number}"]
            citations.append({"schema": "https://resource.citationstyles.org/schema/v1.0/input/json/csl-citation.json",
                              "citationID": f"{work.key}-{prefix}{number}", "citationItems": [cited],
                              "properties": {"noteIndex": 0}})
    # One citation a line: a file of a few hundred of them stays small and easy to read.
    return "[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in citations) + "\n]\n"


# Every character TeX would read as markup, written so that BibTeX, biber and pybtex show it as text
# (`--` would become a dash, so a hyphen followed by another gets an empty group).
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_escape(text: str) -> str:
    escaped = "".join(_BIB_SPECIAL.get(char, char) for char in " ".join(text.split()))
    return re.sub(r"-(?=-)", "-{}", escaped)


def _bib_name(name: Name) -> str:
    # A group's name in braces: BibTeX and biber then never split it into given and family names.
    return "{" + _bib_escape(name.literal) + "}" if name.literal else f"{_bib_escape(name.family)}, {_bib_escape(name.given)}"


_BIB_TYPES = {"chapter": "incollection", "journal-article": "article", "webpage": "misc", "dataset": "misc"}


def bibtex(work: Work) -> str:
    """A BibTeX entry that BibTeX, biber (biblatex) and pybtex all read.

    Classic BibTeX needs a year: an unprinted one is "n.d." (biber ignores it, and biblatex styles
    then print their own "n.d."). biblatex wants an editor for @incollection: the volume prints
    none, so there is none (biber says it is missing; a made-up one would be false)."""
    fields = [("author", " and ".join(_bib_name(n) for n in work.authors)), ("title", "{" + _bib_escape(work.title) + "}")]
    if work.kind == "chapter" and work.container:
        fields.append(("booktitle", _bib_escape(work.container)))
    if work.kind == "journal-article":
        if work.container:
            fields.append(("journal", _bib_escape(work.container)))
        if work.issue:
            fields.append(("number", _bib_escape(work.issue)))
    if work.is_web and work.container:
        fields.append(("howpublished", _bib_escape(work.container)))
    if work.is_web and work.modified:
        # The version's date: `date` for biblatex, `year` for BibTeX; not `urldate`, the reader's access.
        fields += [("year", str(work.modified.year)), ("date", work.modified.isoformat())]
    elif work.year:
        fields.append(("year", str(work.year)))
        if work.months:
            first, last = work.months
            fields.append(("date", f"{work.year}-{first:02d}" + (f"/{work.year}-{last:02d}" if last != first else "")))
    else:
        fields.append(("year", "n.d."))
    if work.page_range:
        fields.append(("pages", _bib_escape(work.page_range).replace("–", "--")))
    note = _notes(work)
    if note:
        fields.append(("note", _bib_escape(note)))
    if work.url:
        fields.append(("url", work.url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{_BIB_TYPES[work.kind]}{{{work.key},\n{body}\n}}\n"


def _ris(tag: str, value: object) -> str:
    """One RIS line: a line end inside a value would start a new, broken field."""
    return f"{tag}  - {' '.join(str(value).split())}"


_RIS_TYPES = {"chapter": "CHAP", "journal-article": "JOUR", "webpage": "ELEC", "dataset": "DATA"}


def ris(work: Work) -> str:
    """An RIS record; a group's name has no comma, which Zotero reads as one name, not a person's."""
    kind = _RIS_TYPES[work.kind]
    lines = [_ris("TY", kind)]
    lines += [_ris("AU", n.sort_form) for n in work.authors]
    lines.append(_ris("TI", work.title))
    if work.container:
        lines.append(_ris("JO" if kind == "JOUR" else "T2", work.container))
    if work.issue:
        lines.append(_ris("IS", work.issue))
    if work.marked_pages:
        first, last = work.marked_pages
        lines += [_ris("SP", first), _ris("EP", last)]
    if work.is_web and work.modified:  # DA, the item's date; not Y2, the reader's access date
        lines += [_ris("PY", work.modified.year), _ris("DA", work.modified.strftime("%Y/%m/%d"))]
    elif work.year:
        lines.append(_ris("PY", work.year))
        if work.months:  # RIS dates are YYYY/MM/DD/other: the months in words go in "other"
            lines.append(_ris("DA", f"{work.year}/{work.months[0]:02d}//{work.month_range}"))
    if work.url:
        lines.append(_ris("UR", work.url))
    note = _notes(work)
    if note:
        lines.append(_ris("N1", note))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def citations(work: Work) -> dict[str, Markup]:
    """The three styles, as HTML built from escaped text, for the page's Cite block."""
    return {"Chicago": Markup(chicago(work)), "APA": Markup(apa(work)), "MLA": Markup(mla(work))}


def downloads(work: Work, stem: str = "cite") -> dict[str, str]:
    """The citation files written next to the page: `cite.bib` …, or `cite-online.bib` … for an
    online edition beside its printed work."""
    return {f"{stem}.bib": bibtex(work), f"{stem}.ris": ris(work), f"{stem}.json": csl_json(work)}
