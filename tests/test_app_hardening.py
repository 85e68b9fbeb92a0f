"""Pilot tests of the app under hostile files, a second writer and fast hands (issue 12).

A real journal in tmp_path, written through the Store (old journals may still hold text the
way in now tidies); the real app through `run_test`; the shell through `journal.cli.main`.
"""

from __future__ import annotations

import gc
import html
import re
import shlex
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from frozen import store_on
from pilot_helpers import press, quiet, recording_app
from textual.widgets import Input, TextArea

from journal.cli import main
from journal.edits import Clash, EditClash, merge
from journal.model import Birthday, Kind, Occasion
from screens.app import JournalApp
from screens.contacts import ContactsScreen
from screens.entry import EntryScreen
from screens.forms import ClashDialog, ConfirmDialog, ContactForm, LogForm, SnoozeForm
from screens.timeline import TimelineScreen
from screens.widgets import Choice

TODAY = date(2026, 11, 25)
open_store = store_on(TODAY)


def make_app(path: Path) -> tuple[JournalApp, list[str]]:
    return recording_app(path, TODAY)


SIZE = (110, 32)

# What an imported vCard or an old journal may hold: OSC 52 (write the clipboard), OSC 0 (the
# window title), clear the screen, a colour, a C1 CSI and a bidi override.
HOSTILE = ("\x1b]52;c;aGFja2Vk\x07\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b1m\u202e"
           "\u2066x\u2069")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


def shell(*argv: str) -> int:
    """`journal ARGV`, in this process (as a second writer beside the app)."""
    try:
        return main(list(argv))
    finally:
        gc.enable()  # a command turns the collector off for its short life


