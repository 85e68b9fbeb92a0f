"""The store against real files in tmp_path: atomic saves, bad files, ids, modes, schema
migration, backups, frozen records, batches and the lock. Nothing here mocks the store; a few
tests wrap os functions to watch (or break) what a save does.
"""

from __future__ import annotations

import copy
import dataclasses
import errno
import json
import os
import pickle
import random
import re
import stat
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

import journal.journal_file as journal_file_module
import journal.store as store_module
from journal.journal_file import FileLock, JournalError, encode, largest_doc_id
from journal.matching import match_name
from journal.model import Birthday, Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.rules import AmbiguousName, NameNotFound
from journal.store import SCHEMA_VERSION, Store, all_doc_ids

# --- helpers ------------------------------------------------------------------------------


def make_journal(path: Path, people: int = 3, each: int = 2) -> Store:
    store = Store.open(path)
    for n in range(people):
        c = store.add_contact(f"Person {n}", tags=("friend",), cadence_days=30)
        for k in range(each):
            store.add_interaction(c.id, Kind.MESSAGE, date(2024, 1, 1 + k), channel="LINE")
    return store


def snapshot(store: Store) -> tuple:
    """Everything a reader can see, for comparing a store with the file it came from."""
    return (
        store.contacts(archived=True),
        store.all_interactions(),
        store.get_meta("schema"),
        store.get_meta("k"),
    )


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def swap_in(path: Path, data: bytes) -> None:
    """Replace the file as another program saving it would (a new inode)."""
    other = path.with_name(path.name + ".other")
    other.write_bytes(data)
    os.replace(other, path)


def run_python(tmp_path: Path, code: str, *args: str) -> subprocess.Popen:
    script = tmp_path / f"child_{time.monotonic_ns()}.py"
    script.write_text(code)
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def doc(**tables) -> bytes:
    tables.setdefault("meta", {"1": {"schema": SCHEMA_VERSION}})
    return json.dumps(tables, ensure_ascii=False, indent=2).encode()


def contact_doc(**fields) -> dict:
    base = {"id": "c1", "name": "Aiko", "created": "2024-01-01T09:00:00"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not ...}


def interaction_doc(**fields) -> dict:
    base = {
        "id": "i1", "contact_id": "c1", "kind": "letter", "date": "2024-02-03",
        "direction": "out", "channel": "", "note": "", "intent": None, "occasion": None,
        "created": "2024-02-03T10:00:00",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not ...}


GOOD = doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc()})


# --- 1. atomic, durable saves --------------------------------------------------------------


def test_a_good_hand_written_file_opens(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(GOOD)
    store = Store.open(path)
    assert [c.name for c in store.contacts()] == ["Aiko"]
    assert store.interaction("i1").kind is Kind.LETTER


def test_save_writes_a_temp_file_in_the_folder_fsyncs_it_replaces_and_fsyncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path, people=1, each=0)
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        st = os.fstat(fd)
        where = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else "?"
        events.append(("fsync", where, stat.S_ISDIR(st.st_mode), st.st_size))
        real_fsync(fd)

    def replace(src, dst) -> None:
        events.append(("replace", str(src), str(dst)))
        real_replace(src, dst)

    with monkeypatch.context() as watched:
        watched.setattr(os, "fsync", fsync)
        watched.setattr(os, "replace", replace)
        c = store.contacts()[0]
        store.add_interaction(c.id, Kind.CALL, date(2024, 5, 1))

    replaces = [e for e in events if e[0] == "replace" and e[2] == str(path)]
    assert len(replaces) == 1
    _, temp, _ = replaces[0]
    assert Path(temp).parent == tmp_path
    assert Path(temp).name.startswith(".j.json.") and temp.endswith(".tmp")
    at = events.index(replaces[0])
    file_syncs = [e for e in events[:at] if e[0] == "fsync" and not e[2]]
    assert file_syncs, "the temporary file was not fsynced before the replace"
    # everything was written and flushed to the file before it was fsynced
    assert file_syncs[-1][3] == path.stat().st_size
    if file_syncs[-1][1] != "?":
        assert file_syncs[-1][1] == temp
    folder_syncs = [e for e in events[at:] if e[0] == "fsync" and e[2]]
    assert folder_syncs, "the folder was not fsynced after the replace"
    if folder_syncs[0][1] != "?":
        assert Path(folder_syncs[0][1]) == tmp_path
    assert temp_files(path) == []
    assert store.interactions(c.id)[0].kind is Kind.CALL


def test_a_save_that_fails_before_the_replace_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    before = path.read_bytes()
    seen_before = snapshot(store)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as broken:  # not undo(): that drops conftest's folders too
        broken.setattr(os, "fsync", broken_fsync)
        with pytest.raises(JournalError, match="cannot save the journal"):
            store.add_contact("Lost")
    assert path.read_bytes() == before
    assert temp_files(path) == []
    assert snapshot(store) == seen_before == snapshot(Store.open(path))
    store.add_contact("Kept")  # and the store still works
    assert "Kept" in [c.name for c in Store.open(path).contacts()]


def test_temp_files_left_by_a_killed_save_are_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    stale = [
        tmp_path / ".j.json.k2j3h4x_.tmp",  # a killed journal save
        tmp_path / ".j.json.20240101-000000.bak.abcd1234.tmp",  # a killed backup
    ]
    for leftover in stale:
        leftover.write_bytes(b'{"half": ')
    unrelated = [tmp_path / "notes.tmp", tmp_path / ".other.json.x1.tmp", tmp_path / "j.json.x"]
    for other in unrelated:
        other.write_bytes(b"keep me")
    store.add_contact("Next save")
    assert temp_files(path) == []
    assert all(other.read_bytes() == b"keep me" for other in unrelated)


# --- 4. bad files are refused and never overwritten ---------------------------------------

