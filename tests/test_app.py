"""Pilot tests of the app's flows: what shows on screen, and what ends up in the file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from frozen import store_on
from pilot_helpers import open_timeline, press, quiet, recording_app, screen_text, select
from textual.widgets import Input, Static, TextArea

from journal.model import Birthday, Direction, Intent, Kind
from journal.store import Store
from screens.app import JournalApp, create_app
from screens.contacts import ContactsScreen, ContactsTable
from screens.forms import ConfirmDialog, ContactForm, LogForm, SnoozeForm
from screens.help import HelpScreen
from screens.rowlist import RowList
from screens.timeline import TimelineScreen
from screens.widgets import Choice

TODAY = date(2026, 11, 25)
open_store = store_on(TODAY)


def make_app(path: Path) -> tuple[JournalApp, list[str]]:
    return recording_app(path, TODAY)


SIZE = (100, 30)


def seed(path: Path) -> dict[str, str]:
    """A small journal: Aiko (with history), Ben (a work contact), 佐藤 花子 (family)."""
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", reading="たなか あいこ", tags=("friends",),
                         cadence_days=30, cadence_months=1)
    ben = s.add_contact("Ben Okafor", tags=("work",), cadence_days=90, cadence_months=3)
    hanako = s.add_contact("佐藤 花子", reading="さとう はなこ", tags=("family",))
    s.add_interaction(aiko.id, Kind.LETTER, date(2025, 12, 20), note="new year card")
    s.add_interaction(aiko.id, Kind.CALL, date(2026, 3, 2), note="her move")
    s.add_interaction(aiko.id, Kind.MEETING, date(2026, 10, 1), note="lunch", intent=Intent.GIVE)
    return {"aiko": aiko.id, "ben": ben.id, "hanako": hanako.id}


def table_keys(table: RowList) -> list[str]:
    return table.keys


# --- logging ---------------------------------------------------------------------------------


async def test_fast_log_path_saves_today_outgoing(path: Path) -> None:
    ids = seed(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l")
        assert isinstance(app.screen, LogForm)
        await press(pilot, "m")  # meeting, and on to the note
        assert isinstance(app.focused, TextArea) and app.focused.id == "note"
        await press(pilot, *"coffee [at] the station")
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactsScreen)
        assert "Logged a ☕ meeting with Ben Okafor" in said
        assert "today" in screen_text(app)
    saved = open_store(path).interactions(ids["ben"])
    assert len(saved) == 1
    i = saved[0]
    assert (i.kind, i.date, i.direction, i.note) == (
        Kind.MEETING, TODAY, Direction.OUT, "coffee [at] the station")
    assert i.intent is None and i.occasion is None


async def test_keys_typed_while_the_form_opens_land_in_it(path: Path) -> None:
    # `l c note tab date` in one burst: the form opens, c picks the call, the note and the
    # date land in their fields (the keys used to reach the list or the kind instead)
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "c", *"called about the move", "tab", "ctrl+u",
                    *"yesterday")
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#kind", Choice).selected is Kind.CALL
        assert form.query_one("#note", TextArea).text == "called about the move"
        assert form.query_one("#date", Input).value == "yesterday"
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactsScreen)
    [i] = open_store(path).interactions(ids["ben"])
    assert (i.kind, i.note, i.date) == (Kind.CALL, "called about the move",
                                        TODAY - timedelta(days=1))


async def test_keys_typed_right_after_slash_filter_the_list(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "/", *"aiko")  # the a of aiko used to open the add form
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.query_one("#filter", Input).value == "aiko"
        assert table_keys(app.screen.table) == [ids["aiko"]]
        await press(pilot, "enter", "enter", "l", "m", *"tea")  # to the list, timeline, log
        assert isinstance(app.screen, LogForm)
        assert app.screen.contact.id == ids["aiko"]
        assert app.screen.query_one("#note", TextArea).text == "tea"


async def test_keys_typed_after_enter_reach_the_list_once_the_log_is_saved(
        path: Path) -> None:
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        first = table.cursor_key
        await press(pilot, "l", "c", *"quick call", "enter", "down")
        assert isinstance(app.screen, ContactsScreen)
        assert open_store(path).interactions(first)[-1].note == "quick call"
        assert table.cursor_key != first  # the down went to the list, not to the form


async def test_a_log_that_cannot_be_saved_keeps_the_form_and_says_why(path: Path) -> None:
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "l", "c", *"lunch")
        path.write_text("{ broken")  # another program breaks the file meanwhile
        await press(pilot, "enter")
        assert isinstance(app.screen, LogForm)  # what was typed is still there
        assert app.screen.query_one("#note", TextArea).text == "lunch"
        assert "Nothing saved" in screen_text(app)
        assert path.read_text() == "{ broken"  # and the file was not overwritten


async def test_log_form_fields_reach_the_file(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["hanako"])
        await press(pilot, "l", "c", *"birthday call", "tab", "ctrl+u", *"yesterday", "tab")
        await press(pilot, "i", "tab", *"LINE", "tab", "g", "tab", "b", "enter")
    [i] = open_store(path).interactions(ids["hanako"])
    assert i.kind is Kind.CALL and i.date == TODAY - timedelta(days=1)
    assert i.direction is Direction.IN and i.channel == "LINE"
    assert i.intent is Intent.GIVE and i.occasion.value == "birthday"


async def test_bad_date_shows_the_error_and_saves_nothing(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "s", *"hello", "tab", "ctrl+u", *"the day after", "enter")
        form = app.screen
        assert isinstance(form, LogForm)
        error = str(form.query_one("#error", Static).render())
        assert "Nothing saved" in error and "last friday" in error
        assert "cannot read" in screen_text(app)
        # a date in the future is refused too
        await press(pilot, "ctrl+u", *"2026-12-01", "enter")
        assert isinstance(app.screen, LogForm)
        assert "future" in str(form.query_one("#error", Static).render())
        await press(pilot, "escape", "y")  # y: throw the note away
        await quiet(pilot)
        assert isinstance(app.screen, ContactsScreen)
    assert open_store(path).interactions(ids["ben"]) == []


async def test_escape_cancels_and_saves_nothing(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "l", *"a long letter", "escape")
        # a half-written note is not thrown away unasked; enter keeps it
        assert isinstance(app.screen, ConfirmDialog)
        assert "Throw away the note?" in screen_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, LogForm)
        assert app.screen.query_one("#note", TextArea).text == "a long letter"
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, ContactsScreen)
        await press(pilot, "l", "c", "escape")  # nothing typed: nothing to ask
        await quiet(pilot)
        assert isinstance(app.screen, ContactsScreen)
    assert open_store(path).interactions(ids["ben"]) == []


async def test_enter_without_a_kind_asks_for_one(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "enter")
        assert isinstance(app.screen, LogForm)
        assert "Pick a kind first" in screen_text(app)
        await press(pilot, "escape")
    assert open_store(path).interactions(ids["ben"]) == []


async def test_cold_ask_caution_shows_and_saving_is_still_allowed(path: Path) -> None:
    ids = seed(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])  # nothing given, never in touch
        await press(pilot, "l", "s", *"could you introduce me", "tab", "tab", "tab", "tab")
        form = app.screen
        assert isinstance(form, LogForm)
        caution = form.query_one("#caution", Static)
        assert not caution.display
        await press(pilot, "a")  # ask
        assert form.query_one("#intent", Choice).selected is Intent.ASK
        assert caution.display
        assert "out of the blue" in screen_text(app)
        assert "Ben Okafor" in str(caution.render())
        await press(pilot, "g")  # a give is never cold
        assert not caution.display
        await press(pilot, "a", "enter")
        assert any("Logged" in s for s in said)
    [i] = open_store(path).interactions(ids["ben"])
    assert i.intent is Intent.ASK


async def test_no_caution_for_an_ask_after_a_recent_give(path: Path) -> None:
    ids = seed(path)  # Aiko: a give on 1 October, within 90 days
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["aiko"])
        await press(pilot, "l", "s", "tab", "tab", "tab", "tab", "a")
        assert not app.screen.query_one("#caution", Static).display


# --- the contacts list -----------------------------------------------------------------------


async def test_filter_by_name_reading_and_tag(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        assert sorted(table_keys(table)) == sorted(ids.values())
        await press(pilot, "slash", *"aik")
        assert table_keys(table) == [ids["aiko"]]
        await press(pilot, "ctrl+u", *"さとう")  # reading
        assert table_keys(table) == [ids["hanako"]]
        await press(pilot, "ctrl+u", *"サトウ")  # katakana finds the hiragana reading
        assert table_keys(table) == [ids["hanako"]]
        await press(pilot, "ctrl+u", *"sato hana")  # the reading in romaji
        assert table_keys(table) == [ids["hanako"]]
        await press(pilot, "ctrl+u", *"work")  # tag
        assert table_keys(table) == [ids["ben"]]
        assert "1 of 3 people" in screen_text(app)
        await press(pilot, "ctrl+u", *"nobody")
        assert table_keys(table) == []
        await press(pilot, "q")  # typed into the filter: does not quit
        assert app.is_running
        await press(pilot, "escape")  # clears and returns to the table
        assert app.focused is table
        assert len(table_keys(table)) == 3
        # enter in the filter goes to the list; then enter opens the timeline
        await press(pilot, "slash", *"ben", "enter")
        assert app.focused is table
        await press(pilot, "enter")
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.contact_id == ids["ben"]


async def test_sort_toggles_between_urgency_and_name(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        # Ben (added today, 90 days) is not due; Aiko (last contact 1 Oct, 30 days) is overdue
        assert table_keys(table)[0] == ids["aiko"]
        assert "overdue" in screen_text(app)
        await press(pilot, "o")
        assert table_keys(table) == [ids["ben"], ids["hanako"], ids["aiko"]]  # by reading
        assert "by name" in screen_text(app)


async def test_the_list_pages_scrolls_and_opens_on_a_click(path: Path) -> None:
    s = open_store(path)
    with s.batch():
        for n in range(100):
            s.add_contact(f"Person {n:03d}")
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        page = table.scrollable_content_region.height - 1  # rows in sight, under the header
        await press(pilot, "pagedown")
        assert table.cursor_row == page - 1 and table.scroll_offset.y == 0
        await press(pilot, "pagedown")
        assert table.cursor_row == 2 * page - 2
        assert table.scroll_offset.y == table.cursor_row - page + 1  # the cursor in sight
        await press(pilot, "end")
        assert table.cursor_row == 99 and "Person 099" in screen_text(app)
        await press(pilot, "home")
        assert table.cursor_row == 0 and table.scroll_offset.y == 0
        await pilot.click(ContactsTable, offset=(3, 3))  # the header, then rows 0, 1, 2
        assert table.cursor_row == 2 and isinstance(app.screen, ContactsScreen)
        await pilot.click(ContactsTable, offset=(3, 3))  # again: open it
        assert isinstance(app.screen, TimelineScreen) and app.screen.contact_id == table.keys[2]


async def test_filter_narrows_a_list_of_2000_people(path: Path) -> None:
    s = open_store(path)
    with s.batch():
        for n in range(2000):
            s.add_contact(f"Person {n:04d}", reading=f"ひと {n}", tags=("t" + str(n % 7),))
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await press(pilot, "slash")
        filter_input = screen.query_one("#filter", Input)
        table = screen.query_one(ContactsTable)
        for text, count in (("p", 2000), ("t3", 286), ("0042", 1), ("", 2000)):
            filter_input.value = text
            await quiet(pilot)
            assert table.row_count == count
        await press(pilot, *"person 0042", "enter")  # enter goes to the list
        table = screen.query_one(ContactsTable)
        assert app.focused is table and table.row_count == 1
        await press(pilot, "l")
        assert isinstance(app.screen, LogForm) and app.screen.contact.name == "Person 0042"


# --- contacts: add, edit, archive ------------------------------------------------------------


async def test_add_a_contact_with_validation(path: Path) -> None:
    seed(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, ContactForm)
        await press(pilot, "enter")  # no name
        assert isinstance(app.screen, ContactForm)
        assert "needs a name" in screen_text(app)
        await press(pilot, *"Yuki Mori", "tab", *"もり ゆき", "tab", *"friends, kyoto", "tab")
        await press(pilot, *"3x", "enter")
        assert isinstance(app.screen, ContactForm)
        assert 'cannot read the cadence "3x"' in str(form.query_one("#error", Static).render())
        assert app.focused.id == "cadence"
        await press(pilot, "backspace", "w", "tab", *"02-30", "enter")
        assert "February has no day 30" in str(form.query_one("#error", Static).render())
        await press(pilot, "ctrl+u", *"1990-04-12", "enter")
        assert isinstance(app.screen, ContactsScreen)
        assert "Added Yuki Mori" in said
        assert "Yuki Mori" in screen_text(app)
    c = open_store(path).find("Yuki")
    assert c.reading == "もり ゆき" and c.tags == ("friends", "kyoto")
    assert c.cadence_days == 21 and c.birthday == Birthday(4, 12, 1990)


async def test_escape_in_the_contact_form_adds_no_one(path: Path) -> None:
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "a", *"Nobody", "escape")
    assert len(open_store(path)) == 3


async def test_tab_goes_round_the_contact_form_without_a_dead_stop(path: Path) -> None:
    # after the last field, tab used to stop on the scrolling box itself (nothing lit)
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, ContactForm)
        fields = len(form.query(Input)) + len(form.query(Choice))
        for _ in range(fields):
            await press(pilot, "tab")
            assert isinstance(app.focused, (Input, Choice))
        assert app.focused.id == "name"


async def test_edit_a_contact(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#name", Input).value == "Ben Okafor"
        assert form.query_one("#cadence", Input).value == "3m"
        await press(pilot, "ctrl+u", *"Benjamin Okafor", "tab", "tab", "tab", "ctrl+u", "enter")
        assert "Benjamin Okafor" in screen_text(app)
    c = open_store(path).contact(ids["ben"])
    assert c.name == "Benjamin Okafor" and c.cadence_days is None  # emptied: not tracked
    assert c.tags == ("work",)


async def test_archive_asks_first_and_hides_the_person(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        await select(pilot, app, ids["ben"])
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Archive Ben Okafor?" in screen_text(app)
        await press(pilot, "n")
        assert ids["ben"] in table_keys(table)
        assert not open_store(path).contact(ids["ben"]).archived
        place = table.cursor_row
        await press(pilot, "d", "y")
        assert ids["ben"] not in table_keys(table)
        assert table.cursor_row == min(place, table.row_count - 1)  # stays in place
        assert "Ben Okafor" not in screen_text(app)
    assert open_store(path).contact(ids["ben"]).archived


async def test_snooze_from_the_contacts_list(path: Path) -> None:
    ids = seed(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["aiko"])
        await press(pilot, "s")
        assert isinstance(app.screen, SnoozeForm)
        await press(pilot, "2")
        assert "snoozed until Dec 9" in screen_text(app)
        assert any("Snoozed Aiko Tanaka" in s for s in said)
    assert open_store(path).contact(ids["aiko"]).snoozed_until == date(2026, 12, 9)


async def test_snooze_until_a_typed_date_and_a_bad_one(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.snooze(ids["ben"])
        await quiet(pilot)
        await press(pilot, "tab", *"yesterday", "enter")
        assert isinstance(app.screen, SnoozeForm)
        error = app.screen.query_one("#error", Static)
        assert error.display and '"yesterday"' in str(error.render())  # not in the future
        await press(pilot, "ctrl+u", *"someday", "enter")
        assert isinstance(app.screen, SnoozeForm)
        assert "cannot read" in screen_text(app)
        await press(pilot, "ctrl+u", *"Dec 20", "enter")
    assert open_store(path).contact(ids["ben"]).snoozed_until == date(2026, 12, 20)


# --- the timeline ----------------------------------------------------------------------------


async def test_timeline_shows_details_and_entries_newest_first(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        table = screen.query_one(RowList)
        notes = [str(table.get_row_at(n)[-1]) for n in range(table.row_count)]
        assert notes == ["lunch", "her move", "new year card"]
        text = screen_text(app)
        assert "Aiko Tanaka" in text and "たなか あいこ" in text and "#friends" in text
        assert "gave 1 · asked 0 in 12 months" in text
        assert "every month" in text and "overdue" in text
        # the year is shown on the first row of each year only
        dates = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert dates[0].startswith("2026") and not dates[1].strip().startswith("2026")
        assert dates[2].startswith("2025")
        await press(pilot, "escape")
        assert isinstance(app.screen, ContactsScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_timeline_header_has_the_birthday_age_and_post_by_date(path: Path, size) -> None:  # noqa: ANN001
    s = open_store(path)
    c = s.add_contact("Hanako", birthday=Birthday(12, 8, 1991), emails=("h@example.com",),
                      addresses=("3-12-8 Kichijoji",), notes="No nuts (Mei's allergy).")
    far = s.add_contact("Grace", birthday=Birthday(3, 30))
    app, _ = make_app(path)
    async with app.run_test(size=size) as pilot:
        await open_timeline(pilot, app, c.id)
        text = screen_text(app)
        assert "birthday 8 Dec 1991 · turns 35 on Tue 8 Dec (in 1 week) · post by Sat 5 Dec" in text
        assert "h@example.com · 3-12-8 Kichijoji" in text and "No nuts" in text
        await press(pilot, "escape")
        await open_timeline(pilot, app, far.id)
        text = screen_text(app)
        assert "birthday 30 Mar" in text and "post by" not in text  # months away


async def test_timeline_header_shows_every_email_and_phone_nickname_and_org(
    path: Path,
) -> None:
    s = open_store(path)
    c = s.add_contact("Jo March", emails=("jo@home.example", "jo@work.example"),
                      phones=("+1 555 0100", "+1 555 0199"), nickname="Jo",
                      org="Plumfield School", addresses=("Orchard House", "Plumfield"))
    app, _ = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_timeline(pilot, app, c.id)
        text = screen_text(app)
        assert "Jo March  “Jo”  Plumfield School" in text
        assert ("jo@home.example · jo@work.example · +1 555 0100 · +1 555 0199 · "
                "Orchard House (+1 more)") in text
        # the form edits the preferred email; the second one stays
        await press(pilot, "e")
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#email", Input).value = "jo@new.example"
        await press(pilot, "enter")
    got = open_store(path).contact(c.id)
    assert got.emails == ("jo@new.example", "jo@work.example")
    assert got.phones == ("+1 555 0100", "+1 555 0199") and got.nickname == "Jo"


async def test_timeline_marks_cold_asks_and_give_next(path: Path) -> None:
    ids = seed(path)
    s = open_store(path)
    s.add_interaction(ids["ben"], Kind.MESSAGE, date(2026, 11, 20), intent=Intent.ASK,
                      note="a favour")
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["ben"])
        text = screen_text(app)
        assert "cold ask" in text and "give next" in text


async def test_log_from_the_timeline_appears_at_the_top(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        await press(pilot, "l", "l", *"a postcard", "enter")
        assert app.screen is screen
        table = screen.query_one(RowList)
        assert str(table.get_row_at(0)[-1]) == "a postcard"
        assert table.row_count == 4


async def test_edit_an_entry(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        await press(pilot, "down")  # "her move", 2 March
        await press(pilot, "enter", "e")  # read it whole, edit it there
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#note", TextArea).text == "her move"
        assert form.query_one("#date", Input).value == "2026-03-02"
        assert form.query_one("#kind", Choice).selected is Kind.CALL
        await press(pilot, "end", *" to Osaka", "tab", "ctrl+u", *"2026-03-03", "enter")
        assert "her move to Osaka" in screen_text(app)  # the entry, read whole again
        await press(pilot, "escape")
        assert app.screen is screen
        assert "her move to Osaka" in screen_text(app)
    entries = open_store(path).interactions(ids["aiko"])
    assert len(entries) == 3
    edited = next(i for i in entries if i.note == "her move to Osaka")
    assert edited.date == date(2026, 3, 3) and edited.kind is Kind.CALL


async def test_delete_an_entry_asks_first(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(pilot, app, ids["aiko"])
        table = screen.query_one(RowList)
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Delete the meeting of Thu 1 Oct 2026?" in screen_text(app)
        await press(pilot, "escape")
        assert table.row_count == 3
        await press(pilot, "down", "delete", "y")  # "her move"
        await quiet(pilot)
        assert table.row_count == 2
        assert table.cursor_row == 1  # on the next entry, "new year card"
        await press(pilot, "up", "delete", "y")  # "lunch"
        await quiet(pilot)
        assert table.row_count == 1
        assert "lunch" not in screen_text(app)
    notes = [i.note for i in open_store(path).interactions(ids["aiko"])]
    assert notes == ["new year card"]


async def test_edit_the_person_from_the_timeline(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot, app, ids["hanako"])
        await press(pilot, "e")
        assert isinstance(app.screen, ContactForm)
        await press(pilot, "tab", "tab", "tab", "tab", *"03-22", "enter")
        assert isinstance(app.screen, TimelineScreen)
        assert "birthday 22 Mar" in screen_text(app)
    assert open_store(path).contact(ids["hanako"]).birthday == Birthday(3, 22)


# --- the app ---------------------------------------------------------------------------------


async def test_a_change_from_another_process_appears(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        other = open_store(path)
        newcomer = other.add_contact("Zoe Other Process")
        for _ in range(40):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if newcomer.id in table_keys(table):
                break
        assert newcomer.id in table_keys(table)
        # and an interaction logged elsewhere reaches an open timeline
        await open_timeline(pilot, app, ids["ben"])
        other.add_interaction(ids["ben"], Kind.CALL, TODAY, note="from the shell")
        app.look_at_the_file()  # what the timer above did once a second
        await quiet(pilot)
        assert "from the shell" in screen_text(app)


async def test_empty_journal_greets_the_user(path: Path) -> None:
    app, _ = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await quiet(pilot)
        text = screen_text(app)
        assert "Welcome to your journal" in text
        assert "journal import FILE" in text and "journal --demo" in text
        assert not app.screen.query_one(ContactsTable).display
        await press(pilot, "a", *"First Person", "enter")
        assert "Welcome" not in screen_text(app)
        assert "First Person" in screen_text(app)


async def test_help_lists_the_keys_of_the_screen_and_the_global_ones(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Keys: Contacts", "Timeline", "Archive", "Filter", "Snooze", "Quit",
                      "Overdue", "Birthdays", "Cards"):
            assert words in text
        await press(pilot, "escape")
        await open_timeline(pilot, app, ids["aiko"])
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Keys: Timeline" in text and "Delete the entry" in text
        assert "Read the entry whole" in text and "Edit their details" in text
        assert "Search the notes" in text and "One kind at a time" in text


async def test_view_keys_and_quit(path: Path) -> None:
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_mode == "contacts"
        for key, mode in (("2", "overdue"), ("3", "birthdays"), ("4", "cards"),
                          ("1", "contacts")):
            await press(pilot, key)
            assert app.current_mode == mode
        await press(pilot, "q")
        assert not app.is_running


async def test_the_footer_follows_view_and_focus_and_a_click_presses_its_key(
        path: Path) -> None:
    from screens.widgets import Footer

    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        assert "s Snooze" in screen_text(app).splitlines()[-1]
        await press(pilot, "1", "slash")  # the footer follows the focus
        await quiet(pilot)
        assert "enter To the list" in screen_text(app).splitlines()[-1]
        await press(pilot, "escape")
        footer = screen_text(app).splitlines()[-1]
        assert "/ Filter" in footer and footer.rstrip().endswith("^p palette")
        await pilot.click(Footer, offset=(footer.index(" a Add") + 2, 0))
        await quiet(pilot)
        assert isinstance(app.screen, ContactForm)


async def test_views_out_of_sight_catch_up_when_shown(path: Path) -> None:
    # after a save only the views in sight reread the journal (each reload was a pause on a
    # big journal); the others do when they are shown again
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        overdue = app.screen
        assert ids["aiko"] in table_keys(overdue.query_one(RowList))
        await press(pilot, "1")
        await select(pilot, app, ids["aiko"])
        await press(pilot, "l", "c", "enter")
        assert overdue.stale
        await press(pilot, "2")
        assert app.screen is overdue and not overdue.stale
        assert ids["aiko"] not in table_keys(overdue.query_one(RowList))


async def test_modal_forms_ignore_view_and_quit_keys(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "tab", "tab", "tab")  # focus on the direction choice
        await press(pilot, "2", "q")
        assert app.is_running and app.current_mode == "contacts"
        assert isinstance(app.screen, LogForm)


async def test_review_reminder_on_start(path: Path) -> None:
    seed(path)  # Aiko is overdue; no review was ever done
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        assert any("weekly review" in s and "1 person is waiting" in s and "Press 2" in s
                   for s in said)


async def test_review_reminder_counts_days_and_birthday_letters(path: Path) -> None:
    s = open_store(path)
    c = s.add_contact("Mika", birthday=Birthday(11, 29, 1980))  # post by 26 Nov
    s.set_meta("last_review", (TODAY - timedelta(days=9)).isoformat())
    assert c
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        [message] = [m for m in said if "review" in m]
        assert "It's been 9 days since your weekly review" in message
        assert "1 birthday letter" in message and "3" in message


def toasts(app: JournalApp) -> list[str]:
    """The notifications on screen now."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_review_reminder_leaves_at_the_first_key(path: Path) -> None:
    # it sat over the bottom right of the lists for 10 seconds, whatever the person did
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await quiet(pilot)
        assert any("weekly review" in m for m in toasts(app))
        assert "Press 2" in screen_text(app)
        await press(pilot, "down")
        assert not any("weekly review" in m for m in toasts(app))
        assert "Press 2" not in screen_text(app)
        # what the person does next is still said
        await press(pilot, "l", "m", "enter")
        assert any(m.startswith("Logged a") for m in toasts(app))


