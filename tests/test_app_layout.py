"""Every screen at 60x20 (and the tables at 80 and 160): nothing cut silently, every choice
in sight, the note last to give up its room; home/end on every table; number keys never
bring back a timeline."""

from __future__ import annotations

from pathlib import Path

import layout_journal
import pytest
from pilot_helpers import open_timeline, press, quiet, screen_text
from rich.cells import cell_len
from textual.widgets import Input

from screens.app import JournalApp
from screens.contacts import ContactsScreen
from screens.forms import ContactForm, LogForm
from screens.overdue import OverdueScreen
from screens.rowlist import Column, RowList, fit_widths
from screens.timeline import TimelineScreen
from screens.widgets import Field

NARROW = (60, 20)
VIEW_KEYS = {"2": "overdue", "3": "birthdays", "4": "cards"}


@pytest.fixture
def ids(tmp_path: Path) -> dict[str, str]:
    return layout_journal.build(tmp_path / "j.json")


@pytest.fixture
def app(tmp_path: Path, ids: dict[str, str]) -> JournalApp:
    return layout_journal.make_app(tmp_path / "j.json")


def screen_lines(app: JournalApp) -> list[str]:
    """What the terminal shows now, line by line."""
    return screen_text(app).split("\n")


def assert_cut_with_ellipsis(table: RowList) -> None:
    """Each cell in sight is drawn whole, or cut and ending with `…`; the table is no wider
    than its room."""
    room = table.scrollable_content_region.width
    assert sum(table.widths) + 2 * len(table.widths) <= room
    for index in range(table.row_count):
        cells = table.get_row_at(index)
        for cell, text in zip(cells, table.row_text(index), strict=False):
            whole, drawn = " ".join(cell.plain.split()), " ".join(text.split())
            if drawn != whole:
                assert drawn.endswith("…"), (whole, drawn)
                assert whole.startswith(drawn[:-1].rstrip()), (whole, drawn)


# --- 60x20 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
async def test_the_header_keeps_quit_and_help_at_60(app: JournalApp, key: str) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, key)
        header = screen_lines(app)[0]
        assert header.endswith("? help q quit")
        assert "1 Contacts" in header and "4 Cards" in header
        assert "? Keys" in screen_lines(app)[-1]  # the footer's last key stays too


@pytest.mark.parametrize("size", [NARROW, (80, 24), (160, 48)])
@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
async def test_lists_cut_only_with_an_ellipsis(app: JournalApp, key: str,
                                               size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await press(pilot, key)
        table = app.screen.query_one(RowList)
        assert table.row_count
        assert_cut_with_ellipsis(table)


async def test_overdue_at_60_keeps_the_status_and_the_last_contact(app: JournalApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "2")
        text = screen_text(app)
        assert "reply owed · 2 months overdue" in text
        for last in ("4 weeks ago", "2 months ago", "5 months ago", "3 days ago"):
            assert last in text
        assert "Margaret O'…" in text  # the long name gave way, marked


async def test_birthdays_at_60_show_each_letter_whole(app: JournalApp) -> None:
    # the Letter column was cut at the screen's edge without a sign ("post i")
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "3")
        table = app.screen.query_one(RowList)
        letters = [table.row_text(i)[-1] for i in range(table.row_count)]
        assert letters == ["by Wed", "by Thu", "by Wed"]  # the Post column has the date
        name = table.row_text(0)[0]
        assert name.startswith("Margaret O'Brien") and name.endswith("…")


async def test_cards_at_60_keep_the_note(app: JournalApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "4")
        text = screen_text(app)
        assert "they sent one: reply soon" in text
        assert "no postal address" in text
        assert "until 1 Oct 2027: mournin…" in text


@pytest.mark.parametrize("size", [NARROW, (80, 24), (160, 48)])
async def test_the_timeline_shows_the_note_at_every_width(app: JournalApp, ids: dict[str, str],
                                                          size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        text = screen_text(app)
        assert "her move to Osaka" in text  # the note is the last to give up its room
        assert "photos from" in text
        table = screen.table
        note = table.widths[-1]
        assert note >= 20
        assert note == max(table.widths)
        assert_cut_with_ellipsis(table)


async def test_the_entry_view_search_and_kind_at_60(app: JournalApp, ids: dict[str, str]) -> None:
    async with app.run_test(size=NARROW) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        await press(pilot, "k", "k")  # meetings
        await quiet(pilot)
        lines = screen_lines(app)
        assert any("meetings (k) · 1 of 2" in line for line in lines)
        assert screen.table.row_count == 1 and all(cell_len(line) <= 60 for line in lines)
        await press(pilot, "enter")
        text = screen_text(app)
        # the whole note, wrapped: its last words are in sight
        assert "she asked about the book" in text and "club" in text
        assert "e Edit" in text and "esc Back" in text
        await press(pilot, "escape", "escape", "slash", *"festival")
        lines = screen_lines(app)
        assert any("festival" in line for line in lines)  # what is typed stays in sight
        assert any("1 of 2" in line for line in lines)
        assert "photos from" in "\n".join(lines)  # the entry found, its note cut to fit


async def test_the_contacts_chart_and_the_cadence_hint_at_60(app: JournalApp,
                                                              ids: dict[str, str]) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "c")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert "12 months" in [c.label for c in screen.table.columns]
        assert_cut_with_ellipsis(screen.table)
        assert all(cell_len(line) <= 60 for line in screen_lines(app))


