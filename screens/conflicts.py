"""The app's side of conflict copies: a notice while a sync engine's conflict copies sit beside
the journal (on start, and when the file poll finds new ones), and `M` or the palette's "Merge
conflict copies" to fold them in. The merge itself is `journal.copies`, run in a thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand

from journal.conflicts import conflict_copies
from journal.copies import MergeReport, merge_conflict_copies, summary
from journal.journal_file import JournalError

NOTICE_TITLE = "Conflict copies"
NOTICE_SECONDS = 30
MERGE_KEY = "M"


class ConflictCopies(App):
    """Mixed into the JournalApp (which has `store` and `journal_changed`)."""

    _copies_noticed: frozenset[Path] = frozenset()

    def notice_conflict_copies(self) -> None:
        """Say so when conflict copies appear beside the journal (once for each new set)."""
        try:
            copies = frozenset(conflict_copies(self.store.path))  # type: ignore[attr-defined]
        except OSError:
            return
        new = copies - self._copies_noticed
        self._copies_noticed = copies
        if not new:
            return
        what = "a conflict copy" if len(copies) == 1 else f"{len(copies)} conflict copies"
        names = ", ".join(sorted(p.name for p in copies)[:2]) + (", …" if len(copies) > 2 else "")
        self.notify(
            f"A sync engine left {what} of this journal beside it ({names}). Press "
            f"{MERGE_KEY} to merge {'it' if len(copies) == 1 else 'them'} in, or ctrl+p: "
            "Merge conflict copies.",
            title=NOTICE_TITLE, severity="warning", timeout=NOTICE_SECONDS, markup=False,
        )

    def conflict_commands(self) -> Iterator[SystemCommand]:
        if self._copies_noticed:
            yield SystemCommand(
                f"Merge conflict copies ({MERGE_KEY})",
                "Fold the copies a sync engine left beside the journal into it",
                self.action_merge_conflicts,
            )

    def action_merge_conflicts(self) -> None:
        self._merge_worker()

    @work(thread=True, group="save")
    def _merge_worker(self) -> None:
        try:
            report = merge_conflict_copies(self.store)  # type: ignore[attr-defined]
        except (JournalError, OSError) as e:
            self.call_from_thread(
                self.notify, f"Nothing was merged: {e}", severity="error", timeout=10,
                markup=False,
            )
            return
        self.call_from_thread(self._merged, report)

    def _merged(self, report: MergeReport) -> None:
        self.journal_changed()  # type: ignore[attr-defined]
        self._take_away(lambda note: note.title == NOTICE_TITLE)  # type: ignore[attr-defined]
        if not report.merged and not report.left_alone:
            self.notify("No conflict copies to merge.", markup=False)
        elif report.merged:
            line = summary(report)
            self.notify(line[0].upper() + line[1:] + ".", markup=False)
        for copy, why in report.left_alone:
            self.notify(f"Left alone: {copy.name}: {why}", severity="error", timeout=15,
                        markup=False)
        self._copies_noticed = frozenset(path for path, _ in report.left_alone)
