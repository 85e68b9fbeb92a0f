"""The shell and the app show the same answers: each case runs through `journal ...`
(in-process, `cli.main`) and through the app (Pilot) on the same journal and frozen day,
and what each shows is compared. Both render one query of `journal.queries`."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from frozen import store_on
from journal_command import run_in_process
from pilot_helpers import open_timeline, press, recording_app, screen_text

from journal import queries
from journal.model import Birthday, Direction, Intent, Kind, Occasion
from screens.review import SECTION_PREFIX
from screens.rowlist import RowList
from screens.text import day_month, long_date

TODAY = date(2026, 11, 25)
SIZE = (120, 36)
open_store = store_on(TODAY)


def shell(path: Path, *args: str) -> str:
    """What `journal ARGS --file PATH` prints on TODAY (it must succeed)."""
    env = {**os.environ, "JOURNAL_TODAY": TODAY.isoformat()}
    result = run_in_process([*args, "--file", str(path)], env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def seed_birthdays(path: Path) -> dict[str, str]:
    """Birthdays ahead: one whose letter is late, one this week with its letter sent, one a
    month away (no year), one outside the 60 days."""
    s = open_store(path)
    late = s.add_contact("Aiko Tanaka", birthday=Birthday(11, 28, 1985))
    sent = s.add_contact("Ben Okafor", birthday=Birthday(12, 1, 1990))
    s.add_interaction(sent.id, Kind.LETTER, TODAY - timedelta(days=2),
                      occasion=Occasion.BIRTHDAY)
    later = s.add_contact("Chidi Eze", birthday=Birthday(12, 27))
    s.add_contact("Dana Reyes", birthday=Birthday(3, 3, 1970))
    return {"late": late.id, "sent": sent.id, "later": later.id}


async def test_the_birthdays_view_shows_what_journal_birthdays_lists(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    seed_birthdays(path)
    listed = json.loads(shell(path, "birthdays", "--json"))
    assert [d["name"] for d in listed] == ["Aiko Tanaka", "Ben Okafor", "Chidi Eze"]
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "3")
        table = app.screen.query_one("#review-table", RowList)
        assert table.keys == [d["id"] for d in listed]  # the same people, in the same order
        for n, d in enumerate(listed):
            name, birthday, _in, turns, post_by, letter = table.row_text(n)
            assert name == d["name"]
            assert birthday == day_month(date.fromisoformat(d["next_birthday"]))
            assert turns == ("" if d["age"] is None else str(d["age"]))
            assert post_by == day_month(date.fromisoformat(d["post_by"]))
            assert (letter == "✓ sent") == d["done"]
        # the letters this week: the title counts the ones the shell lists as not done and
        # due by the week's end, and so does the weekly-review reminder
        week_end = TODAY + timedelta(days=queries.LETTER_WEEK_DAYS)
        to_post = [d for d in listed
                   if not d["done"] and date.fromisoformat(d["post_by"]) <= week_end]
        assert len(to_post) == 1
        assert "1 letter to post this week" in screen_text(app)
        assert queries.weekly_review(app.store, TODAY) == queries.WeeklyReview(
            since=None, waiting=0, letters=len(to_post))


def seed_person(path: Path) -> str:
    """Someone with a birthday soon, a cadence they are late on, a card list place, a
    mourning and a reply owed, who asked last (so: give next)."""
    s = open_store(path)
    c = s.add_contact("Mina Park", birthday=Birthday(12, 3, 1985), cadence_days=30,
                      cadence_months=1, season_cards=True, emails=("mina@example.com",),
                      no_cards_until=date(2027, 2, 1), no_cards_reason="her father")
    s.add_interaction(c.id, Kind.MEETING, date(2026, 6, 1), intent=Intent.GIVE)
    s.add_interaction(c.id, Kind.CALL, date(2026, 9, 20), direction=Direction.OUT,
                      intent=Intent.ASK, note="asked about the flat")
    s.add_interaction(c.id, Kind.MESSAGE, date(2026, 10, 2), direction=Direction.IN,
                      note="can we talk?")
    return c.id


async def test_the_timeline_header_says_what_journal_show_says(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    contact_id = seed_person(path)
    shown = json.loads(shell(path, "show", "Mina", "--json"))
    text = shell(path, "show", "Mina")
    person = shown["contact"]
    assert person["reply_owed"] and person["give_next"]
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, contact_id)
        header = screen_text(app)
    view = queries.person_in(open_store(path), contact_id, TODAY)
    birthday = view.birthday
    assert birthday is not None and birthday.age == 41
    # the flags
    assert "reply owed" in text and "reply owed" in header
    assert "give next" in text and "give next" in header
    # the birthday: the same age, day and post-by day
    assert f"turns {birthday.age} on {birthday.next_birthday.isoformat()}" in text
    assert f"turns {birthday.age} on {day_month(birthday.next_birthday)}" in header
    assert f"post by {birthday.post_by.isoformat()}" in text
    assert f"post by {day_month(birthday.post_by)}" in header
    # give and ask in the last 12 months
    gives, asks = person["balance"]["gives_12m"], person["balance"]["asks_12m"]
    assert (gives, asks) == (1, 1)
    assert f"{gives} give, {asks} ask in the last 12 months" in text
    assert f"gave {gives} · asked {asks} in 12 months" in header
    # lateness: the shell's due date is the header's
    due = date.fromisoformat(person["next_due"])
    assert due == view.status.next_due and view.status.days_late is not None
    assert f"next due {due.isoformat()} ({view.status.days_late} days overdue)" in text
    assert "overdue" in header
    # cards: on the list, and none until the mourning ends
    assert "on the season card list" in text and "on the season card list" in header
    assert "no cards until 2027-02-01: her father" in text
    assert f"no cards until {long_date(date(2027, 2, 1))} (her father)" in header
    # the history, newest first, with the same cold asks
    assert [i["id"] for i in shown["interactions"]] == [i.id for i in view.newest_first]
    assert [i["cold_ask"] for i in shown["interactions"]] == [
        view.is_cold_ask(i) for i in view.newest_first]


async def test_the_cards_view_lists_what_journal_cards_lists(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    s = open_store(path)
    owed = s.add_contact("Aiko Tanaka", addresses=("1 Main St",))
    s.add_interaction(owed.id, Kind.LETTER, date(2026, 11, 20), direction=Direction.IN,
                      occasion=Occasion.SEASON)
    to_send = s.add_contact("Ben Okafor", season_cards=True)
    sent = s.add_contact("Chidi Eze", season_cards=True)
    s.add_interaction(sent.id, Kind.LETTER, date(2026, 11, 22), occasion=Occasion.SEASON)
    s.add_contact("Dana Reyes", season_cards=True, no_cards_until=date(2027, 3, 1))
    s.add_contact("Eve Archived", season_cards=True, archived=True)
    listed = json.loads(shell(path, "cards", "--json"))
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        table = app.screen.query_one("#review-table", RowList)
        groups: dict[str, list[str]] = {}
        current = ""
        for key in table.keys:
            if key.startswith(SECTION_PREFIX):
                current = key.removeprefix(SECTION_PREFIX)
            else:
                groups.setdefault(current, []).append(key)
        sent_cell = table.row_text(table.get_row_index(sent.id))[1]
        title = screen_text(app).splitlines()
    ids = {group: [c["id"] for c in listed[group]] for group in
           ("to_send", "owed", "sent", "skipped")}
    assert ids["owed"] == [owed.id] and to_send.id in ids["to_send"]
    # the shell's "to send" is the owed first, then the rest: the view's two groups
    assert groups["owed"] + groups["to-send"] == ids["to_send"]
    assert groups["owed"] == ids["owed"]
    assert groups["sent"] == ids["sent"] and groups["skipped"] == ids["skipped"]
    assert sent_cell == day_month(date(2026, 11, 22))  # the first card of the season sent
    post_by = date.fromisoformat(listed["post_by"])
    assert any(f"post by {day_month(post_by)}" in line for line in title)
