"""Pilot tests of the review screens: overdue (2), birthdays (3) and cards (4).

A real journal is built in tmp_path through the Store; "today" is frozen at Wed 25 Nov 2026.
Each flow asserts what is on screen and what is in the file (reopened with Store.open).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from frozen import store_on
from pilot_helpers import press, quiet
from textual.widgets import Static

from journal.model import Birthday, Direction, Intent, Kind, Occasion
from journal.store import Store
from screens.app import create_app
from screens.rowlist import RowList

TODAY = date(2026, 11, 25)  # a Wednesday; the season to work on is New Year 2027
open_store = store_on(TODAY)
SIZE = (100, 30)


def _ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _person(store: Store, name: str, created: date = date(2026, 1, 1), **fields) -> str:
    contact = store.add_contact(name, **fields)
    store.update_contact(replace(contact, created=datetime.combine(created, datetime.min.time())))
    return contact.id


def build_journal(path: Path) -> dict[str, str]:
    """A journal with people overdue, a reply owed, birthdays soon and season cards.

    Overdue on TODAY, most urgent first (days late / cadence):
      Ben 55 days late on 30 (1.83), 山田太郎 46 on 30 (1.53), Aiko 10 on 7 (1.43),
      Chen reply owed for 5 days (0.71), Dora 55 on 365 (0.15, give next: her last was an ask).
    Birthdays: Aiko 27 Nov (post by 24 Nov: passed), Ben 28 Nov (post by today),
      Fay 5 Dec (letter logged: done), Eve 20 Dec (no year); Gus 1 Mar is too far off.
    Cards, New Year 2027: Gus owed (his came in), Fay and Jon to send, Hana sent,
      Ivy skipped (mourning), Kim archived.
    """
    store = open_store(path)
    ids: dict[str, str] = {}
    with store.batch():
        ids["ben"] = _person(store, "Ben Okafor", cadence_days=30, cadence_months=1,
                             birthday=Birthday(11, 28, 1985))
        store.add_interaction(ids["ben"], Kind.CALL, date(2026, 9, 1))
        ids["yamada"] = _person(store, "山田太郎", created=date(2026, 9, 10), cadence_days=30,
                                reading="やまだ たろう")
        ids["aiko"] = _person(store, "Aiko Tanaka", cadence_days=7,
                              birthday=Birthday(11, 27, 1990))
        store.add_interaction(ids["aiko"], Kind.MEETING, _ago(17))
        ids["chen"] = _person(store, "Chen Wei", cadence_days=90)
        store.add_interaction(ids["chen"], Kind.MEETING, _ago(30))
        store.add_interaction(ids["chen"], Kind.MESSAGE, _ago(5), direction=Direction.IN)
        ids["dora"] = _person(store, "Dora Lind", cadence_days=365)
        store.add_interaction(ids["dora"], Kind.MESSAGE, date(2025, 10, 1), intent=Intent.ASK)
        ids["eve"] = _person(store, "Eve Martin", cadence_days=14, birthday=Birthday(12, 20))
        store.add_interaction(ids["eve"], Kind.CALL, _ago(5))
        ids["fay"] = _person(store, "Fay Wong", birthday=Birthday(12, 5, 1970),
                             season_cards=True, addresses=("1 Harbour Rd",))
        store.add_interaction(ids["fay"], Kind.LETTER, _ago(5), occasion=Occasion.BIRTHDAY)
        ids["gus"] = _person(store, "Gus Berg", birthday=Birthday(3, 1), addresses=("2 Elm St",))
        store.add_interaction(ids["gus"], Kind.LETTER, _ago(10), direction=Direction.IN,
                              occasion=Occasion.SEASON)
        ids["hana"] = _person(store, "Hana Sato", season_cards=True)
        store.add_interaction(ids["hana"], Kind.LETTER, _ago(15), occasion=Occasion.SEASON)
        ids["ivy"] = _person(store, "Ivy Chen", season_cards=True,
                             no_cards_until=date(2027, 6, 1), no_cards_reason="mourning")
        ids["jon"] = _person(store, "Jon Park")
        store.add_interaction(ids["jon"], Kind.LETTER, date(2025, 12, 20),
                              occasion=Occasion.SEASON)
        ids["kim"] = _person(store, "Kim Lee", season_cards=True, archived=True)
    return ids


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture
def journal(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "journal.json"
    return path, build_journal(path)


def make_app(path: Path, today: date = TODAY):
    return create_app(store_on(today)(path), today=lambda: today)


def table_of(app) -> RowList:
    return app.screen.query_one("#review-table", RowList)


def keys(app) -> list[str]:
    """The row keys of the review table: contact ids, and `section:...` for group labels."""
    return table_of(app).keys


def row_text(app, key: str) -> list[str]:
    return [str(cell) for cell in table_of(app).get_row(key)]


def title(app) -> str:
    return str(app.screen.query_one("#review-title", Static).render())


def empty_message(app) -> Static | None:
    empty = app.screen.query_one("#review-empty", Static)
    return empty if empty.display else None


def cursor_key(app) -> str:
    return str(table_of(app).cursor_key)


async def move_to(pilot, key: str) -> None:
    table = table_of(pilot.app)
    table.move_cursor(row=table.get_row_index(key))
    await quiet(pilot)
    assert cursor_key(pilot.app) == key


# --- overdue ---------------------------------------------------------------------------------


async def test_overdue_lists_most_urgent_first_with_flags(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        assert keys(app) == [ids["ben"], ids["yamada"], ids["aiko"], ids["gus"], ids["chen"],
                             ids["dora"]]
        ben = row_text(app, ids["ben"])
        assert ben[0] == "Ben Okafor"
        assert "overdue" in ben[1]
        assert ben[3] == "every month"
        assert ben[4] == "2 months ago"
        chen = row_text(app, ids["chen"])
        assert "reply owed" in chen[1]
        assert chen[4] == "5 days ago"
        assert "reply owed" not in row_text(app, ids["aiko"])[1]
        assert row_text(app, ids["dora"])[5] == "give next"
        assert row_text(app, ids["ben"])[5] == ""
        assert row_text(app, ids["yamada"])[4] == "never"
        assert title(app) == ("Weekly review · 6 people to reach out to · 2 replies owed"
                              " · most overdue for their cadence first")
        assert cursor_key(app) == ids["ben"]
        assert empty_message(app) is None


async def test_overdue_shows_how_late_each_is_for_their_cadence(journal):
    # the order is lateness over cadence (rules.late_ratio): the column shows that number
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        assert table_of(app).columns[2].label == "Late"
        late = {key: row_text(app, key)[2] for key in keys(app)}
        assert late[ids["ben"]] == "███▋ 183%"  # 55 days late on a monthly cadence
        assert late[ids["aiko"]].endswith(" 143%")  # 10 days late on a weekly one
        assert late[ids["dora"]].endswith(" 15%")
        assert late[ids["chen"]] == ""  # owed a reply before being due
        assert late[ids["gus"]] == ""  # no cadence
        percents = [int(v.split()[-1][:-1]) for v in late.values() if v]
        assert percents == sorted(percents, reverse=True)


def footer_keys(app) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values()
            if b.enabled and b.binding.show}


async def test_overdue_offers_snooze_only_for_someone_with_a_cadence(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        await move_to(pilot, ids["ben"])
        assert "snooze" in footer_keys(app)
        await move_to(pilot, ids["gus"])  # owed a reply, no cadence
        assert "snooze" not in footer_keys(app)
        await press(pilot, "s")
        assert type(app.screen).__name__ == "OverdueScreen"


async def test_overdue_hides_snooze_when_no_one_is_listed(tmp_path):
    path = tmp_path / "journal.json"
    open_store(path).add_contact("Aiko", cadence_days=30)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        assert empty_message(app) is not None
        assert "snooze" not in footer_keys(app)
        assert "s Snooze" not in " ".join(str(w.render()) for w in app.screen.query("Footer *"))


async def test_opening_overdue_is_the_weekly_review(journal):
    path, _ = journal
    assert open_store(path).get_meta("last_review") is None
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await quiet(pilot)
        assert open_store(path).get_meta("last_review") is None  # not on other screens
        await press(pilot, "2")
        await quiet(pilot)
        assert open_store(path).get_meta("last_review") == TODAY.isoformat()
    # once a day: a second visit on the same day writes nothing
    before = path.stat().st_mtime_ns
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
    assert path.stat().st_mtime_ns == before


async def test_empty_overdue_says_so_kindly(tmp_path):
    path = tmp_path / "journal.json"
    store = open_store(path)
    contact = store.add_contact("Aiko", cadence_days=30)
    store.add_interaction(contact.id, Kind.CALL, TODAY - timedelta(days=3))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        message = empty_message(app)
        assert message is not None
        assert "No one is waiting on you" in str(message.render())
        assert not table_of(app).display
        assert title(app) == "Weekly review"
        await press(pilot, "l", "s", "enter")  # nothing to act on: nothing happens
        await quiet(pilot)
        assert app.screen.query("#review-table")


async def test_snooze_from_overdue_hides_until_the_date(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        await move_to(pilot, ids["aiko"])
        await press(pilot, "s")
        assert type(app.screen).__name__ == "SnoozeForm"
        await press(pilot, "w")  # one week
        await quiet(pilot)
        assert ids["aiko"] not in keys(app)
        assert cursor_key(app) == ids["gus"]  # the cursor stays in place: the next person
    until = open_store(path).contact(ids["aiko"]).snoozed_until
    assert until == TODAY + timedelta(weeks=1)
    app = make_app(path, today=until + timedelta(days=1))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        assert ids["aiko"] in keys(app)


async def test_log_from_overdue_takes_them_off_the_list(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        await move_to(pilot, ids["chen"])
        await press(pilot, "l")
        assert type(app.screen).__name__ == "LogForm"
        await press(pilot, "s")  # a message
        await press(pilot, *"thanks for the photos")
        await press(pilot, "enter")
        await quiet(pilot)
        assert type(app.screen).__name__ == "OverdueScreen"
        assert ids["chen"] not in keys(app)
        assert cursor_key(app) == ids["dora"]
        assert "1 reply owed" in title(app)
    latest = open_store(path).interactions(ids["chen"])[-1]
    assert (latest.kind, latest.date, latest.note) == (Kind.MESSAGE, TODAY,
                                                        "thanks for the photos")
    assert latest.direction is Direction.OUT


async def test_enter_on_overdue_opens_the_timeline(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        await move_to(pilot, ids["dora"])
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "TimelineScreen"
        assert "Dora Lind" in " ".join(str(s.render()) for s in app.screen.query(Static))


# --- birthdays -------------------------------------------------------------------------------


async def test_birthdays_show_post_by_and_what_is_late(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "3")
        await quiet(pilot)
        assert keys(app) == [ids["aiko"], ids["ben"], ids["fay"], ids["eve"]]
        assert row_text(app, ids["aiko"]) == [
            "Aiko Tanaka", "Fri 27 Nov", "2 days", "36", "Tue 24 Nov", "post-by passed"]
        assert row_text(app, ids["ben"])[4:] == ["Wed 25 Nov", "post today"]
        assert row_text(app, ids["fay"])[5] == "✓ sent"
        eve = row_text(app, ids["eve"])
        assert eve[3] == ""  # no year: no age
        assert eve[5] == "post by Thu 17 Dec"  # not "post in 22 days"
        # late and due-today rows stand out
        palette_warning = table_of(app).get_row(ids["aiko"])[0].style
        assert palette_warning and palette_warning == table_of(app).get_row(ids["ben"])[0].style
        assert not table_of(app).get_row(ids["eve"])[0].style
        assert "2 letters to post this week" in title(app)


async def test_logging_a_letter_from_birthdays_marks_it_done(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "3")
        await quiet(pilot)
        assert cursor_key(app) == ids["aiko"]
        await press(pilot, "l")
        assert type(app.screen).__name__ == "LogForm"  # the kind is preset; "h" is no kind
        assert str(app.screen.query_one("#title").render()).startswith(
            "Log a birthday letter for Aiko")
        await press(pilot, *"happy birthday")
        await press(pilot, "enter")
        await quiet(pilot)
        assert row_text(app, ids["aiko"])[5] == "✓ sent"
        assert cursor_key(app) == ids["aiko"]
    latest = open_store(path).interactions(ids["aiko"])[-1]
    assert (latest.kind, latest.occasion, latest.note) == (
        Kind.LETTER, Occasion.BIRTHDAY, "happy birthday")


async def test_no_birthdays_soon(tmp_path):
    path = tmp_path / "journal.json"
    open_store(path).add_contact("Gus", birthday=Birthday(3, 1))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "3")
        await quiet(pilot)
        message = empty_message(app)
        assert message is not None and "No birthdays in the next 60 days" in str(
            message.render())


# --- cards -----------------------------------------------------------------------------------


async def test_cards_list_owed_to_send_sent_and_skipped(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        await quiet(pilot)
        assert title(app) == (
            "New Year 2027 cards · post by Fri 25 Dec · 3 to send (1 owed) · 1 skipped · 1 sent")
        assert keys(app) == [
            "section:owed", ids["gus"],
            "section:to-send", ids["fay"], ids["jon"],
            "section:skipped", ids["ivy"],  # in sight above the sent, which only grow
            "section:sent", ids["hana"],
        ]
        assert row_text(app, "section:owed")[0] == "Owed (1)"
        assert row_text(app, ids["gus"])[2:] == ["Sun 15 Nov", "they sent one: reply soon"]
        assert row_text(app, ids["jon"])[3] == "no postal address"
        assert row_text(app, ids["hana"])[1] == "Tue 10 Nov"
        assert row_text(app, ids["ivy"])[3] == "until 1 Jun 2027: mourning"
        assert ids["kim"] not in keys(app)  # archived
        # the cursor starts on a person, and never rests on a group label
        assert cursor_key(app) == ids["gus"]
        await press(pilot, "down")
        assert cursor_key(app) == ids["fay"]
        await press(pilot, "up")
        assert cursor_key(app) == ids["gus"]
        await press(pilot, "up")
        assert cursor_key(app) == ids["gus"]


async def test_logging_a_card_moves_them_to_sent_at_once(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        await quiet(pilot)
        await move_to(pilot, ids["fay"])
        await press(pilot, "l")
        assert type(app.screen).__name__ == "LogForm"
        # the form says what it logs (it said "Log for Fay Wong")
        assert str(app.screen.query_one("#title").render()) == "Log a season card for Fay Wong"
        await press(pilot, *"a card")
        await press(pilot, "enter")
        await quiet(pilot)
        sent = keys(app).index("section:sent")
        assert keys(app).index(ids["fay"]) > sent
        assert row_text(app, ids["fay"])[1] == "Wed 25 Nov"
        assert "2 to send" in title(app) and "2 sent" in title(app)
        assert cursor_key(app) == ids["jon"]  # on to the next one to send
    latest = open_store(path).interactions(ids["fay"])[-1]
    assert (latest.kind, latest.occasion, latest.date) == (Kind.LETTER, Occasion.SEASON, TODAY)


async def test_a_card_logged_in_one_burst_of_keys_is_a_card(journal):
    # `4`, `l`, the kind and the note typed at once: the note's letters went to the list
    # instead of the note. The form opens on the kind (a letter, chosen already) as from
    # every screen: `l` keeps it and moves on to the note.

    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await quiet(pilot)
        await press(pilot, "4", "l", "l", *"card", "space", *"to", "space", *"Fay", "enter")
        await quiet(pilot)
        assert app.current_mode == "cards" and type(app.screen).__name__ == "CardsScreen"
    latest = open_store(path).interactions(ids["gus"])[-1]  # the first on the list: owed
    assert (latest.kind, latest.occasion, latest.note) == (
        Kind.LETTER, Occasion.SEASON, "card to Fay")


async def test_cards_look_at_other_seasons(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "4")
        await quiet(pilot)
        await press(pilot, "left_square_bracket")
        assert title(app).startswith("New Year 2026 cards · post by Thu 25 Dec")
        assert ids["jon"] in keys(app) and keys(app).index(ids["jon"]) > keys(app).index(
            "section:sent")
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert title(app).startswith("New Year 2028 cards")
        await press(pilot, "right_square_bracket")
        assert title(app).startswith("New Year 2029 cards")


# --- reloads and narrow terminals ------------------------------------------------------------


async def test_cursor_stays_on_the_person_when_the_file_changes(journal):
    path, ids = journal
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await quiet(pilot)
        await move_to(pilot, ids["chen"])
        # another process (`journal log Ben call`) takes Ben, above the cursor, off the list
        open_store(path).add_interaction(ids["ben"], Kind.CALL, TODAY)
        assert app.store.refresh()
        app.journal_changed()
        await quiet(pilot)
        assert ids["ben"] not in keys(app)
        assert cursor_key(app) == ids["chen"]


@pytest.mark.parametrize("key", ["2", "3", "4"])
async def test_long_and_wide_names_fit_80_columns(tmp_path, key):
    path = tmp_path / "journal.json"
    store = open_store(path)
    for name in ("長谷川 左衛門之助 太郎兵衛 (はせがわ) the Third of Kyoto",
                 "[bold]Not markup[/bold] Bartholomew Fitzgerald-Smythe"):
        c = store.add_contact(name, cadence_days=7, birthday=Birthday(11, 30, 1950),
                              season_cards=True, no_cards_until=date(2027, 3, 1),
                              no_cards_reason="mourning for her father, who died in September")
        store.add_interaction(c.id, Kind.CALL, date(2026, 10, 1), direction=Direction.IN,
                              intent=Intent.ASK)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, key)
        await quiet(pilot)
        table = table_of(app)
        assert table.row_count
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling
        names = [table.row_text(i)[0] for i in range(table.row_count)]
        assert any(n.startswith("長谷川") and n.endswith("…") for n in names)
        assert any(n.startswith("[bold]Not") for n in names)  # shown as typed
