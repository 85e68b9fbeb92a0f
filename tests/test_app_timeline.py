"""Pilot tests of the timeline's insight (issue 16): the chart of contact by month, the
rhythm and the cadence it suggests, drifting, reading an entry whole, searching the
timeline and showing one kind."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from frozen import store_on
from pilot_helpers import open_timeline, press, quiet, recording_app, screen_text
from textual.widgets import Input, Static

from journal.model import Direction, Kind
from screens.contacts import ContactsScreen
from screens.entry import EntryScreen
from screens.forms import ContactForm, LogForm
from screens.rowlist import RowList
from screens.timeline import TimelineScreen

TODAY = date(2026, 11, 25)
open_store = store_on(TODAY)
SIZE = (100, 30)


def seed(path: Path) -> dict[str, str]:
    """Mei: a call every five weeks for two years, a 3-month cadence set (far from it).
    Jo: in touch every two weeks until six months ago (drifting, not yet overdue).
    Sam: one multi-line letter and one message."""
    s = open_store(path)
    s.set_meta("last_review", TODAY.isoformat())  # no weekly-review reminder in the toasts
    mei = s.add_contact("Mei Chen", cadence_days=90, cadence_months=3)
    jo = s.add_contact("Jo Park", cadence_days=365, cadence_months=12)
    sam = s.add_contact("Sam Reyes")
    day = TODAY - timedelta(days=5)
    while day > TODAY - timedelta(days=730):
        s.add_interaction(mei.id, Kind.CALL, day, direction=Direction.IN
                          if day.month % 2 else Direction.OUT, note="a call")
        day -= timedelta(days=35)
    for n in range(10):  # every two weeks, then one 12 weeks later, and 13 weeks since
        s.add_interaction(jo.id, Kind.MESSAGE, TODAY - timedelta(days=300 - 14 * n))
    s.add_interaction(jo.id, Kind.MESSAGE, TODAY - timedelta(days=90))
    s.add_interaction(sam.id, Kind.LETTER, date(2026, 9, 1), channel="post",
                      note="first words of the letter\nsecond part about the garden\nthird")
    s.add_interaction(sam.id, Kind.MESSAGE, date(2026, 10, 1), channel="LINE",
                      note="photos of the harvest")
    return {"mei": mei.id, "jo": jo.id, "sam": sam.id}


def notes(screen: TimelineScreen) -> list[str]:
    table = screen.query_one(RowList)
    return [str(table.get_row_at(n)[-1]) for n in range(table.row_count)]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_timeline_header_charts_two_years_out_and_in(path: Path, size) -> None:  # noqa: ANN001
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=size) as pilot:
        await open_timeline(pilot, app, ids["mei"])
        text = screen_text(app)
        out = next(line for line in text.splitlines() if "out ▁" in line or "out ·" in line
                   or "out █" in line)
        cells = out[out.index("out ") + 4:][:24]
        assert len(cells) == 24 and "·" in cells and "█" in cells  # months with and without
        assert any(line.strip().startswith("in ") or " in  " in line
                   for line in text.splitlines())
        assert "2025" in text and "2026" in text  # the years under the months


async def test_rhythm_is_said_and_c_takes_the_suggested_cadence(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["mei"])
        text = screen_text(app)
        assert "you are in touch about every 5 weeks" in text
        assert "every 5 weeks · c sets it (now every 3 months)" in text
        await press(pilot, "c")
        assert "Mei Chen: keep in touch every 5 weeks" in said
        text = screen_text(app)
        assert "you are in touch about every 5 weeks" in text
        assert "c sets it" not in text  # nothing left to offer
        assert not screen.check_action("take_cadence", ())
    mei = open_store(path).contact(ids["mei"])
    assert mei.cadence is not None and mei.cadence.text == "5w"


async def test_c_does_nothing_when_the_cadence_is_near_the_rhythm(path: Path) -> None:
    ids = seed(path)
    s = open_store(path)
    mei = s.contact(ids["mei"])
    s.edit_contact(mei, {"cadence_days": 30, "cadence_months": 1})
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["mei"])
        assert "c sets it" not in screen_text(app)
        await press(pilot, "c")
        assert not said
    assert open_store(path).contact(ids["mei"]).cadence_days == 30


async def test_drifting_is_marked_in_the_timeline_header(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["jo"])
        assert "drifting: in touch less often than usual lately" in screen_text(app)
        await press(pilot, "escape")
        await open_timeline(pilot, app, ids["mei"])
        assert "drifting" not in screen_text(app)


async def test_enter_reads_the_whole_note_and_e_edits_it_there(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["sam"])
        assert "second line" not in screen_text(app)  # the list shows the first line
        await press(pilot, "down", "enter")  # the letter
        await quiet(pilot)
        assert isinstance(app.screen, EntryScreen)
        text = screen_text(app)
        for line in ("first words of the letter", "second part about the garden", "third",
                     "Channel   post", "Way       → out: I reached out", "letter with Sam"):
            assert line in text
        await press(pilot, "e")
        assert isinstance(app.screen, LogForm)
        await press(pilot, "escape")
        assert isinstance(app.screen, EntryScreen)
        await press(pilot, "p")  # the newer entry: the message
        assert "photos of the harvest" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is screen
        assert screen.query_one(RowList).cursor_row == 0  # on the entry read last


async def test_slash_searches_the_notes_and_channels_and_escape_shows_all(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["sam"])
        await press(pilot, "slash", *"garden")
        assert isinstance(app.screen.focused, Input)
        assert notes(screen) == ["first words of the letter…"]
        assert "1 of 2" in str(screen.query_one("#shown", Static).render())
        await press(pilot, "ctrl+u", *"ＬＩＮＥ")  # a channel, typed full-width
        assert notes(screen) == ["photos of the harvest"]
        await press(pilot, "enter")  # to the list
        assert screen.focused is screen.query_one(RowList)
        await press(pilot, "escape")  # every entry again
        assert len(notes(screen)) == 2
        await press(pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


async def test_k_shows_one_kind_at_a_time(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["sam"])
        await press(pilot, "k")  # letters
        assert notes(screen) == ["first words of the letter…"]
        assert "letters (k) · 1 of 2" in screen_text(app)
        await press(pilot, "k")  # meetings: none
        assert "meetings (k) · none of 2" in screen_text(app)
        await press(pilot, "k", "k")  # messages, calls
        assert "calls (k)" in screen_text(app)
        await press(pilot, "k")  # all
        assert len(notes(screen)) == 2
        assert not screen.query_one("#search-bar").display


async def test_contact_form_offers_the_suggested_cadence_and_ctrl_g_fills_it(path: Path) -> None:
    ids = seed(path)
    app, said = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["mei"])
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert "history: every 5 weeks (ctrl+g)" in screen_text(app)
        assert form.query_one("#cadence", Input).value == "3m"
        await press(pilot, "ctrl+g")
        assert form.query_one("#cadence", Input).value == "5w"
        await press(pilot, "enter")
        assert "Saved Mei Chen" in said
    assert open_store(path).contact(ids["mei"]).cadence.text == "5w"


async def test_contact_form_without_enough_history_offers_nothing(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["sam"])  # two entries: no rhythm yet
        assert "you are in touch about" not in screen_text(app)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert not form.query("#suggested")
        await press(pilot, "ctrl+g")
        assert form.query_one("#cadence", Input).value == ""


def status_of(screen: ContactsScreen, contact_id: str) -> str:
    table = screen.table
    return table.row_text(table.get_row_index(contact_id))[-1]


async def test_contacts_status_says_who_is_drifting(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert status_of(screen, ids["jo"]).endswith("· drifting")
        assert "drifting" not in status_of(screen, ids["mei"])
        assert "drifting" not in status_of(screen, ids["sam"])


async def test_c_shows_a_year_of_contact_in_the_contacts_list_and_is_kept(path: Path) -> None:
    ids = seed(path)
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await quiet(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert "12 months" not in screen_text(app)
        await press(pilot, "c")
        text = screen_text(app)
        assert "12 months" in text and all(len(line) <= 80 for line in text.splitlines())
        labels = [c.label for c in screen.table.columns]
        chart = screen.table.row_text(screen.table.get_row_index(ids["sam"]))[
            labels.index("12 months")]
        # Sam: a letter in September and a message in October, nothing else this year
        assert chart == "·········██·"
    app, _ = recording_app(path, TODAY)  # the next start shows it too
    async with app.run_test(size=(80, 24)) as pilot:
        await quiet(pilot)
        assert "12 months" in screen_text(app)
        await press(pilot, "c")
        assert "12 months" not in screen_text(app)


async def test_the_contacts_list_reads_the_history_of_the_rows_drawn_only(path: Path) -> None:
    s = open_store(path)
    s.set_meta("last_review", TODAY.isoformat())
    with s.batch():
        for n in range(300):
            c = s.add_contact(f"Person {n:03d}", cadence_days=365)
            s.add_interaction(c.id, Kind.CALL, TODAY - timedelta(days=n % 300 + 1))
    app, _ = recording_app(path, TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await quiet(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        read: list[str] = []
        interactions = app.store.interactions

        def counting(contact_id: str):  # noqa: ANN202
            read.append(contact_id)
            return interactions(contact_id)

        app.store.interactions = counting  # type: ignore[method-assign]
        await press(pilot, "c")
        assert 10 < len(set(read)) < 60  # a screenful, not 300
