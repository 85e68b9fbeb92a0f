"""One matcher for names: its ranking, and the same query through the shell, the `/` filter
and the command palette finding the same person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pilot_helpers import press
from textual.widgets import Input

from journal import cli
from journal.kana import romaji, romaji_forms
from journal.matching import Haystack, Query, Rank, haystack, match_name, rank, ranked
from journal.model import Contact
from journal.records import Records
from journal.rules import AmbiguousName, NameNotFound
from journal.store import Store
from screens.app import create_app
from screens.commands import PeopleCommands
from screens.contacts import ContactsScreen, ContactsTable
from screens.forms import LogForm

TODAY = date(2026, 11, 25)


made = Records()


def person(name: str, reading: str = "", tags: tuple[str, ...] = ()) -> Contact:
    return made.contact(name, id=name, reading=reading, tags=tags)


ITO = person("伊藤 翔太", "いとう しょうた", ("school",))
GRACE = person("Grace Kim", tags=("climbing",))
MARGARET = person("Margaret Thornbury", tags=("family",))
GRAHAM = person("Graham Wood")
AIKO = person("Aiko Tanaka", "タナカ アイコ", ("friend",))
SHOTARO = person("Shotaro Abe")
INGRAM = person("Tom Ingram")
PEOPLE = [ITO, GRACE, MARGARET, GRAHAM, AIKO, SHOTARO, INGRAM]


def ranks(typed: str) -> list[tuple[Rank, str]]:
    return [(r, c.name) for r, c in ranked([(c, haystack(c)) for c in PEOPLE], typed)]


def test_romaji_of_kana() -> None:
    assert romaji("まっちゃ") == "matcha"
    assert romaji("きょうこ") == "kyouko"
    assert romaji_forms("いとう しょうた") == ("itou shouta", "ito shota")
    assert romaji_forms("") == () and romaji_forms("smith") == ()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("grace kim", Rank.EXACT),
        ("たなか あいこ", Rank.EXACT),  # the reading, typed in hiragana: stored in katakana
        ("Ｇｒａｃｅ", Rank.PREFIX),  # full-width letters
        ("kim", Rank.WORD),
        ("翔太", Rank.WORD),
        ("いとう", Rank.READING),
        ("ショウタ", Rank.READING),  # katakana finds the hiragana reading
        ("shota", Rank.ROMAJI),
        ("shouta", Rank.ROMAJI),
        ("ito sho", Rank.ROMAJI),
        ("climb", Rank.TAG),
        ("rac", Rank.INSIDE),
        ("kim grace", Rank.INSIDE),  # every word somewhere
        ("zed", None),
        ("", None),
    ],
)
def test_each_rank(typed: str, expected: Rank | None) -> None:
    found = dict((name, r) for r, name in ranks(typed))
    target = {"grace kim": GRACE, "Ｇｒａｃｅ": GRACE, "kim": GRACE, "climb": GRACE, "rac": GRACE,
              "kim grace": GRACE, "たなか あいこ": AIKO}.get(typed, ITO)
    assert found.get(target.name) == expected


def test_the_best_match_comes_first() -> None:
    # Grace's and Graham's names begin with "gra"; Ingram's only holds it
    assert ranks("gra") == [(Rank.PREFIX, "Grace Kim"), (Rank.PREFIX, "Graham Wood"),
                            (Rank.INSIDE, "Tom Ingram")]
    # Shotaro's name begins with it; 伊藤 翔太's reading in romaji does
    assert ranks("shota") == [(Rank.PREFIX, "Shotaro Abe"), (Rank.ROMAJI, "伊藤 翔太")]


def test_the_shell_takes_one_person_only_when_no_one_matches_as_well() -> None:
    assert match_name(PEOPLE, "grace kim") == GRACE  # exact wins
    assert match_name(PEOPLE, "grac") == GRACE
    assert match_name(PEOPLE, "ito") == ITO  # romaji alone
    assert match_name(PEOPLE, "rgar") == MARGARET  # inside, and no one begins with it
    assert match_name(PEOPLE, "ngra") == INGRAM
    with pytest.raises(AmbiguousName) as err:
        match_name(PEOPLE, "shota")  # a prefix and a romaji: both begin with it
    assert [c.name for c in err.value.candidates] == ["Shotaro Abe", "伊藤 翔太"]  # best first
    with pytest.raises(AmbiguousName):
        match_name(PEOPLE, "gra")  # Grace and Graham; Ingram is not listed
    with pytest.raises(NameNotFound):
        match_name(PEOPLE, "nobody")


def test_exact_beats_a_longer_name() -> None:
    ken, kenji = person("Ken"), person("Kenji")
    assert match_name([kenji, ken], "ken") == ken


def test_zero_width_characters_do_not_hide_a_name() -> None:
    assert rank(Query.of("gr\u200bace"), haystack(GRACE)) is Rank.PREFIX
    assert isinstance(haystack(GRACE), Haystack)


# --- the same person through the shell, the filter and the palette ---------------------------


def journal(path: Path) -> Store:
    store = Store.open(path)
    with store.batch():
        store.add_contact("伊藤 翔太", reading="いとう しょうた", tags=("school",))
        store.add_contact("Grace Kim", tags=("climbing",))
        store.add_contact("Margaret Thornbury", tags=("family",))
        store.add_contact("Ben Okafor", tags=("work",))
        store.add_contact("Tom Ingram")
    return store


@pytest.mark.parametrize(("typed", "name"), [("shota", "伊藤 翔太"), ("gra", "Grace Kim"),
                                             ("climbing", "Grace Kim")])
async def test_shell_filter_and_palette_find_the_same_person(
    tmp_path: Path, monkeypatch, capsys, typed: str, name: str
) -> None:
    path = tmp_path / "j.json"
    store = journal(path)
    monkeypatch.setenv("JOURNAL_TODAY", TODAY.isoformat())
    assert cli.main(["show", typed, "--file", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(name)

    app = create_app(store, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        # Margaret, under the cursor: her own commands must not come before the best match
        margaret = store.find("margaret")
        screen.select_contact(margaret.id)
        await press(pilot, "slash", *typed)
        table = screen.query_one(ContactsTable)
        first = store.contact(table.keys[0])
        assert first.name == name  # the best match is the first row

        await press(pilot, "escape")
        screen.select_contact(margaret.id)
        await press(pilot, "ctrl+p")
        await press(pilot, *typed)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        palette = app.screen
        options = palette.query_one("CommandList")
        assert options.option_count
        top = str(options.get_option_at_index(0).prompt)
        assert top.startswith(f"Open {name}")
        await press(pilot, "down")  # the second: log with them
        await press(pilot, "enter")
        assert isinstance(app.screen, LogForm) and app.screen.contact.name == name


async def test_the_palette_finds_by_romaji_and_tag(tmp_path: Path) -> None:
    store = journal(tmp_path / "j.json")
    app = create_app(store, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)):
        provider = PeopleCommands(app.screen)
        await provider.startup()
        assert [h.text async for h in provider.search("shota")] == [
            "Open 伊藤 翔太", "Log with 伊藤 翔太"]
        assert [h.text async for h in provider.search("log school")] == ["Log with 伊藤 翔太"]
        assert [h.text async for h in provider.search("nobody")] == []


async def test_the_filter_keeps_the_lists_order_within_a_rank(tmp_path: Path) -> None:
    store = journal(tmp_path / "j.json")
    store.add_contact("Grady Ames")
    app = create_app(store, today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "o")  # by name
        await press(pilot, "slash", *"gra")
        names = [store.contact(k).name for k in app.screen.query_one(ContactsTable).keys]
        assert names == ["Grace Kim", "Grady Ames", "Tom Ingram"]
        assert isinstance(app.focused, Input)
