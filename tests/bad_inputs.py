"""The bad-input corpus: small broken projects, each with the exact problems a build must report.

Each case is written over the small fixture project (tests/fixtures/mini, with the article
below when a case needs one). `files` maps a path in the project to its new content: text,
bytes, None (delete the file) or `Link(target)` (a symbolic link). `expected` lists the problem
lines in the order they are printed (sorted by file and line), without the closing count line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.core.model import DRAWINGS, ORG_KINDS, REGIONS, STATUSES

from conftest import without_overlap_pairs

# A vocabulary error lists the allowed values, in their order.
REGIONS_LIST, STATUSES_LIST = ", ".join(REGIONS), ", ".join(s.name for s in STATUSES)


@dataclass(frozen=True)
class Link:
    target: str


@dataclass(frozen=True)
class Case:
    name: str
    files: dict
    expected: list[str] = field(default_factory=list)


def article(body: str = "The [[org:csto|CSTO]] and [[country:uzb|Uzbekistan]].[^1]\n\n[^1]: A note.\n",
            front: str = "title: A short article\nauthors:\n  - name: Ann Author\nkind: chapter\norder: 1\n") -> str:
    return f"---\n{front}---\n\n{body}"


ARTICLE = article()


MEMBERSHIP = "- org: csto\n  country: uzb\n  status: observer\n  from: 2004\n  to: 2005\n  sources: [csto-charter-2002]\n"
EVENT = ("- id: summit\n  date: 2004-06\n  title: A summit\n  kind: summit\n  orgs: [csto]\n"
         "  sources: [csto-charter-2002]\n")
BOMB = "".join(f"- &{chr(97 + n)} [{', '.join([f'*{chr(96 + n)}'] * 9) if n else 'x, x, x, x, x, x, x, x, x'}]\n"
               for n in range(10))

# The project's mkdocs.yml with overlap pairs that name an unknown organization and one twice.
_CONFIG = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
BAD_PAIRS = re.sub(r"^      overlap_pairs: .*$", "      overlap_pairs: [[csto, ctso], [caco, caco]]", _CONFIG, flags=re.M)
PAIRS_LINE = BAD_PAIRS.splitlines().index("      overlap_pairs: [[csto, ctso], [caco, caco]]") + 1
BAD_GROUPS = re.sub(r"^      article_groups: .*$", "      article_groups: {preface: Front matter, jurnal-article: Journals}",
                    without_overlap_pairs(_CONFIG), flags=re.M)
GROUPS_LINE = BAD_GROUPS.splitlines().index("      article_groups: {preface: Front matter, jurnal-article: Journals}") + 1

# The small data's CSTO with a misspelt kind: the record is refused, and the memberships, the
# article and the events that name 'csto' must not be reported as dangling on top of it.
_ORGS = (Path(__file__).resolve().parent / "fixtures/mini/site_data/organizations.yaml").read_text(encoding="utf-8")
BAD_KIND = _ORGS.replace("kind: collective security organization", "kind: collective security organisation", 1)
KIND_LINE = BAD_KIND.splitlines().index("  kind: collective security organisation") + 1

CASES = [
    # --- YAML: syntax, encodings, shapes -------------------------------------------------------
    Case("yaml-syntax-error", {"site_data/countries/extra.yaml": "- id: kaz\n  name: [Kazakhstan\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:3: YAML syntax error: expected ',' or ']', but got ':'",
    ]),
    Case("yaml-tab-indent", {"site_data/countries/extra.yaml": "- id: kaz\n\tname: Kazakhstan\n"}, [
        "site_data/countries/extra.yaml:2: YAML syntax error: found character '\\t' that cannot start any token",
    ]),
    Case("non-utf8-data", {"site_data/countries/extra.yaml": b"- id: kaz\n  name: Kaz\xe1khstan\n  region: Central Asia\n"}, [
        'site_data/countries/extra.yaml:2: not UTF-8 text (invalid continuation byte at byte 21); save the file as UTF-8',
    ]),
    Case("empty-data-file", {"site_data/events.yaml": ""}, [
        "site_data/events.yaml:1: the file is empty; it should hold a list of records (each starting with '- '), or be removed",
    ]),
    Case("top-level-mapping", {"site_data/events.yaml": "id: summit\ndate: 2004\n"}, [
        "site_data/events.yaml:1: expected a list of records (each starting with '- ')",
    ]),
    Case("list-item-not-a-record", {"site_data/countries/extra.yaml": "- id: kaz\n  name: Kazakhstan\n  region: Central Asia\n- just text\n"}, [
        "site_data/countries/extra.yaml:4: expected a record (key: value lines), got 'just text'",
    ]),
    Case("scalar-where-a-list-belongs", {"site_data/countries/extra.yaml": "- id: kaz\n  name: Kazakhstan\n  aliases: Qazaqstan\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:3: 'aliases' must be a list of text, got 'Qazaqstan'",
    ]),
    Case("python-tag", {"site_data/events.yaml": "- !!python/object/apply:os.system [\"echo hacked\"]\n"}, [
        "site_data/events.yaml:1: YAML tag '!!python/object/apply:os.system' is not allowed: data files hold only text, numbers, lists and key: value records",
    ]),
    Case("alias-bomb", {"site_data/events.yaml": BOMB}, [
        'site_data/events.yaml:5: YAML aliases (*d) expand to more than 10,000 values; write the values out',
    ]),
    Case("deep-nesting", {"site_data/events.yaml": "- id: x\n  title: " + "[" * 30 + "]" * 30 + "\n"}, [
        'site_data/events.yaml:2: nested more than 20 levels deep; records need only a few',
    ]),
    Case("unhashable-key", {"site_data/events.yaml": "- id: x\n  ? [a, b]\n  : c\n"}, [
        'site_data/events.yaml:2: a key must be a name, not a list',
    ]),
    Case("duplicate-key", {"site_data/countries/extra.yaml": "- id: kaz\n  name: Kazakhstan\n  name: Qazaqstan\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:3: duplicate key 'name' (first given on line 2)",
    ]),
    # --- fields: types, required, unknown --------------------------------------------------------
    Case("date-of-wrong-type", {"site_data/organizations/extra.yaml": "- id: sco\n  name: Shanghai Cooperation Organisation\n  kind: regional organization\n  founded: [2001]\n  summary: S.\n  sources: [csto-charter-2002]\n"}, [
        "site_data/organizations/extra.yaml:4: 'founded' is not a valid date: '[2001]' is not a date like 2002, 2002-10 or 2002-10-07",
    ]),
    Case("text-of-wrong-type", {"site_data/countries/extra.yaml": "- id: kaz\n  name: {en: Kazakhstan}\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:2: 'name' must be text, got {'en': 'Kazakhstan'}",
    ]),
    Case("boolean-for-text", {"site_data/countries/extra.yaml": "- id: nor\n  name: no\n  region: Northern Europe\n"}, [
        "site_data/countries/extra.yaml:2: 'name' must be text, got false (YAML reads a bare yes, no, on, off, true or false that way: put the text in quotes)",
    ]),
    Case("missing-required-field", {"site_data/memberships/extra.yaml": "- org: csto\n  country: uzb\n  from: 2004\n  sources: [csto-charter-2002]\n"}, [
        "site_data/memberships/extra.yaml:1: membership is missing required field 'status'",
    ]),
    Case("unknown-field", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("status:", "statsu:")}, [
        "site_data/memberships/extra.yaml:1: membership is missing required field 'status'",
        "site_data/memberships/extra.yaml:3: unknown field 'statsu' in membership (did you mean 'status'?)",
    ]),
    Case("duplicate-id-in-one-file", {"site_data/countries/extra.yaml": "- id: kaz\n  name: Kazakhstan\n  region: Central Asia\n- id: kaz\n  name: Qazaqstan\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:4: duplicate country id 'kaz' (first defined at site_data/countries/extra.yaml:1)",
    ]),
    Case("duplicate-id-across-files", {"site_data/countries/extra.yaml": "- id: uzb\n  name: Uzbekistan again\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:1: duplicate country id 'uzb' (first defined at site_data/countries.yaml:1)",
    ]),
    Case("id-not-a-slug", {"site_data/events.yaml": EVENT.replace("id: summit", "id: Summit 2004")}, [
        "site_data/events.yaml:1: 'id' 'Summit 2004' must be lowercase letters, digits and single hyphens",
    ]),
    Case("country-id-not-iso3", {"site_data/countries/extra.yaml": "- id: kz\n  name: Kazakhstan\n  region: Central Asia\n"}, [
        "site_data/countries/extra.yaml:1: 'id' 'kz' must be an ISO 3166 alpha-3 code in lowercase, like 'kaz'",
    ]),
    Case("unknown-region", {"site_data/countries/extra.yaml": "- id: kaz\n  name: Kazakhstan\n  region: Central Asai\n"}, [
        "site_data/countries/extra.yaml:3: 'region' 'Central Asai' is not one of the allowed values (did you mean 'Central Asia'?); use one of: " + REGIONS_LIST,
    ]),
    # --- references ---------------------------------------------------------------------------
    Case("dangling-organization", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("org: csto", "org: ctso")}, [
        "site_data/memberships/extra.yaml:1: unknown organization 'ctso' (did you mean 'csto'?)",
    ]),
    Case("dangling-country", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("country: uzb", "country: uzn")}, [
        "site_data/memberships/extra.yaml:2: unknown country 'uzn' (did you mean 'uzb'?)",
    ]),
    Case("dangling-event-person", {"site_data/events.yaml": EVENT + "  people: [putin]\n"}, [
        "site_data/events.yaml:7: unknown person 'putin'",
    ]),
    Case("dangling-predecessor", {"site_data/organizations/extra.yaml": "- id: sco\n  name: Shanghai Cooperation Organisation\n  kind: regional organization\n  founded: 2001-06-15\n  predecessor: shanghai-6\n  summary: S.\n  sources: [csto-charter-2002]\n"}, [
        "site_data/organizations/extra.yaml:5: unknown organization 'shanghai-6'",
    ]),
    Case("unknown-status", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("status: observer", "status: obsrver")}, [
        "site_data/memberships/extra.yaml:3: 'status' 'obsrver' is not one of the allowed values (did you mean 'observer'?); use one of: " + STATUSES_LIST,
    ]),
    # --- dates --------------------------------------------------------------------------------
    Case("impossible-month-and-day", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("from: 2004", "from: 2008-13-45")}, [
        "site_data/memberships/extra.yaml:4: 'from' is not a valid date: '2008-13-45' has month 13; a month is 01 to 12",
    ]),
    Case("february-30", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("from: 2004", "from: 2008-02-30")}, [
        "site_data/memberships/extra.yaml:4: 'from' is not a valid date: '2008-02-30' does not exist: February 2008 has 29 days",
    ]),
    Case("not-a-date", {"site_data/events.yaml": EVENT.replace("date: 2004-06", "date: June 2004")}, [
        "site_data/events.yaml:2: 'date' is not a valid date: 'June 2004' is not a date like 2002, 2002-10 or 2002-10-07",
    ]),
    Case("future-membership", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("from: 2004\n  to: 2005", "from: 2030\n  to: 9999-12-31")}, [
        "site_data/memberships/extra.yaml:4: 'from' (2030) is after 2026-11-23, the day the data speaks for (as_of in mkdocs.yml)",
        "site_data/memberships/extra.yaml:4: uzb in csto: 'observer' from 2030 overlaps 'suspended' from 2012-06-28 (site_data/memberships.yaml:28)",
        "site_data/memberships/extra.yaml:5: 'to' (9999-12-31) is after 2026-11-23, the day the data speaks for (as_of in mkdocs.yml)",
    ]),
    Case("future-event", {"site_data/events.yaml": EVENT.replace("date: 2004-06", "date: 9999")}, [
        "site_data/events.yaml:2: 'date' (9999) is after 2026-11-23, the day the data speaks for (as_of in mkdocs.yml)",
    ]),
    Case("end-before-start", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("to: 2005", "to: 2003")}, [
        "site_data/memberships/extra.yaml:5: 'to' (2003) is not after 'from' (2004)",
    ]),
    Case("overlapping-intervals", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("from: 2004\n  to: 2005", "from: 2010\n  to: 2013")}, [
        "site_data/memberships.yaml:31: uzb in csto: 'suspended' from 2012-06-28 overlaps 'observer' from 2010 (site_data/memberships/extra.yaml:1)",
        "site_data/memberships/extra.yaml:4: uzb in csto: 'observer' from 2010 overlaps 'member' from 2006-08-16 (site_data/memberships.yaml:21)",
    ]),
    Case("before-founding", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("from: 2004\n  to: 2005", "from: 1999\n  to: 2001")}, [
        'site_data/memberships/extra.yaml:4: uzb in csto begins 1999, before csto was founded (2002-10-07)',
    ]),
    # --- sources ------------------------------------------------------------------------------
    Case("record-without-source", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("  sources: [csto-charter-2002]\n", "")}, [
        "site_data/memberships/extra.yaml:1: membership is missing required field 'sources'",
    ]),
    Case("event-without-source", {"site_data/events.yaml": EVENT.replace("  sources: [csto-charter-2002]\n", "")}, [
        "site_data/events.yaml:1: event 'summit' is missing required field 'sources'",
    ]),
    Case("unknown-source-id", {"site_data/memberships/extra.yaml": MEMBERSHIP.replace("csto-charter-2002", "csto-charter-2020")}, [
        "site_data/memberships/extra.yaml:6: unknown source 'csto-charter-2020' (did you mean 'csto-charter-2002'?)",
    ]),
    Case("source-url-not-a-web-address", {"site_data/sources/extra.yaml": "- id: note\n  type: treaty\n  title: A note\n  url: javascript:alert(1)\n"}, [
        "site_data/sources/extra.yaml:4: 'url' 'javascript:alert(1)' must be a web address starting with https:// or http://",
    ]),
    Case("unknown-article-in-source", {"site_data/events.yaml": EVENT.replace("[csto-charter-2002]", "[nosuch#p2]")}, [
        "site_data/events.yaml:6: unknown article 'nosuch' in source 'nosuch#p2'",
    ]),
    Case("cited-paragraph-missing", {"content/articles/short.md": ARTICLE,
                                     "site_data/events.yaml": EVENT.replace("[csto-charter-2002]", "[short#p9]")}, [
        "site_data/events.yaml:6: source 'short#p9': the article has no paragraph 9",
    ]),
    # --- articles: front matter ----------------------------------------------------------------
    # A collection with a year that is not one, and an article naming a collection that does not
    # exist: each told once, with the collections there are.
    Case("collection-unknown-or-bad", {
        "site_data/collections.yaml": "- id: the-book\n  title: The Book\n- id: other-book\n  title: Other\n  year: around 2009\n",
        "content/articles/short.md": article(front="title: A short article\nkind: chapter\ncollection: the-bok\n")}, [
        "content/articles/short.md:4: front matter: collection 'the-bok' is not in site_data/collections.yaml "
        "(did you mean 'the-book'?); use one of: the-book",
        "site_data/collections.yaml:5: 'year' must be a year of four digits, got 'around 2009'",
    ]),
    Case("no-front-matter", {"content/articles/short.md": "The [[org:csto|CSTO]].\n"}, [
        "content/articles/short.md:1: an article starts with front matter between '---' lines",
    ]),
    Case("front-matter-is-a-list", {"content/articles/short.md": "---\n- title\n- kind\n---\n\nText.\n"}, [
        'content/articles/short.md:2: front matter: expected key: value lines, got a list',
    ]),
    Case("front-matter-syntax-error", {"content/articles/short.md": article(front="title: [A short article\nkind: chapter\n")}, [
        "content/articles/short.md:3: front matter: YAML syntax error: expected ',' or ']', but got ':'",
    ]),
    Case("front-matter-missing-title", {"content/articles/short.md": article(front="kind: chapter\n")}, [
        "content/articles/short.md:2: front matter: 'title' is missing",
    ]),
    Case("authors-is-a-string", {"content/articles/short.md": article(front="title: T\nauthors: Ann Author\nkind: chapter\n")}, [
        "content/articles/short.md:3: front matter: 'authors' must be a list of '- name: …' entries, got 'Ann Author'",
    ]),
    Case("order-is-text", {"content/articles/short.md": article(front="title: T\nkind: chapter\norder: first\n")}, [
        "content/articles/short.md:4: front matter: 'order' must be a whole number, got 'first'",
    ]),
    Case("unknown-article-kind", {"content/articles/short.md": article(front="title: T\nkind: chapeter\n")}, [
        "content/articles/short.md:3: front matter: 'kind' is 'chapeter'; use one of chapter, preface, journal-article (did you mean 'chapter'?)",
    ]),
    Case("non-utf8-article", {"content/articles/short.md": article().encode() + b"Caf\xe9.\n"}, [
        'content/articles/short.md:12: not UTF-8 text (invalid continuation byte at byte 161); save the file as UTF-8',
    ]),
    Case("article-file-name-not-a-slug", {"content/articles/Bad Slug.md": ARTICLE}, [
        "content/articles/Bad Slug.md:1: the file name is the article's address: 'Bad Slug' must be lowercase letters, digits and single hyphens (e.g. 'bad-slug.md')",
    ]),
    # --- articles: annotations and footnotes ---------------------------------------------------
    Case("unknown-entity-in-annotation", {"content/articles/short.md": article(body="The [[org:ctso|CSTO]].\n")}, [
        "content/articles/short.md:9: unknown organization 'ctso' in '[[org:ctso|CSTO]]' (did you mean 'csto'?)",
    ]),
    Case("unclosed-annotation-beside-valid-ones", {"content/articles/short.md": article(body="The [[org:csto|CSTO]] and [[country:uzb|Uzbekistan]], [[org:csto|CSTO\n")}, [
        "content/articles/short.md:9: '[[org:csto|CSTO' is not a complete annotation like [[org:id|label]]",
    ]),
    Case("misspelt-and-unclosed-directives", {"content/articles/short.md": article(body="Text {{pgae:7}} more.\n\nText {{page:7\n")}, [
        "content/articles/short.md:9: unknown directive '{{pgae:7}}' (did you mean 'page'?); the directives are {{page:N}}, {{lacuna}}, {{ed: …}} and {{sic}}",
        "content/articles/short.md:11: '{{page:7' is not closed with '}}'",
    ]),
    Case("footnote-marker-without-note", {"content/articles/short.md": article(body="Text.[^1] More.[^2]\n\n[^1]: A note.\n")}, [
        "content/articles/short.md:9: footnote [^2] has no definition '[^2]: …'",
    ]),
    Case("note-without-marker", {"content/articles/short.md": article(body="Text.[^1]\n\n[^1]: A note.\n\n[^2]: Another.\n")}, [
        'content/articles/short.md:13: footnote [^2] is defined but never referenced',
    ]),
    Case("duplicate-note", {"content/articles/short.md": article(body="Text.[^1]\n\n[^1]: A note.\n\n[^1]: The same number again.\n")}, [
        'content/articles/short.md:13: footnote [^1] is defined twice (first on line 11)',
    ]),
    Case("article-groups-naming-an-unknown-kind", {"mkdocs.yml": BAD_GROUPS}, [
        f"mkdocs.yml:{GROUPS_LINE}: article_groups: 'jurnal-article' is not an article kind (did you mean "
        f"'journal-article'?); use one of: chapter, preface, journal-article",
    ]),
    Case("vocabularies-badly-written", {"site_data/vocabularies.yaml":
                                        "regions: [Central Asia, Central Asia]\norganisation_kinds: {a: b}\n"
                                        "event_kinds: summit\norganization_kinds: [treaty]\n"}, [
        "site_data/vocabularies.yaml:1: 'regions' names 'Central Asia' twice",
        "site_data/vocabularies.yaml:2: unknown vocabulary 'organisation_kinds' (did you mean 'organization_kinds'?); "
        "the vocabularies are organization_kinds, statuses, regions, event_kinds, source_types, ended_by, outside_matrix, "
        "membership_event_kinds, date_conventions",
        "site_data/vocabularies.yaml:3: 'event_kinds' is a list of names (text), like [a, b]",
        "site_data/vocabularies.yaml:4: 'organization_kinds' maps each kind to its heading, like 'military alliance: Military alliances'",
    ]),
    Case("status-vocabulary-badly-written", {"site_data/vocabularies.yaml":
                                             "statuses:\n  member: {abbreviation: M, counted: true}\n"
                                             "  applicant: {abbreviation: M}\n  observer: {abbrev: O, counted: yes-ish}\n"
                                             "  partner: {abbreviation: '?'}\n"
                                             "  candidate: {abbreviation: C, listed_with: friends, cow_code: 5, drawn: wavy}\n"
                                             "outside_matrix: [treaty, opertion]\n"}, [
        "site_data/vocabularies.yaml:3: status 'applicant': abbreviation 'M' is already that of 'member'",
        "site_data/vocabularies.yaml:4: status 'observer': 'counted' is true or false",
        "site_data/vocabularies.yaml:4: status 'observer': needs an 'abbreviation' (text), the matrix cell's",
        "site_data/vocabularies.yaml:4: status 'observer': unknown field 'abbrev' (did you mean 'abbreviation'?)",
        "site_data/vocabularies.yaml:5: status 'partner': abbreviation '?' is the matrix's mark for a cell without a status",
        "site_data/vocabularies.yaml:6: status 'candidate': 'cow_code' is one of: 0, 1, 2, 3",
        "site_data/vocabularies.yaml:6: status 'candidate': 'drawn' is one of: " + ", ".join(DRAWINGS),
        "site_data/vocabularies.yaml:6: status 'candidate': 'listed_with' is one of: members, partners",
        "site_data/vocabularies.yaml:7: outside_matrix: 'opertion' is not one of the organization kinds (did you mean 'operation'?)",
    ]),
    Case("one-bad-value-reported-once", {"site_data/organizations.yaml": BAD_KIND, "content/articles/short.md": ARTICLE}, [
        f"site_data/organizations.yaml:{KIND_LINE}: 'kind' 'collective security organisation' is not one of the allowed "
        f"values (did you mean 'collective security organization'?); use one of: " + ", ".join(ORG_KINDS),
    ]),
    # --- issue 13: quotes, identifiers, existence, other and disputed dates -----------------------
    Case("quote-not-in-the-paragraph", {"content/articles/short.md": ARTICLE, "site_data/events.yaml": EVENT.replace(
        "[csto-charter-2002]", "\n    - ref: short#p1\n      quote: The CSTO and Kazakhstan.")}, [
        "site_data/events.yaml:7: source 'short#p1': the quote “The CSTO and Kazakhstan.” is not in the passage; quote its "
        "words as the page shows them",
    ]),
    Case("source-reference-badly-written", {"site_data/events.yaml": EVENT.replace(
        "[csto-charter-2002]", "\n    - ref: csto-charter-2002\n      qoute: Article 1\n    - quote: no ref")}, [
        "site_data/events.yaml:8: 'sources' a source reference has unknown field 'qoute' (did you mean 'quote'?)",
    ]),
    Case("identifiers-badly-written", {"site_data/sources/extra.yaml":
                                       "- id: book\n  type: book\n  title: A book\n  identifiers:\n    isbn: 978-0-19-953827-1\n"
                                       "- id: decision\n  type: decision\n  title: A decision\n  identifiers:\n    cellex: 32007D0427\n"
                                       "- id: flag\n  type: book\n  title: T\n  title_descriptive: yes-ish\n"}, [
        "site_data/sources/extra.yaml:5: 'identifiers' 'isbn' '978-0-19-953827-1' is not a valid ISBN: its check digit does not match",
        "site_data/sources/extra.yaml:10: 'identifiers' unknown identifier scheme 'cellex' (did you mean 'celex'?); the schemes "
        "are celex, doi, isbn, issn, un_symbol, unts, oclc",
        "site_data/sources/extra.yaml:14: 'title_descriptive' must be true or false, got 'yes-ish'",
    ]),
    Case("existence-badly-written", {"site_data/countries/extra.yaml":
                                     "- id: kaz\n  name: Kazakhstan\n  region: Central Asia\n  exists_from: 1991-12-16\n"
                                     "  existed_by: 1945\n- id: rur\n  name: Ruritania\n  region: Baltic\n"
                                     "  iso3166_3: RUR\n  successors: [kaz, zzz]\n"
                                     "- id: grf\n  name: Grand Fenwick\n  region: Baltic\n  exists_from: 2005\n",
                                     "site_data/memberships/extra.yaml": MEMBERSHIP.replace("country: uzb", "country: grf")}, [
        "site_data/countries/extra.yaml:5: give 'exists_from' (the state's first day) or 'existed_by' (a day it already "
        "existed, its beginning not recorded), not both",
        "site_data/countries/extra.yaml:9: 'iso3166_3' 'RUR' must be a four-letter ISO 3166-3 code in capitals, like 'SUHH'",
        "site_data/memberships/extra.yaml:4: grf in csto begins 2004, before grf existed (exists_from 2005)",
    ]),
    Case("other-and-disputed-dates-badly-written", {"site_data/memberships/extra.yaml": MEMBERSHIP +
                                                    "  also_dated:\n    - field: form\n      date: 2004\n      act: signed\n"
                                                    "  disputed:\n    - field: from\n      date: 2004\n      sources: [csto-charter-2002]\n"}, [
        "site_data/memberships/extra.yaml:8: 'also_dated' 'field' 'form' is not one of the allowed values (did you mean "
        "'from'?); use one of: from, to",
    ]),
    Case("disputed-date-repeats-the-records-own", {"site_data/memberships/extra.yaml": MEMBERSHIP +
                                                   "  disputed:\n    - field: from\n      date: 2004\n      sources: [csto-charter-2002]\n"}, [
        "site_data/memberships/extra.yaml:8: disputed 'from' (2004) is the record's own date; a disputed date is what "
        "another source says instead",
    ]),
    # --- the project ----------------------------------------------------------------------------
    Case("overlap-pairs-naming-unknown-organizations", {"mkdocs.yml": BAD_PAIRS}, [
        f"mkdocs.yml:{PAIRS_LINE}: overlap_pairs: 'caco' is compared with itself",
        f"mkdocs.yml:{PAIRS_LINE}: overlap_pairs: 'ctso' is not an organization in the data (did you mean 'csto'?)",
    ]),
    Case("symlink-out-of-the-project", {"content/secret.md": Link("/etc/hostname")}, [
        'content/secret.md:1: a symbolic link to /etc/hostname, outside the project; copy what it points at into the project instead',
    ]),
    Case("several-errors-in-several-files", {
        "site_data/countries/extra.yaml": "- id: kaz\n  name: [Kazakhstan\n",
        "site_data/memberships/extra.yaml": MEMBERSHIP.replace("org: csto", "org: ctso").replace("from: 2004", "from: 2004-13"),
        "content/articles/short.md": article(body="The [[org:nato|NATO]].[^3]\n"),
    }, [
        "content/articles/short.md:9: footnote [^3] has no definition '[^3]: …'",
        "content/articles/short.md:9: unknown organization 'nato' in '[[org:nato|NATO]]'",
        "site_data/countries/extra.yaml:3: YAML syntax error: expected ',' or ']', but got '<stream end>'",
        "site_data/memberships/extra.yaml:4: 'from' is not a valid date: '2004-13' has month 13; a month is 01 to 12",
    ]),
]
