"""Journal files already checked (journal.checked): a file checked once, or saved from checked
records, opens again without the per-record checks while it is unchanged; any other change to
the file, an older horizon or other code means every record is checked again."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest
from store_helpers import everything

from journal.checked import checking_code, seal_path
from journal.cli import main
from journal.journal_file import DamagedJournal
from journal.model import Kind
from journal.store import Store

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "sample_data" / "demo.json"


def make_journal(path: Path) -> Store:
    store = Store.open(path)
    for n in range(3):
        c = store.add_contact(f"Person {n}", tags=("friend",), cadence_days=30)
        store.add_interaction(c.id, Kind.MESSAGE, date(2024, 1, 1 + n), channel="LINE")
    return store


def damage_in_place(path: Path) -> None:
    """Make a record bad without changing the file's size, inode or modification time, as a
    program that writes in place and restores the time would."""
    st = os.stat(path)
    data = path.read_bytes()
    bad = data.replace(b'"kind": "message"', b'"kind": "massage"', 1)
    assert bad != data and len(bad) == len(data)
    with open(path, "r+b") as f:
        f.write(bad)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_ino == st.st_ino and os.stat(path).st_mtime_ns == st.st_mtime_ns


def test_a_journal_checked_once_opens_again_without_checking_each_record(path: Path) -> None:
    shutil.copyfile(DEMO, path)
    first = Store.open(path)
    assert first.checked_each_record
    again = Store.open(path)
    assert not again.checked_each_record
    assert everything(again) == everything(first)


def test_a_save_seals_the_file_it_wrote(path: Path) -> None:
    store = make_journal(path)
    store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2024, 2, 1))
    reread = Store.open(path)
    assert not reread.checked_each_record
    assert everything(reread) == everything(store)


def test_a_file_changed_in_place_is_checked_in_full(path: Path) -> None:
    make_journal(path)
    assert not Store.open(path).checked_each_record
    damage_in_place(path)  # only the change time tells: it cannot be set back
    with pytest.raises(DamagedJournal, match="unknown kind 'massage'"):
        Store.open(path)


def test_a_copy_is_checked_in_full(path: Path, tmp_path: Path) -> None:
    make_journal(path)
    copy = tmp_path / "copy.json"
    shutil.copyfile(path, copy)
    assert Store.open(copy).checked_each_record
    assert not Store.open(copy).checked_each_record


def test_a_copy_read_for_merging_leaves_no_seal(path: Path, tmp_path: Path) -> None:
    """Conflict copies and git's temporary files are read once: sealing them would only fill
    the cache folder."""
    make_journal(path)
    copy = tmp_path / "j (conflict copy).json"
    shutil.copyfile(path, copy)
    Store.read_copy(copy)
    assert not seal_path(copy.resolve()).exists()
    assert Store.open(copy).checked_each_record


def test_the_seal_never_lets_a_record_past_the_horizon(path: Path) -> None:
    """A store whose today is in 2031 saves records of then: sealed as checked up to 2031, so
    a store on the real today checks every record, and refuses those in its future."""
    later = Store.open(path, today=lambda: date(2031, 1, 1))
    c = later.add_contact("Aiko")
    later.add_interaction(c.id, Kind.CALL, date(2030, 6, 1))
    assert not Store.open(path, today=lambda: date(2031, 1, 1)).checked_each_record
    with pytest.raises(DamagedJournal, match="is not from 1900 to today"):
        Store.open(path)


def test_a_save_seals_to_the_latest_day_any_record_was_checked_to(path: Path) -> None:
    """Read on the real today, then written on a later one (a frozen clock moved on): the
    save's seal holds only from that later day."""
    today = [date.today()]
    store = make_journal(path)
    store = Store.open(path, today=lambda: today[0])
    today[0] = date(2031, 1, 1)
    store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2030, 6, 1))
    with pytest.raises(DamagedJournal, match="2030-06-01"):
        Store.open(path)


def test_a_damaged_or_foreign_seal_is_passed_over(path: Path) -> None:
    make_journal(path)
    seal = seal_path(path.resolve())
    for junk in (b"", b"{", b"[1, 2]", b'{"file": "x"}', os.urandom(64), b"x" * 100_000):
        seal.write_bytes(junk)
        assert Store.open(path).checked_each_record
        assert not Store.open(path).checked_each_record  # sealed again


def test_a_seal_of_another_journal_is_not_this_ones(path: Path, tmp_path: Path) -> None:
    make_journal(path)
    doc = orjson.loads(seal_path(path.resolve()).read_bytes())
    doc["journal"] = str(tmp_path / "other.json")
    seal_path(path.resolve()).write_bytes(orjson.dumps(doc))
    assert Store.open(path).checked_each_record


def test_an_unwritable_cache_changes_nothing_but_speed(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(blocker))
    store = make_journal(path)
    assert Store.open(path).checked_each_record
    assert Store.open(path).checked_each_record
    assert everything(Store.open(path)) == everything(store)


def test_other_code_makes_every_seal_stale(tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    module = package / "fields.py"
    module.write_text("LIMIT = 80\n")
    before = checking_code(package)
    checking_code.cache_clear()
    module.write_text("LIMIT = 40\n")
    assert checking_code(package) not in ("", before)
    checking_code.cache_clear()
    assert checking_code(tmp_path / "gone") == ""  # no stamp: no seal is trusted


def test_the_shell_refuses_a_sealed_journal_damaged_since(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_journal(path)
    assert main(["log", "Person 1", "call", "--file", str(path)]) == 0
    assert main(["overdue", "--file", str(path)]) == 0
    damage_in_place(path)
    capsys.readouterr()
    assert main(["overdue", "--file", str(path)]) == 1
    assert "unknown kind 'massage'" in capsys.readouterr().err


@pytest.mark.parametrize("written_ahead", [False, True])
def test_a_file_put_in_place_right_after_a_save_is_neither_ours_nor_sealed(
    path: Path, monkeypatch: pytest.MonkeyPatch, written_ahead: bool
) -> None:
    """Another program replaces the journal the moment after a save put it in place: the
    store sees a change on disk, and the next opening checks, and refuses, what it put. The
    same for a save written ahead while the file was read (journal log's, EarlyWrite)."""
    make_journal(path)
    store = Store.open(path, write_ahead=written_ahead)
    good = path.read_bytes()
    damaged = good.replace(b'"kind": "message"', b'"kind": "massage"', 1)
    real_replace = os.replace

    def replace_then_swap(src, dst) -> None:
        real_replace(src, dst)
        if Path(dst) == path.resolve():
            other = path.with_name("other.json")
            other.write_bytes(damaged)
            real_replace(other, dst)  # a new inode, in the same moment

    with monkeypatch.context() as racing:
        racing.setattr(os, "replace", replace_then_swap)
        store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2024, 3, 1))
    assert store.saves == 1
    assert store.changed_on_disk()
    with pytest.raises(DamagedJournal, match="unknown kind 'massage'"):
        Store.open(path)
