"""What Zotero makes of a page's head: its Embedded Metadata translator's rules, in Python.

Zotero's translator (zotero/translators, "Embedded Metadata.js", with "RDF.js" for Dublin Core
and Open Graph; read at their June 2026 versions) runs inside Zotero and cannot run here; these
are the parts of it this site's pages reach, written out so that a test can ask what item a
reader's Zotero would save:

- the item type: a Highwire tag decides first (`citation_journal_title`: journal article;
  `citation_inbook_title` or `citation_book_title`: book section; `citation_title` alone: a guess
  of journal article); otherwise the RDF translator's order: Open Graph's type ("website": web
  page) before Dublin Core's (`DC.type` "Dataset": data set; "Text": a guess of journal article);
- creators: `citation_author` (each "Family, Given", split at the comma; without a comma at the
  last space, so "The editors" would become a person "editors, The"), else `DC.creator`;
- fields: HIGHWIRE_MAPPINGS, each later tag overriding an earlier one for the same field
  (`citation_cover_date` after `citation_publication_date`); pages from `citation_firstpage` and
  `citation_lastpage` joined with "-"; the URL from `citation_fulltext_html_url` or `og:url`;
  `DC.publisher` and `og:site_name` for a web page's publisher and site.
"""
from __future__ import annotations

from bs4 import BeautifulSoup

HIGHWIRE_MAPPINGS = {
    "citation_title": "title", "citation_publication_date": "date", "citation_cover_date": "date",
    "citation_date": "date", "citation_journal_title": "publicationTitle", "citation_inbook_title": "publicationTitle",
    "citation_book_title": "bookTitle", "citation_volume": "volume", "citation_issue": "issue",
    "citation_publisher": "publisher", "citation_language": "language",
}
_HIGHWIRE_TYPES = {"citation_journal_title": "journalArticle", "citation_inbook_title": "bookSection",
                   "citation_book_title": "bookSection"}


def _clean_author(name: str) -> dict[str, str]:
    """Zotero's ZU.cleanAuthor: at the comma when there is one, else at the last space."""
    if "," in name:
        last, _, first = name.partition(",")
    else:
        first, _, last = name.strip().rpartition(" ")
    return {"lastName": last.strip(), "firstName": first.strip()}


def zotero_item(html: str) -> dict:
    page = BeautifulSoup(html, "html.parser")
    meta: list[tuple[str, str]] = []
    for tag in page.find_all("meta"):
        name = tag.get("name") or tag.get("property")
        if name and tag.get("content") is not None:
            meta.append((name, tag["content"]))
    names = [name for name, _ in meta]
    first = {name: value for name, value in reversed(meta)}  # the first of each name
    hw_type = next((_HIGHWIRE_TYPES[n] for n in names if n in _HIGHWIRE_TYPES), None)
    if hw_type is None:
        og, dc = first.get("og:type"), (first.get("DC.type") or "").lower()
        if og == "website":
            hw_type = "webpage"
        elif dc == "dataset":
            hw_type = "dataset"
        elif "citation_title" in first or dc == "text" or og == "article":
            hw_type = "journalArticle"
        else:
            hw_type = "webpage"
    item: dict = {"itemType": hw_type}
    for name, field in HIGHWIRE_MAPPINGS.items():
        if first.get(name, "").strip():
            item[field] = first[name].strip()
    authors = [value for name, value in meta if name == "citation_author"]
    creators = [_clean_author(a) for a in authors] or [_clean_author(v) for n, v in meta if n == "DC.creator"]
    item["creators"] = creators
    item.setdefault("title", first.get("DC.title") or first.get("og:title"))
    item.setdefault("date", first.get("DC.date"))
    if item["itemType"] in ("webpage", "dataset"):
        item["publisher"] = first.get("DC.publisher")
        item["websiteTitle"] = first.get("og:site_name")
    firstpage, lastpage = first.get("citation_firstpage"), first.get("citation_lastpage")
    if firstpage:
        item["pages"] = firstpage + (f"-{lastpage}" if lastpage else "")
    item["url"] = first.get("citation_fulltext_html_url") or first.get("og:url")
    return {key: value for key, value in item.items() if value not in (None, "")}
