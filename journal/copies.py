"""Other copies of the journal, folded into this one: files named on the shell, the conflict
copies a sync engine leaves beside the journal, and the two sides of a git merge.

Every copy is read with the checks that opening a journal makes (`Store.read_copy`): a file
that is not a journal, or of a newer schema, is refused and left as it is; an older schema is
brought up to date in memory only. The merge itself is `journal.merge`, applied under the
journal's lock and saved once (`Store.merge_copies`).

A conflict copy, once merged, is moved into the backups under a name the rotating backups do
not count (`<journal>.merged-<UTC time>-<n>.bak`), so that it is not merged twice and the sync
engine takes it away on the other devices too. The journal is saved first, then the copy
renamed: a process killed at any moment leaves the journal whole and the copy either where it
was (the next run merges it again, which changes nothing) or moved.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from journal.conflicts import conflict_copies
from journal.journal_file import (
    JournalError,
    Signature,
    Tables,
    encode,
    file_signature,
    fsync_path,
    write_atomically,
)
from journal.merge import MergeCounts, merge_tables
from journal.store import Store

Today = Callable[[], date] | None


@dataclass
class MergeReport:
    """What merging copies did."""

    counts: MergeCounts = field(default_factory=MergeCounts)
    merged: list[Path] = field(default_factory=list)  # the copies folded in
    moved: list[tuple[Path, Path]] = field(default_factory=list)  # conflict copy, now named
    left_alone: list[tuple[Path, str]] = field(default_factory=list)  # a copy, and why
    dry_run: bool = False

    def json(self) -> dict:
        c = self.counts
        return {
            "files": len(self.merged), "added": c.added, "updated": c.updated,
            "removed": c.removed, "unchanged": c.unchanged, "dry_run": self.dry_run,
            "merged": [str(p) for p in self.merged],
            "moved": [{"from": str(a), "to": str(b)} for a, b in self.moved],
            "left_alone": [{"file": str(p), "problem": why} for p, why in self.left_alone],
        }


def summary(report: MergeReport) -> str:
    """`merged 1 file: 3 added, 2 updated, 1 removed, 40 unchanged`."""
    c = report.counts
    n = len(report.merged)
    head = "would merge" if report.dry_run else "merged"
    tail = "; nothing was saved" if report.dry_run else ""
    return (
        f"{head} {n} file{'s' * (n != 1)}: {c.added} added, {c.updated} updated, "
        f"{c.removed} removed, {c.unchanged} unchanged{tail}"
    )


def merge_files(store: Store, paths: Sequence[Path], *, dry_run: bool = False) -> MergeReport:
    """Fold these files into the journal; if any cannot be read as a journal, JournalError
    names it and nothing is changed."""
    copies = [Store.read_copy(path, store.today) for path in paths]
    counts = store.merge_copies(copies, dry_run=dry_run) if copies else MergeCounts()
    return MergeReport(counts, list(paths), dry_run=dry_run)


def merge_conflict_copies(store: Store, *, dry_run: bool = False) -> MergeReport:
    """Fold in every conflict copy beside the journal, then move each into the backups. A copy
    that cannot be read as a journal is left where it is and reported."""
    report = MergeReport(dry_run=dry_run)
    read: list[tuple[Path, Signature | None, Tables]] = []
    for path in conflict_copies(store.path):
        signature = file_signature(path)
        try:
            read.append((path, signature, Store.read_copy(path, store.today)))
        except JournalError as e:
            report.left_alone.append((path, str(e)))
    if not read:
        return report
    report.counts = store.merge_copies([tables for _, _, tables in read], dry_run=dry_run)
    report.merged = [path for path, _, _ in read]
    if dry_run:
        return report
    for path, signature, _ in read:
        now = file_signature(path)
        if now is None:  # moved already, by a merge run beside this one: nothing to do
            continue
        if now != signature:  # the sync engine wrote it again meanwhile
            report.left_alone.append((path, "it changed while it was merged; merge again"))
            continue
        moved = _move_to_backups(store.path, path)
        if moved is not None:
            report.moved.append((path, moved))
    fsync_path(store.path.parent)
    return report


MERGED_GLOB = ".merged-*.bak"


def _move_to_backups(journal: Path, copy: Path) -> Path | None:
    """Rename a merged conflict copy to `<journal>.merged-<UTC time>-<n>.bak`; None if it is
    gone already (another merge moved it)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    n = 1
    while (target := journal.with_name(f"{journal.name}.merged-{stamp}-{n}.bak")).exists():
        n += 1
    try:
        os.rename(copy, target)
    except FileNotFoundError:
        return None
    return target


def _ancestor(base: Path, today: Today) -> Tables | None:
    """The common ancestor's tables, or None when it is no journal (git gives an empty file
    when both branches added the journal)."""
    try:
        return Store.read_copy(base, today)
    except JournalError:
        return None


def merge_driver(base: Path, ours: Path, theirs: Path, today: Today = None) -> MergeCounts:
    """git's merge driver: the merge of OURS and THEIRS written into OURS. Each record carries
    its change time and each deletion a tombstone; the common ancestor BASE, when it is a
    journal, lets a person edited on both branches keep the fields each branch changed.

    Written atomically, without the lock, backups or migration copies a journal gets: OURS is
    git's temporary file. JournalError, and OURS untouched, if either is not a journal.
    """
    mine = Store.read_copy(ours, today)
    other = Store.read_copy(theirs, today)
    merged, counts = merge_tables(mine, other, _ancestor(base, today))
    Store(ours, today).check_copy(merged)
    write_atomically(ours, encode(merged))
    return counts
