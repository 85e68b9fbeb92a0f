"""Conflict copies of the journal, as sync engines name them (`journal.conflicts`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journal.conflicts import conflict_copies, conflict_hint, is_conflict_copy

REAL_COPIES = [
    "journal.sync-conflict-20261206-011800-ABCDEF7.json",  # Syncthing
    "journal (Aiko's conflicted copy 2026-12-06).json",  # Dropbox
    "journal (Aiko Tanaka's conflicted copy 2026-12-06 (1)).json",  # Dropbox, a second one
    "journal (conflicted copy 2026-12-06 011800).json",  # Nextcloud, ownCloud
    "journal_conflict-20261206-011800.json",  # older ownCloud
    "journal-DESKTOP-AB12CD3.json",  # OneDrive
    "journal-MACBOOK.json",  # OneDrive
    "journal 2.json",  # iCloud Drive
    "journal 13.json",  # iCloud Drive
]

NOT_COPIES = [
    "journal.json",
    "journal.json.20261206-011800.bak",  # our backups
    "journal.json.lock",
    "journal.json.schema1.bak",
    "journal-old.json",  # a name a person gave
    "journal 1.json",
    "journal.sync-conflict-20261206-011800-ABCDEF7.json.tmp",
    "other.sync-conflict-20261206-011800-ABCDEF7.json",
    "journal (conflicted copy).txt",
    "journal-2025.json",
]


@pytest.mark.parametrize("name", REAL_COPIES)
def test_each_engines_conflict_copy_is_known(name: str) -> None:
    assert is_conflict_copy(Path("/x/journal.json"), name)


@pytest.mark.parametrize("name", NOT_COPIES)
def test_other_files_are_not_conflict_copies(name: str) -> None:
    assert not is_conflict_copy(Path("/x/journal.json"), name)


def test_copies_are_found_beside_the_journal_oldest_first(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text("{}")
    for n, name in enumerate([*reversed(REAL_COPIES), *NOT_COPIES[1:]]):
        (tmp_path / name).write_text("{}")
        os.utime(tmp_path / name, (1_000_000 + n, 1_000_000 + n))
    (tmp_path / "journal 3.json").mkdir()  # a folder is not a copy
    found = [p.name for p in conflict_copies(journal)]
    assert found == list(reversed(REAL_COPIES))
    hint = conflict_hint(journal)
    assert hint is not None and "9 conflict copies" in hint and "journal merge --conflicts" in hint


def test_no_copies_no_hint(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text("{}")
    assert conflict_copies(journal) == [] and conflict_hint(journal) is None
    assert conflict_copies(tmp_path / "missing" / "journal.json") == []
