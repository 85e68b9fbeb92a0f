"""The undo log (journal/undo.py) against a real journal file: each kind of change noted by
`Store.noting` and put back by `undo`, several steps back, and refused when changed since."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from journal import import_export
from journal.merge import merge_tables
from journal.model import Kind
from journal.store import Store
from journal.undo import Step, UndoClash, UndoLog, undo

DAY = date(2026, 12, 1)


def open_store(path: Path) -> Store:
    return Store.open(path, today=lambda: DAY)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "j.json")
    ann = s.add_contact("Ann", cadence_days=30)
    s.add_interaction(ann.id, Kind.CALL, date(2026, 11, 1), note="her new job")
    return s


def ann(store: Store):
    return store.find("Ann")


def reread(store: Store) -> Store:
    return open_store(store.path)


def test_undo_a_log_deletes_the_entry_and_leaves_a_tombstone(store: Store) -> None:
    a = ann(store)
    entry, step = Step.record(store, "Logged a letter with Ann",
                              lambda: store.add_interaction(a.id, Kind.LETTER, DAY))
    assert step is not None and step.what == "Logged a letter with Ann"
    undo(store, step)
    again = reread(store)
    assert [i.kind for i in again.interactions(a.id)] == [Kind.CALL]
    assert entry.id in {t["id"] for t in again.tombstones()}


def test_undo_a_delete_puts_the_entry_back_and_takes_its_tombstone_away(store: Store) -> None:
    a = ann(store)
    [call] = store.interactions(a.id)
    _, step = Step.record(store, "Deleted the entry", lambda: store.delete_interaction(call.id))
    assert store.tombstones()
    undo(store, step)
    again = reread(store)
    assert again.interactions(a.id) == [call]  # same id, same created, same note
    assert again.tombstones() == []


def test_a_put_back_entry_survives_a_merge_with_a_copy_from_before(store: Store,
                                                                   tmp_path: Path) -> None:
    a = ann(store)
    [call] = store.interactions(a.id)
    before = Store.read_copy(store.path)
    _, step = Step.record(store, "Deleted", lambda: store.delete_interaction(call.id))
    undo(store, step)
    merged, _ = merge_tables(Store.read_copy(store.path), before)
    assert call.id in {d["id"] for d in merged["interactions"].values()}


def test_undo_an_edit_of_a_contact_and_of_an_entry(store: Store) -> None:
    a = ann(store)
    [call] = store.interactions(a.id)
    _, edit_person = Step.record(store, "Saved Ann",
                                 lambda: store.edit_contact(a, {"notes": "likes tea"}))
    _, edit_entry = Step.record(store, "Saved the call",
                                lambda: store.edit_interaction(call, {"note": "moved"}))
    undo(store, edit_entry)
    assert store.interaction(call.id).note == "her new job"
    undo(store, edit_person)
    assert reread(store).find("Ann").notes == ""


def test_undo_an_added_person_removes_them(store: Store) -> None:
    _, step = Step.record(store, "Added Bo", lambda: store.add_contact("Bo"))
    undo(store, step)
    assert [c.name for c in reread(store).contacts(archived=True)] == ["Ann"]


def test_undo_a_deleted_person_brings_back_their_history(store: Store) -> None:
    a = ann(store)
    history = store.interactions(a.id)
    _, step = Step.record(store, "Deleted Ann", lambda: store.delete_contact(a.id))
    undo(store, step)
    again = reread(store)
    assert again.contact(a.id).name == "Ann"
    assert again.interactions(a.id) == history
    assert again.tombstones() == []


def test_undo_an_import_takes_the_people_back_out(store: Store, tmp_path: Path) -> None:
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy\r\nEND:VCARD\r\n")
    _, step = Step.record(store, "Imported", lambda: import_export.import_file(store, card))
    assert len(store) == 3
    undo(store, step)
    assert [c.name for c in reread(store).contacts(archived=True)] == ["Ann"]


def test_the_log_undoes_several_steps_newest_first(store: Store) -> None:
    a = ann(store)
    log = UndoLog()
    for what, change in [
        ("snooze", lambda: store.edit_contact(ann(store), {"snoozed_until": date(2026, 12, 9)})),
        ("log", lambda: store.add_interaction(a.id, Kind.MEETING, DAY)),
        ("archive", lambda: store.edit_contact(ann(store), {"archived": True})),
    ]:
        log.add(Step.record(store, what, change)[1])
    assert [log.undo_last(store).what for _ in range(3)] == ["archive", "log", "snooze"]
    assert log.undo_last(store) is None
    again = reread(store).find("Ann")
    assert (again.archived, again.snoozed_until) == (False, None)
    assert len(reread(store).interactions(a.id)) == 1


def test_a_change_to_no_record_is_no_step(store: Store) -> None:
    _, step = Step.record(store, "setting", lambda: store.set_meta("k", 1))
    assert step is None
    _, step = Step.record(store, "same", lambda: store.edit_contact(ann(store), {"notes": ""}))
    assert step is None


def test_an_entry_changed_meanwhile_elsewhere_is_not_undone(store: Store) -> None:
    a = ann(store)
    entry, step = Step.record(store, "Logged",
                              lambda: store.add_interaction(a.id, Kind.LETTER, DAY))
    other = open_store(store.path)  # another process edits the new entry
    other.edit_interaction(entry, {"note": "posted it"})
    with pytest.raises(UndoClash, match="changed again meanwhile"):
        undo(store, step)
    assert reread(store).interaction(entry.id).note == "posted it"


def test_the_log_keeps_only_so_many_steps(store: Store) -> None:
    log = UndoLog(kept=2)
    for n in range(3):
        log.add(Step.record(store, f"{n}", lambda n=n: store.edit_contact(
            ann(store), {"notes": f"note {n}"}))[1])
    assert len(log) == 2 and log.last().what == "2"
