"""How often to be in touch with someone: a count of days, weeks, calendar months or years.

A contact stores it as `cadence_days` (what every reader of an approximate length uses: 30 days
a month, 365 a year) and, for months and years, `cadence_months` too; the due date counts
calendar months (`6m` after 20 May is 20 November; a month after 31 January is the last day of
February). Days and weeks are both kept as days (`14d` reads back as `2w`).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from journal.dates import SPAN_UNITS, DateError, parse_span_days, plural, span_parts

Unit = Literal["d", "w", "m", "y"]

NO_CADENCE_FIELDS: dict[str, int | None] = {"cadence_days": None, "cadence_months": None}
_WORDS = {letter: word for letter, word, _ in SPAN_UNITS}
_DAYS = {letter: days for letter, _, days in SPAN_UNITS}
DAYS_PER_MONTH = _DAYS["m"]  # the approximate `cadence_days` of a month cadence (as files held)
DAYS_PER_YEAR = _DAYS["y"]


def approx_days(months: int) -> int:
    """The `cadence_days` that goes with a cadence of `months` calendar months."""
    if months % 12 == 0:
        return months // 12 * DAYS_PER_YEAR
    return months * DAYS_PER_MONTH


class Cadence(NamedTuple):
    """`Cadence(6, "m")`: every six calendar months."""

    count: int
    unit: Unit

    @classmethod
    def of(cls, days: int | None, months: int | None = None) -> Cadence | None:
        """A contact's cadence from its two fields (months only while the days agree)."""
        if days is None:
            return None
        if months is not None and months > 0 and approx_days(months) == days:
            return cls(months // 12, "y") if months % 12 == 0 else cls(months, "m")
        if days % 7 == 0:
            return cls(days // 7, "w")
        return cls(days, "d")

    @classmethod
    def from_legacy_days(cls, days: int) -> Cadence:
        """A `cadence_days` from a file written before months were kept: read as it was always
        shown (`every 6 months` for 180), so years and months for multiples of 365 and 30."""
        if days > 0 and days % DAYS_PER_YEAR == 0:
            return cls(days // DAYS_PER_YEAR, "y")
        if days > 0 and days % DAYS_PER_MONTH == 0:
            return cls(days // DAYS_PER_MONTH, "m")
        return cls.of(days) or cls(days, "d")

    @property
    def months(self) -> int | None:
        """Calendar months for month and year cadences, None for days and weeks."""
        if self.unit == "m":
            return self.count
        if self.unit == "y":
            return self.count * 12
        return None

    @property
    def days(self) -> int:
        """The length in days, approximate for months and years (the stored `cadence_days`)."""
        months = self.months
        if months is not None:
            return approx_days(months)
        return self.count * 7 if self.unit == "w" else self.count

    def fields(self) -> dict[str, int | None]:
        """The contact fields that hold this cadence: `replace(contact, **cadence.fields())`."""
        return {"cadence_days": self.days, "cadence_months": self.months}

    @property
    def text(self) -> str:
        """As typed: `6m`, `2w`, `1y`, `10d`."""
        return f"{self.count}{self.unit}"

    @property
    def phrase(self) -> str:
        """`every 6 months`, `every week`, `every 10 days`."""
        word = _WORDS[self.unit]
        return f"every {word}" if self.count == 1 else f"every {plural(self.count, word)}"

    def after(self, day: date) -> date:
        """The day one cadence after `day`: calendar months for months and years."""
        months = self.months
        if months is None:
            return day + timedelta(days=self.days)
        return add_months(day, months)


@lru_cache(maxsize=65536)
def add_months(day: date, months: int) -> date:
    """`day` plus calendar months, as relativedelta counts them (31 Jan + 1 month is the last
    day of February; 29 Feb + 12 months is 28 Feb). Cached: statuses ask for few distinct
    (day, months) pairs, and relativedelta is slow beside timedelta."""
    from dateutil.relativedelta import relativedelta  # 5 ms to import: only when needed

    return day + relativedelta(months=months)


def add_years(day: date, years: int) -> date:
    """`day` plus calendar years, as `add_months(day, 12 * years)` counts them (29 February
    falls on 28 February in a common year), without relativedelta's cost: birthdays ask it
    for every person."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def parse_cadence(text: str) -> Cadence:
    """A cadence as typed: `30d`, `2w`, `6m`, `1y`, `30` (days), `2 weeks`, `a month`.
    Same forms and limits as `parse_span_days`; DateError with a message otherwise."""
    days = parse_span_days(text)  # checks the form and the limits, says what is wrong
    count, unit = span_parts(text) or (days, "days")
    months = {"months": count, "years": count * 12}.get(unit)
    if months is not None:
        days = approx_days(months)
    return Cadence.of(days, months) or Cadence(days, "d")


__all__ = [
    "NO_CADENCE_FIELDS",
    "Cadence",
    "DateError",
    "add_months",
    "approx_days",
    "parse_cadence",
]