TRUNCATED = GOOD[: len(GOOD) // 2]
TRUNCATED_AT = f"line {TRUNCATED.count(10) + 1}, column"  # orjson reports the end of the data
BAD_FILES = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\t\n   \n", "empty"),
    "truncated": (TRUNCATED, TRUNCATED_AT),
    "nul bytes": (b"\x00" * 4096, "line 1, column 1"),
    "journal then nul bytes": (GOOD + b"\x00" * 512, "not valid JSON at line"),
    "random text": (b"Dear Aiko,\nthank you for the tea.\n", "not valid JSON at line 1, column 1"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", "line 1, column 1: byte 0x89 is not"),
    "latin-1 text in JSON": (b'{"meta": {},\n "x": "caf\xe9"}', "line 2, column 11"),
    "a JSON list": (b"[]", "top level is a JSON array"),
    "a JSON string": (b'"journal"', "top level is a JSON string"),
    "JSON null": (b"null", "top level is a JSON null"),
    "stock TinyDB": (b'{"_default": {}}', "no schema version"),
    "schema is text": (doc(meta={"1": {"schema": "2"}}), "no schema version"),
    "contacts is a list": (doc(contacts=[contact_doc()]), "contacts table is a JSON array"),
    "interactions is a string": (doc(interactions="none"), "interactions table is a JSON string"),
    "key is not a doc id": (doc(contacts={"first": contact_doc()}), "'first', which is not a doc"),
    "contact is a list": (doc(contacts={"1": ["Aiko"]}), "contact #1 is a JSON array"),
    "contact missing its name": (
        doc(contacts={"1": contact_doc(name=...)}), "contact #1 has no 'name' field"
    ),
    "contact with a blank name": (doc(contacts={"1": contact_doc(name="  ")}), "has no name"),
    "contact with a bad date": (
        doc(contacts={"1": contact_doc(snoozed_until="next tuesday")}), "contact #1 is malformed"
    ),
    "contact with a bad birthday": (
        doc(contacts={"1": contact_doc(birthday="02-30")}), "contact #1 is malformed"
    ),
    "contact with text tags": (doc(contacts={"1": contact_doc(tags="friend")}), "tags"),
    "contact with text cadence": (doc(contacts={"1": contact_doc(cadence_days="30")}), "cadence"),
    "two contacts, one id": (
        doc(contacts={"1": contact_doc(), "2": contact_doc(name="Ben")}), "of another contact"
    ),
    "interaction of no contact": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(contact_id="zz")}),
        "interaction #1 belongs to no known contact ('zz')",
    ),
    "interaction with a bad date": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(date="2024-02-30")}),
        "interaction #1 has a bad date '2024-02-30'",
    ),
    "interaction without a date": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(date=...)}),
        "interaction #1 has a bad date None",
    ),
    "interaction of an unknown kind": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(kind="fax")}),
        "unknown kind 'fax'",
    ),
    "interaction with a bad direction": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(direction="up")}),
        "unknown direction 'up'",
    ),
    "interaction with a list intent": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(intent=["give"])}),
        "unknown intent",
    ),
    "interaction without created": (
        doc(contacts={"1": contact_doc()}, interactions={"1": interaction_doc(created=...)}),
        "bad created",
    ),
    "two interactions, one id": (
        doc(
            contacts={"1": contact_doc()},
            interactions={"1": interaction_doc(), "2": interaction_doc()},
        ),
        "interaction #2 has the id 'i1' of another interaction",
    ),
    "interaction is a number": (
        doc(contacts={"1": contact_doc()}, interactions={"1": 7}), "interaction #1 is a JSON number"
    ),
    "newer schema": (doc(meta={"1": {"schema": 99}}), "newer version of journal (schema 99"),
}


def _check_refused(path: Path, data: bytes, problem: str, action) -> None:
    folder_before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(JournalError) as caught:
        action()
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert problem in message, message
    assert path.read_bytes() == data
    assert temp_files(path) == []
    new = set(p.name for p in path.parent.iterdir()) - set(folder_before)
    assert new <= {path.name + ".lock"}, new  # no backup, no temp file, nothing else


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_with_its_name_and_problem_and_never_overwritten(
    tmp_path: Path, name: str
) -> None:
    data, problem = BAD_FILES[name]
    path = tmp_path / "j.json"
    path.write_bytes(data)
    _check_refused(path, data, problem, lambda: Store.open(path))
    # The write path, through a store that never opened the file: it rereads first.
    unopened = Store(path)
    _check_refused(path, data, problem, lambda: unopened.add_contact("New"))
    _check_refused(path, data, problem, lambda: unopened.add_contact("Again"))


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_held_store_never_overwrites_a_file_that_went_bad_under_it(
    tmp_path: Path, name: str
) -> None:
    data, problem = BAD_FILES[name]
    path = tmp_path / "j.json"
    store = make_journal(path, people=2, each=1)
    seen = snapshot(store)
    c = store.contacts()[0]
    swap_in(path, data)
    _check_refused(path, data, problem, lambda: store.refresh())
    # The second attempt used to succeed: the failed reread had adopted the bad file's
    # signature, so the next save thought the file unchanged and overwrote it.
    for _ in range(2):
        _check_refused(
            path, data, problem, lambda: store.add_interaction(c.id, Kind.CALL, date(2024, 1, 9))
        )
    edited = dataclasses.replace(c, notes="x")
    _check_refused(path, data, problem, lambda: store.update_contact(edited))
    _check_refused(path, data, problem, lambda: store.set_meta("k", 1))
    assert snapshot(store) == seen  # what it showed before is still what it shows


def test_a_folder_in_place_of_the_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.mkdir()
    with pytest.raises(JournalError, match="cannot read the file: it is a folder; give the path"):
        Store.open(path)
    with pytest.raises(JournalError, match="cannot read the file"):
        Store(path).add_contact("X")
    assert path.is_dir()


def test_a_missing_file_is_an_empty_journal_created_on_the_first_save(tmp_path: Path) -> None:
    path = tmp_path / "new" / "j.json"
    store = Store.open(path)
    assert len(store) == 0 and not path.exists()
    store.add_contact("First")
    assert [c.name for c in Store.open(path).contacts()] == ["First"]


def test_a_file_that_went_missing_under_a_held_store_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    path.unlink()
    assert store.refresh() is True
    assert len(store) == 0


# --- 5. stable ids -------------------------------------------------------------------------


