"""Pilot tests of how the screens follow a save: one row updated, views out of sight stale."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frozen import store_on
from pilot_helpers import press, quiet

from journal.model import Intent, Kind
from screens.app import JournalApp, create_app
from screens.contacts import ContactsScreen
from screens.rowlist import RowList

TODAY = date(2026, 11, 25)
open_store = store_on(TODAY)
SIZE = (100, 30)


def seed(path: Path) -> dict[str, str]:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", reading="たなか あいこ", tags=("friends",),
                         cadence_days=30, cadence_months=1)
    ben = s.add_contact("Ben Okafor", tags=("work",), cadence_days=90, cadence_months=3)
    hanako = s.add_contact("佐藤 花子", reading="さとう はなこ", tags=("family",))
    s.add_interaction(aiko.id, Kind.CALL, date(2026, 3, 2), note="her move")
    s.add_interaction(aiko.id, Kind.MEETING, date(2026, 10, 1), note="lunch", intent=Intent.GIVE)
    return {"aiko": aiko.id, "ben": ben.id, "hanako": hanako.id}


def make_app(path: Path) -> JournalApp:
    return create_app(open_store(path), today=lambda: TODAY)


def table_keys(table: RowList) -> list[str]:
    return table.keys


async def test_a_log_updates_only_that_persons_row(path: Path) -> None:
    ids = seed(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        before = {r.id: r for r in screen.rows}
        reloads = []
        screen.reload = lambda: reloads.append(1)  # type: ignore[method-assign]
        screen.select_contact(ids["aiko"])
        await quiet(pilot)
        await press(pilot, "l", "c", "enter")
        assert reloads == []  # no rereading of everyone
        after = {r.id: r for r in screen.rows}
        assert after.keys() == before.keys()
        assert after[ids["ben"]] is before[ids["ben"]]
        assert after[ids["hanako"]] is before[ids["hanako"]]
        assert after[ids["aiko"]] is not before[ids["aiko"]]
        assert after[ids["aiko"]].status.last_contact == app.today()
        assert screen.current_contact_id() == ids["aiko"]


async def test_archiving_removes_just_that_row(path: Path) -> None:
    ids = seed(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        screen.select_contact(ids["ben"])
        await quiet(pilot)
        await press(pilot, "d", "enter")
        assert sorted(table_keys(screen.table)) == sorted([ids["aiko"], ids["hanako"]])


async def test_a_view_out_of_sight_rereads_when_shown(path: Path) -> None:
    ids = seed(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        overdue = app.screen
        assert table_keys(overdue.table) == [ids["aiko"]]  # type: ignore[attr-defined]
        await press(pilot, "1")
        app.screen.select_contact(ids["aiko"])  # type: ignore[attr-defined]
        await quiet(pilot)
        await press(pilot, "l", "c", "enter")
        assert overdue.stale  # type: ignore[attr-defined]
        await press(pilot, "2")
        assert app.screen is overdue and not overdue.stale  # type: ignore[attr-defined]
        assert not overdue.table.display  # type: ignore[attr-defined]  # no one waits now


async def test_a_change_by_another_process_rereads_everyone(path: Path) -> None:
    ids = seed(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        other = open_store(path)
        other.add_interaction(ids["ben"], Kind.CALL, TODAY)
        app.look_at_the_file()  # the once-a-second look, without waiting for its second
        await quiet(pilot)
        ben = next(r for r in screen.rows if r.id == ids["ben"])
        assert ben.status.last_contact == TODAY
        table = screen.table
        assert "today" in table.get_row_at(table.get_row_index(ids["ben"]))[-2].plain
