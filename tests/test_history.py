from builder.core.dates import PartialDate
from builder.core.model import Membership, Origin
from builder.core.urls import breadcrumbs, relative_url
from builder.views.history import dates, summarize, years


def rec(status, start, end=None):
    return Membership(org="csto", country="uzb", status=status, start=PartialDate.parse(start),
                      end=PartialDate.parse(end) if end else None, sources=["s"], origin=Origin("f", 1))


def test_summary_groups_spans_by_status_in_order_of_first_appearance():
    records = [rec("suspended", "2012-06-28"), rec("member", "2006-08-16", "2012-06-28"),
               rec("member", "1992-05-15", "1999-04-20")]
    assert summarize(records) == "member 1992–1999, 2006–2012; suspended since 2012"


def test_spans_in_years_and_at_full_precision():
    assert years(rec("observer", "2005-07", "2005-12")) == "2005"
    assert years(rec("member", "1992", "1999")) == "1992–1999"
    assert dates(rec("member", "1992-05-15", "1999-04")) == "15 May 1992 – April 1999"
    assert dates(rec("member", "2006")) == "since 2006"


def test_relative_urls_work_from_any_depth():
    assert relative_url("countries/uzb/", "organizations/csto/") == "../../countries/uzb/"
    assert relative_url("sources/#cst-1992", "countries/uzb/") == "../../sources/#cst-1992"
    assert relative_url("", "organizations/") == "../"
    assert relative_url("organizations/", "") == "organizations/"
    assert relative_url("", "") == "./"
    assert relative_url("#src-1", "countries/uzb/") == "#src-1"
    assert relative_url("assets/site.css", "organizations/csto/") == "../../assets/site.css"


def test_breadcrumbs_name_each_parent_page():
    titles = {"organizations/": "Organizations"}
    assert breadcrumbs("organizations/csto/", titles) == [("Home", ""), ("Organizations", "organizations/")]
    assert breadcrumbs("organizations/", titles) == [("Home", "")]
    assert breadcrumbs("", titles) == []
    assert breadcrumbs("overlap/csto-sco/", titles) == [("Home", "")]  # no page at overlap/
