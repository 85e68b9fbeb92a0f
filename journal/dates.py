"""Dates typed by people, and dates shown to people.

Parsing never guesses: a phrase is read by one of a small set of patterns or refused with a
`DateError` whose message says which forms work. Nothing here knows about Textual.

- `parse_when`: when an interaction happened (today or earlier).
- `parse_until`: until when a snooze lasts (strictly after today).
- `parse_span_days`: a cadence, in days.
- `parse_date_strict`: an ISO `YYYY-MM-DD` date and nothing else.
- `ago` and `days_phrase`: short phrases for showing dates and counts.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from journal.text import quoted

__all__ = [
    "DateError",
    "ago",
    "days_phrase",
    "parse_date_strict",
    "parse_span_days",
    "parse_until",
    "parse_when",
    "span_parts",
]


class DateError(ValueError):
    """A date or span that cannot be used; the message is a full sentence for a person."""


WHEN_HINT = "try today, yesterday, 3 days ago, 2w ago, last friday, 2026-11-20, Nov 20 or 20 Nov"
UNTIL_HINT = "try 2w, 10d, 1m, 1y, in 3 weeks, tomorrow, next monday, 2026-11-20, Nov 20 or 20 Nov"
SPAN_HINT = "try 30d, 2w, 3m or 1y"
STRICT_HINT = "use YYYY-MM-DD, e.g. 2026-11-20"

# The units of a span (a snooze, a cadence): its letter, its word, its length in days (a month
# 30 and a year 365, the approximate length a month or year cadence is stored with). Every
# spelling, phrase and day count of a unit comes from here.
SPAN_UNITS = (("d", "day", 1), ("w", "week", 7), ("m", "month", 30), ("y", "year", 365))
_UNITS = {
    spelling: word + "s"
    for letter, word, _ in SPAN_UNITS
    for spelling in (letter, word, word + "s")
}
_SPAN_DAYS = {word + "s": days for _, word, days in SPAN_UNITS}

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}

# All patterns run on text that is lower-cased, stripped and has single spaces (`_normalize`).
# They are kept as text and compiled by `re` on first use (and cached there): most commands
# read no date, and compiling these is most of this module's import.
_SPAN_NUMBER = r"(?a)(\d+) ?([a-z]+)"
_SPAN_WORD = r"(?a)(?:a|an|one) ([a-z]+)"
_ISO = r"(?a)(\d{4})([-/])(\d{1,2})\2(\d{1,2})"
_STRICT_ISO = r"(?a)(\d{4})-(\d{2})-(\d{2})"
_YEAR = r"(?:(?:, ?| )(\d{4}))?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAY = r"(?a)([a-z]+)\.? (\d{1,2})" + _ORDINAL + _YEAR
_DAY_MONTH = r"(?a)(\d{1,2})" + _ORDINAL + r" ([a-z]+)\.?" + _YEAR
_PLAIN_DAYS = r"(?a)\d+"
_MAX_DIGITS = 6  # no one types a span of a million units; int() of long digit runs is slow
MAX_SPAN_DAYS = 100 * 365  # a longer cadence would only overflow date arithmetic later


# --- reading ---------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    return " ".join(text.lower().split())


def _match_span(s: str) -> tuple[int, str] | None:
    """`3d`, `3 days`, `a week`, `1 week` -> (count, relativedelta keyword), else None."""
    m = re.fullmatch(_SPAN_NUMBER, s)
    if m and len(m.group(1)) <= _MAX_DIGITS and m.group(2) in _UNITS:
        return int(m.group(1)), _UNITS[m.group(2)]
    m = re.fullmatch(_SPAN_WORD, s)
    if m and m.group(1) in _UNITS and len(m.group(1)) > 1:
        return 1, _UNITS[m.group(1)]
    return None


def span_parts(text: str) -> tuple[int, str] | None:
    """`6m`, `6 months`, `a month` -> (6, "months"), (1, "months"); None for anything else
    (plain digits too)."""
    return _match_span(_normalize(text))


def _shift(today: date, count: int, unit: str, text: str) -> date:
    from dateutil.relativedelta import relativedelta  # only for spans typed: 5 ms to import

    try:
        return today + relativedelta(**{unit: count})
    except (OverflowError, ValueError):
        raise DateError(f'"{quoted(text)}" is too far from today to be a date') from None


def _weekday(s: str, prefix: str) -> int | None:
    """The weekday number of `friday`, `fri` or `<prefix> friday`, else None."""
    if s.startswith(prefix + " "):
        s = s[len(prefix) + 1 :]
    return _WEEKDAYS.get(s)


def _last_weekday(today: date, weekday: int) -> date:
    back = (today.weekday() - weekday - 1) % 7 + 1
    return today - timedelta(days=back)


def _next_weekday(today: date, weekday: int) -> date:
    ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead)


def _month_day(s: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from `Nov 20`, `20 November 2025`, `2026-11-20`, ..."""
    m = re.fullmatch(_ISO, s)
    if m:
        return int(m.group(1)), int(m.group(3)), int(m.group(4))
    m = re.fullmatch(_MONTH_DAY, s)
    if m and m.group(1) in _MONTHS:
        return _year(m.group(3)), _MONTHS[m.group(1)], int(m.group(2))
    m = re.fullmatch(_DAY_MONTH, s)
    if m and m.group(2) in _MONTHS:
        return _year(m.group(3)), _MONTHS[m.group(2)], int(m.group(1))
    return None


