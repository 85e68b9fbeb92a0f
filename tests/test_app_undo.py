"""Pilot tests of undo in the app: `u` and ctrl+z take back each kind of change made in the
app (log, edits of a person and of an entry, delete, snooze, archive, import), several steps
back, with a toast naming what was undone; the delete dialog's enter keeps the entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frozen import store_on
from pilot_helpers import press, quiet, recording_app

from journal.model import Kind
from screens.app import JournalApp
from screens.contacts import ContactsScreen
from screens.forms import ConfirmDialog
from screens.timeline import TimelineScreen

TODAY = date(2026, 11, 25)
open_store = store_on(TODAY)
SIZE = (100, 30)


def seed(path: Path) -> dict[str, str]:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", cadence_days=30, cadence_months=1)
    ben = s.add_contact("Ben Okafor", cadence_days=90, cadence_months=3)
    s.add_interaction(aiko.id, Kind.CALL, date(2026, 3, 2), note="her move")
    return {"aiko": aiko.id, "ben": ben.id}


async def on_contact(app: JournalApp, pilot, contact_id: str) -> None:  # noqa: ANN001
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    screen.select_contact(contact_id)
    await quiet(pilot)


async def test_u_undoes_a_log_an_edit_and_a_snooze_newest_first(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await on_contact(app, pilot, ids["aiko"])
        await press(pilot, "l", "m", *"tea", "enter")  # log a meeting
        await quiet(pilot)
        await press(pilot, "e", "tab", *"kana", "enter")  # edit: a reading
        await quiet(pilot)
        await press(pilot, "s", "w")  # snooze a week
        await quiet(pilot)
        s = open_store(path)
        assert s.contact(ids["aiko"]).snoozed_until is not None
        assert len(s.interactions(ids["aiko"])) == 2
        await press(pilot, "u")
        assert said[-1] == "Undone: Snoozed Aiko Tanaka until Wed 2 Dec 2026"
        assert open_store(path).contact(ids["aiko"]).snoozed_until is None
        await press(pilot, "ctrl+z")
        assert said[-1] == "Undone: Saved Aiko Tanaka"
        assert open_store(path).contact(ids["aiko"]).reading == ""
        await press(pilot, "u")
        assert said[-1] == "Undone: Logged a ☕ meeting with Aiko Tanaka"
        assert [i.note for i in open_store(path).interactions(ids["aiko"])] == ["her move"]
        await press(pilot, "u")
        assert said[-1] == "Nothing to undo."


async def test_u_undoes_an_archive_and_the_person_is_back_in_the_list(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await on_contact(app, pilot, ids["ben"])
        await press(pilot, "d", "enter")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert ids["ben"] not in screen.table.keys
        await press(pilot, "u")
        assert said[-1] == "Undone: Archived Ben Okafor"
        assert ids["ben"] in screen.table.keys
    assert not open_store(path).contact(ids["ben"]).archived


async def test_u_undoes_a_deleted_entry_and_an_edited_one(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.open_timeline(ids["aiko"])
        await quiet(pilot)
        assert isinstance(app.screen, TimelineScreen)
        # read the call (enter), edit it there (e), and back to the timeline
        await press(pilot, "enter", "e", "ctrl+u", *"moved to Osaka", "enter")
        assert open_store(path).interactions(ids["aiko"])[0].note == "moved to Osaka"
        await press(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "enter")  # enter is Cancel here
        await quiet(pilot)
        assert len(open_store(path).interactions(ids["aiko"])) == 1
        await press(pilot, "delete", "y")
        assert open_store(path).interactions(ids["aiko"]) == []
        assert open_store(path).tombstones()
        await press(pilot, "u")
        assert said[-1] == "Undone: Deleted the call of Mon 2 Mar 2026 with Aiko Tanaka"
        s = open_store(path)
        assert [i.note for i in s.interactions(ids["aiko"])] == ["moved to Osaka"]
        assert s.tombstones() == []
        await press(pilot, "u")
        assert said[-1] == "Undone: Saved the call with Aiko Tanaka"
    assert [i.note for i in open_store(path).interactions(ids["aiko"])] == ["her move"]


async def test_u_undoes_an_import(path: Path, tmp_path: Path) -> None:
    seed(path)
    cards = tmp_path / "people.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chloe Martin\r\nEND:VCARD\r\n")
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.import_contacts()
        await quiet(pilot)
        await press(pilot, "ctrl+u", *str(cards), "enter")
        await press(pilot, "y")
        assert len(open_store(path)) == 3
        await press(pilot, "u")
        assert said[-1].startswith("Undone: Imported people.vcf")
    assert sorted(c.name for c in open_store(path).contacts()) == ["Aiko Tanaka", "Ben Okafor"]


async def test_an_undo_of_an_entry_changed_elsewhere_says_why_and_keeps_it(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await on_contact(app, pilot, ids["aiko"])
        await press(pilot, "l", "c", "enter")
        other = open_store(path)
        logged = other.interactions(ids["aiko"])[-1]
        other.edit_interaction(logged, {"note": "added elsewhere"})
        await press(pilot, "u")
        assert "Could not undo" in said[-1] and "changed again meanwhile" in said[-1]
    assert open_store(path).interaction(logged.id).note == "added elsewhere"
