"""`python -m builder audit`: what the data set still lacks, found from the data and the texts.

The build refuses data that is wrong; the audit lists data that is incomplete: statuses the texts
or the events mention that no record holds, records whose start or end no event explains,
sources a reader cannot find, sources cited for facts after their own date, facts whose only
source is the editor's own note, citations of a passage about something else, and states
without existence dates. Each finding is one line, `FILE:LINE: what is missing`; the counts per
category follow, and a committed baseline (`--baseline`) makes a run fail when a count grows.

Everything here is a pure function of the loaded dataset, the articles' Markdown and their
passages (builder.markdown.passages).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.core.dates import PartialDate
from builder.core.model import Dataset, Event, Membership, cited
from builder.core.syntax import ANNOTATION, DIRECTIVE
from builder.load.validate import ARTICLE_REF, cited_records
from builder.markdown.passages import Passage, quoted

# Category -> what its findings are, in the order the counts are printed.
CATEGORIES = {
    "missing-status": "statuses the texts or the events mention that no record holds",
    "no-event": "record starts and ends that no event explains",
    "no-link": "sources with neither a URL nor an identifier, and no reason stated",
    "descriptive-title": "sources whose title is a description, not the title as published",
    "source-before-fact": "sources cited for facts dated after their own date",
    "editorial-only": "records and events whose only source is an editor's note",
    "off-topic": "citations of a passage that names none of the record's organizations, countries or people",
    "no-existence": "countries without existence dates",
    "unsourced-existence": "countries whose existence dates have no source",
}


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    category: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Texts:
    """What the audit reads of the articles: each one's file, Markdown body (with its first line
    in the file) and publication year, and the passages of each as rendered."""
    files: dict[str, str] = field(default_factory=dict)  # slug -> display path
    bodies: dict[str, tuple[str, int]] = field(default_factory=dict)  # slug -> (Markdown, first line)
    years: dict[str, int] = field(default_factory=dict)  # slug -> year printed
    passages: dict[str, dict[str, Passage]] = field(default_factory=dict)


def audit(data: Dataset, texts: Texts | None = None) -> list[Finding]:
    """Every finding, sorted by file and line."""
    texts = texts or Texts()
    findings = [
        *missing_statuses_in_texts(data, texts), *missing_statuses_in_events(data),
        *records_without_events(data), *unlinked_sources(data), *descriptive_titles(data),
        *sources_before_facts(data, texts), *editorial_only(data, texts), *off_topic(data, texts),
        *countries_without_existence(data),
    ]
    return sorted(set(findings))


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    found = {category: 0 for category in CATEGORIES}
    for finding in findings:
        found[finding.category] += 1
    return found


def report(findings: list[Finding]) -> str:
    lines = [str(f) for f in findings]
    lines += [f"{count:5d}  {category}: {CATEGORIES[category]}" for category, count in counts(findings).items()]
    return "\n".join(lines) + "\n"


def grown(now: Mapping[str, int], baseline: Mapping[str, int]) -> list[str]:
    """The categories whose count is above the baseline's, each as a sentence."""
    return [f"'{category}' grew from {baseline.get(category, 0)} to {count}"
            for category, count in now.items() if count > baseline.get(category, 0)]


def read_baseline(path: Path) -> dict[str, int]:
    return {k: int(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def write_baseline(path: Path, found: Mapping[str, int]) -> None:
    path.write_text(json.dumps(dict(found), indent=1) + "\n", encoding="utf-8")


# --- statuses the texts and events mention ----------------------------------------------------

def status_phrases(data: Dataset) -> dict[str, re.Pattern]:
    """How a text says that a state holds a status short of membership: "observer status", "the
    status of an observer", "dialogue partner", "candidacy", "suspended its participation"."""
    phrases: dict[str, re.Pattern] = {}
    for status in data.vocabulary.statuses:
        if status.counted:
            continue
        name = re.escape(status.name)
        forms = [rf"{name} status", rf"status of (?:an? )?{name}"]
        if " " in status.name:  # a compound name is distinctive on its own: "dialogue partner"
            forms.append(rf"{name}s?")
        if status.name.endswith("ate"):  # candidate: candidacy
            forms.append(re.escape(status.name[:-3]) + "acy")
        if status.name == "suspended":
            forms = [r"suspend(?:ed|s|ing)? (?:its |their )?(?:membership|participation)"]
        phrases[status.name] = re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE)
    return phrases


# A sentence ends at a full stop, also one inside an annotation's words ("the [[country:usa|U.S.]] Many").
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?]\]\])|(?<=[.!?][”\")]))\s+(?=[A-Z\[“\"(])")
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^(\d+)\]:")
_NOTE_MARKER = re.compile(r"\[\^(\d+)\]")


