"""Screens ask the app through requests (screens.messages) and hear of changes through its
signal; forms the app opens in a flow still get every key typed while they open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frozen import store_on
from pilot_helpers import press, quiet, recording_app

from screens.contacts import ContactsScreen
from screens.forms import ConfirmDialog, ContactForm
from screens.messages import EditRequested, JournalChanged, LogRequested

TODAY = date(2026, 11, 25)
SIZE = (100, 30)
open_store = store_on(TODAY)


async def test_a_name_typed_right_after_a_lands_in_the_add_form(tmp_path: Path) -> None:
    """`a` asks for the contact form (a flow awaits it); the name typed in the same burst
    waits until the form is up, and enter saves it."""
    path = tmp_path / "j.json"
    open_store(path).add_contact("Aiko Tanaka")
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", *"Zed Quick", "enter")
        assert isinstance(app.screen, ContactsScreen)
        assert "Added Zed Quick" in said
    assert sorted(c.name for c in open_store(path).contacts()) == ["Aiko Tanaka", "Zed Quick"]


async def test_archive_and_its_answer_in_one_burst(tmp_path: Path) -> None:
    """`d` asks the app to archive (it asks first, in a flow); the `y` typed right after
    answers that question rather than reaching the list."""
    path = tmp_path / "j.json"
    aiko = open_store(path).add_contact("Aiko Tanaka")
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "d", "y")
        assert not isinstance(app.screen, ConfirmDialog)
    assert open_store(path).contact(aiko.id).archived


async def test_a_request_from_anywhere_opens_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    aiko = open_store(path).add_contact("Aiko Tanaka")
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(EditRequested(aiko.id))
        await quiet(pilot)
        assert isinstance(app.screen, ContactForm)
        await press(pilot, "escape")
        app.post_message(LogRequested(aiko.id))
        await quiet(pilot)
        assert type(app.screen).__name__ == "LogForm"


async def test_screens_hear_of_changes_through_the_signal(tmp_path: Path) -> None:
    """A save elsewhere (another process) reaches the lists through `journal_changed_signal`:
    the contacts list in sight rereads; the view out of sight only takes note."""
    path = tmp_path / "j.json"
    open_store(path).add_contact("Aiko Tanaka")
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")  # the overdue view exists, then goes out of sight
        await quiet(pilot)
        overdue = app.screen
        await press(pilot, "1")
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)
        heard: list[JournalChanged] = []
        app.journal_changed_signal.subscribe(contacts, heard.append, immediate=True)
        open_store(path).add_contact("Ben Okafor")
        app.store.refresh()
        app.journal_changed()
        await quiet(pilot)
        assert heard == [JournalChanged(None)]
        assert len(contacts.table.keys) == 2
        assert overdue.stale  # rereads when shown again