async def test_the_log_form_shows_every_choice_at_60(app: JournalApp,
                                                     ids: dict[str, str]) -> None:
    # "call" and "congrats" were past the dialog's edge
    async with app.run_test(size=NARROW) as pilot:
        app.screen.select_contact(ids["aiko"])
        await press(pilot, "l")
        assert isinstance(app.screen, LogForm)
        text = screen_text(app)
        for choice in ("letter", "meeting", "message", "call", "I reached out", "they did",
                       "both", "give", "ask", "birthday", "season", "thanks", "condolence",
                       "congrats", "enter save"):
            assert choice in text, choice
        await press(pilot, "c", *"called", "enter")
        assert isinstance(app.screen, ContactsScreen)


async def test_the_add_form_hints_are_cut_with_an_ellipsis(app: JournalApp) -> None:
    # "every 30d, 2w, 3m or 1y; empty = not tracked" showed as "...; empty = not"
    async with app.run_test(size=NARROW) as pilot:
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, ContactForm)
        cut = 0
        for field in form.query(Field):
            room = field.scrollable_content_region.width
            assert cell_len(field.placeholder) <= room
            if field.placeholder != field.hint:
                cut += 1
                assert field.placeholder.endswith("…")
                assert field.hint.startswith(field.placeholder[:-1].rstrip())
        assert cut  # at 60 some hints do not fit
        keep_in_touch = next(line for line in screen_lines(app) if "Keep in touch" in line)
        assert "…" in keep_in_touch and not keep_in_touch.rstrip(" │").endswith("not")
        assert all(isinstance(i, Field) for i in form.query(Input))


def test_columns_give_way_in_order_then_from_the_right() -> None:
    columns = [Column("Name", 30, least=12), Column("Status", 20), Column("Last", 12),
               Column("Note", 10, fill=True)]
    assert fit_widths(columns, 200) == [30, 20, 12, 130]  # the note takes what is left
    assert fit_widths(columns, 70, give_way=(0,)) == [20, 20, 12, 10]
    # past the name's least: from the right, the note (fill) last
    assert fit_widths(columns, 50, give_way=(0,)) == [12, 19, 1, 10]
    assert fit_widths(columns, 20, give_way=(0,)) == [1, 1, 1, 9]


# --- home and end ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["2", "3", "4"])
async def test_home_and_end_on_the_review_lists(app: JournalApp, key: str) -> None:
    # they did nothing on overdue, birthdays and cards
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, key)
        table = app.screen.query_one(RowList)
        people = [i for i in range(table.row_count) if not table.is_heading(i)]
        assert len(people) >= 3
        await press(pilot, "end")
        assert table.cursor_row == people[-1]
        await press(pilot, "home")
        assert table.cursor_row == people[0]  # on cards: past the "Owed" heading
        await press(pilot, "end", "up")
        assert table.cursor_row == people[-2]  # on cards: over the "Skipped" heading
        assert table.cursor_key == table.keys[people[-2]]


async def test_home_and_end_on_the_timeline(app: JournalApp, ids: dict[str, str]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timeline(pilot, app, ids["shota"])
        table = screen.table
        await press(pilot, "end")
        assert table.cursor_row == table.row_count - 1 == 1
        await press(pilot, "home")
        assert table.cursor_row == 0


# --- number keys -----------------------------------------------------------------------------


async def test_number_keys_never_bring_back_a_timeline(app: JournalApp,
                                                       ids: dict[str, str]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot, app, ids["aiko"])
        await press(pilot, "2")
        overdue = app.screen
        assert isinstance(overdue, OverdueScreen)
        # the person of the timeline left behind changes meanwhile
        overdue.table.move_cursor(row=overdue.table.get_row_index(ids["aiko"]))
        await press(pilot, "l", "m", *"tea", "enter")
        await press(pilot, "1")
        contacts = app.screen
        assert isinstance(contacts, ContactsScreen)  # the list, not the old timeline
        assert app.current_mode == "contacts"
        row = contacts.table.row_text(contacts.table.get_row_index(ids["aiko"]))
        assert "today" in row
        # a timeline opened from a review view: the view's number shows its list again
        await press(pilot, "2")
        await press(pilot, "enter")
        assert isinstance(app.screen, TimelineScreen)
        await press(pilot, "3", "2")
        assert app.screen is overdue and app.current_mode == "overdue"
        await press(pilot, "enter")
        await press(pilot, "2")  # its own number: back to the list
        await quiet(pilot)
        assert app.screen is overdue
        # and every view's bar lights its own number
        assert "2 Overdue" in screen_lines(app)[0]


async def test_the_contact_form_keeps_its_keys_in_sight_with_a_cadence_hint_at_60(
        tmp_path: Path, ids: dict[str, str]) -> None:
    layout_journal.add_history(tmp_path / "j.json", ids["shota"])
    app = layout_journal.make_app(tmp_path / "j.json")
    async with app.run_test(size=NARROW) as pilot:
        await quiet(pilot)
        app.screen.select_contact(ids["shota"])
        await press(pilot, "e")
        assert isinstance(app.screen, ContactForm)
        lines = screen_lines(app)
        assert any("history: every 5 weeks (ctrl+g)" in line for line in lines)
        assert any("enter save" in line for line in lines)
