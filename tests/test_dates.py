import datetime as dt

import pytest

from builder.core.dates import DateError, PartialDate, Precision


@pytest.mark.parametrize("text, precision, first, last", [
    ("2002", Precision.YEAR, dt.date(2002, 1, 1), dt.date(2002, 12, 31)),
    ("2002-10", Precision.MONTH, dt.date(2002, 10, 1), dt.date(2002, 10, 31)),
    ("2002-10-07", Precision.DAY, dt.date(2002, 10, 7), dt.date(2002, 10, 7)),
    ("2024-02", Precision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-02", Precision.MONTH, dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
])
def test_a_partial_date_keeps_its_precision_and_spans_its_days(text, precision, first, last):
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert (date.first_day, date.last_day) == (first, last)
    assert date.iso() == text


def test_a_year_read_by_yaml_as_a_number_is_a_year():
    assert PartialDate.parse(1992) == PartialDate(1992)


@pytest.mark.parametrize("text, display", [
    ("1992", "1992"), ("1992-05", "May 1992"), ("1992-05-15", "15 May 1992"),
])
def test_display_shows_only_what_is_known(text, display):
    assert PartialDate.parse(text).display() == display


@pytest.mark.parametrize("text, message", [
    ("2002-13", "'2002-13' has month 13; a month is 01 to 12"),
    ("2002-02-30", "'2002-02-30' does not exist: February 2002 has 28 days"),
    ("2023-02-29", "'2023-02-29' does not exist: February 2023 has 28 days"),
    ("2002-4-1", "'2002-4-1' is not a date like 2002, 2002-10 or 2002-10-07"),
    ("May 2002", "'May 2002' is not a date like 2002, 2002-10 or 2002-10-07"),
    ("2002-00", "'2002-00' has month 0; a month is 01 to 12"),
])
def test_impossible_or_malformed_dates_are_refused_with_a_reason(text, message):
    with pytest.raises(DateError) as error:
        PartialDate.parse(text)
    assert str(error.value) == message


def test_leap_day_exists_in_a_leap_year():
    assert PartialDate.parse("2024-02-29").last_day == dt.date(2024, 2, 29)


def test_sorting_puts_the_vaguer_date_first_within_the_same_start():
    dates = [PartialDate.parse(t) for t in ("2006-08-16", "2006", "2005-12", "2006-08")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == ["2005-12", "2006", "2006-08", "2006-08-16"]
