"""Post-by dates fall on collection days; a season card for someone in mourning is flagged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from pilot_helpers import press, quiet
from textual.widgets import Static

from journal import cli, rules
from journal.model import Birthday, Contact, Direction, Kind, Occasion
from journal.records import Records
from journal.store import Store
from screens.app import create_app
from screens.forms import LogForm

TODAY = date(2026, 12, 1)


# --- post-by dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "post_by"),
    [
        (date(2026, 12, 19), date(2026, 12, 19)),  # a Saturday: the post collects
        (date(2026, 12, 20), date(2026, 12, 19)),  # a Sunday: the Saturday before
        (date(2027, 1, 1), date(2026, 12, 31)),  # New Year's Day: New Year's Eve
        (date(2029, 1, 1), date(2028, 12, 30)),  # 1 January 2029 follows a Sunday
        (date(2028, 1, 2), date(2027, 12, 31)),  # a Sunday after 1 January
    ],
)
def test_last_collection(day: date, post_by: date) -> None:
    assert rules.last_collection(day) == post_by
    assert rules.collects(post_by)


def test_season_post_by_is_a_collection_day() -> None:
    assert rules.season_post_by(2027, 12, 20) == date(2026, 12, 19)  # a Sunday
    assert rules.season_post_by(2028, 1, 1) == date(2027, 12, 31)
    assert rules.season_post_by_setting(2027, "12-20") == date(2026, 12, 19)
    assert rules.season_post_by(2023) == date(2022, 12, 24)  # 25 December 2022, a Sunday


@pytest.mark.parametrize(
    ("birthday", "lead", "post_by"),
    [
        (Birthday(12, 23, 1980), 3, date(2026, 12, 19)),  # 23 - 3 = Sunday 20 December
        (Birthday(1, 4), 3, date(2026, 12, 31)),  # 4 January - 3 = 1 January
        (Birthday(12, 10), 0, date(2026, 12, 10)),  # a Thursday: as it is
    ],
)
def test_birthday_letters_post_on_a_collection_day(
    birthday: Birthday, lead: int, post_by: date
) -> None:
    c = Records().contact("P", id="p", birthday=birthday, letter_lead_days=lead)
    entry = rules.birthday_entry(c, [], TODAY)
    assert entry is not None and entry.post_by == post_by


def test_the_shell_shows_collection_days(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    store.add_contact("Eve Martin", birthday=Birthday(12, 23, 1980), letter_lead_days=3)
    store.set_meta(rules.SEASON_POST_BY_KEY, "12-20")
    store.close()
    monkeypatch.setenv("JOURNAL_TODAY", TODAY.isoformat())
    assert cli.main(["birthdays", "--json", "--file", str(path)]) == 0
    assert orjson.loads(capsys.readouterr().out)[0]["post_by"] == "2026-12-19"
    assert cli.main(["cards", "--json", "--file", str(path)]) == 0
    assert orjson.loads(capsys.readouterr().out)["post_by"] == "2026-12-19"


# --- a season card for someone in mourning ----------------------------------------------------


def mourning(store: Store) -> Contact:
    c = store.add_contact("伊藤 翔太", reading="いとう しょうた", season_cards=True,
                          no_cards_until=date(2027, 3, 1), no_cards_reason="his father died")
    return c


def test_the_rule() -> None:
    c = Records().contact("Ito", id="p", season_cards=True, no_cards_until=date(2027, 3, 1),
                          no_cards_reason="mourning")
    warning = rules.mourning_card_warning(c, TODAY, Occasion.SEASON, Direction.OUT)
    assert warning is not None
    assert "Ito" in warning and "2027-03-01" in warning and "mourning" in warning
    assert "2027 season" in warning
    # not a season card, or theirs coming in, or a season after the mourning: nothing to say
    assert rules.mourning_card_warning(c, TODAY, Occasion.THANKS, Direction.OUT) is None
    assert rules.mourning_card_warning(c, TODAY, Occasion.SEASON, Direction.IN) is None
    assert rules.mourning_card_warning(c, date(2027, 10, 2), Occasion.SEASON,
                                       Direction.OUT) is None
    # the same rule as the card list's skipped
    cs = rules.card_season([(c, [])], 2027)
    assert cs.skipped == [c]


def test_the_shell_warns_and_saves(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    ito = mourning(store)
    store.close()
    monkeypatch.setenv("JOURNAL_TODAY", TODAY.isoformat())
    assert cli.main(["log", "伊藤", "l", "--for", "season", "--file", str(path)]) == 0
    said = capsys.readouterr()
    assert said.out.startswith("Logged a letter to 伊藤 翔太")
    assert "not to get season cards until 2027-03-01 (his father died)" in said.err
    assert "logged all the same" in said.err
    [card] = Store.open(path).interactions(ito.id)
    assert card.occasion is Occasion.SEASON
    # a thank-you letter says nothing
    assert cli.main(["log", "伊藤", "l", "--for", "thanks", "--file", str(path)]) == 0
    assert capsys.readouterr().err == ""


async def test_the_log_form_warns_before_saving(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    ito = mourning(store)
    plain = store.add_contact("Ben Okafor", season_cards=True)
    app = create_app(store, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "4")  # the cards
        await quiet(pilot)
        app.log_for(ito.id, kind=Kind.LETTER, occasion=Occasion.SEASON)
        await quiet(pilot)
        form = app.screen
        assert isinstance(form, LogForm)
        caution = form.query_one("#caution", Static)
        assert caution.display
        assert "not to get season cards until 2027-03-01" in str(caution.content)
        await press(pilot, "enter")  # still saves
        await quiet(pilot)
        assert not isinstance(app.screen, LogForm)
        app.log_for(plain.id, kind=Kind.LETTER, occasion=Occasion.SEASON)
        await quiet(pilot)
        assert not app.screen.query_one("#caution", Static).display
        await press(pilot, "escape")
        # choosing the season occasion by hand shows it too
        app.log_for(ito.id, kind=Kind.LETTER)
        await quiet(pilot)
        caution = app.screen.query_one("#caution", Static)
        assert not caution.display
        occasion = app.screen.query_one("#occasion")
        occasion.focus()
        await quiet(pilot)
        await press(pilot, "right", "right")  # none -> birthday -> season
        await quiet(pilot)
        assert caution.display
        await press(pilot, "escape")
    saved = Store.open(path).interactions(ito.id)
    assert [i.occasion for i in saved] == [Occasion.SEASON]
    assert saved[0].date == TODAY