def shown(app: JournalApp) -> str:
    """The screen as the terminal would get it (with toasts, when the app draws them), from
    its SVG screenshot with the character references read."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def assert_safe(app: JournalApp) -> None:
    svg = shown(app)
    found = UNSAFE.findall(svg)
    assert not found, f"raw control characters reached the screen: {found[:5]!r}"
    assert "␛" in svg, "the escape should be shown, as ␛"


def hostile_journal(path: Path) -> dict[str, str]:
    """Eve, overdue, birthday soon, on the card list, with hostile text in every field."""
    s = open_store(path)
    eve = s.add_contact(
        f"Eve{HOSTILE}", reading=f"いぶ{HOSTILE}", tags=(f"t{HOSTILE}", "work"),
        cadence_days=7, birthday=Birthday(11, 28, 1990), emails=(f"e{HOSTILE}@x.org",),
        phones=(f"1{HOSTILE}",), addresses=(f"1 Road{HOSTILE}\nTown",), notes=f"notes{HOSTILE}",
        season_cards=True)
    s.add_interaction(eve.id, Kind.CALL, TODAY - timedelta(days=40), note=f"n{HOSTILE}",
                      channel=f"c{HOSTILE}")
    skip = s.add_contact(f"Ivy{HOSTILE}", season_cards=True,
                         no_cards_until=date(2027, 6, 1), no_cards_reason=f"r{HOSTILE}")
    return {"eve": eve.id, "ivy": skip.id}


# --- 1. text from files never drives the terminal -------------------------------------------


@pytest.mark.parametrize("size", [SIZE, (70, 24)])
async def test_hostile_text_is_shown_safely_on_every_view(path: Path, size) -> None:  # noqa: ANN001
    ids = hostile_journal(path)
    app, _ = make_app(path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await quiet(pilot)
        assert_safe(app)  # contacts
        for key in ("2", "3", "4"):  # overdue, birthdays, cards (Ivy's reason)
            await press(pilot, key)
            assert "Eve" in shown(app)
            assert_safe(app)
        await press(pilot, "1")
        app.open_timeline(ids["eve"])
        await quiet(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert_safe(app)


async def test_hostile_text_is_shown_safely_in_forms_dialogs_and_toasts(path: Path) -> None:
    ids = hostile_journal(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await quiet(pilot)
        app.open_timeline(ids["eve"])
        await quiet(pilot)
        for key, form in (("e", ContactForm), ("enter", EntryScreen), ("s", SnoozeForm),
                          ("delete", ConfirmDialog), ("l", LogForm)):
            await press(pilot, key)
            if form is EntryScreen:  # the entry read whole, then its log form
                assert isinstance(app.screen, form)
                assert_safe(app)
                await press(pilot, "e")
                assert isinstance(app.screen, LogForm)
                assert_safe(app)
                await press(pilot, "escape")
            assert isinstance(app.screen, form)
            assert_safe(app)
            if form is LogForm and key == "l":
                # a new log: a toast names Eve
                await press(pilot, "m", *"tea", "enter")
                assert any("Logged" in m for m in said)
                assert isinstance(app.screen, TimelineScreen)
                assert_safe(app)
            else:
                await press(pilot, "escape")
        # the command palette, with Eve under the cursor and found by name
        await press(pilot, "ctrl+p")
        await press(pilot, *"eve")
        await pilot.pause(0.3)
        await quiet(pilot)
        assert "Eve" in shown(app)
        assert_safe(app)


async def test_fields_of_the_edit_form_hold_the_text_tidied(path: Path) -> None:
    ids = hostile_journal(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        app.edit_contact(ids["eve"])
        await quiet(pilot)
        value = app.screen.query_one("#name", Input).value
        assert value.startswith("Eve]52;c;") and not UNSAFE.search(value)
        await press(pilot, "escape")
    # untouched, nothing is rewritten
    assert open_store(path).contact(ids["eve"]).name == f"Eve{HOSTILE}"


# --- 2. two writers, one person --------------------------------------------------------------


def test_merge_takes_each_sides_changes_and_names_the_clashes() -> None:
    s_base = {"notes": "a", "email": "x", "phone": "1"}

    class R:
        def __init__(self, **kw: str) -> None:
            self.__dict__.update(kw)

    base = R(**s_base)
    current = R(notes="shell", email="x", phone="2")
    apply, clashes = merge(base, {"email": "y", "phone": "2", "notes": "form"}, current)
    assert apply == {"email": "y", "phone": "2"}  # the same change on both sides: no clash
    assert clashes == [Clash("notes", "form", "shell")]


def test_store_edit_keeps_what_another_writer_saved(path: Path) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko", notes="old", emails=("a@x.org",))
    other = open_store(path)
    other.update_contact(_with(other.contact(aiko.id), notes="from elsewhere"))
    saved = s.edit_contact(aiko, {"emails": ("new@x.org",)})  # s has not reread the file yet
    assert (saved.notes, saved.email) == ("from elsewhere", "new@x.org")
    again = open_store(path).contact(aiko.id)
    assert (again.notes, again.email) == ("from elsewhere", "new@x.org")
    with pytest.raises(EditClash) as caught:
        s.edit_contact(aiko, {"notes": "mine"})
    assert caught.value.clashes == (Clash("notes", "mine", "from elsewhere"),)
    assert open_store(path).contact(aiko.id).notes == "from elsewhere"  # nothing saved


def _with(record, **fields):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(record, **fields)


async def test_the_edit_form_saves_only_its_changes_onto_the_shells(path: Path) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", notes="likes tea", emails=("aiko@old.jp",))
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ContactForm)
        # meanwhile, in a shell
        assert shell("--file", str(path), "edit", "Aiko Tanaka", "--notes",
                     "moved to Osaka") == 0
        app.screen.query_one("#email", Input).value = "aiko@new.jp"
        await press(pilot, "enter")
        assert isinstance(app.screen, ContactsScreen)
        assert "Saved Aiko Tanaka" in said
    saved = open_store(path).contact(aiko.id)
    assert (saved.notes, saved.email) == ("moved to Osaka", "aiko@new.jp")


@pytest.mark.parametrize(("key", "notes"), [("m", "from the form"), ("t", "from the shell")])
async def test_a_field_changed_on_both_sides_asks_which_to_keep(path: Path, key: str,
                                                              notes: str) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", notes="likes tea", emails=("aiko@old.jp",))
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, "e")
        assert shell("--file", str(path), "edit", "Aiko Tanaka", "--notes",
                     "from the shell") == 0
        app.screen.query_one("#notes", Input).value = "from the form"
        app.screen.query_one("#email", Input).value = "aiko@new.jp"
        await press(pilot, "enter")
        dialog = app.screen
        assert isinstance(dialog, ClashDialog)
        assert "from the shell" in shown(app) and "from the form" in shown(app)
        assert open_store(path).contact(aiko.id).email == "aiko@old.jp"  # nothing yet
        await press(pilot, key)
        assert isinstance(app.screen, ContactsScreen)
    saved = open_store(path).contact(aiko.id)
    assert (saved.notes, saved.email) == (notes, "aiko@new.jp")


async def test_escape_at_the_clash_saves_nothing(path: Path) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", notes="likes tea", emails=("aiko@old.jp",))
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, "e")
        assert shell("--file", str(path), "edit", "Aiko Tanaka", "--notes", "shell") == 0
        app.screen.query_one("#notes", Input).value = "form"
        app.screen.query_one("#email", Input).value = "aiko@new.jp"
        await press(pilot, "enter")
        await press(pilot, "escape")
        assert "Nothing was saved." in said
    saved = open_store(path).contact(aiko.id)
    assert (saved.notes, saved.email) == ("shell", "aiko@old.jp")


async def test_editing_an_entry_keeps_a_change_saved_meanwhile(path: Path) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka")
    entry = s.add_interaction(aiko.id, Kind.CALL, date(2026, 3, 2), note="her move",
                              channel="LINE")
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        app.edit_interaction(entry.id)
        await quiet(pilot)
        assert isinstance(app.screen, LogForm)
        other = open_store(path)  # a second writer changes the channel
        other.update_interaction(_with(other.interaction(entry.id), channel="Zoom"))
        await press(pilot, "end", *" to Osaka", "enter")
        assert not isinstance(app.screen, (LogForm, ClashDialog))
    saved = open_store(path).interaction(entry.id)
    assert (saved.note, saved.channel) == ("her move to Osaka", "Zoom")


async def test_editing_an_entry_asks_when_its_note_changed_meanwhile(path: Path) -> None:
    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka")
    entry = s.add_interaction(aiko.id, Kind.CALL, date(2026, 3, 2), note="her move")
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        app.edit_interaction(entry.id)
        await quiet(pilot)
        other = open_store(path)
        other.update_interaction(_with(other.interaction(entry.id), note="theirs"))
        await press(pilot, "end", *" (mine)", "enter")
        assert isinstance(app.screen, ClashDialog)
        await press(pilot, "m")
    assert open_store(path).interaction(entry.id).note == "her move (mine)"


# --- 6. the app under real hands -------------------------------------------------------------


def two_people(path: Path) -> dict[str, str]:
    s = open_store(path)
    ben = s.add_contact("Ben Okafor", cadence_days=30, birthday=Birthday(11, 28),
                        season_cards=True)
    s.add_interaction(ben.id, Kind.CALL, TODAY - timedelta(days=90))
    cho = s.add_contact("Cho Min", cadence_days=30)
    s.add_interaction(cho.id, Kind.CALL, TODAY - timedelta(days=60))
    return {"ben": ben.id, "cho": cho.id}


async def test_a_note_typed_before_the_kind_keeps_every_letter(path: Path) -> None:
    # `l` then "replied…" gave a letter "ied…": r, e and p were eaten, l picked the kind
    two_people(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, "l", *"replied 2 quickly")
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#note", TextArea).text == "replied 2 quickly"
        assert form.query_one("#kind", Choice).selected is None  # no kind from the note
        assert app.is_running and app.current_mode == "contacts"  # "q", "2" were text
        await press(pilot, "enter")  # no kind yet: asked for, nothing saved
        await quiet(pilot)
        assert isinstance(app.screen, LogForm)
        assert app.focused is form.query_one("#kind")
        await press(pilot, "m", "enter")
    saved = open_store(path).all_interactions()[-1]
    assert (saved.kind, saved.note) == (Kind.MEETING, "replied 2 quickly")


@pytest.mark.parametrize(("view", "occasion"), [("3", Occasion.BIRTHDAY), ("4", Occasion.SEASON)])
async def test_every_log_form_starts_on_the_kind(path: Path, view: str, occasion) -> None:  # noqa: ANN001
    # the birthday and card forms started on the note, the others on the kind: the same
    # keys gave different entries
    ids = two_people(path)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, view)
        await press(pilot, "l")
        form = app.screen
        assert isinstance(form, LogForm)
        assert app.focused is form.query_one("#kind")
        assert form.query_one("#kind", Choice).selected is Kind.LETTER  # as the view says
        await press(pilot, *"with love", "enter")  # "w" is no kind: the note, whole
        assert app.current_mode != "contacts" and not isinstance(app.screen, LogForm)
    saved = open_store(path).interactions(ids["ben"])[-1]
    assert (saved.kind, saved.occasion, saved.note) == (Kind.LETTER, occasion, "with love")


async def test_snoozes_sent_in_a_burst_all_land(path: Path) -> None:
    ids = two_people(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        await press(pilot, "2")
        await press(pilot, "s", "w", "s", "w")
        assert app.current_mode == "overdue" and not isinstance(app.screen, SnoozeForm)
    s = open_store(path)
    week = TODAY + timedelta(weeks=1)
    assert (s.contact(ids["ben"]).snoozed_until, s.contact(ids["cho"]).snoozed_until) == (
        week, week)


async def test_export_from_the_palette_asks_before_replacing_a_file(path: Path,
                                                                  tmp_path: Path) -> None:
    two_people(path)
    target = tmp_path / "mine.ics"
    target.write_text("my own calendar")
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        for answer in ("n", "y"):
            app.export_journal("ics")
            await quiet(pilot)
            app.screen.query_one("#file", Input).value = str(target)
            await press(pilot, "enter")
            assert isinstance(app.screen, ConfirmDialog)
            assert "Replace" in shown(app)
            await press(pilot, answer)
            if answer == "n":
                assert target.read_text() == "my own calendar"
                assert "Nothing was exported." in said
    assert target.read_text().startswith("BEGIN:VCALENDAR")


async def test_adding_a_name_that_exists_asks_first(path: Path) -> None:
    two_people(path)
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        for answer in ("n", "y"):
            await press(pilot, "a")
            await press(pilot, *"ben okafor", "enter")  # as names compare: the same
            await quiet(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert "Ben Okafor is already in the journal" in shown(app)
            await press(pilot, answer)
    names = [c.name for c in open_store(path).contacts()]
    assert sorted(names) == sorted(["Ben Okafor", "ben okafor", "Cho Min"])  # after the yes


def test_a_zero_width_space_does_not_make_a_name_new(path: Path) -> None:
    two_people(path)
    s = open_store(path)
    assert s.same_name("Ben\u200b Okafor").name == "Ben Okafor"
    assert s.same_name("ＢＥＮ okafor").name == "Ben Okafor"
    assert s.same_name("Ben Okafo") is None


def test_journal_add_refuses_a_name_that_exists(path: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    two_people(path)
    assert shell("--file", str(path), "add", "BEN OKAFOR") != 0
    assert "already in the journal" in capsys.readouterr().err
    assert len(open_store(path)) == 2
    assert shell("--file", str(path), "add", "BEN OKAFOR", "--force") == 0
    assert len(open_store(path)) == 3


async def test_archived_people_can_be_seen_and_brought_back(path: Path) -> None:
    s = open_store(path)
    tom = s.add_contact("Tom O'Brien")
    s.add_contact("Ann Lee")
    app, said = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        screen.select_contact(tom.id)
        await press(pilot, "d", "y")
        assert tom.id not in screen.table.keys
        toast = next(m for m in said if m.startswith("Archived"))
        command = toast.split("in a shell: ", 1)[1]
        assert shlex.split(command) == ["journal", "--file", str(path), "unarchive",
                                        "Tom O'Brien"]
        await press(pilot, "A")  # the archived
        await quiet(pilot)
        assert screen.table.keys == [tom.id]
        assert "archived" in shown(app)
        await press(pilot, "u")
        assert screen.table.keys == []
        await press(pilot, "A")
        assert tom.id in screen.table.keys
    assert not open_store(path).contact(tom.id).archived


# --- 3. a huge note --------------------------------------------------------------------------


async def test_huge_notes_do_not_freeze_the_timeline(path: Path) -> None:
    # A note once took 28 s to show (50 MB); the journal now holds notes of at most
    # NOTES_MAX characters, and a timeline of many such notes shows at once: each row reads
    # only the first line, cut to the room.
    from journal.fields import NOTES_MAX

    s = open_store(path)
    aiko = s.add_contact("Aiko Tanaka", notes="n " * (NOTES_MAX // 2))
    with s.batch():
        for n in range(100):
            s.add_interaction(aiko.id, Kind.LETTER, date(2026, 1, 1) + timedelta(days=n),
                              note="first line\n" + "x" * (NOTES_MAX - 11))
        s.add_interaction(aiko.id, Kind.CALL, date(2026, 6, 1), note="y" * NOTES_MAX)
    app, _ = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        started = time.monotonic()
        app.open_timeline(aiko.id)
        await quiet(pilot)
        took = time.monotonic() - started
        text = shown(app)
        assert "first line…" in text
        assert "yyyy…" in text
        assert took < 2, f"the timeline took {took:.1f} s"
