"""Partial dates (`2002`, `2002-10`, `2002-10-07`) that keep their precision.

A partial date stands for a span of days: `2002-10` is any day of October 2002. Comparisons
that matter for membership ("was X a member on day D?") therefore work on the first and the
last day of that span, and may honestly answer "unknown".
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

# ASCII digits only: `\d` would also read other scripts' digits ("٢٠٠٢") as a year.
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class DateError(ValueError):
    """A value that is not a valid partial date; the message says why, for the reader."""


@dataclass(frozen=True, order=False)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, bool) or value is None:
            raise DateError(f"expected a date like 2002, 2002-10 or 2002-10-07, got {value!r}")
        if isinstance(value, int) and not 0 < value < 10_000:
            # (The number is not quoted: str() refuses to write out one of over 4300 digits.)
            raise DateError("expected a year like 2002, got a number outside 1 to 9999")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise DateError(f"'{text}' is not a date like 2002, 2002-10 or 2002-10-07")
        year = int(match[1])
        if year == 0:
            raise DateError(f"'{text}' has year 0000; years start at 0001")
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"'{text}' has month {month}; a month is 01 to 12")
        if day is not None:
            assert month is not None  # the pattern allows a day only after a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(
                    f"'{text}' does not exist: {_MONTHS[month - 1]} {year} has {last} days"
                )
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None and self.month is not None:  # a day is always with its month
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The date as written in the data, at its own precision."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        """For readers: `2002`, `October 2002`, `7 October 2002`."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"

    def sort_key(self) -> tuple[dt.date, int]:
        """Orders by first possible day, a less precise date before a more precise one."""
        return (self.first_day, int(self.precision))

    def __str__(self) -> str:
        return self.iso()


def year_end(year: int) -> dt.date:
    """The day on which "status in year Y" is read."""
    return dt.date(year, 12, 31)