async def test_one_saved_toast_at_a_time(path: Path) -> None:
    # each save stacked a toast over the rows for 4 seconds
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for who in ("ben", "aiko"):
            await select(pilot, app, ids[who])
            await press(pilot, "l", "c", "enter")
        assert [m for m in toasts(app) if m.startswith("Logged")] == [
            "Logged a 📞 call with Aiko Tanaka"]


async def test_reminder_and_birthdays_view_count_the_same_letters(path: Path) -> None:
    # a letter abroad (14 days' lead) for a birthday 20 days off must be posted this week:
    # the birthdays view counted it, the reminder (looking 14 days ahead) did not
    s = open_store(path)
    s.add_contact("Ingrid", birthday=Birthday(12, 15, 1986), letter_lead_days=14)
    s.set_meta("last_review", (TODAY - timedelta(days=9)).isoformat())
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        [message] = [m for m in said if "review" in m]
        assert "1 birthday letter needs posting this week" in message
        await press(pilot, "3")
        assert "1 letter to post this week" in screen_text(app)


async def test_no_reminder_after_a_recent_review(path: Path) -> None:
    seed(path)
    open_store(path).set_meta("last_review", (TODAY - timedelta(days=2)).isoformat())
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        assert not any("review" in s for s in said)


async def test_palette_offers_the_main_actions(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["aiko"])
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Contacts (1)", "Overdue (2)", "Add someone", "Snooze Aiko Tanaka",
                      "Keys (?)"):
            assert title in titles
        from screens.commands import PeopleCommands

        provider = PeopleCommands(app.screen)
        await provider.startup()
        offered = [hit.text async for hit in provider.discover()]  # the selected person
        assert offered == ["Open Aiko Tanaka", "Log with Aiko Tanaka"]
        assert "Keys" not in titles  # Textual's own, a second and lesser list of keys