def test_deleting_and_adding_never_reuses_an_interaction_id(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    held = make_journal(path, people=1, each=3)
    c = held.contacts()[0]
    ever: set[str] = {i.id for i in held.interactions(c.id)} | {c.id}
    for n in range(60):
        # half the time in one long-lived store, half in a fresh one (a new process), where
        # TinyDB hands the deleted last doc id out again
        store = held if n % 2 else Store.open(path)
        store.refresh()  # the held store rereads what the other one saved, as the app does
        last = store.interactions(c.id)[-1]
        store.delete_interaction(last.id)
        new = store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1) + timedelta(days=n))
        assert new.id not in ever
        ever.add(new.id)
        with pytest.raises(JournalError, match="no interaction"):
            store.interaction(last.id)
        if store is not held:
            assert sorted(orjson.loads(path.read_bytes())["interactions"]) == ["1", "2", "3"]
    reopened = Store.open(path)
    ids = [i.id for i in reopened.all_interactions()]
    assert len(ids) == len(set(ids)) == 3
    held.refresh()
    assert reopened.all_interactions() == held.all_interactions()


def test_ids_stay_stable_across_processes_reusing_doc_ids(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    held = make_journal(path, people=1, each=2)
    c = held.contacts()[0]
    first, second = held.interactions(c.id)
    other = Store.open(path)  # another process, in effect
    other.delete_interaction(second.id)
    replacement = other.add_interaction(c.id, Kind.LETTER, date(2024, 6, 1))
    # the held store has not reread yet; its next change rereads and keeps both sides
    held.update_interaction(dataclasses.replace(first, note="edited"))
    final = Store.open(path)
    assert {i.id for i in final.all_interactions()} == {first.id, replacement.id}
    assert final.interaction(first.id).note == "edited"
    assert final.interaction(replacement.id).kind is Kind.LETTER
    with pytest.raises(JournalError):
        held.interaction(second.id)


# --- 6. file modes ---------------------------------------------------------------------------


def test_journal_backups_and_lock_are_created_owner_only(tmp_path: Path) -> None:
    old = os.umask(0)  # nothing may rely on the umask
    try:
        path = tmp_path / "j.json"
        path.write_bytes(doc(meta={"1": {"schema": 1}}, contacts={"1": contact_doc()}))
        os.chmod(path, 0o600)
        store = Store.open(path)  # migrates: schema backup
        store.add_contact("B")  # first save: rotating backup
        files = [path, path.with_name("j.json.lock"), path.with_name("j.json.schema1.bak")]
        files += store.backups()
        assert len(store.backups()) == 1
        for f in files:
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        fresh = tmp_path / "fresh.json"
        Store.open(fresh).add_contact("C")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
        assert stat.S_IMODE(fresh.with_name("fresh.json.lock").stat().st_mode) == 0o600
    finally:
        os.umask(old)


# --- 7. schema migration ---------------------------------------------------------------------

SCHEMA1 = {
    "meta": {"1": {"schema": 1}},
    "contacts": {
        "1": {
            "id": "c1", "name": "山田 花子", "reading": "やまだ はなこ", "tags": ["family"],
            "birthday": "--03-22", "cadence_days": 30, "snoozed_until": None, "email": "",
            "phone": "", "address": "", "letter_lead_days": None, "notes": "",
            "created": "2023-01-02T03:04:05", "updated": "2023-01-02T03:04:05",
            "archived": False,
        }
    },
    "interactions": {
        "1": {
            "id": "i1", "contact_id": "c1", "kind": "letter", "date": "2023-02-01",
            "direction": "out", "channel": "postcard", "note": "寒中見舞い",
            "created": "2023-02-01T10:00:00",
        }
    },
}


def test_a_schema_1_file_is_migrated_saved_and_its_original_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    original = json.dumps(SCHEMA1, ensure_ascii=False, indent=4).encode()
    path.write_bytes(original)
    store = Store.open(path)
    backup = tmp_path / "j.json.schema1.bak"
    assert backup.read_bytes() == original
    saved = orjson.loads(path.read_bytes())
    assert saved["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert "intent" not in saved["interactions"]["1"]  # both written only when set
    assert "occasion" not in saved["interactions"]["1"]
    assert (store.interaction("i1").intent, store.interaction("i1").occasion) == (None, None)
    assert saved["contacts"]["1"]["season_cards"] is False
    assert saved["contacts"]["1"]["no_cards_until"] is None
    assert saved["contacts"]["1"]["no_cards_reason"] == ""
    c = store.contact("c1")
    assert (c.name, c.birthday, c.season_cards) == ("山田 花子", Birthday(3, 22), False)
    assert store.interaction("i1").note == "寒中見舞い"
    assert snapshot(Store.open(path)) == snapshot(store)
    # opening again neither migrates nor touches the backup
    after = path.read_bytes()
    Store.open(path)
    assert path.read_bytes() == after and backup.read_bytes() == original


SCHEMA2_CONTACT = {
    "id": "c2", "name": "Jane Doe", "reading": "", "tags": [], "birthday": None,
    "cadence_days": None, "snoozed_until": None, "email": "jane@example.com",
    "phone": "+1 555-0100", "address": "1 Main St\nSpringfield", "letter_lead_days": None,
    "notes": "", "created": "2024-01-02T03:04:05", "updated": "2024-01-02T03:04:05",
    "archived": False, "season_cards": True, "no_cards_until": None, "no_cards_reason": "",
    "uid": "",
}


def test_a_schema_2_file_gets_lists_and_its_original_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    blank = {**SCHEMA2_CONTACT, "id": "c3", "name": "No Details", "email": "", "phone": "  ",
             "address": ""}
    schema2 = {"meta": {"1": {"schema": 2}},
               "contacts": {"1": SCHEMA2_CONTACT, "2": blank}, "interactions": {}}
    # written as journal 0.x wrote it: orjson, two-space indent, CRLF-free, unsorted keys
    original = orjson.dumps(schema2, option=orjson.OPT_INDENT_2) + b"\n"
    path.write_bytes(original)
    store = Store.open(path)
    backup = tmp_path / "j.json.schema2.bak"
    assert backup.read_bytes() == original  # byte for byte
    saved = orjson.loads(path.read_bytes())
    assert saved["meta"]["1"]["schema"] == 4
    jane_doc = saved["contacts"]["1"]
    assert {"email", "phone", "address"}.isdisjoint(jane_doc)
    assert jane_doc["emails"] == ["jane@example.com"]
    assert jane_doc["phones"] == ["+1 555-0100"]
    assert jane_doc["addresses"] == ["1 Main St\nSpringfield"]
    assert (jane_doc["nickname"], jane_doc["org"]) == ("", "")
    assert saved["contacts"]["2"]["emails"] == saved["contacts"]["2"]["phones"] == []
    jane = store.contact("c2")
    assert (jane.email, jane.phone, jane.address) == (
        "jane@example.com", "+1 555-0100", "1 Main St\nSpringfield")
    assert jane.season_cards is True
    after = path.read_bytes()
    Store.open(path)  # opening again neither migrates nor touches the backup
    assert path.read_bytes() == after and backup.read_bytes() == original


def test_a_schema_2_record_with_an_email_that_is_not_text_is_refused_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    bad = {**SCHEMA2_CONTACT, "email": 42}
    original = orjson.dumps({"meta": {"1": {"schema": 2}}, "contacts": {"1": bad},
                             "interactions": {}})
    path.write_bytes(original)
    with pytest.raises(JournalError, match="emails that are not a list of text"):
        Store.open(path)
    assert path.read_bytes() == original
    assert not (tmp_path / "j.json.schema2.bak").exists()


def test_a_schema_1_file_put_under_a_held_store_is_backed_up_before_it_is_saved_over(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    held = make_journal(path)
    original = json.dumps(SCHEMA1, ensure_ascii=False).encode()
    swap_in(path, original)  # say, a restored copy of an old file
    held.add_interaction("c1", Kind.CALL, date(2024, 1, 1))
    assert (tmp_path / "j.json.schema1.bak").read_bytes() == original
    reopened = Store.open(path)
    assert reopened.get_meta("schema") == SCHEMA_VERSION
    assert len(reopened.interactions("c1")) == 2


def test_a_refresh_that_migrates_keeps_the_original_at_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    held = make_journal(path)
    original = json.dumps(SCHEMA1).encode()
    swap_in(path, original)
    assert held.refresh() is True
    assert path.read_bytes() == original  # a refresh only reads
    held.set_meta("k", "v")
    assert (tmp_path / "j.json.schema1.bak").read_bytes() == original
    assert Store.open(path).get_meta("k") == "v"


def test_a_migration_that_cannot_keep_the_original_saves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    original = json.dumps(SCHEMA1).encode()
    path.write_bytes(original)
    (tmp_path / "j.json.schema1.bak").mkdir()  # the backup cannot be written
    with pytest.raises(JournalError, match="nothing was saved") as caught:
        Store.open(path)
    # The message names the backup, not the temporary file that was to be renamed onto it.
    assert f"{tmp_path / 'j.json.schema1.bak'}: Is a directory" in str(caught.value)
    assert path.read_bytes() == original
    assert temp_files(path) == []


def test_a_broken_schema_1_file_is_refused_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    data = doc(meta={"1": {"schema": 1}}, contacts={"1": "Aiko"})
    path.write_bytes(data)
    with pytest.raises(JournalError, match=str(path)):
        Store.open(path)
    assert path.read_bytes() == data
    assert not (tmp_path / "j.json.schema1.bak").exists()


# --- 8. rotating backups -------------------------------------------------------------------


def _age(path: Path, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_backups_rotate_keeping_five_and_only_when_the_newest_is_over_an_hour_old(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    old = []
    for day in range(1, 8):
        b = tmp_path / f"j.json.202401{day:02d}-120000.bak"
        b.write_bytes(b"old backup")
        _age(b, 24 * (10 - day))
        old.append(b)
    before_save = path.read_bytes()

    store = Store.open(path)  # a new process
    store.add_contact("A")
    backups = store.backups()
    assert len(backups) == 5
    assert backups[:-1] == old[-4:]  # the oldest three went
    newest = backups[-1]
    assert newest.read_bytes() == before_save  # a copy of the journal before the first save
    assert newest.name.startswith("j.json.2") and newest.name.endswith(".bak")

    store.add_contact("B")  # once per process
    assert store.backups() == backups

    again = Store.open(path)  # another process, under an hour later: no new backup
    again.add_contact("C")
    assert again.backups() == backups

    newest.rename(tmp_path / "j.json.20240120-120000.bak")  # make it look two hours old
    _age(tmp_path / "j.json.20240120-120000.bak", 2)
    before = path.read_bytes()
    later = Store.open(path)
    later.add_contact("D")
    assert len(later.backups()) == 5
    assert later.backups()[-1].read_bytes() == before
    assert later.backups()[-2].name == "j.json.20240120-120000.bak"


def test_no_backup_of_a_journal_that_did_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    store.add_contact("A")
    store.add_contact("B")  # the process's first save was the one that created the file
    assert store.backups() == []


# --- 9. frozen records and round trips ---------------------------------------------------


def test_records_handed_out_are_frozen(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    c = store.contacts()[0]
    i = store.interactions(c.id)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "Changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        i.note = "Changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.tags.append("x")  # type: ignore[attr-defined]
    # lists handed out are copies
    store.interactions(c.id).clear()
    store.contacts().clear()
    for _, interactions in store.pairs():
        interactions.clear()
    store.all_interactions().clear()
    assert len(store.interactions(c.id)) == 2
    assert all(len(its) == 2 for _, its in store.pairs())
    assert snapshot(store) == snapshot(Store.open(path))


def test_replace_then_update_persists_and_every_field_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    hanako = store.add_contact(
        "山田 花子",
        reading="やまだ はなこ",
        tags=("family", "京都"),
        birthday=Birthday(2, 29),
        cadence_days=45,
        snoozed_until=date(2025, 1, 10),
        emails=("hanako@example.jp",),
        phones=("+81 75 000 0000",),
        addresses=("京都市左京区\n1-2-3",),
        letter_lead_days=7,
        notes="お茶が好き",
        season_cards=True,
        no_cards_until=date(2025, 12, 31),
        no_cards_reason="喪中",
        uid="urn:uuid:1234",
    )
    ben = store.add_contact("Ben", birthday=Birthday(3, 22, 1980), tags=["a", "b"])
    assert ben.tags == ("a", "b")  # stored as it reads back
    archived = store.add_contact("Old friend", archived=True)
    letter = store.add_interaction(
        hanako.id, Kind.LETTER, date(2024, 12, 20), direction=Direction.OUT,
        channel="はがき", note="年賀状", intent=Intent.GIVE, occasion=Occasion.SEASON,
    )
    call = store.add_interaction(
        ben.id, "call", date(2024, 2, 1), direction=Direction.IN, intent=Intent.ASK,
        occasion=Occasion.BIRTHDAY,
    )
    both = store.add_interaction(ben.id, Kind.MEETING, date(2024, 2, 2), direction=Direction.BOTH)

    changed = store.update_contact(
        dataclasses.replace(
            ben, name="  Ben Sato  ", tags=("work",), birthday=None, cadence_days=None,
            archived=True, notes="moved",
        )
    )
    assert changed.name == "Ben Sato" and changed.updated >= ben.updated
    store.update_interaction(dataclasses.replace(call, note="about the move"))

    reopened = Store.open(path)
    for c in (hanako, changed, archived):
        assert reopened.contact(c.id) == store.contact(c.id)
    assert reopened.contact(hanako.id) == hanako
    assert reopened.contact(ben.id).tags == ("work",)
    assert reopened.contact(ben.id).birthday is None
    assert reopened.contact(hanako.id).birthday == Birthday(2, 29)
    assert reopened.contact(archived.id).archived is True
    assert reopened.interaction(letter.id) == letter
    assert reopened.interaction(both.id) == both
    assert reopened.interaction(call.id).note == "about the move"
    assert reopened.all_interactions() == store.all_interactions()
    assert reopened.contacts(archived=True) == store.contacts(archived=True)
    assert [c.name for c in reopened.contacts()] == ["山田 花子"]
    raw = orjson.loads(path.read_bytes())
    birthdays = {d["name"]: d["birthday"] for d in raw["contacts"].values()}
    assert birthdays["山田 花子"] == "--02-29"
    assert "山田 花子" in path.read_text(encoding="utf-8")  # readable, not \\u-escaped


def test_update_of_an_unknown_contact_fails_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    before = path.read_bytes()
    stranger = Contact(id="nobody", name="Nobody", created=datetime(2024, 1, 1))
    with pytest.raises(JournalError, match="no contact"):
        store.update_contact(stranger)
    with pytest.raises(JournalError, match="no contact"):
        store.add_interaction("nobody", Kind.CALL, date(2024, 1, 1))
    assert path.read_bytes() == before


# --- 10. failed batches --------------------------------------------------------------------


def test_an_exception_midway_through_a_batch_leaves_file_and_memory_as_they_were(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    before = path.read_bytes()
    seen = snapshot(store)
    c = store.contacts()[0]
    first = store.interactions(c.id)[0]
    with pytest.raises(RuntimeError, match="midway"):
        with store.batch():
            new = store.add_contact("Half-added")
            store.add_interaction(new.id, Kind.CALL, date(2024, 4, 1))
            store.delete_interaction(first.id)
            store.update_contact(dataclasses.replace(c, name="Renamed"))
            store.update_interaction(dataclasses.replace(store.interactions(c.id)[0], note="x"))
            store.set_meta("k", "set")
            with store.batch():  # nested
                store.add_contact("Nested")
            raise RuntimeError("midway")
    assert path.read_bytes() == before
    assert snapshot(store) == seen == snapshot(Store.open(path))
    assert store.interaction(first.id) == first
    store.add_contact("After")  # the store still works, and saves only the new change
    assert [x.name for x in Store.open(path).contacts()].count("After") == 1
    assert "Half-added" not in [x.name for x in Store.open(path).contacts()]


def test_a_failing_store_call_inside_a_batch_discards_the_whole_batch(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    before = path.read_bytes()
    with pytest.raises(JournalError, match="no contact"):
        with store.batch():
            store.add_contact("Added first")
            store.add_interaction("missing", Kind.CALL, date(2024, 1, 1))
    assert path.read_bytes() == before
    assert snapshot(store) == snapshot(Store.open(path))


def test_bulk_add_with_a_reused_id_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)
    before = path.read_bytes()
    c = store.contacts()[0]
    twice = Interaction(id="dup", contact_id=c.id, kind=Kind.CALL, date=date(2024, 1, 1))
    with pytest.raises(JournalError):
        store.bulk_add([], [twice, dataclasses.replace(twice)])
    assert path.read_bytes() == before
    assert snapshot(store) == snapshot(Store.open(path))


# --- 11. a lock held too long ------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from journal.store import Store
store = Store.open(sys.argv[1])
with store.batch():
    print("locked", flush=True)
    time.sleep(30)
"""


def test_a_lock_held_by_another_process_too_long_saves_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    before = path.read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.3)
    store = Store.open(path)  # the lock takes its timeout at the first write
    holder = run_python(tmp_path, HOLD_LOCK, str(path))
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(JournalError) as caught:
            store.add_contact("Blocked")
        assert time.monotonic() - started < 5
        message = str(caught.value)
        assert message.startswith(str(path))
        assert "nothing was saved" in message and "0.3 s" in message
        assert path.read_bytes() == before
        assert "Blocked" not in [c.name for c in store.contacts()]
    finally:
        holder.kill()
        holder.wait()
    store.add_contact("After the holder died")  # a killed holder's lock is free again
    assert "After the holder died" in [c.name for c in Store.open(path).contacts()]


# --- 12. a folder where nothing can be saved -----------------------------------------------


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_where_the_lock_file_cannot_be_made_fails_fast_and_says_why() -> None:
    # /proc refuses new files with ENOENT, which a lock may retry until its timeout; it used
    # to wait the full 10 s and then blame "another journal process".
    store = Store.open("/proc/journal-test.json")
    started = time.monotonic()
    with pytest.raises(JournalError) as caught:
        store.add_contact("Nowhere")
    assert time.monotonic() - started < 3
    message = str(caught.value)
    assert message.startswith("/proc/journal-test.json: cannot save the journal: ")
    assert "files cannot be created in the folder /proc" in message
    assert "nothing was saved" in message and "--file" in message
    assert "another journal process" not in message and "\n" not in message


def test_a_read_only_folder_fails_fast_naming_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".j.json.x.tmp"))

    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 10.0)
    monkeypatch.setattr("journal.journal_file.new_temp_file", refused)
    store = Store.open(path)
    started = time.monotonic()
    with pytest.raises(JournalError) as caught:
        store.add_contact("X")
    assert time.monotonic() - started < 3
    assert str(caught.value) == (
        f"{path}: cannot save the journal: you may not create files in the folder {tmp_path}; "
        f"nothing was saved (make {tmp_path} writable, or keep the journal in another folder "
        "with --file or JOURNAL_FILE)"
    )
    assert list(tmp_path.iterdir()) == []  # no lock file, no journal


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_real_read_only_folder_fails_fast(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        started = time.monotonic()
        with pytest.raises(JournalError, match="you may not create files in the folder"):
            Store.open(folder / "j.json").add_contact("X")
        assert time.monotonic() - started < 3
    finally:
        folder.chmod(0o700)


def test_a_save_refused_after_the_lock_names_the_folder_not_a_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path)  # the lock file exists: the folder was writable then
    before = path.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".j.json.abc.tmp"))

    monkeypatch.setattr("journal.journal_file.new_temp_file", refused)
    with pytest.raises(JournalError) as caught:
        store.add_contact("X")
    message = str(caught.value)
    assert f"you may not create files in the folder {tmp_path}; nothing was saved" in message
    assert ".tmp" not in message
    assert path.read_bytes() == before


def test_a_missing_folder_is_made_for_the_owner_alone(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "j.json"
    Store.open(path).add_contact("X")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [c.name for c in Store.open(path).contacts()] == ["X"]


def test_a_file_in_place_of_a_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    with pytest.raises(JournalError, match=f"{blocker} is a file, not a folder"):
        Store.open(blocker / "j.json")
    with pytest.raises(JournalError, match=f"{blocker} is a file, not a folder"):
        Store(blocker / "sub" / "j.json").add_contact("X")
    assert blocker.read_text() == "x"


def test_latest_pairs_hold_each_contacts_latest_interaction(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    aiko = store.add_contact("Aiko")
    ben = store.add_contact("Ben")
    store.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1))
    newest = store.add_interaction(aiko.id, Kind.LETTER, date(2026, 11, 20))
    store.add_interaction(aiko.id, Kind.MEETING, date(2026, 11, 5))

    for reader in (store, Store.open(path)):
        latest = dict((c.name, items) for c, items in reader.latest_pairs())
        assert latest == {"Aiko": [newest], "Ben": []}
        assert reader.latest(ben.id) is None

    store.delete_interaction(newest.id)
    assert store.latest(aiko.id).kind is Kind.MEETING
    assert Store.open(path).latest(aiko.id).kind is Kind.MEETING


# --- 13. finding a contact by name --------------------------------------------------------


NAMED = [
    ("Aiko Tanaka", "たなか あいこ", False),
    ("Aina Sato", "", False),
    ("山田 花子", "やまだ はなこ", False),
    ("山田 太郎", "やまだ たろう", False),
    ("Bob", "", False),
    ("Bobby Jones", "", False),
    ("Ken", "", False),
    ("Ken", "", True),
    ("Kenji", "", False),
    ("Old  Friend ", "", True),
    ("Ｚｏｅ", "ぞえ", False),
]


@pytest.mark.parametrize(
    "query",
    ["bob", "BOBBY JONES", "aiko tanaka", "たなか あいこ", "やまだ はなこ", "山田\u3000花子",
     "ken", "kenji", "old friend", "zoe", "ぞえ", "aiko", "やまだ", "山田", "stop", "nobody", ""],
)
@pytest.mark.parametrize("archived", [True, False])
def test_find_agrees_with_match_name(tmp_path: Path, query: str, archived: bool) -> None:
    store = Store.open(tmp_path / "j.json")
    with store.batch():
        for name, reading, gone in NAMED:
            c = store.add_contact(name, reading=reading)
            if gone:
                store.update_contact(dataclasses.replace(c, archived=True))

    def outcome(find) -> object:
        try:
            return find().id
        except AmbiguousName as e:
            return ("ambiguous", sorted(c.id for c in e.candidates))
        except NameNotFound:
            return "not found"

    expected = outcome(lambda: match_name(store.contacts(archived=archived), query))
    assert outcome(lambda: store.find(query, archived=archived)) == expected


def test_find_sees_renames_and_new_people(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "j.json")
    aiko = store.add_contact("Aiko")
    assert store.find("aiko") == aiko
    renamed = store.update_contact(dataclasses.replace(aiko, name="Hana"))
    assert store.find("hana") == renamed
    ben = store.add_contact("Ben")
    assert store.find("ben") == ben


# --- 14. saves that only add interactions --------------------------------------------------


def _encoded(path: Path) -> bytes:
    return encode(orjson.loads(path.read_bytes()))


def _count_encodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = journal_file_module.encode

    def counted(tables):
        calls.append(1)
        return real(tables)

    monkeypatch.setattr(journal_file_module, "encode", counted)
    return calls


def test_a_save_that_only_adds_interactions_writes_what_a_full_encode_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path, people=3, each=2)
    store = Store.open(path)
    c = store.contacts()[1]
    encodes = _count_encodes(monkeypatch)
    store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1), note='a "quoted" note, 日本語')
    with store.batch():
        store.add_interaction(c.id, Kind.LETTER, date(2024, 3, 2))
        store.add_interaction(c.id, Kind.MEETING, date(2024, 3, 3), intent=Intent.GIVE)
    store.add_interaction(c.id, Kind.MESSAGE, date(2024, 3, 4))  # after a spliced save
    assert encodes == []
    assert path.read_bytes() == _encoded(path)
    assert snapshot(store) == snapshot(Store.open(path))
    assert len(Store.open(path).interactions(c.id)) == 6


def test_other_changes_and_unusual_files_are_encoded_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path, people=2, each=1)
    c = Store.open(path).contacts()[0]
    encodes = _count_encodes(monkeypatch)

    store = Store.open(path)
    with store.batch():  # an interaction and a contact change: all of it
        store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1))
        store.update_contact(dataclasses.replace(store.contact(c.id), notes="changed"))
    assert len(encodes) == 1

    path.write_bytes(orjson.dumps(orjson.loads(path.read_bytes())))  # compact, as by hand
    Store.open(path).add_interaction(c.id, Kind.CALL, date(2024, 3, 2))
    assert len(encodes) == 2

    tables = orjson.loads(path.read_bytes())
    tables["interactions"] = {}
    path.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2) + b"\n")
    Store.open(path).add_interaction(c.id, Kind.CALL, date(2024, 3, 3))  # nothing to follow
    assert len(encodes) == 3
    assert path.read_bytes() == _encoded(path)
    assert [i.date for i in Store.open(path).interactions(c.id)] == [date(2024, 3, 3)]


def test_a_table_named_twice_is_never_appended_to_by_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # JSON keeps the last value of a repeated key, so a file can end with another table than
    # the last one the journal holds: if that table ends with the same record, the end of the
    # file proves nothing.
    path = tmp_path / "j.json"
    last = interaction_doc()
    interactions = {"1": interaction_doc(id="i0"), "2": last}
    tables = {"meta": {"1": {"schema": SCHEMA_VERSION}}, "contacts": {"1": contact_doc()}}
    body = orjson.dumps({**tables, "interactions": interactions}, option=orjson.OPT_INDENT_2)
    meta_again = {"meta": {"1": {"schema": SCHEMA_VERSION}, "2": last}}
    again = orjson.dumps(meta_again, option=orjson.OPT_INDENT_2)
    path.write_bytes(body[:-2] + b",\n" + again[2:-2] + b"\n}\n")
    assert list(orjson.loads(path.read_bytes())) == ["meta", "contacts", "interactions"]
    encodes = _count_encodes(monkeypatch)

    Store.open(path).add_interaction("c1", Kind.CALL, date(2024, 3, 1))
    assert len(encodes) == 1
    kinds = [i.kind for i in Store.open(path).interactions("c1")]
    assert kinds == [Kind.LETTER, Kind.LETTER, Kind.CALL]


# --- 15. the lock and the backups -----------------------------------------------------------


@pytest.mark.filterwarnings("ignore:flock not supported")
def test_where_the_file_system_has_no_flock_filelock_takes_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(journal_file_module.fcntl, "flock", no_flock)  # filelock's too
    path = tmp_path / "j.json"
    make_journal(path, people=1, each=1)
    other = Store.open(path)
    other.add_contact("Through filelock")
    assert other._lock is not None and other._lock._fallback is not None
    assert {c.name for c in Store.open(path).contacts()} == {"Person 0", "Through filelock"}


def test_the_lock_is_free_again_after_every_save_and_every_failure(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path, people=1, each=0)
    other = FileLock(path.with_name("j.json.lock"))
    other.acquire(0.0)  # the save released it
    other.release()
    with pytest.raises(RuntimeError), store.batch():
        store.add_contact("Never")
        raise RuntimeError
    other.acquire(0.0)  # and so did the failed batch
    other.release()


def test_a_backup_keeps_the_journal_as_it_was_through_later_saves(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    before = path.read_bytes()
    store = Store.open(path)
    store.add_contact("A")
    (backup,) = store.backups()
    assert backup.read_bytes() == before
    assert time.time() - backup.stat().st_mtime < 60  # its age is its own, for the hourly rule
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    store.add_contact("B")
    Store.open(path).add_contact("C")
    assert backup.read_bytes() == before
    assert path.read_bytes() != before


def test_where_hard_links_fail_the_backup_is_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    path = tmp_path / "j.json"
    make_journal(path)
    before = path.read_bytes()
    monkeypatch.setattr(os, "link", refused)
    store = Store.open(path)
    store.add_contact("A")
    (backup,) = store.backups()
    assert backup.read_bytes() == before
    assert os.stat(backup).st_ino != os.stat(path).st_ino


# --- 16. the index --------------------------------------------------------------------------


def test_the_first_bad_interaction_is_named_when_later_ones_are_bad_too(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(
        doc(
            contacts={"1": contact_doc()},
            interactions={
                "1": interaction_doc(),
                "2": interaction_doc(id="i2", kind="fax"),
                "3": interaction_doc(),  # repeats i1
            },
        )
    )
    with pytest.raises(JournalError, match="interaction #2 has an unknown kind 'fax'"):
        Store.open(path)


def test_records_written_by_hand_without_optional_fields_open(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    bare = {"id": "i1", "contact_id": "c1", "kind": "call", "date": "2024-02-03",
            "created": "2024-02-03T10:00:00"}  # fmt: skip
    path.write_bytes(doc(contacts={"1": contact_doc()}, interactions={"1": bare}))
    store = Store.open(path)
    (i,) = store.interactions("c1")
    assert (i.direction, i.intent, i.note) == (Direction.OUT, None, "")
    assert store.latest("c1") == i


def test_doc_ids_are_whole_numbers_without_leading_zeros() -> None:
    doc_id = re.compile(r"[1-9][0-9]*")
    pieces = ["1", "0", "9", "\n", "a", "", "١", "²", " ", "10"]
    rng = random.Random(0)
    for _ in range(5000):
        keys = {"".join(rng.choices(pieces, k=rng.randint(0, 3))) for _ in range(rng.randint(0, 4))}
        assert all_doc_ids(keys) == all(doc_id.fullmatch(k) for k in keys), keys
        numbers = [str(rng.randint(1, 10 ** rng.randint(1, 6))) for _ in range(rng.randint(0, 9))]
        assert largest_doc_id(numbers) == max(map(int, numbers), default=0)


def test_newest_first_is_the_history_reversed(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path, people=1, each=0)
    c = store.contacts()[0]
    with store.batch():
        for day, hour in ((3, 9), (1, 12), (3, 8), (2, 7), (3, 10)):
            i = store.add_interaction(c.id, Kind.CALL, date(2024, 1, day))
            store.update_interaction(
                dataclasses.replace(i, created=datetime(2024, 1, day, hour))
            )
    for reader in (store, Store.open(path)):
        history = reader.interactions(c.id)
        assert list(reader.newest_first(c.id)) == history[::-1]
    fresh = Store.open(path)
    assert list(fresh.newest_first(c.id)) == fresh.interactions(c.id)[::-1]  # before it is built


def test_a_save_that_fails_takes_back_the_backup_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    before = path.read_bytes()
    store = Store.open(path)

    def broken_replace(src, dst) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as broken:
        broken.setattr(os, "replace", broken_replace)
        with pytest.raises(JournalError, match="cannot save the journal"):
            store.add_contact("Lost")
    assert store.backups() == []  # no second name for the journal's own bytes
    assert os.stat(path).st_nlink == 1 and path.read_bytes() == before
    store.add_contact("Kept")  # the next save backs up instead
    (backup,) = store.backups()
    assert backup.read_bytes() == before


def test_records_read_from_the_file_are_the_dataclasses_they_claim_to_be(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    written = make_journal(path, people=1, each=1)
    store = Store.open(path)
    (c,), (i,) = store.contacts(), store.interactions(store.contacts()[0].id)
    assert (type(c), type(i)) == (Contact, Interaction)
    assert c == written.contacts()[0] and hash(c) == hash(written.contacts()[0])
    assert i == written.all_interactions()[0]
    for record in (c, i, Birthday.parse("1990-04-15")):
        assert pickle.loads(pickle.dumps(record)) == record == copy.deepcopy(record)
        assert dataclasses.replace(record) == record
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, dataclasses.fields(record)[0].name, "x")


# --- 17. a save written ahead ----------------------------------------------------------------


def _journal_writes(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[Path]:
    """Saves of the journal by write_atomically (not those finished from a write ahead)."""
    writes: list[Path] = []
    real = journal_file_module.write_atomically

    def counted(target: Path, *payload, **options) -> None:
        if target == path:
            writes.append(target)
        real(target, *payload, **options)

    monkeypatch.setattr(journal_file_module, "write_atomically", counted)
    return writes


def test_a_save_written_ahead_is_the_save_a_plain_store_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path, people=3, each=3)
    writes = _journal_writes(monkeypatch, path)
    store = Store.open(path, write_ahead=True)
    c = store.contacts()[2]
    store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1), note="ahead")
    store.close()
    assert writes == []  # finished from what was written ahead
    assert path.read_bytes() == _encoded(path)
    assert temp_files(path) == [] and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert snapshot(store) == snapshot(Store.open(path))
    store.add_interaction(c.id, Kind.CALL, date(2024, 3, 2))  # later saves as usual
    assert len(writes) == 1 and len(Store.open(path).interactions(c.id)) == 5


def test_a_save_written_ahead_and_not_needed_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    before = path.read_bytes()
    Store.open(path, write_ahead=True).close()  # no save came: say, the name matched no one
    assert temp_files(path) == [] and path.read_bytes() == before

    writes = _journal_writes(monkeypatch, path)
    store = Store.open(path, write_ahead=True)
    c = store.contacts()[0]
    with store.batch():  # not only an interaction: the whole journal is encoded
        store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1))
        store.update_contact(dataclasses.replace(c, notes="changed"))
    assert len(writes) == 1 and temp_files(path) == []
    assert path.read_bytes() == _encoded(path)


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_opened_to_write_ahead_is_refused_and_leaves_nothing(
    tmp_path: Path, name: str
) -> None:
    data, problem = BAD_FILES[name]
    path = tmp_path / "j.json"
    path.write_bytes(data)
    _check_refused(path, data, problem, lambda: Store.open(path, write_ahead=True))


def test_a_save_written_ahead_survives_its_temp_file_being_swept_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    make_journal(path)
    writes = _journal_writes(monkeypatch, path)
    store = Store.open(path, write_ahead=True)
    (early,) = temp_files(path)
    early.unlink()  # another process's save removed it as a leftover of a killed save
    c = store.contacts()[0]
    store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1))
    assert len(writes) == 1 and temp_files(path) == []
    assert path.read_bytes() == _encoded(path)
    assert len(Store.open(path).interactions(c.id)) == 3


def test_a_save_whose_write_ahead_failed_writes_everything_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self) -> None:
        os.write(self.fd, b"{")  # then, say, the disk is full

    path = tmp_path / "j.json"
    make_journal(path)
    monkeypatch.setattr(journal_file_module.EarlyWrite, "_write", broken)
    writes = _journal_writes(monkeypatch, path)
    store = Store.open(path, write_ahead=True)
    c = store.contacts()[0]
    store.add_interaction(c.id, Kind.CALL, date(2024, 3, 1))
    assert len(writes) == 1 and temp_files(path) == []
    assert len(Store.open(path).interactions(c.id)) == 3


def test_newest_first_orders_one_days_interactions_by_time_however_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    path.write_bytes(
        doc(
            contacts={"1": contact_doc()},
            interactions={
                "1": interaction_doc(id="late", created="2024-02-03 10:00"),
                "2": interaction_doc(id="early", created="2024-02-03T09:00:00"),
                "3": interaction_doc(id="before", date="2024-02-02"),
            },
        )
    )
    store = Store.open(path)
    assert [i.id for i in store.newest_first("c1")] == ["late", "early", "before"]
    assert [i.id for i in store.interactions("c1")] == ["before", "early", "late"]


def test_latest_touches_are_the_date_and_direction_of_the_latest_interactions(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    store = make_journal(path, people=3, each=0)
    aiko, ben, _ = store.contacts()
    store.add_interaction(aiko.id, Kind.CALL, date(2024, 5, 2), direction=Direction.IN)
    store.add_interaction(aiko.id, Kind.CALL, date(2024, 5, 1))
    store.add_interaction(ben.id, Kind.LETTER, date(2024, 5, 3), direction=Direction.BOTH)

    def as_touches(pairs) -> list:
        return sorted((c.id, [(i.date, i.direction) for i in latest]) for c, latest in pairs)

    for reader in (store, Store.open(path)):
        expected = as_touches(reader.latest_pairs())
        assert as_touches(reader.latest_touches()) == expected
        reader.interactions(aiko.id)  # from a history built since, too
        assert as_touches(reader.latest_touches(archived=True)) == expected
    touches = dict(Store.open(path).latest_touches())
    assert touches[aiko] == [(date(2024, 5, 2), Direction.IN)]


def test_reading_someone_no_longer_there_is_a_journal_error(tmp_path: Path) -> None:
    # a reread between reading a person and their history used to end the app in a KeyError
    store = Store.open(tmp_path / "j.json")
    for read in (store.interactions, store.newest_first, store.latest):
        with pytest.raises(JournalError, match="no contact"):
            read("gone")


def test_a_backup_leaves_the_journals_own_times_alone(tmp_path: Path) -> None:
    # the hard-linked backup shares the journal's file: touching the backup moved the
    # journal's mtime too, so a save that then failed left the journal looking changed
    path = tmp_path / "j.json"
    Store.open(path).add_contact("Aiko")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    later = Store.open(path)
    later.add_contact("Ben")  # the first save of a process backs the journal up first
    [backup] = later.backups()
    assert backup.stat().st_ino == inode  # a hard link to the journal as it was
    assert backup.stat().st_mtime == 1_000_000_000
    Store.open(path).add_contact("Chloe")  # within the hour: the name says the backup is new
    assert later.backups() == [backup]