def _as_read(text: str) -> str:
    """Markdown text with its annotations as their words, its directives' words kept."""
    text = ANNOTATION.sub(lambda m: m["text"] or m["id"], text)
    return DIRECTIVE.sub(lambda m: m["arg"] or "", text)


def _related(data: Dataset, org_ids: Iterable[str]) -> set[str]:
    """The organizations, with their predecessors, successors and parents (one name for a line)."""
    found: set[str] = set()
    for org_id in org_ids:
        org = data.organizations.get(org_id)
        if org is None:
            continue
        found |= {org_id, *data.lineage(org_id), *org.successors, *([org.parent] if org.parent else [])}
        found |= {o.id for o in data.organizations.values() if org_id in o.predecessors or o.parent == org_id}
    return found


def statuses_said(phrases: Mapping[str, re.Pattern], text: str) -> list[tuple[str, int]]:
    """The statuses a text gives, with where each is said; a longer name first, so that "dialogue
    partner status" is not read as "partner status" too."""
    found = []
    for status in sorted(phrases, key=len, reverse=True):
        for match in phrases[status].finditer(text):
            found.append((status, match.start()))
        text = phrases[status].sub(lambda m: " " * len(m[0]), text)
    return found


_ASIDE = re.compile(r"\([^()]*\)| [–—] [^–—]*? [–—] ")


def subjects(sentence: str, at: int) -> set[str]:
    """The states a status said at `at` (in the sentence as read) belongs to: the states the
    sentence names outside its asides; or, for a status said inside an aside (in brackets or
    between dashes), the state named just before the aside."""
    read = _as_read(sentence)
    for aside in _ASIDE.finditer(read):
        if aside.start() <= at < aside.end():
            before = [m for m in ANNOTATION.finditer(sentence) if len(_as_read(sentence[:m.start()])) < aside.start()
                      and m["kind"] == "country"]
            return {before[-1]["id"]} if before else set()
    outside = _ASIDE.sub(" ", _as_marked(sentence))
    return {m["id"] for m in ANNOTATION.finditer(outside) if m["kind"] == "country"}


def _as_marked(sentence: str) -> str:
    """The sentence with its directives' words, annotations kept (asides are found in their words)."""
    return DIRECTIVE.sub(lambda m: m["arg"] or "", sentence)


def missing_statuses_in_texts(data: Dataset, texts: Texts) -> list[Finding]:
    """A sentence that gives a state a status (in the author's words, a note or the editor's)
    for which no record of that state holds that status, in an organization the passage names."""
    phrases = status_phrases(data)
    findings = []
    for slug, (body, first_line) in texts.bodies.items():
        lines = body.split("\n")
        marker_orgs: dict[str, set[str]] = {}  # note number -> organizations named where it is called
        for line in lines:
            orgs = {m["id"] for m in ANNOTATION.finditer(line) if m["kind"] == "org"}
            for number in _NOTE_MARKER.findall(line if not _NOTE_DEFINITION.match(line) else ""):
                marker_orgs.setdefault(number, set()).update(orgs)
        for offset, line in enumerate(lines):
            line_orgs = {m["id"] for m in ANNOTATION.finditer(line) if m["kind"] == "org"}
            definition = _NOTE_DEFINITION.match(line)
            for sentence in _SENTENCE_END.split(line):
                said = statuses_said(phrases, _as_read(sentence))
                if not said:
                    continue
                orgs = {m["id"] for m in ANNOTATION.finditer(sentence) if m["kind"] == "org"} or line_orgs
                if not orgs and definition:
                    orgs = marker_orgs.get(definition[1], set())
                allowed = _related(data, orgs)
                for status, at in said:
                    for country in sorted(subjects(sentence, at)):
                        if any(r.status == status and (not allowed or r.org in allowed)
                               for r in data.memberships_of_country(country)):
                            continue
                        where = ", ".join(sorted(data.organizations[o].label for o in orgs
                                                 if o in data.organizations)) or "an organization"
                        name = data.countries[country].name if country in data.countries else country
                        findings.append(Finding(texts.files.get(slug, slug), first_line + offset, "missing-status",
                                                f"the text gives {name} the status '{status}' in {where}, "
                                                f"and no record of {country} holds it"))
    return findings