async def test_works_at_80_by_24_with_wide_names(path: Path) -> None:
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        assert "佐藤 花子" in text and "Last contact" in text
        # no room for a tags column: the reading and the tags follow the name (they were
        # not shown at all below 96 columns)
        assert "佐藤 花子  さとう はなこ  #family" in text and "Ben Okafor  #work" in text
        assert all(len(line) <= 80 for line in text.splitlines())
        await press(pilot, "l")
        assert "congrats" in screen_text(app)  # the whole occasion row fits
        await press(pilot, "escape")
        await open_timeline(pilot, app, ids["aiko"])
        assert "lunch" in screen_text(app)
        # every key of the footer fits (it was cut: "esc Back  ? Ke")
        assert "e Edit person  esc Back  ? Keys" in screen_text(app)


async def test_reply_owed_and_overdue_is_not_cut_at_80_columns(path: Path) -> None:
    s = open_store(path)
    c = s.add_contact("Margaret Thornbury-Wolstencroft", cadence_days=30)
    s.add_interaction(c.id, Kind.CALL, date(2026, 8, 1), direction=Direction.IN)
    h = s.add_contact("長谷川 左衛門之助", reading="はせがわ さえもんのすけ", cadence_days=14)
    app, _ = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await quiet(pilot)
        text = screen_text(app)
        assert "reply owed · 2 months overdue" in text  # was "reply owed · 2 mon…"
        assert "Margaret Thornbury-Wolstencroft" in text
        # narrow: the reading follows the name in the same column
        assert "長谷川 左衛門之助  はせがわ" in text and "Reading" not in text
        assert all(len(line) <= 80 for line in text.splitlines())
        await press(pilot, "2")
        assert "reply owed · 2 months overdue" in screen_text(app)
        await pilot.resize_terminal(120, 30)
        await press(pilot, "1")
        text = screen_text(app)
        assert "Reading" in text and "reply owed · 2 months overdue" in text
    assert h


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
async def test_the_contacts_table_never_scrolls_sideways(path: Path, size) -> None:  # noqa: ANN001
    # the table was 2 cells narrower than the screen, so its last column scrolled off
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=size) as pilot:
        await quiet(pilot)
        table = app.screen.table
        assert table.outer_size.width == size[0]
        assert table.virtual_size.width <= table.size.width


