"""The form an interaction is written in: its intent and occasion only when set. A journal
written before, with a null for each, reads the same, and its next save writes the new form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import everything

from journal.model import WRITTEN_WHEN_SET, Intent, Kind, Occasion
from journal.store import Store


def interactions_in(path: Path) -> list[dict]:
    return list(orjson.loads(path.read_bytes())["interactions"].values())


def make_journal(path: Path) -> Store:
    store = Store.open(path)
    ana = store.add_contact("Ana", cadence_days=30)
    store.add_interaction(ana.id, Kind.LETTER, date(2024, 3, 1), note="for her birthday",
                          intent=Intent.GIVE, occasion=Occasion.BIRTHDAY)
    for day in range(2, 5):
        store.add_interaction(ana.id, Kind.CALL, date(2024, 3, day), note=f"call {day}")
    return store


def as_older_journals_wrote(path: Path) -> None:
    """Give every interaction a null for each field it lacks, as journals wrote them before."""
    tables = orjson.loads(path.read_bytes())
    for doc in tables["interactions"].values():
        for name in WRITTEN_WHEN_SET:
            doc.setdefault(name, None)
    path.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2))


def test_intent_and_occasion_are_written_only_when_set(path: Path) -> None:
    store = make_journal(path)
    letter, *calls = interactions_in(path)
    assert (letter["intent"], letter["occasion"]) == ("give", "birthday")
    assert all(name not in call for call in calls for name in WRITTEN_WHEN_SET)
    assert all(len(call) <= 10 for call in calls)  # Python's smallest dict for ten keys
    again = Store.open(path)
    assert everything(again) == everything(store)
    assert {(i.intent, i.occasion) for i in again.all_interactions()} == {
        (Intent.GIVE, Occasion.BIRTHDAY), (None, None)
    }


def test_clearing_an_intent_takes_it_out_of_the_file(path: Path) -> None:
    store = make_journal(path)
    letter = next(i for i in store.all_interactions() if i.intent)
    store.edit_interaction(letter, {"intent": None})
    saved = next(doc for doc in interactions_in(path) if doc["id"] == letter.id)
    assert "intent" not in saved and saved["occasion"] == "birthday"
    assert saved["note"] == "for her birthday"
    got = Store.open(path).interaction(letter.id)
    assert (got.intent, got.occasion, got.note) == (None, Occasion.BIRTHDAY, "for her birthday")


def test_a_journal_written_with_nulls_reads_the_same_and_is_saved_in_the_new_form(
    path: Path,
) -> None:
    expected = everything(make_journal(path))
    as_older_journals_wrote(path)
    older = path.read_bytes()
    store = Store.open(path)
    assert everything(store) == expected
    assert path.read_bytes() == older  # reading writes nothing
    # not sealed as checked while the file is not in this version's form
    assert Store.open(path).checked_each_record
    ana = store.contacts()[0]
    store.add_interaction(ana.id, Kind.MESSAGE, date(2024, 3, 5))  # a save that would append
    assert all(
        doc.get(name, "unset") != None  # noqa: E711 (no null left, set or not)
        for doc in interactions_in(path) for name in WRITTEN_WHEN_SET
    )
    again = Store.open(path)
    assert not again.checked_each_record  # the save sealed the file
    assert everything(again)[2:] == everything(store)[2:]
    assert len(again.all_interactions()) == 5


@pytest.mark.parametrize("older", ["the copy", "the journal"])
def test_copies_written_with_and_without_nulls_merge_as_the_same_records(
    path: Path, tmp_path: Path, older: str
) -> None:
    make_journal(path)
    copy = tmp_path / "j (conflict copy).json"
    copy.write_bytes(path.read_bytes())
    as_older_journals_wrote(copy if older == "the copy" else path)
    store = Store.open(path)
    counts = store.merge_copies([Store.read_copy(copy)])
    assert not counts.changed_anything and counts.unchanged == 1 + 4
