"""The demo journal (`journal --demo`) and the benchmark journal generator."""

from __future__ import annotations

import hashlib
import importlib
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest

from journal import insight, rules
from journal.demo import add_years, open_demo, read_journal
from journal.model import Birthday, Occasion, contact_from_doc
from journal.paths import sample_journal_path
from journal.store import Store

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = date(2026, 11, 25)
TODAYS = [date(2026, 11, 25), date(2027, 3, 1), date(2027, 12, 20)]
# Edges of a season: its first day, the day before the next, a leap day, a day before ANCHOR.
MORE_TODAYS = [date(2026, 10, 1), date(2027, 9, 30), date(2028, 2, 29), date(2025, 6, 15)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_journal(path: Path, today: date, *, people: range) -> None:
    """What the demo must show on `today`."""
    store = Store.open(path, today=lambda: today)
    pairs = store.pairs()
    assert len(store) in people
    late = rules.overdue(pairs, today)
    assert sum(s.overdue for s in late) >= 3
    assert any(s.reply_owed for s in late)
    assert len(rules.upcoming_birthdays(pairs, today, days=60)) >= 2
    assert any(rules.is_cold_ask(i, ii) for _, ii in pairs for i in ii)
    assert any(insight.drifting(c, ii, today) for c, ii in pairs)  # someone to show it on
    season = rules.current_season(today)
    cards = rules.card_season(pairs, season)
    assert cards.owed
    assert cards.to_send
    assert any(c.no_cards_reason for c in cards.skipped)
    assert rules.card_season(pairs, season - 1).sent
    assert all(i.date <= today for i in store.all_interactions())


@pytest.mark.parametrize("today", TODAYS + MORE_TODAYS, ids=str)
def test_demo_opens_redated(tmp_path: Path, today: date) -> None:
    source = sample_journal_path()
    before = sha256(source)
    path = open_demo(today, tmp_path)
    assert path.parent == tmp_path and path != source
    check_journal(path, today, people=range(35, 46))
    assert Store.open(path, today=lambda: today).get_meta("demo_anchor") == today.isoformat()
    assert sha256(source) == before


def test_demo_in_a_fresh_temporary_folder() -> None:
    before = sha256(sample_journal_path())
    path = open_demo(date(2027, 3, 1))
    try:
        assert path.exists() and path.parent != sample_journal_path().parent
        check_journal(path, date(2027, 3, 1), people=range(35, 46))
    finally:
        for leftover in path.parent.iterdir():
            leftover.unlink()
        path.parent.rmdir()
    assert sha256(sample_journal_path()) == before


def test_sample_journal_is_in_sample_data() -> None:
    source = sample_journal_path()
    assert source == ROOT / "sample_data" / "demo.json"
    _, _, meta = read_journal(source)
    assert meta["demo_anchor"] == ANCHOR.isoformat()


def test_demo_on_its_anchor_is_the_sample(tmp_path: Path) -> None:
    path = open_demo(ANCHOR, tmp_path)
    original = orjson.loads(sample_journal_path().read_bytes())
    copy = orjson.loads(path.read_bytes())
    # the sample was written before cadences kept calendar months; read the same, saved with them
    assert ({k: contact_from_doc(d) for k, d in copy["contacts"].items()}
            == {k: contact_from_doc(d) for k, d in original["contacts"].items()})
    unstamped = lambda docs: {k: {f: v for f, v in d.items() if f != "changed"}  # noqa: E731
                              for k, d in docs.items()}
    assert unstamped(copy["interactions"]) == unstamped(original["interactions"])


def test_demo_shows_the_same_on_any_day(tmp_path: Path) -> None:
    """Moved by whole days, the same people are overdue and the same birthdays come up (month
    cadences count calendar months, so how late someone is may move by a few days)."""

    def picture(today: date, folder: Path) -> tuple:
        pairs = Store.open(open_demo(today, folder), today=lambda: today).pairs()
        late = [(s.contact.id, s.days_late, s.reply_owed) for s in rules.overdue(pairs, today)]
        births = [(e.contact.id, e.days_until, e.age, e.done)
                  for e in rules.upcoming_birthdays(pairs, today)]
        return late, births

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    late_a, births_a = picture(ANCHOR, tmp_path / "a")
    late_b, births_b = picture(date(2027, 12, 20), tmp_path / "b")
    assert births_a == births_b
    assert [(i, owed) for i, _, owed in late_a] == [(i, owed) for i, _, owed in late_b]
    assert all(abs(a[1] - b[1]) <= 3 for a, b in zip(late_a, late_b, strict=True))


def test_season_cards_keep_their_season(tmp_path: Path) -> None:
    people_before, before, _ = read_journal(sample_journal_path())
    today = date(2027, 12, 20)
    people_after, after, _ = read_journal(open_demo(today, tmp_path))
    shift = rules.current_season(today) - rules.current_season(ANCHOR)
    assert shift == 1
    moved = {i.id: i for i in after}
    cards = [i for i in before if i.occasion is Occasion.SEASON]
    assert cards
    for i in cards:
        assert rules.season_of(moved[i.id].date) == rules.season_of(i.date) + shift
        assert moved[i.id].date <= today
    was = {c.id: c for c in people_before}
    mourning = [c for c in people_after if c.no_cards_until]
    assert mourning
    for c in mourning:
        assert c.no_cards_until == add_years(was[c.id].no_cards_until, shift)


def test_demo_never_replaces_a_journal(tmp_path: Path) -> None:
    existing = tmp_path / "demo.json"
    existing.write_text("mine")
    with pytest.raises(FileExistsError):
        open_demo(date(2027, 3, 1), tmp_path)
    assert existing.read_text() == "mine"


def test_leap_day_birthdays_move_like_the_rest(tmp_path: Path) -> None:
    from journal.demo import Redater

    same = Redater(ANCHOR, ANCHOR)
    assert same.birthday(Birthday(2, 29, 1988)) == Birthday(2, 29, 1988)
    # next occurrence from ANCHOR is 2027-02-28; 366 days on is 2028-02-29
    assert Redater(ANCHOR, date(2027, 11, 26)).birthday(Birthday(2, 29)) == Birthday(2, 29)
    assert Redater(ANCHOR, date(2026, 12, 5)).birthday(Birthday(2, 29, 1988)) == Birthday(
        3, 10, 1988
    )
    # a full date keeps the age turned at the next birthday
    moved = Redater(ANCHOR, date(2027, 1, 4)).birthday(Birthday(12, 20, 1960))
    assert moved == Birthday(1, 29, 1961)


# --- the benchmark journal ----------------------------------------------------------------


def load_make_journal():
    bench = str(ROOT / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    return importlib.import_module("make_journal").make_journal


def test_make_journal_small(tmp_path: Path) -> None:
    make_journal = load_make_journal()
    today = date(2026, 11, 25)
    path = tmp_path / "bench.json"
    make_journal(path, 200, 2000, seed=7, today=today)
    store = Store.open(path)
    assert len(store) == 200
    assert len(store.all_interactions()) == 2000
    pairs = store.pairs()
    late = rules.overdue(pairs, today)
    assert sum(s.overdue for s in late) >= 3
    assert any(s.reply_owed for s in late)
    assert len(rules.upcoming_birthdays(pairs, today, days=60)) >= 2
    assert any(rules.is_cold_ask(i, ii) for _, ii in pairs for i in ii)
    assert any(c.reading for c in store.contacts())
    assert all(i.date <= today for i in store.all_interactions())
    kinds = {i.kind for i in store.all_interactions()}
    assert len(kinds) == 4
    # deterministic for a seed, and it never replaces a file unless asked
    again = tmp_path / "again.json"
    make_journal(again, 200, 2000, seed=7, today=today)
    assert sha256(again) == sha256(path)
    with pytest.raises(FileExistsError):
        make_journal(path, 10, 10, seed=1, today=today)
    make_journal(path, 10, 10, seed=1, today=today, overwrite=True)
    assert len(Store.open(path)) == 10


def test_the_demo_builder_reads_its_people_from_data_and_writes_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sample_data/build_demo.py: people and notes in demo_people.json; the ids from
    journal.records, every change stamped on the anchor day, so a rebuild is byte-identical."""
    monkeypatch.syspath_prepend(str(ROOT / "sample_data"))
    build_demo = importlib.import_module("build_demo")
    first = build_demo.build(tmp_path / "a.json").read_bytes()
    second = build_demo.build(tmp_path / "b.json").read_bytes()
    assert first == second
    store = Store.open(tmp_path / "a.json")
    assert len(store) == len(build_demo.PEOPLE) == 41
    assert store.get_meta("demo_anchor") == build_demo.ANCHOR.isoformat()
    # the sample journal shipped is this build, in the schema the store writes: never stale
    assert (ROOT / "sample_data" / "demo.json").read_bytes() == first
