"""Every export has a JSON Schema published beside it (data/schema/), and the built exports hold
to it; the data/ page documents every file."""
from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

EXPORTS = {"memberships.json": "memberships.schema.json", "events.json": "events.schema.json",
           "entities.json": "entities.schema.json", "sources.json": "sources.schema.json",
           "timeline.json": "timeline.schema.json", "memberships.csv": "memberships.csv.schema.json",
           "country-year.csv": "country-year.csv.schema.json"}


def _validator(site, name) -> Draft202012Validator:
    schema = json.loads((site / "data/schema" / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_the_export_holds_to_its_published_schema(built_site, export):
    validator = _validator(built_site, EXPORTS[export])
    text = (built_site / "data" / export).read_text(encoding="utf-8")
    instances = list(csv.DictReader(io.StringIO(text))) if export.endswith(".csv") else [json.loads(text)]
    errors = [f"{list(e.absolute_path)}: {e.message}" for i in instances for e in validator.iter_errors(i)]
    assert instances and errors == []


def test_a_schema_refuses_what_breaks_the_contract(built_site):
    validator = _validator(built_site, "memberships.schema.json")
    row = json.loads((built_site / "data/memberships.json").read_text(encoding="utf-8"))[0]
    assert validator.is_valid([row])
    assert not validator.is_valid([{**row, "from": "May 1992"}])
    assert not validator.is_valid([{**row, "sources": []}])
    assert not validator.is_valid([{k: v for k, v in row.items() if k != "to"}])
    years = _validator(built_site, "country-year.csv.schema.json")
    assert not years.is_valid({"org": "csto", "country": "uzb", "year": "2005", "status": "member", "cow_code": "7"})


def test_every_schema_is_listed_and_every_export_documented_on_the_data_page(built_site):
    assert sorted(p.name for p in (built_site / "data/schema").glob("*.json")) == sorted(EXPORTS.values())
    page = (built_site / "data/index.html").read_text(encoding="utf-8")
    for export, schema in EXPORTS.items():
        assert f'href="{export}"' in page and f'href="schema/{schema}"' in page
    assert "state did not exist" in page and "entry into force" in page
