"""Cadences in calendar months and years: parsing, due dates, old files, the shell."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from journal import cli, rules
from journal.cadence import Cadence, parse_cadence
from journal.dates import DateError
from journal.model import Contact, Direction, Touch, contact_from_doc, contact_to_doc
from journal.phrases import due_parts
from journal.records import Records
from journal.store import Store


def person(cadence: str | None, created: date = date(2026, 1, 1)) -> Contact:
    fields = parse_cadence(cadence).fields() if cadence else {}
    return Records().contact("P", id="p", created=datetime.combine(created, datetime.min.time()),
                             **fields)


def touch(on: date) -> Touch:
    return Touch(on, Direction.OUT)


@pytest.mark.parametrize(
    ("text", "cadence", "days", "months"),
    [
        ("6m", Cadence(6, "m"), 180, 6),
        ("a month", Cadence(1, "m"), 30, 1),
        ("1y", Cadence(1, "y"), 365, 12),
        ("12m", Cadence(1, "y"), 365, 12),
        ("2 years", Cadence(2, "y"), 730, 24),
        ("2w", Cadence(2, "w"), 14, None),
        ("14d", Cadence(2, "w"), 14, None),
        ("30d", Cadence(30, "d"), 30, None),  # thirty days stay thirty days
        ("30", Cadence(30, "d"), 30, None),
    ],
)
def test_parse_cadence(text: str, cadence: Cadence, days: int, months: int | None) -> None:
    parsed = parse_cadence(text)
    assert parsed == cadence
    assert parsed.fields() == {"cadence_days": days, "cadence_months": months}
    assert Cadence.of(days, months) == cadence  # what a contact's two fields read back as


@pytest.mark.parametrize("text", ["", "0m", "6x", "1300m", "101y", "month"])
def test_parse_cadence_refuses(text: str) -> None:
    with pytest.raises(DateError):
        parse_cadence(text)


@pytest.mark.parametrize(
    ("start", "cadence", "due"),
    [
        (date(2026, 5, 20), "6m", date(2026, 11, 20)),
        (date(2027, 1, 31), "1m", date(2027, 2, 28)),  # no 31 February: its last day
        (date(2028, 1, 31), "1m", date(2028, 2, 29)),  # a leap year
        (date(2026, 8, 31), "3m", date(2026, 11, 30)),
        (date(2028, 2, 29), "1y", date(2029, 2, 28)),  # 29 February, a year on
        (date(2028, 2, 29), "4y", date(2032, 2, 29)),
        (date(2028, 2, 29), "12m", date(2029, 2, 28)),
        (date(2026, 12, 15), "2m", date(2027, 2, 15)),
        (date(2026, 1, 1), "2w", date(2026, 1, 15)),
        (date(2026, 1, 1), "30d", date(2026, 1, 31)),
    ],
)
def test_due_counts_calendar_months(start: date, cadence: str, due: date) -> None:
    st = rules.status(person(cadence), [touch(start)], start)
    assert st.next_due == due


def test_just_logged_six_monthly_is_due_in_six_months() -> None:
    today = date(2026, 11, 20)
    st = rules.status(person("6m"), [touch(today)], today)
    assert st.next_due == date(2027, 5, 20)
    assert due_parts(st, today) == (("due in 6 months", "plain"),)
    yearly = rules.status(person("1y"), [touch(today)], today)
    assert due_parts(yearly, today) == (("due in 1 year", "plain"),)


def test_overdue_the_day_after_the_calendar_month() -> None:
    c = person("1m")
    last = date(2027, 1, 31)
    assert not rules.needs_attention(c, [touch(last)], date(2027, 2, 28))
    assert rules.needs_attention(c, [touch(last)], date(2027, 3, 1))
    assert rules.status(c, [touch(last)], date(2027, 3, 1)).days_late == 1


def test_needs_attention_agrees_with_status_for_every_unit() -> None:
    rng = random.Random(5)
    today = date(2027, 3, 1)
    for _ in range(2000):
        c = person(rng.choice([None, "1d", "10d", "2w", "1m", "6m", "1y", "2y"]))
        history = [touch(today - timedelta(days=rng.randint(0, 800)))] if rng.random() < 0.9 \
            else []
        assert rules.needs_attention(c, history, today) == rules.status(
            c, history, today).needs_attention


@pytest.mark.parametrize(
    ("days", "cadence"),
    [(180, Cadence(6, "m")), (30, Cadence(1, "m")), (365, Cadence(1, "y")),
     (730, Cadence(2, "y")), (14, Cadence(2, "w")), (45, Cadence(45, "d")), (None, None)],
)
def test_an_old_file_reads_as_it_was_shown(days: int | None, cadence: Cadence | None) -> None:
    """Files from before months were kept have `cadence_days` alone; `180` always read
    "every 6 months", and now counts six calendar months."""
    doc = contact_to_doc(Records().contact("P", id="p", cadence_days=days))
    del doc["cadence_months"]
    assert contact_from_doc(doc).cadence == cadence


def test_days_typed_stay_days_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    thirty = store.add_contact("Thirty", **parse_cadence("30d").fields())
    monthly = store.add_contact("Monthly", **parse_cadence("1m").fields())
    again = Store.open(path)
    assert again.contact(thirty.id).cadence == Cadence(30, "d")
    assert again.contact(monthly.id).cadence == Cadence(1, "m")


def test_setting_days_alone_drops_the_months() -> None:
    """A writer that knows only `cadence_days` gets what it wrote, not a stale month cadence."""
    c = replace(person("6m"), cadence_days=14)
    assert c.cadence == Cadence(2, "w")
    assert contact_from_doc(contact_to_doc(c)).cadence == Cadence(2, "w")
    assert replace(person("6m"), cadence_days=None).cadence is None


def test_the_shell_counts_calendar_months(tmp_path: Path, monkeypatch, capsys) -> None:
    path = str(tmp_path / "j.json")
    monkeypatch.setenv("JOURNAL_TODAY", "2027-01-31")
    assert cli.main(["add", "Ken Mori", "--cadence", "1m", "--file", path]) == 0
    assert cli.main(["log", "Ken", "m", "--file", path]) == 0
    capsys.readouterr()
    assert cli.main(["show", "Ken", "--file", path]) == 0
    shown = capsys.readouterr().out
    assert "every month; next due 2027-02-28" in shown
    assert cli.main(["show", "Ken", "--json", "--file", path]) == 0
    contact = orjson.loads(capsys.readouterr().out)["contact"]
    assert (contact["cadence_days"], contact["cadence"], contact["next_due"]) == (
        30, "1m", "2027-02-28")
    assert cli.main(["edit", "Ken", "--cadence", "30d", "--file", path]) == 0
    capsys.readouterr()
    assert cli.main(["show", "Ken", "--json", "--file", path]) == 0
    contact = orjson.loads(capsys.readouterr().out)["contact"]
    assert (contact["cadence"], contact["next_due"]) == ("30d", "2027-03-02")


def test_add_years_counts_as_add_months_does() -> None:
    """One calendar arithmetic: years are twelve months (29 February -> 28 February)."""
    from journal.cadence import add_months, add_years

    day = date(2023, 1, 1)
    while day < date(2029, 1, 1):
        for years in (-1, 1, 3, 4):
            assert add_years(day, years) == add_months(day, 12 * years), (day, years)
        day += timedelta(days=1)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
