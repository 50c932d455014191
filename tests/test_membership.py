import datetime as dt

import pytest

from builder.core.dates import PartialDate
from builder.core.model import UNKNOWN, Dataset, Membership, Organization, Origin

HERE = Origin("test.yaml", 1)


def record(start, end=None, status="member", org="csto", country="uzb"):
    return Membership(org=org, country=country, status=status, start=PartialDate.parse(start),
                      end=PartialDate.parse(end) if end else None, sources=["s"], origin=HERE)


D = dt.date


@pytest.mark.parametrize("start, end, day, expected", [
    # day precision: the first day holds, the end day does not (`to` is the first day without it)
    ("2006-08-16", "2012-06-28", D(2006, 8, 15), None),
    ("2006-08-16", "2012-06-28", D(2006, 8, 16), "member"),
    ("2006-08-16", "2012-06-28", D(2012, 6, 27), "member"),
    ("2006-08-16", "2012-06-28", D(2012, 6, 28), None),
    # month precision: inside the month we cannot tell
    ("2006-08", None, D(2006, 7, 31), None),
    ("2006-08", None, D(2006, 8, 15), UNKNOWN),
    ("2006-08", None, D(2006, 8, 31), "member"),
    ("2006-08", None, D(2030, 1, 1), "member"),
    # year precision on both ends
    ("1992", "1999", D(1991, 12, 31), None),
    ("1992", "1999", D(1992, 6, 1), UNKNOWN),
    ("1992", "1999", D(1992, 12, 31), "member"),
    ("1992", "1999", D(1998, 12, 31), "member"),
    ("1992", "1999", D(1999, 6, 1), UNKNOWN),
    ("1992", "1999", D(1999, 12, 31), None),
])
def test_status_on_a_day_at_every_precision_and_edge(start, end, day, expected):
    got = record(start, end).status_on(day)
    if expected is None or expected is UNKNOWN:
        assert got is expected
    else:
        assert got == expected


def test_status_in_a_year_is_the_status_on_31_december():
    uzb = record("2006-08-16", "2012-06-28")
    assert uzb.status_in(2006) == "member"
    assert uzb.status_in(2011) == "member"
    assert uzb.status_in(2012) is None
    assert record("2012-12-31").status_in(2012) == "member"


def test_dataset_status_prefers_a_known_status_over_an_unknown_one():
    data = Dataset(memberships=[
        record("2006-08-16", "2012-06", status="member"),
        record("2012-06", status="suspended"),
    ])
    assert data.status_on("csto", "uzb", D(2012, 6, 10)) is UNKNOWN
    assert data.status_on("csto", "uzb", D(2012, 7, 1)) == "suspended"
    assert data.status_on("csto", "uzb", D(2010, 1, 1)) == "member"
    assert data.status_on("csto", "uzb", D(2000, 1, 1)) is None
    assert data.status_on("sco", "uzb", D(2010, 1, 1)) is None


def _org(org_id, predecessors=()):
    return Organization(id=org_id, name=org_id, kind="treaty", founded=PartialDate(1992), summary="s",
                        sources=["s"], origin=HERE, predecessors=list(predecessors))


def test_lineage_follows_predecessors_once_each():
    data = Dataset(organizations={o.id: o for o in (
        _org("cau"), _org("caec", ["cau"]), _org("caco", ["caec"]), _org("eurasec", ["caco"]),
        _org("eaeu", ["eurasec", "caco"]),
    )})
    assert data.lineage("eaeu") == ["eaeu", "eurasec", "caco", "caec", "cau"]
    assert data.lineage("cau") == ["cau"]


def test_an_organization_exists_between_founding_and_dissolution():
    org = _org("caco")
    org.founded, org.dissolved = PartialDate.parse("2002-02-28"), PartialDate.parse("2005-10")
    assert org.exists_on(D(2002, 2, 27)) is False
    assert org.exists_on(D(2002, 2, 28)) is True
    assert org.exists_on(D(2005, 10, 10)) is UNKNOWN
    assert org.exists_on(D(2005, 11, 1)) is False