def _year(group: str | None) -> int | None:
    return None if group is None else int(group)


def _not_real(text: str, year: int | None, month: int, day: int) -> DateError:
    return DateError(f'"{quoted(text)}" is not a real date: {_why_not_real(year, month, day)}')


def _why_not_real(year: int | None, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year is not None and not 1 <= year <= 9999:
        return f"there is no year {year}"
    name = calendar.month_name[month]
    if year is None:
        return f"{name} has no day {day}"
    return f"{name} {year} has {calendar.monthrange(year, month)[1]} days"


def _exact(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _not_real(text, year, month, day) from None


def _check_yearless(text: str, month: int, day: int) -> None:
    """A month and day with no year must exist in some year (29 February does)."""
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise _not_real(text, None, month, day)


def _occurrences(month: int, day: int, years: range) -> list[date]:
    found = []
    for year in years:
        try:
            found.append(date(year, month, day))
        except ValueError:  # 29 February in a common year, or beyond year 1..9999
            continue
    return found


def _latest_on_or_before(text: str, month: int, day: int, today: date) -> date:
    _check_yearless(text, month, day)
    for found in _occurrences(month, day, range(today.year, today.year - 9, -1)):
        if found <= today:
            return found
    raise DateError(f'"{quoted(text)}" is too far from today to be a date')


def _next_after(text: str, month: int, day: int, today: date) -> date:
    _check_yearless(text, month, day)
    for found in _occurrences(month, day, range(today.year, today.year + 9)):
        if found > today:
            return found
    raise DateError(f'"{quoted(text)}" is too far from today to be a date')


# --- when something happened -----------------------------------------------------------------


def parse_when(text: str, today: date) -> date:
    """When an interaction happened: today or earlier. Raises DateError, never guesses."""
    s = _normalize(text)
    if not s:
        raise DateError(f"no date given: {WHEN_HINT}")
    found = _when_relative(s, today, text)
    if found is None:
        found = _when_absolute(s, today, text)
    if found is None and _match_span(s) is None:
        found = _until_relative(s, today, text)  # `tomorrow`, `next monday`: read, then refused
    if found is None:
        raise DateError(_unreadable_when(s, today, text))
    if found > today:
        raise DateError(
            f"{_is_day(text, found, 'in the future')}: "
            "interactions are logged for today or earlier"
        )
    return found


def _is_day(text: str, day: date, state: str) -> str:
    """`"2026-12-01" is in the future`, or `"tomorrow" is 2026-11-26, which is in the future`."""
    shown = quoted(text)
    if shown == day.isoformat():
        return f'"{shown}" is {state}'
    return f'"{shown}" is {day.isoformat()}, which is {state}'


def _unreadable_when(s: str, today: date, text: str) -> str:
    """Why `text` is not a date, suggesting `… ago` for a bare span such as `3 days`."""
    span = _match_span(s)
    if span is not None:
        try:
            earlier = _shift(today, -span[0], span[1], text)
        except DateError:
            pass
        else:
            return (
                f'cannot read "{quoted(text)}" as a date: did you mean "{s} ago" '
                f"({earlier.isoformat()})?"
            )
    return f'cannot read "{quoted(text)}" as a date: {WHEN_HINT}'


def _when_relative(s: str, today: date, text: str) -> date | None:
    if s == "today":
        return today
    if s == "yesterday":
        return today - timedelta(days=1)
    if s.endswith(" ago"):
        span = _match_span(s.removesuffix(" ago"))
        return None if span is None else _shift(today, -span[0], span[1], text)
    weekday = _weekday(s, "last")
    return None if weekday is None else _last_weekday(today, weekday)


def _when_absolute(s: str, today: date, text: str) -> date | None:
    parts = _month_day(s)
    if parts is None:
        return None
    year, month, day = parts
    if year is None:
        return _latest_on_or_before(text, month, day, today)
    return _exact(text, year, month, day)


# --- until when a snooze lasts ---------------------------------------------------------------


def parse_until(text: str, today: date) -> date:
    """The end of a snooze: a span from today or a date, strictly after today."""
    s = _normalize(text)
    if not s:
        raise DateError(f"no date given: {UNTIL_HINT}")
    found = _until_relative(s, today, text)
    if found is None:
        found = _until_absolute(s, today, text)
    if found is None:
        found = _when_relative(s, today, text)  # `yesterday`, `last friday`: read, then refused
    if found is None:
        raise DateError(f'cannot read "{quoted(text)}" as a date or span: {UNTIL_HINT}')
    if found <= today:
        raise DateError(
            f"{_is_day(text, found, 'not in the future')}: pick a day after today "
            f"({today.isoformat()}), such as 2w, 1m, next monday or a date"
        )
    return found


def _until_relative(s: str, today: date, text: str) -> date | None:
    if s == "today":
        return today
    if s == "tomorrow":
        return today + timedelta(days=1)
    span = _match_span(s.removeprefix("in "))
    if span is not None:
        return _shift(today, span[0], span[1], text)
    weekday = _weekday(s, "next")
    return None if weekday is None else _next_weekday(today, weekday)


def _until_absolute(s: str, today: date, text: str) -> date | None:
    parts = _month_day(s)
    if parts is None:
        return None
    year, month, day = parts
    if year is None:
        return _next_after(text, month, day, today)
    return _exact(text, year, month, day)


# --- cadences and strict dates ---------------------------------------------------------------


def parse_span_days(text: str) -> int:
    """A cadence in days: `30d`, `2w`, `3m`, `1y`, `30`, `2 weeks`; a month is 30 days."""
    s = _normalize(text)
    if re.fullmatch(_PLAIN_DAYS, s) and len(s) <= _MAX_DIGITS:
        days = int(s)
    else:
        span = _match_span(s)
        if span is None:
            raise DateError(f'cannot read "{quoted(text)}" as a span: {SPAN_HINT}')
        days = span[0] * _SPAN_DAYS[span[1]]
    if days <= 0:
        raise DateError(f'a span must be at least 1 day, not "{quoted(text)}": {SPAN_HINT}')
    if days > MAX_SPAN_DAYS:
        raise DateError(f'a span must be at most 100 years, not "{quoted(text)}": {SPAN_HINT}')
    return days


def parse_date_strict(text: str) -> date:
    """Only an ISO `YYYY-MM-DD` date, as options on the command line take."""
    m = re.fullmatch(_STRICT_ISO, text.strip())
    if m is None:
        raise DateError(f'cannot read "{quoted(text)}" as a date: {STRICT_HINT}')
    return _exact(text, int(m.group(1)), int(m.group(2)), int(m.group(3)))


# --- showing ---------------------------------------------------------------------------------


def days_phrase(n: int) -> str:
    """`1 day`, `3 days`, `0 days`."""
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def plural(n: int, word: str, words: str | None = None) -> str:
    """`1 card`, `3 cards`, `2 people` (with `words`): the one plural of the journal's words."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _distance(early: date, late: date) -> str:
    """How far apart two dates are (early <= late), in the unit a person would use."""
    days = (late - early).days
    if days < 7:
        return days_phrase(days)
    if days < 60:
        return plural(days // 7, "week")
    months = max(2, months_between(early, late))
    if months == 12 or months >= 24:
        return plural(months // 12, "year")
    return plural(months, "month")


def months_between(early: date, late: date) -> int:
    """Whole months from `early` to `late` (not before it), counted as dateutil's
    `relativedelta` does: a month on from 31 January is the last day of February."""
    months = (late.year - early.year) * 12 + late.month - early.month
    year, month = divmod(early.year * 12 + early.month - 1 + months, 12)
    day = min(early.day, calendar.monthrange(year, month + 1)[1])
    return months - 1 if date(year, month + 1, day) > late else months


@lru_cache(maxsize=8192)
def ago(d: date, today: date) -> str:
    """`today`, `yesterday`, `3 days ago`, `2 weeks ago`, `5 months ago`, `in 3 days`, ..."""
    days = (today - d).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if days > 0:
        return f"{_distance(d, today)} ago"
    return f"in {_distance(today, d)}"
