"""Dates typed by people (`journal.dates`): what is read, what is refused, and how dates read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal.dates import (
    DateError,
    ago,
    days_phrase,
    parse_date_strict,
    parse_span_days,
    parse_until,
    parse_when,
)

# Wednesday 25 November 2026.
TODAY = date(2026, 11, 25)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- parse_when: accepted ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-25"),
        ("yesterday", "2026-11-24"),
        ("0 days ago", "2026-11-25"),
        ("1 day ago", "2026-11-24"),
        ("a day ago", "2026-11-24"),
        ("3 days ago", "2026-11-22"),
        ("25 days ago", "2026-10-31"),
        ("3d ago", "2026-11-22"),
        ("3 d ago", "2026-11-22"),
        ("3days ago", "2026-11-22"),
        ("a week ago", "2026-11-18"),
        ("an week ago", "2026-11-18"),
        ("one week ago", "2026-11-18"),
        ("1 week ago", "2026-11-18"),
        ("2 weeks ago", "2026-11-11"),
        ("2w ago", "2026-11-11"),
        ("1 month ago", "2026-10-25"),
        ("1m ago", "2026-10-25"),
        ("3 months ago", "2026-08-25"),
        ("11 months ago", "2025-12-25"),
        ("1 year ago", "2025-11-25"),
        ("1y ago", "2025-11-25"),
        ("2 years ago", "2024-11-25"),
        ("last monday", "2026-11-23"),
        ("last tuesday", "2026-11-24"),
        ("last wednesday", "2026-11-18"),
        ("last thursday", "2026-11-19"),
        ("last friday", "2026-11-20"),
        ("last saturday", "2026-11-21"),
        ("last sunday", "2026-11-22"),
        ("last mon", "2026-11-23"),
        ("last tue", "2026-11-24"),
        ("last wed", "2026-11-18"),
        ("last thu", "2026-11-19"),
        ("last fri", "2026-11-20"),
        ("last sat", "2026-11-21"),
        ("last sun", "2026-11-22"),
        ("friday", "2026-11-20"),
        ("fri", "2026-11-20"),
        ("wednesday", "2026-11-18"),
        ("2026-11-20", "2026-11-20"),
        ("2026-11-25", "2026-11-25"),
        ("2026-1-5", "2026-01-05"),
        ("2026/11/20", "2026-11-20"),
        ("1999-12-31", "1999-12-31"),
        ("Nov 20", "2026-11-20"),
        ("November 20", "2026-11-20"),
        ("20 Nov", "2026-11-20"),
        ("20 November", "2026-11-20"),
        ("Nov. 20", "2026-11-20"),
        ("Nov 20th", "2026-11-20"),
        ("1st Nov", "2026-11-01"),
        ("Sept 3", "2026-09-03"),
        ("Nov 25", "2026-11-25"),
        ("Dec 3", "2025-12-03"),
        ("December 3", "2025-12-03"),
        ("3 Dec", "2025-12-03"),
        ("Nov 26", "2025-11-26"),
        ("Jan 1", "2026-01-01"),
        ("Nov 20 2025", "2025-11-20"),
        ("Nov 20, 2025", "2025-11-20"),
        ("Nov 20,2025", "2025-11-20"),
        ("20 Nov 2025", "2025-11-20"),
        ("20 November, 2025", "2025-11-20"),
        ("Dec 3 2025", "2025-12-03"),
    ],
)
def test_parse_when_reads(text: str, expected: str) -> None:
    assert parse_when(text, TODAY) == d(expected)


@pytest.mark.parametrize(
    "text",
    ["TODAY", "  today  ", "\ttoday\n", "Today"],
)
def test_parse_when_ignores_case_and_surrounding_space(text: str) -> None:
    assert parse_when(text, TODAY) == TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Days Ago", "2026-11-22"),
        ("  3   days   ago ", "2026-11-22"),
        ("LAST FRIDAY", "2026-11-20"),
        ("Last Fri", "2026-11-20"),
        ("NOV 20", "2026-11-20"),
        ("20 nOvEmBeR 2025", "2025-11-20"),
        ("2W AGO", "2026-11-11"),
    ],
)
def test_parse_when_case_and_inner_space(text: str, expected: str) -> None:
    assert parse_when(text, TODAY) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # Month and year boundaries.
        ("yesterday", "2026-01-01", "2025-12-31"),
        ("1 day ago", "2026-03-01", "2026-02-28"),
        ("1 day ago", "2028-03-01", "2028-02-29"),
        ("yesterday", "2028-03-01", "2028-02-29"),
        ("2 days ago", "2028-03-01", "2028-02-28"),
        ("1 week ago", "2026-01-03", "2025-12-27"),
        ("last friday", "2026-01-01", "2025-12-26"),
        # Months and years by the calendar (dateutil.relativedelta), clamped to the month's end.
        ("1 month ago", "2026-01-31", "2025-12-31"),
        ("1 month ago", "2026-03-31", "2026-02-28"),
        ("1 month ago", "2028-03-31", "2028-02-29"),
        ("1m ago", "2026-05-31", "2026-04-30"),
        ("2 months ago", "2026-01-15", "2025-11-15"),
        ("1 year ago", "2028-02-29", "2027-02-28"),
        ("4 years ago", "2028-02-29", "2024-02-29"),
        ("1y ago", "2029-02-28", "2028-02-28"),
        # A bare or last weekday is strictly before today, even on that weekday.
        ("last wednesday", "2026-11-25", "2026-11-18"),
        ("wednesday", "2026-11-25", "2026-11-18"),
        ("last thursday", "2026-11-26", "2026-11-19"),
        ("last wednesday", "2026-11-26", "2026-11-25"),
        # A month and day with no year is the latest such day not after today.
        ("Jan 1", "2026-01-01", "2026-01-01"),
        ("Dec 31", "2026-01-01", "2025-12-31"),
        ("Jan 2", "2026-01-01", "2025-01-02"),
        ("Feb 29", "2027-03-01", "2024-02-29"),
        ("Feb 29", "2028-03-01", "2028-02-29"),
        ("Feb 29", "2028-02-29", "2028-02-29"),
        ("Feb 29", "2028-02-28", "2024-02-29"),
        ("29 February", "2104-03-01", "2104-02-29"),
        ("Feb 29", "2103-01-01", "2096-02-29"),
        ("Feb 28", "2028-02-28", "2028-02-28"),
        ("Mar 1", "2028-02-29", "2027-03-01"),
        ("2028-02-29", "2028-03-01", "2028-02-29"),
        ("Feb 29 2024", "2028-03-01", "2024-02-29"),
    ],
)
def test_parse_when_boundaries(text: str, today: str, expected: str) -> None:
    assert parse_when(text, d(today)) == d(expected)


def test_parse_when_every_weekday_on_every_weekday() -> None:
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for offset in range(7):
        today = date(2026, 11, 23 + offset)  # Monday 23 to Sunday 29 November
        for number, name in enumerate(names):
            found = parse_when(f"last {name}", today)
            assert found.weekday() == number
            assert 1 <= (today - found).days <= 7
            assert parse_when(name, today) == found
            assert parse_when(f"last {name[:3]}", today) == found


# --- parse_when: refused -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "fridya",
        "3 blah",
        "3 blah ago",
        "3",
        "ago",
        "days ago",
        "3 days from now",
        "-3 days ago",
        "3.5 days ago",
        "a d ago",
        "three days ago",
        "3 hours ago",
        "this friday",
        "last",
        "last week",
        "last fridya",
        "now",
        "Novemberr 20",
        "Nov",
        "Nov 2025",
        "Nov 202025",
        "20",
        "20/11/2026",
        "11/20/2026",
        "2026-11",
        "2026-11/20",
        "26-11-20",
        "20261120",
        "2026-W47-5",
        "2026-11-20T10:00",
        "Nov 20 25",
        "the 3rd",
        "3rd",
        "garbage 2026-11-20",
        "2026-11-20 garbage",
        "１２ days ago",  # full-width digits
    ],
)
def test_parse_when_refuses_garbage(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, TODAY)
    message = str(caught.value)
    assert message.startswith(f'cannot read "{text.strip()}" as a date: try ')
    for form in ("today", "yesterday", "3 days ago", "2w ago", "last friday", "2026-11-20"):
        assert form in message
    assert "Nov 20" in message and "20 Nov" in message


def test_parse_when_garbage_message_is_the_documented_sentence() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("fridya", TODAY)
    assert str(caught.value) == (
        'cannot read "fridya" as a date: try today, yesterday, 3 days ago, 2w ago, last friday, '
        "2026-11-20, Nov 20 or 20 Nov"
    )


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_parse_when_refuses_empty(text: str) -> None:
    with pytest.raises(DateError, match=r"^no date given: try today, yesterday"):
        parse_when(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26",
        "2026/12/01",
        "2027-01-01",
        "Dec 3 2026",
        "Nov 26, 2026",
        "26 Nov 2026",
        "3 December 2026",
    ],
)
def test_parse_when_refuses_the_future(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, TODAY)
    message = str(caught.value)
    assert "in the future" in message
    assert "today or earlier" in message
    assert f'"{text}"' in message


def test_parse_when_future_message_names_the_date() -> None:
    with pytest.raises(DateError) as caught:
        parse_when("Dec 3 2026", TODAY)
    assert str(caught.value) == (
        '"Dec 3 2026" is 2026-12-03, which is in the future: '
        "interactions are logged for today or earlier"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-02-29", "February 2026 has 28 days"),
        ("2026/04/31", "April 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
        ("2026-11-00", "November 2026 has 30 days"),
        ("2026-11-32", "November 2026 has 30 days"),
        ("0000-01-01", "there is no year 0"),
        ("Feb 30", "February has no day 30"),
        ("30 Feb", "February has no day 30"),
        ("February 31", "February has no day 31"),
        ("Apr 31", "April has no day 31"),
        ("Nov 0", "November has no day 0"),
        ("Jan 32", "January has no day 32"),
        ("Feb 29 2027", "February 2027 has 28 days"),
        ("29 Feb 2100", "February 2100 has 28 days"),
        ("Feb 30 2024", "February 2024 has 29 days"),
    ],
)
def test_parse_when_refuses_dates_that_do_not_exist(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_when(text, TODAY)
    assert str(caught.value) == f'"{text}" is not a real date: {reason}'


@pytest.mark.parametrize("text", ["5000 years ago", "999999 months ago", "800000 days ago"])
def test_parse_when_refuses_spans_before_year_one(text: str) -> None:
    with pytest.raises(DateError, match="too far from today"):
        parse_when(text, TODAY)


def test_parse_when_refuses_absurdly_long_numbers() -> None:
    with pytest.raises(DateError, match="cannot read"):
        parse_when("9" * 5000 + " days ago", TODAY)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)
    with pytest.raises(ValueError):
        parse_when("fridya", TODAY)


# --- parse_until -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", "2026-11-26"),
        ("1d", "2026-11-26"),
        ("10d", "2026-12-05"),
        ("10 days", "2026-12-05"),
        ("in 10 days", "2026-12-05"),
        ("a day", "2026-11-26"),
        ("2w", "2026-12-09"),
        ("2 w", "2026-12-09"),
        ("in 2w", "2026-12-09"),
        ("1 week", "2026-12-02"),
        ("a week", "2026-12-02"),
        ("in a week", "2026-12-02"),
        ("3 weeks", "2026-12-16"),
        ("in 3 weeks", "2026-12-16"),
        ("1m", "2026-12-25"),
        ("2 months", "2027-01-25"),
        ("in 2 months", "2027-01-25"),
        ("a month", "2026-12-25"),
        ("1y", "2027-11-25"),
        ("1 year", "2027-11-25"),
        ("in 2 years", "2028-11-25"),
        ("next monday", "2026-11-30"),
        ("next tuesday", "2026-12-01"),
        ("next wednesday", "2026-12-02"),
        ("next thursday", "2026-11-26"),
        ("next friday", "2026-11-27"),
        ("next saturday", "2026-11-28"),
        ("next sunday", "2026-11-29"),
        ("next fri", "2026-11-27"),
        ("monday", "2026-11-30"),
        ("wednesday", "2026-12-02"),
        ("wed", "2026-12-02"),
        ("2026-12-01", "2026-12-01"),
        ("2026/12/01", "2026-12-01"),
        ("2026-11-26", "2026-11-26"),
        ("Dec 3", "2026-12-03"),
        ("3 Dec", "2026-12-03"),
        ("December 3", "2026-12-03"),
        ("Nov 26", "2026-11-26"),
        ("Nov 25", "2027-11-25"),
        ("Nov 20", "2027-11-20"),
        ("Jan 5", "2027-01-05"),
        ("Jan 5 2028", "2028-01-05"),
        ("Jan 5, 2028", "2028-01-05"),
        ("5 January 2028", "2028-01-05"),
        ("  IN 3 WEEKS ", "2026-12-16"),
        ("Next  Monday", "2026-11-30"),
    ],
)
def test_parse_until_reads(text: str, expected: str) -> None:
    assert parse_until(text, TODAY) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("tomorrow", "2026-12-31", "2027-01-01"),
        ("tomorrow", "2028-02-28", "2028-02-29"),
        ("tomorrow", "2027-02-28", "2027-03-01"),
        ("1m", "2026-01-31", "2026-02-28"),
        ("1m", "2028-01-31", "2028-02-29"),
        ("1m", "2026-12-15", "2027-01-15"),
        ("1y", "2028-02-29", "2029-02-28"),
        ("2w", "2026-12-25", "2027-01-08"),
        ("next wednesday", "2026-11-25", "2026-12-02"),
        ("next thursday", "2026-11-25", "2026-11-26"),
        ("Jan 1", "2026-12-31", "2027-01-01"),
        ("Dec 31", "2026-12-31", "2027-12-31"),
        ("Feb 29", "2027-03-01", "2028-02-29"),
        ("Feb 29", "2028-02-28", "2028-02-29"),
        ("Feb 29", "2028-02-29", "2032-02-29"),
        ("Feb 29", "2097-01-01", "2104-02-29"),
        ("Feb 28", "2028-02-28", "2029-02-28"),
    ],
)
def test_parse_until_boundaries(text: str, today: str, expected: str) -> None:
    assert parse_until(text, d(today)) == d(expected)


def test_parse_until_every_weekday_on_every_weekday() -> None:
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for offset in range(7):
        today = date(2026, 11, 23 + offset)
        for number, name in enumerate(names):
            found = parse_until(f"next {name}", today)
            assert found.weekday() == number
            assert 1 <= (found - today).days <= 7
            assert parse_until(name, today) == found
            assert parse_until(name[:3], today) == found


@pytest.mark.parametrize(
    "text",
    [
        "today",
        "0d",
        "0 days",
        "in 0 weeks",
        "2026-11-25",
        "2026-11-20",
        "Nov 20 2026",
        "2025-01-01",
    ],
)
def test_parse_until_refuses_today_and_earlier(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_until(text, TODAY)
    message = str(caught.value)
    assert "is not in the future" in message
    assert f'"{text}"' in message
    assert "2026-11-25" in message


@pytest.mark.parametrize(
    "text",
    [
        "fridya",
        "3 blah",
        "in 3 blah",
        "30",
        "in",
        "in 3",
        "this friday",
        "next",
        "next week",
        "2 weeks from now",
        "soon",
        "Nov 2027",
        "12/01/2026",
        "a d",
    ],
)
def test_parse_until_refuses_garbage(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_until(text, TODAY)
    message = str(caught.value)
    assert message.startswith(f'cannot read "{text}" as a date or span: try ')
    for form in ("2w", "1m", "in 3 weeks", "tomorrow", "next monday", "2026-11-20", "Nov 20"):
        assert form in message


@pytest.mark.parametrize("text", ["", "  "])
def test_parse_until_refuses_empty(text: str) -> None:
    with pytest.raises(DateError, match="^no date given: try 2w"):
        parse_until(text, TODAY)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Feb 30", "February has no day 30"),
        ("2027-02-29", "February 2027 has 28 days"),
        ("2027-13-01", "there is no month 13"),
        ("Jun 31 2027", "June 2027 has 30 days"),
    ],
)
def test_parse_until_refuses_dates_that_do_not_exist(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_until(text, TODAY)
    assert str(caught.value) == f'"{text}" is not a real date: {reason}'


def test_parse_until_refuses_spans_past_year_9999() -> None:
    with pytest.raises(DateError, match="too far from today"):
        parse_until("in 9999 years", TODAY)


# --- parse_span_days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("30", 30),
        ("30d", 30),
        ("1d", 1),
        ("30 days", 30),
        ("1 day", 1),
        ("2w", 14),
        ("2 weeks", 14),
        ("1 week", 7),
        ("a week", 7),
        ("1m", 30),
        ("3m", 90),
        ("3 months", 90),
        ("1 month", 30),
        ("1y", 365),
        ("2y", 730),
        ("1 year", 365),
        ("2 years", 730),
        ("100y", 36500),
        ("  2W ", 14),
        ("3 Months", 90),
        ("010d", 10),
    ],
)
def test_parse_span_days_reads(text: str, expected: int) -> None:
    assert parse_span_days(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "fortnight",
        "3 blah",
        "2x",
        "d",
        "w2",
        "-2w",
        "+2w",
        "2.5w",
        "in 2 weeks",
        "2 weeks ago",
        "two weeks",
        "2026-11-20",
        "monthly",
        "9" * 5000,
    ],
)
def test_parse_span_days_refuses_garbage(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_span_days(text)
    message = str(caught.value)
    assert message.startswith("cannot read ")
    for form in ("30d", "2w", "3m", "1y"):
        assert form in message


@pytest.mark.parametrize("text", ["0", "0d", "0w", "0 months", "00y"])
def test_parse_span_days_refuses_zero(text: str) -> None:
    with pytest.raises(DateError, match="at least 1 day") as caught:
        parse_span_days(text)
    assert "2w" in str(caught.value)


@pytest.mark.parametrize("text", ["101y", "36501", "99999w"])
def test_parse_span_days_refuses_more_than_a_century(text: str) -> None:
    with pytest.raises(DateError, match="at most 100 years"):
        parse_span_days(text)


# --- parse_date_strict -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", "2026-11-20"),
        ("2028-02-29", "2028-02-29"),
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31", "9999-12-31"),
        (" 2026-11-20 ", "2026-11-20"),
    ],
)
def test_parse_date_strict_reads(text: str, expected: str) -> None:
    assert parse_date_strict(text) == d(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "today",
        "Nov 20",
        "20 Nov 2026",
        "2026/11/20",
        "2026-1-5",
        "20261120",
        "2026-W47-5",
        "2026-11-20T00:00",
        "2026-11",
        "26-11-20",
        "2026-11-20x",
    ],
)
def test_parse_date_strict_refuses_other_forms(text: str) -> None:
    with pytest.raises(DateError, match=r'^cannot read ".*" as a date: use YYYY-MM-DD'):
        parse_date_strict(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2027-02-29", "February 2027 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("0000-01-01", "there is no year 0"),
    ],
)
def test_parse_date_strict_refuses_dates_that_do_not_exist(text: str, reason: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date_strict(text)
    assert str(caught.value) == f'"{text}" is not a real date: {reason}'


# --- ago and days_phrase -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "today", "expected"),
    [
        ("2026-11-25", "2026-11-25", "today"),
        ("2026-11-24", "2026-11-25", "yesterday"),
        ("2026-11-23", "2026-11-25", "2 days ago"),
        ("2026-11-22", "2026-11-25", "3 days ago"),
        ("2026-11-19", "2026-11-25", "6 days ago"),
        # Weeks from 7 to 59 days.
        ("2026-11-18", "2026-11-25", "1 week ago"),
        ("2026-11-12", "2026-11-25", "1 week ago"),
        ("2026-11-11", "2026-11-25", "2 weeks ago"),
        ("2026-11-04", "2026-11-25", "3 weeks ago"),
        ("2026-09-27", "2026-11-25", "8 weeks ago"),  # 59 days
        # Months from 60 days, by the calendar, never fewer than 2.
        ("2026-09-26", "2026-11-25", "2 months ago"),  # 60 days
        ("2026-07-01", "2026-08-30", "2 months ago"),  # 60 days, 1 calendar month and 29 days
        ("2026-08-25", "2026-11-25", "3 months ago"),
        ("2026-01-01", "2026-11-25", "10 months ago"),
        ("2025-11-26", "2026-11-25", "11 months ago"),
        ("2025-12-25", "2026-11-25", "11 months ago"),
        # Twelve months read as a year; then months again up to 23.
        ("2025-11-25", "2026-11-25", "1 year ago"),
        ("2025-10-26", "2026-11-25", "1 year ago"),
        ("2025-10-25", "2026-11-25", "13 months ago"),
        ("2025-05-25", "2026-11-25", "18 months ago"),
        ("2024-11-26", "2026-11-25", "23 months ago"),
        # Years from 24 months.
        ("2024-11-25", "2026-11-25", "2 years ago"),
        ("2023-12-01", "2026-11-25", "2 years ago"),
        ("2023-11-25", "2026-11-25", "3 years ago"),
        ("2016-11-25", "2026-11-25", "10 years ago"),
        # Around 29 February and the turn of the year.
        ("2028-02-29", "2028-03-01", "yesterday"),
        ("2028-02-28", "2028-03-01", "2 days ago"),
        ("2025-12-31", "2026-01-01", "yesterday"),
        # 29 February comes round on 28 February in common years (dateutil.relativedelta).
        ("2024-02-29", "2025-02-27", "11 months ago"),
        ("2024-02-29", "2025-02-28", "1 year ago"),
        ("2024-02-29", "2025-03-01", "1 year ago"),
        ("2024-02-29", "2026-02-27", "23 months ago"),
        ("2024-02-29", "2026-02-28", "2 years ago"),
        ("2024-02-29", "2026-03-01", "2 years ago"),
    ],
)
def test_ago_past(when: str, today: str, expected: str) -> None:
    assert ago(d(when), d(today)) == expected


@pytest.mark.parametrize(
    ("when", "today", "expected"),
    [
        ("2026-11-26", "2026-11-25", "tomorrow"),
        ("2026-11-27", "2026-11-25", "in 2 days"),
        ("2026-11-28", "2026-11-25", "in 3 days"),
        ("2026-12-01", "2026-11-25", "in 6 days"),
        ("2026-12-02", "2026-11-25", "in 1 week"),
        ("2026-12-09", "2026-11-25", "in 2 weeks"),
        ("2027-01-22", "2026-11-25", "in 8 weeks"),  # 58 days
        ("2027-01-24", "2026-11-25", "in 2 months"),  # 60 days
        ("2027-02-25", "2026-11-25", "in 3 months"),
        ("2027-11-25", "2026-11-25", "in 1 year"),
        ("2028-05-25", "2026-11-25", "in 18 months"),
        ("2028-11-25", "2026-11-25", "in 2 years"),
        ("2031-12-01", "2026-11-25", "in 5 years"),
        ("2027-01-01", "2026-12-31", "tomorrow"),
        ("2028-02-29", "2028-02-28", "tomorrow"),
    ],
)
def test_ago_future(when: str, today: str, expected: str) -> None:
    assert ago(d(when), d(today)) == expected


@pytest.mark.parametrize("days", [2, 6, 7, 30, 59, 60, 200, 365, 400, 729, 730, 2000])
def test_ago_future_mirrors_the_past(days: int) -> None:
    past = ago(TODAY - timedelta(days=days), TODAY)
    future = ago(TODAY, TODAY - timedelta(days=days))
    assert past.endswith(" ago")
    assert future == "in " + past.removesuffix(" ago")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 days"), (1, "1 day"), (2, "2 days"), (3, "3 days"), (365, "365 days"), (-1, "-1 day")],
)
def test_days_phrase(n: int, expected: str) -> None:
    assert days_phrase(n) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorrow", '"tomorrow" is 2026-11-26, which is in the future'),
        ("in 3 days", '"in 3 days" is 2026-11-28, which is in the future'),
        ("next friday", '"next friday" is 2026-11-27, which is in the future'),
        ("2026-11-26", '"2026-11-26" is in the future'),
        ("3 days", 'cannot read "3 days" as a date: did you mean "3 days ago" (2026-11-22)?'),
    ],
)
def test_parse_when_says_why_a_readable_phrase_is_refused(text: str, message: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_when(text, date(2026, 11, 25))
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yesterday", '"yesterday" is 2026-11-24, which is not in the future'),
        ("3 weeks ago", '"3 weeks ago" is 2026-11-04, which is not in the future'),
        ("last friday", '"last friday" is 2026-11-20, which is not in the future'),
    ],
)
def test_parse_until_says_a_past_day_is_past(text: str, message: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_until(text, date(2026, 11, 25))
    assert str(refused.value).startswith(message)
