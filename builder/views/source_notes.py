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


@dataclass
class SourceNotes:
    data: Dataset
    order: list[str] = field(default_factory=list)

    def cite(self, refs: list[str]) -> list[int]:
        """The note numbers of `refs`, numbering new ones."""
        numbers = []
        for ref in refs:
            if ref not in self.order:
                self.order.append(ref)
            numbers.append(self.order.index(ref) + 1)
        return numbers

    def entries(self) -> list[dict]:
        return [
            {"number": n, "ref": ref, "label": source_label(self.data, ref), "url": source_url(ref)}
            for n, ref in enumerate(self.order, start=1)
        ]
