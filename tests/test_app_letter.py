"""Pilot tests of writing a letter in the log form: the letter notes (what to mention) beside
or below the note, the address copied by a key, the notes usable at 60x20; a note of several
lines (ctrl+j) saved with its lines."""

from __future__ import annotations

from pathlib import Path

import layout_journal
import pytest
from pilot_helpers import press, quiet, screen_text
from textual.containers import VerticalScroll
from textual.widgets import TextArea

from screens.app import JournalApp
from screens.contacts import ContactsScreen
from screens.forms import LogForm

NARROW, MIDDLE, WIDE = (60, 20), (80, 24), (160, 48)


@pytest.fixture
def ids(tmp_path: Path) -> dict[str, str]:
    return layout_journal.build(tmp_path / "j.json")


@pytest.fixture
def app(tmp_path: Path, ids: dict[str, str]) -> JournalApp:
    return layout_journal.make_app(tmp_path / "j.json")


def letter_panel(app: JournalApp) -> VerticalScroll:
    return app.screen.query_one("#letter", VerticalScroll)


def notes_text(app: JournalApp) -> str:
    return str(app.screen.query_one("#letter-text").render())


@pytest.mark.parametrize("size", [MIDDLE, WIDE])
async def test_a_birthday_letter_shows_what_to_mention(app: JournalApp, size) -> None:  # noqa: ANN001
    async with app.run_test(size=size) as pilot:
        await press(pilot, "3")  # birthdays: Margaret first
        await quiet(pilot)
        await press(pilot, "l")
        form = app.screen
        assert isinstance(form, LogForm)
        assert letter_panel(app).display
        text = screen_text(app)
        assert "Sat 12 Dec: turns 76, in 11 days" in text
        assert "an early card with a robin" in text  # the newest entry first
        assert "1 High Street, Bath" in text
        # beside the fields when wide, below them otherwise
        panel, note = letter_panel(app).region, form.query_one("#note").region
        if size == WIDE:
            assert panel.x > note.x and panel.y <= note.y
        else:
            assert panel.y > note.y


async def test_what_they_gave_and_asked_and_the_address_copied(app: JournalApp,
                                                                ids: dict[str, str]) -> None:
    async with app.run_test(size=WIDE) as pilot:
        app.screen.select_contact(ids["shota"])
        await press(pilot, "l", "l")  # a letter
        await quiet(pilot)
        text = notes_text(app)
        assert "They asked" in text and "Mon 1 Jun" in text  # his call, an ask, both ways
        assert "Birthday   Sat 9 Jan: turns 37" in text
        assert "are you coming to Kyoto in spring?" in text
        await press(pilot, "ctrl+o")
        assert app.clipboard == "大阪市北区 1-2-3"
        assert isinstance(app.screen, LogForm)  # still writing


async def test_the_notes_are_only_for_a_letter(app: JournalApp, ids: dict[str, str]) -> None:
    async with app.run_test(size=MIDDLE) as pilot:
        app.screen.select_contact(ids["margaret"])
        await press(pilot, "l")
        assert not letter_panel(app).display  # no kind yet
        await press(pilot, "c")  # a call
        await quiet(pilot)
        assert not letter_panel(app).display
        await press(pilot, "ctrl+o")  # no address to copy for a call
        await quiet(pilot)
        assert app.clipboard == ""
        await press(pilot, "shift+tab", "left", "left", "left")  # back to the kind: letter
        await quiet(pilot)
        assert letter_panel(app).display


async def test_without_an_address_the_notes_say_so(app: JournalApp, ids: dict[str, str]) -> None:
    async with app.run_test(size=MIDDLE) as pilot:
        app.screen.select_contact(ids["aiko"])
        await press(pilot, "l", "l")
        assert "Address    none yet" in notes_text(app)
        await press(pilot, "ctrl+o")
        assert app.clipboard == ""


async def test_at_60x20_the_notes_scroll_into_sight_on_tab(app: JournalApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "3")
        await press(pilot, "l")
        assert isinstance(app.screen, LogForm)
        assert "enter save" in screen_text(app)  # the keys stay in sight
        for _ in range(7):  # past the fields, to the notes
            await press(pilot, "tab")
        await quiet(pilot)
        assert app.focused is letter_panel(app)
        text = screen_text(app)
        assert "1 High Street, Bath" in text and "enter save" in text


async def test_a_note_of_several_lines(app: JournalApp, ids: dict[str, str],
                                       tmp_path: Path) -> None:
    async with app.run_test(size=MIDDLE) as pilot:
        app.screen.select_contact(ids["ben"])
        await press(pilot, "l", "l", *"Dear Ben,", "ctrl+j", *"thinking of you", "ctrl+j")
        assert app.screen.query_one("#note", TextArea).text == "Dear Ben,\nthinking of you\n"
        await press(pilot, "enter")  # enter saves
        await quiet(pilot)
        assert isinstance(app.screen, ContactsScreen)
    store = layout_journal.Store.open(tmp_path / "j.json", today=lambda: layout_journal.TODAY)
    assert store.interactions(ids["ben"])[-1].note == "Dear Ben,\nthinking of you"


async def test_a_season_card_from_the_cards_view_shows_them_too(app: JournalApp) -> None:
    async with app.run_test(size=MIDDLE) as pilot:
        await press(pilot, "4")
        await press(pilot, "l")
        assert isinstance(app.screen, LogForm)
        assert letter_panel(app).display
        assert "Address" in notes_text(app)