async def test_escape_on_a_review_view_goes_back_to_contacts(path: Path) -> None:
    seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("2", "3", "4"):
            await press(pilot, key, "escape")
            assert app.current_mode == "contacts"


async def test_palette_finds_people_by_name_or_reading(path: Path) -> None:
    from screens.commands import PeopleCommands

    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        provider = PeopleCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("さとう")]
        assert [h.text for h in hits] == ["Open 佐藤 花子", "Log with 佐藤 花子"]
        hits = [hit async for hit in provider.search("log aiko")]
        assert [h.text for h in hits] == ["Log with Aiko Tanaka"]
        hits[0].command()
        await quiet(pilot)
        assert isinstance(app.screen, LogForm)
        assert app.screen.contact.id == ids["aiko"]


def test_run_app_refuses_a_broken_journal(path: Path, capsys: pytest.CaptureFixture) -> None:
    from screens.app import run_app

    path.write_text("{ not json")
    assert run_app(path) == 1
    err = capsys.readouterr().err
    assert str(path) in err
    assert path.read_text() == "{ not json"  # never overwritten


async def test_the_app_follows_its_stores_clock(path: Path) -> None:
    app = create_app(Store.open(path, today=lambda: date(2027, 1, 2)))
    async with app.run_test():
        assert app.today() == date(2027, 1, 2)


