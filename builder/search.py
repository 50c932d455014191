"""The site search's two indexes, made from the one MkDocs' search plugin writes.

`search/search_index.json` (the plugin's, without the yearly matrices) has the full text of every
article and its sections; a page generated from the data is indexed by its description and the
names of what it is about (its tables and link lists are only other pages' names). `search/titles.json` has one entry per page: its title and the other names of
what it is about (aliases, acronyms, official names). The search box loads the small one as soon
as a search starts, so the first results come quickly even on a slow line, and the full text after.
"""
from __future__ import annotations

import json


def trimmed(index: dict, hidden: set[str]) -> dict:
    """The index without the pages in `hidden` (page URLs) and their sections."""
    return {**index, "docs": [d for d in index["docs"] if d["location"].split("#", 1)[0] not in hidden]}


def with_texts(index: dict, texts: dict[str, str]) -> dict:
    """The index with the text of the pages in `texts` (page URL -> text) put in."""
    return {**index, "docs": [{**d, "text": texts[d["location"]]} if d["location"] in texts else d
                              for d in index["docs"]]}


def titles(index: dict, names: dict[str, list[str]]) -> dict:
    """One entry a page: `title`, `location`, and as `text` the other names it is known by."""
    docs = [{"location": d["location"], "title": d["title"], "text": " · ".join(names.get(d["location"], []))}
            for d in index["docs"] if "#" not in d["location"]]
    return {"docs": docs}


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
