"""How to cite a page: Chicago (author-date), APA and MLA, and BibTeX, RIS and CSL-JSON files.

The three styles are written out here rather than run through citeproc-py: with the CSL styles it
ships, citeproc-py abbreviates given names where Chicago and MLA spell them out, leaves the period
outside the closing quotation mark, and prints APA's "Retrieved" without a date. The rules below
follow the style guides for the three kinds of item this site has (a chapter of the volume, a
journal article, and a page of this site) and are tested against examples written from them.

A work's facts come only from what the source prints (see the article's front matter); what is
not printed is left out (the volume's year becomes "n.d.").
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


@dataclass
class Name:
    given: str
    family: str

    @classmethod
    def parse(cls, full: str) -> Name:
        parts = full.split()
        return cls(" ".join(parts[:-1]), parts[-1])

    @property
    def initials(self) -> str:
        return " ".join(f"{part[0]}." for part in self.given.replace(".", " ").split())


@dataclass
class Work:
    """What a citation needs to know, whatever the style."""

    key: str
    kind: str  # chapter | journal-article | webpage
    title: str
    authors: list[Name] = field(default_factory=list)
    container: str | None = None  # the book, the journal or the site
    year: int | None = None
    issue: str | None = None
    issue_months: str | None = None  # "January–March"
    url: str | None = None
    site: str | None = None  # for web pages: the site as author and container
    data_as_of: dt.date | None = None  # for web pages: the day the data speaks for (not an access date:
    # that is the reader's, and their reference manager fills it in)


def article_work(article: Article, url: str | None) -> Work:
    pub = article.publication or {}
    if article.kind == "journal-article":
        issue = str(pub.get("issue") or "").removeprefix("No.").strip() or None
        return Work(key=article.slug, kind="journal-article", title=article.title,
                    authors=[Name.parse(a.name) for a in article.authors],
                    container=pub.get("journal") or pub.get("journal_identified"),
                    year=pub.get("year"), issue=issue, issue_months=pub.get("months"), url=url)
    return Work(key=article.slug, kind="chapter", title=article.title,
                authors=[Name.parse(a.name) for a in article.authors],
                container=pub.get("container_title"), year=pub.get("year"), url=url)


def page_work(key: str, title: str, site_name: str, as_of: dt.date, url: str | None) -> Work:
    return Work(key=key, kind="webpage", title=title, site=site_name, container=site_name,
                year=as_of.year, data_as_of=as_of, url=url)


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def _italic(text: str | None) -> str:
    return f" <i>{_e(text)}</i>" if text else ""


def _quoted(title: str) -> str:
    """A quoted title closes with a period inside the quotes, unless it ends in ? or !."""
    closing = "" if title[-1:] in "?!." else "."
    return f"“{_e(title)}{closing}”"


def _join_authors(names: list[Name], style: str) -> str:
    if style == "apa":
        parts = [f"{_e(n.family)}, {_e(n.initials)}" for n in names]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", &amp; " + parts[-1]
    first = f"{_e(names[0].family)}, {_e(names[0].given)}"
    rest = [f"{_e(n.given)} {_e(n.family)}" for n in names[1:]]
    return first if not rest else first + ", and " + ", and ".join(rest)


def _period(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _url(work: Work, end: str = ".") -> str:
    return f" {_e(work.url)}{end}" if work.url else ""


def chicago(work: Work) -> str:
    """Chicago Manual of Style, 17th ed., author-date reference list entry (HTML)."""
    year = str(work.year) if work.year else "n.d."
    if work.kind == "webpage":
        day = work.data_as_of
        assert day is not None  # a web page is cited with the day its data speaks for
        return (f"{_e(work.site)}. {day.year}. {_quoted(work.title)} <i>{_e(work.site)}</i>. "
                f"Data as of {_MONTHS[day.month - 1]} {day.day}, {day.year}.{_url(work)}")
    authors = _period(_join_authors(work.authors, "chicago")) if work.authors else ""
    head = f"{authors} {year}{'' if year.endswith('.') else '.'} {_quoted(work.title)}".strip()
    if work.kind == "journal-article":
        issue = f"{',' if work.container else ''} no. {_e(work.issue)}" if work.issue else ""
        months = f" ({_e(work.issue_months)})" if work.issue_months else ""
        return f"{head}{_italic(work.container)}{issue}{months}.{_url(work)}"
    return f"{head} In{_italic(work.container)}.{_url(work)}"


def apa(work: Work) -> str:
    """APA Publication Manual, 7th ed., reference list entry (HTML); titles as printed."""
    if work.kind == "webpage":
        day = work.data_as_of
        assert day is not None  # a web page is cited with the day its data speaks for
        return (f"{_e(work.site)}. ({day.year}, {_MONTHS[day.month - 1]} {day.day}). "
                f"<i>{_e(work.title)}</i>.{_url(work, '')}")
    authors = _join_authors(work.authors, "apa") if work.authors else ""
    year = f"({work.year})." if work.year else "(n.d.)."
    title = _e(work.title) + ("" if work.title[-1:] in "?!." else ".")
    if work.kind == "journal-article":
        issue = f"{',' if work.container else ''} ({_e(work.issue)})" if work.issue else ""
        return f"{authors} {year} {title}{_italic(work.container)}{issue}.{_url(work, '')}".strip()
    return f"{authors} {year} {title} In{_italic(work.container)}.{_url(work, '')}".strip()


def mla(work: Work) -> str:
    """MLA Handbook, 9th ed., works-cited entry (HTML)."""
    if work.kind == "webpage":
        day = work.data_as_of
        assert day is not None  # a web page is cited with the day its data speaks for
        return (f"{_quoted(work.title)} <i>{_e(work.site)}</i>, "
                f"{day.day} {_MLA_MONTHS[day.month - 1]} {day.year}{',' + _url(work) if work.url else '.'}")
    authors = _period(_join_authors(work.authors, "mla")) + " " if work.authors else ""
    if work.kind == "journal-article":
        issue = f"{',' if work.container else ''} no. {_e(work.issue)}" if work.issue else ""
        year = f", {work.year}" if work.year else ""
        return f"{authors}{_quoted(work.title)}{_italic(work.container)}{issue}{year}{',' + _url(work) if work.url else '.'}"
    return f"{authors}{_quoted(work.title)}{_italic(work.container)}{',' + _url(work) if work.url else '.'}"


def csl_json(work: Work) -> str:
    item: dict[str, object] = {"id": work.key, "type": {"chapter": "chapter", "journal-article": "article-journal",
                                     "webpage": "webpage"}[work.kind], "title": work.title}
    if work.authors:
        item["author"] = [{"family": n.family, "given": n.given} for n in work.authors]
    elif work.site:
        item["author"] = [{"literal": work.site}]
    if work.container:
        item["container-title"] = work.container
    if work.issue:
        item["issue"] = work.issue
    if work.data_as_of:
        item["issued"] = {"date-parts": [[work.data_as_of.year, work.data_as_of.month, work.data_as_of.day]]}
    elif work.year:
        item["issued"] = {"date-parts": [[work.year]]}
    if work.url:
        item["URL"] = work.url
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


# Every character TeX would read as markup, written so that BibTeX, biber and pybtex show it as text
# (`--` would become a dash, so a hyphen followed by another gets an empty group).
_BIB_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bib_escape(text: str) -> str:
    escaped = "".join(_BIB_SPECIAL.get(char, char) for char in " ".join(text.split()))
    return re.sub(r"-(?=-)", "-{}", escaped)


def bibtex(work: Work) -> str:
    entry = {"chapter": "incollection", "journal-article": "article", "webpage": "misc"}[work.kind]
    fields = [("title", "{" + _bib_escape(work.title) + "}")]
    if work.authors:
        fields.insert(0, ("author", " and ".join(f"{_bib_escape(n.family)}, {_bib_escape(n.given)}"
                                                 for n in work.authors)))
    elif work.site:
        fields.insert(0, ("author", "{" + _bib_escape(work.site) + "}"))
    if work.kind == "chapter" and work.container:
        fields.append(("booktitle", _bib_escape(work.container)))
    if work.kind == "journal-article":
        if work.container:
            fields.append(("journal", _bib_escape(work.container)))
        if work.issue:
            fields.append(("number", _bib_escape(work.issue)))
    if work.kind == "webpage" and work.container:
        fields.append(("howpublished", _bib_escape(work.container)))
    if work.year:
        fields.append(("year", str(work.year)))
    else:
        fields.append(("note", "Year of publication not printed in the source"))
    if work.data_as_of:  # the page's own date, as biblatex reads it; not `urldate`, the reader's access
        fields.append(("date", work.data_as_of.isoformat()))
    if work.url:
        fields.append(("url", work.url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{work.key},\n{body}\n}}\n"


def _ris(tag: str, value: object) -> str:
    """One RIS line: a line end inside a value would start a new, broken field."""
    return f"{tag}  - {' '.join(str(value).split())}"


def ris(work: Work) -> str:
    kind = {"chapter": "CHAP", "journal-article": "JOUR", "webpage": "ELEC"}[work.kind]
    lines = [_ris("TY", kind)]
    lines += [_ris("AU", f"{n.family}, {n.given}") for n in work.authors]
    if not work.authors and work.site:
        lines.append(_ris("AU", work.site))
    lines.append(_ris("TI", work.title))
    if work.container:
        lines.append(_ris({"CHAP": "T2", "JOUR": "JO", "ELEC": "T2"}[kind], work.container))
    if work.issue:
        lines.append(_ris("IS", work.issue))
    if work.year:
        lines.append(_ris("PY", work.year))
    if work.data_as_of:  # DA, the item's date; not Y2, the reader's access date
        lines.append(_ris("DA", work.data_as_of.strftime("%Y/%m/%d")))
    if work.url:
        lines.append(_ris("UR", work.url))
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def citations(work: Work) -> dict[str, Markup]:
    """The three styles, as HTML built from escaped text, for the page's Cite block."""
    return {"Chicago": Markup(chicago(work)), "APA": Markup(apa(work)), "MLA": Markup(mla(work))}


def downloads(work: Work) -> dict[str, str]:
    """The citation files written next to the page."""
    return {"cite.bib": bibtex(work), "cite.ris": ris(work), "cite.json": csl_json(work)}
