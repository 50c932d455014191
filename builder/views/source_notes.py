"""Numbered source notes for one page: each source reference gets a number on first use."""
from __future__ import annotations

from dataclasses import dataclass, field

from builder.core.model import Dataset
from builder.load.validate import ARTICLE_REF


def source_url(ref: str) -> str:
    """Where a source reference points inside the site (site-root relative)."""
    match = ARTICLE_REF.match(ref)
    if match:
        return f"articles/{match['slug']}/#{match['kind']}{match['number']}"
    return f"sources/#{ref}"


def source_label(data: Dataset, ref: str) -> str:
    """A reader's label for a reference: the bibliography entry, or article and paragraph."""
    match = ARTICLE_REF.match(ref)
    if match:
        where = f"¶ {match['number']}" if match["kind"] == "p" else f"note {match['number']}"
        return f"{data.article_labels.get(match['slug'], match['slug'])}, {where}"
    source = data.sources[ref]
    parts = [source.title]
    if source.author:
        parts.insert(0, source.author)
    details = ", ".join(p for p in (source.place, source.date.display() if source.date else None) if p)
    if details:
        parts.append(details)
    return ". ".join(parts)


def quotation(ref: str) -> dict | None:
    """A reference's quote and locator, when it carries one (model.SourceRef)."""
    quote = getattr(ref, "quote", None)
    if not quote:
        return None
    return {"quote": quote, "locator": getattr(ref, "locator", None)}


@dataclass
class SourceNotes:
    data: Dataset
    order: list[str] = field(default_factory=list)
    quotes: dict[str, list[dict]] = field(default_factory=dict)  # ref -> its quotes on this page, each once
    claims: int = 0  # quotes shown on the page so far: each gets an id of its own

    def cite(self, refs: list[str]) -> list[int]:
        """The note numbers of `refs`, numbering new ones."""
        numbers = []
        for ref in refs:
            if ref not in self.order:
                self.order.append(ref)
            numbers.append(self.order.index(ref) + 1)
        return numbers

    def quoted(self, refs: list[str]) -> list[dict]:
        """The quotes `refs` carry, each with its note number and an id on the page; the source
        list shows them under their note too."""
        found = []
        for ref, number in zip(refs, self.cite(refs)):
            claim = quotation(ref)
            if claim is None:
                continue
            self.claims += 1
            kept = self.quotes.setdefault(str(ref), [])
            if claim not in kept:
                kept.append(claim)
            found.append({**claim, "number": number, "id": f"claim-{self.claims}", "url": f"#src-{number}",
                          "label": f"source {number}"})
        return found

    def entries(self) -> list[dict]:
        return [
            {"number": n, "ref": ref, "label": source_label(self.data, ref), "url": source_url(ref),
             "quotes": self.quotes.get(str(ref), [])}
            for n, ref in enumerate(self.order, start=1)
        ]