async def test_names_and_notes_with_brackets_show_as_typed(path: Path) -> None:
    s = open_store(path)
    c = s.add_contact("Ann [work] Lee", tags=("[b]x",))
    s.add_interaction(c.id, Kind.MESSAGE, TODAY - timedelta(days=2), note="[red]not red[/red]")
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Ann [work] Lee" in screen_text(app)
        await press(pilot, "d")
        assert "Archive Ann [work] Lee?" in screen_text(app)
        await press(pilot, "n", "enter")
        assert "[red]not red[/red]" in screen_text(app)
        await press(pilot, "l")
        assert "Log for Ann [work] Lee" in screen_text(app)


async def test_a_broken_file_on_disk_is_reported_not_shown(path: Path) -> None:
    ids = seed(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ContactsTable)
        path.write_text("{ broken")
        app.look_at_the_file()  # the once-a-second look, without waiting for its second
        await quiet(pilot)
        assert any("cannot be read" in s for s in said)
        assert app.is_running
        assert sorted(table_keys(table)) == sorted(ids.values())  # still what was read


FIXTURES = Path(__file__).parent / "fixtures"


async def test_import_from_the_palette_asks_first_then_imports(path: Path) -> None:
    store = open_store(path)
    app = create_app(store, today=lambda: date(2026, 11, 25))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"import contacts")
        await press(pilot, "enter")
        await press(pilot, "ctrl+u", *str(FIXTURES / "google_contacts.vcf"), "enter")
        await quiet(pilot)
        assert open_store(path).contacts() == []  # a dry run first: nothing yet
        assert "Import google_contacts.vcf?" in str(app.screen.query_one("#title").render())
        await press(pilot, "y")
        await quiet(pilot)
    imported = open_store(path).contacts()
    assert imported and len(imported) == len(store.contacts())


async def test_export_from_the_palette_writes_the_calendar(path: Path, tmp_path: Path) -> None:
    store = open_store(path)
    store.add_contact("Aiko Tanaka", birthday=Birthday(4, 15, 1990))
    target = tmp_path / "out.ics"
    app = create_app(store, today=lambda: date(2026, 11, 25))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"export ics")
        await press(pilot, "enter")
        await press(pilot, "ctrl+u", *str(target), "enter")
        await quiet(pilot)
    calendar = target.read_text()
    assert "BEGIN:VCALENDAR" in calendar and "Aiko Tanaka" in calendar


async def test_logging_for_someone_deleted_meanwhile_says_so_and_keeps_the_app(
    path: Path,
) -> None:
    # the log form stayed open while another process deleted the person; enter ended the app
    ids = seed(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, ids["ben"])
        await press(pilot, "l", "c", *"hello")
        open_store(path).delete_contact(ids["ben"])
        app.look_at_the_file()
        await quiet(pilot)
        await press(pilot, "enter")
        assert app.is_running and isinstance(app.screen, LogForm)
        assert "no contact" in screen_text(app)