def _positions(data: Dataset, country_id: str, text: str) -> list[int]:
    """Where the text names the state (by its name, official name or an alias)."""
    country = data.countries.get(country_id)
    names = [country.name, *country.aliases, *([country.official_name] if country.official_name else [])] \
        if country else [country_id]
    return [m.start() for name in names for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def _nearest(data: Dataset, countries: Iterable[str], text: str, at: int) -> str | None:
    """The state named nearest before `at` in the text (or, with none before, nearest after)."""
    before = [(p, c) for c in countries for p in _positions(data, c, text) if p < at]
    after = [(p, c) for c in countries for p in _positions(data, c, text) if p >= at]
    if before:
        return max(before)[1]
    return min(after)[1] if after else None


def missing_statuses_in_events(data: Dataset) -> list[Finding]:
    """An event that changes memberships (its kind says so) in an organization without a record
    of one of its states beginning or ending there that day; an event whose words give one of
    its states (named in the sentence) a status that no record of it in its organizations holds."""
    findings = []
    phrases = status_phrases(data)
    for event in data.events.values():
        file, line = event.origin.file, event.lines.get("id", event.origin.line)
        days = _dates(event, "date", event.date)
        if event.kind in data.vocabulary.membership_event_kinds:
            for org in event.orgs:
                records = [r for c in event.countries for r in data.records_of(org, c)]
                if not any(day in days for r in records for day in _dates(r, "from", r.start) | _dates(r, "to", r.end)):
                    findings.append(Finding(file, line, "missing-status",
                                            f"event '{event.id}' ({event.kind}, {event.date}): no record of "
                                            f"{', '.join(event.countries) or 'its states'} in {org} begins or "
                                            f"ends on that day"))
        for sentence in _SENTENCE_END.split(" ".join(filter(None, (event.title + ".", event.summary)))):
            for status, at in statuses_said(phrases, sentence):
                country = _nearest(data, event.countries, sentence, at)
                if country is not None and not any(r.status == status for org in event.orgs
                                                   for r in data.records_of(org, country)):
                    findings.append(Finding(file, line, "missing-status",
                                            f"event '{event.id}' gives {country} the status '{status}', and no "
                                            f"record of {country} in {', '.join(event.orgs)} holds it"))
    return findings


# --- events for every change --------------------------------------------------------------------

def _dates(record, field_name: str, own: PartialDate | None) -> set[PartialDate]:
    """The record's date for a field, with its other and disputed dates for it."""
    found = {own} if own is not None else set()
    for item in [*getattr(record, "also_dated", []), *getattr(record, "disputed", [])]:
        if item.field == field_name:
            found.add(item.date)
    return found


def explaining_events(data: Dataset, record: Membership, which: str) -> list[Event]:
    """The events that explain a record's start (`which` = "from") or end ("to"): of the record's
    organization and state on that day; or, on the day the organization began or ended, of the
    organization; or, on the day the state began or ended, of the state."""
    own = record.start if which == "from" else record.end
    days = _dates(record, which, own)
    org = data.organizations.get(record.org)
    country = data.countries.get(record.country)
    org_days = (_dates(org, "founded", org.founded) | _dates(org, "dissolved", org.dissolved)) if org else set()
    state_days = {d for d in (country.exists_from, country.dissolved) if d} if country else set()
    found = []
    for event in data.events_of("org", record.org) + data.events_of("country", record.country):
        event_days = _dates(event, "date", event.date)
        if not days & event_days:
            continue
        named_org, named_state = record.org in event.orgs, record.country in event.countries
        if (named_org and named_state) or (named_org and days & org_days) or (named_state and days & state_days):
            if event not in found:
                found.append(event)
    return found


def records_without_events(data: Dataset) -> list[Finding]:
    findings = []
    for record in data.memberships:
        for which, day in (("from", record.start), ("to", record.end)):
            if day is None or explaining_events(data, record, which):
                continue
            findings.append(Finding(record.origin.file, record.lines.get(which, record.origin.line), "no-event",
                                    f"no event for the {'start' if which == 'from' else 'end'} of {record.country} "
                                    f"in {record.org} ({record.status}, '{which}' {day}): add one with org "
                                    f"{record.org}, country {record.country} and date {day}"))
    return findings


# --- the bibliography ----------------------------------------------------------------------------

def unlinked_sources(data: Dataset) -> list[Finding]:
    return [Finding(s.origin.file, s.origin.line, "no-link",
                    f"source '{s.id}' has neither 'url' nor 'identifiers'; give one, or say why in "
                    f"'url_missing_reason'")
            for s in data.sources.values() if not s.findable and not s.url_missing_reason]


def descriptive_titles(data: Dataset) -> list[Finding]:
    return [Finding(s.origin.file, s.lines.get("title_descriptive", s.origin.line), "descriptive-title",
                    f"source '{s.id}' has a descriptive title; give the title as published")
            for s in data.sources.values() if s.title_descriptive]


def _fact_days(record) -> list[tuple[str, PartialDate]]:
    """What a record's own sources are cited for: its start (a membership, an organization), its
    date (an event), its beginning (a state)."""
    if isinstance(record, Membership):
        return [("from", record.start)]
    if isinstance(record, Event):
        return [("date", record.date)]
    day = getattr(record, "founded", None) or getattr(record, "exists_from", None)
    return [("founded" if hasattr(record, "founded") else "exists_from", day)] if day else []


def sources_before_facts(data: Dataset, texts: Texts) -> list[Finding]:
    """A source cannot state what happened after it: a charter of 2002 cited for an accession of
    2006. Compared with the fact's first possible day; sources without a date are left out."""
    findings = []
    for record in cited_records(data):
        facts = dict(_fact_days(record))
        for name in ("also_dated", "disputed"):
            for item in getattr(record, name, []):
                for ref in item.sources:
                    findings += _too_early(data, texts, record, ref, item.date, f"{name} '{item.field}'",
                                           getattr(ref, "line", 0) or item.line)
        if not facts:
            continue
        field_name, day = next(iter(facts.items()))
        for where, ref, line in cited(record):
            if where == "sources":
                findings += _too_early(data, texts, record, ref, day, f"'{field_name}'", line)
    return findings


def _too_early(data: Dataset, texts: Texts, record, ref: str, day: PartialDate, what: str, line: int) -> list[Finding]:
    match = ARTICLE_REF.match(ref)
    if match:
        year = texts.years.get(match["slug"])
        if year is None or year >= day.year:
            return []
        dated = str(year)
    else:
        source = data.sources.get(ref)
        if source is None or source.date is None or source.date.last_day >= day.first_day:
            return []
        dated = str(source.date)
    return [Finding(record.origin.file, line, "source-before-fact",
                    f"source '{ref}' ({dated}) is cited for {what} {day}, after its own date")]


# --- circular and off-topic citations --------------------------------------------------------------

def _passage(texts: Texts, ref: str) -> Passage | None:
    match = ARTICLE_REF.match(ref)
    if not match:
        return None
    return texts.passages.get(match["slug"], {}).get(f"{match['kind']}{match['number']}")


def _years(record) -> set[str]:
    if isinstance(record, Membership):
        return {str(d.year) for d in (record.start, record.end) if d}
    if isinstance(record, Event):
        return {str(record.date.year)}
    return set()


def rests_on_editor(record, ref: str, passage: Passage) -> bool:
    """Whether a citation of an article passage rests on the editor's note in it: its quote is the
    editor's; or, without a quote, the year of the fact is in the editor's note and not in the
    author's words."""
    quote = getattr(ref, "quote", None)
    if quote:
        return quoted(quote, passage) == "editorial"
    years = _years(record)
    return bool(passage.editorial) and any(y in passage.editorial for y in years) \
        and not any(y in passage.words for y in years)


def editorial_only(data: Dataset, texts: Texts) -> list[Finding]:
    """Records and events that rest on an editor's note: each of their sources is either a
    passage whose note, not its author, states the fact, or a document dated before the fact
    (which cannot state it), and one at least is an editor's note."""
    findings = []
    records: list[Any] = [*data.memberships, *data.events.values()]
    for record in records:
        refs = list(record.sources)
        editorial = [ref for ref in refs if (p := _passage(texts, ref)) is not None and rests_on_editor(record, ref, p)]
        day = _fact_days(record)[0][1]
        if editorial and all(ref in editorial or _too_early(data, texts, record, ref, day, "", 0) for ref in refs):
            what = f"event '{record.id}'" if isinstance(record, Event) else \
                f"{record.country} in {record.org} ({record.status}, from {record.start})"
            findings.append(Finding(record.origin.file, record.lines.get("sources", record.origin.line),
                                    "editorial-only", f"{what} rests on the editor's note of {', '.join(editorial)}"
                                                      f" (its other sources predate it): cite a document that "
                                                      f"states it"))
    return findings


def _entities_of(data: Dataset, record) -> set[str]:
    if isinstance(record, Membership):
        return {f"org:{o}" for o in _related(data, [record.org])} | {f"country:{record.country}"}
    if isinstance(record, Event):
        return ({f"org:{o}" for o in _related(data, record.orgs)} | {f"country:{c}" for c in record.countries}
                | {f"person:{p}" for p in record.people})
    return set()


def off_topic(data: Dataset, texts: Texts) -> list[Finding]:
    """A citation of a passage that names none of what the record is about (a note counts what
    the paragraph calling it names)."""
    findings = []
    records: list[Any] = [*data.memberships, *data.events.values()]
    for record in records:
        wanted = _entities_of(data, record)
        if not wanted:
            continue
        for _where, ref, line in cited(record):
            passage = _passage(texts, ref)
            if passage is None:
                continue
            named = passage.entities | passage.editorial_entities
            slug = ref.partition("#")[0]
            for number in passage.notes:  # the notes a paragraph calls are part of what it says
                note = texts.passages.get(slug, {}).get(f"fn{number}")
                if note is not None:
                    named |= note.entities | note.editorial_entities
            if passage.anchor.startswith("fn"):
                number = int(passage.anchor[2:])
                for other in texts.passages.get(slug, {}).values():
                    if number in other.notes:
                        named |= other.entities | other.editorial_entities
            if not named & wanted:
                about = f"event '{record.id}'" if isinstance(record, Event) else f"{record.country} in {record.org}"
                findings.append(Finding(record.origin.file, line, "off-topic",
                                        f"source '{ref}' is cited for {about}, and the passage names none of them"))
    return findings


# --- states ----------------------------------------------------------------------------------------

def countries_without_existence(data: Dataset) -> list[Finding]:
    findings = []
    for country in data.countries.values():
        if country.exists_from is None and country.existed_by is None:
            findings.append(Finding(country.origin.file, country.origin.line, "no-existence",
                                    f"country '{country.id}' has no 'exists_from' (or 'existed_by')"))
        elif not country.sources:
            field_name = "exists_from" if country.exists_from else "existed_by"
            findings.append(Finding(country.origin.file, country.lines.get(field_name, country.origin.line),
                                    "unsourced-existence",
                                    f"country '{country.id}': '{field_name}' has no source; add 'sources'"))
    return findings
