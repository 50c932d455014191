"""The article syntax shared by the text pass (load) and the Markdown extension.

    [[org:an-org|the Organization]]  [[country:fra]]  [[person:a-person|A. Person]]
    {{page:58}}  {{page:57 inferred}}  {{lacuna}}  {{lacuna: Graph 1 is missing}}
    {{ed: an editorial note}}  {{sic}}
"""
from __future__ import annotations

import re

ENTITY_KINDS = {"org": "organizations", "country": "countries", "person": "people"}
# The pipe of an annotation is swapped for a private-use character before block parsing, so
# that an annotation inside a table cell does not split the cell.
PIPE = "\ue000"
ANNOTATION = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<id>[a-z0-9-]+)(?:[|\ue000](?P<text>.+?))?\]\]")
DIRECTIVE = re.compile(r"\{\{(?P<name>page|lacuna|ed|sic)(?::\s*(?P<arg>.*?))?\}\}", re.DOTALL)
