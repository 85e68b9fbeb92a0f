"""Import an address book, sync with one and export the journal from the app (the command
palette): the app's side, mixed into `JournalApp`.

The work is `journal.import_export`'s and `journal.vdir`'s, the same as `journal import`, `journal
sync` and `journal export`; the app only asks for a file (`FileDialog`) and runs the work in a
thread. An import is first tried as a dry run, and saved only after the person has seen what
it would do (`ImportDialog`). An export asks before it replaces a file that is there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import WorkerFailed

from journal.journal_file import JournalError, replace_file
from journal.store import Store
from screens.asking import Asking

if TYPE_CHECKING:
    from journal.vdir import SyncReport

# format -> (what it holds, a file name to suggest)
EXPORTS = {
    "vcf": ("address book (vCard)", "journal-contacts.vcf"),
    "ics": ("birthday and due-date calendar (iCalendar)", "journal-calendar.ics"),
    "csv": ("every interaction (CSV)", "journal-interactions.csv"),
    "json": ("whole journal as a backup (JSON)", "journal-backup.json"),
}


class ImportExport(Asking):
    """Mixed into the JournalApp, which has `store`, `today`, `save` and `journal_changed`."""

    store: Store
    today: Callable[[], date]

    def import_contacts(self) -> None:
        """Ask for a file, show what importing it would do, and import it if the person
        agrees."""
        self.start(self._import_flow())

    def sync_address_book(self) -> None:
        """Sync with the address book folder `journal sync` remembers; ask for one if none
        is."""
        self.start(self._sync_flow())

    def export_journal(self, fmt: str) -> None:
        """Ask where to write the export, then write it."""
        self.start(self._export_flow(fmt))

    @staticmethod
    def export_formats() -> dict[str, tuple[str, str]]:
        return EXPORTS

    async def _import_flow(self) -> None:
        from journal import import_export  # here: the app starts without the import code
        from screens.file_dialog import FileDialog
        from screens.import_dialog import ImportDialog, totals

        path = await self.ask(FileDialog(
            "Import contacts from a vCard or CSV file, or a backup", "~/contacts.vcf",
            must_exist=True))
        if not isinstance(path, Path):
            return
        dry_run = self.run_worker(  # reads and matches every card: in a thread
            partial(import_export.import_file, self.store, path, dry_run=True), thread=True,
            group="import", exit_on_error=False)
        try:
            report = await dry_run.wait()
        except WorkerFailed as e:
            if not isinstance(e.error, (JournalError, OSError, ValueError)):
                raise e.error from None
            self.notify(f"Cannot import: {e.error}", severity="error", timeout=10,
                        markup=False)
            return
        if not report.changed:
            self.notify(f"{path.name}: nothing to import ({totals(report)}).", markup=False)
            return
        if await self.ask(ImportDialog(path, report)):
            self.save(lambda: import_export.import_file(self.store, path),  # type: ignore[attr-defined]
                      f"Imported {path.name}: {totals(report)}")

    async def _sync_flow(self) -> None:
        from journal import vdir
        folder = vdir.remembered_folder(self.store)
        if folder is None:
            from screens.file_dialog import FileDialog

            chosen = await self.ask(FileDialog(
                "Sync with the address book folder (a vdir of .vcf cards)",
                "~/.contacts/default", must_exist=True, folder=True))
            if not isinstance(chosen, Path):
                return
            folder = chosen.absolute()
        self._sync(folder)

    @work(thread=True, group="sync")
    def _sync(self, folder: Path) -> None:
        from journal import vdir
        try:
            report = vdir.sync(self.store, folder)
        except (JournalError, OSError, ValueError) as e:
            self.call_from_thread(self.notify, f"Cannot sync: {e}", severity="error",
                                  timeout=10, markup=False)
            return
        self.call_from_thread(self._synced, report)

    def _synced(self, report: SyncReport) -> None:
        self.journal_changed()  # type: ignore[attr-defined]
        notes = report.notes()
        more = f" ({'; '.join(notes[:3])})" if notes else ""
        self.notify(report.summary() + more, timeout=10, markup=False,
                    severity="warning" if report.conflicts or notes else "information")

    async def _export_flow(self, fmt: str) -> None:
        from screens.file_dialog import FileDialog
        from screens.forms import ConfirmDialog

        what, suggestion = EXPORTS[fmt]
        path = await self.ask(
            FileDialog(f"Export the {what} to", f"~/{suggestion}", must_exist=False))
        if not isinstance(path, Path):
            return
        if path.exists() and not await self.ask(ConfirmDialog(
                f"Replace {path}?", "A file of that name is there already.",
                yes="Replace it")):
            self.notify("Nothing was exported.", markup=False)
            return
        self._export(fmt, path)

    @work(thread=True, group="export")
    def _export(self, fmt: str, path: Path) -> None:
        from journal import import_export
        today = self.today()
        try:
            if path.resolve() == self.store.path.resolve():
                raise JournalError("that is the journal itself; choose another file")
            replace_file(path, import_export.export(self.store, fmt, today))
        except (JournalError, OSError, ValueError) as e:
            self.call_from_thread(self.notify, f"Nothing was exported: {e}", severity="error",
                                  timeout=10, markup=False)
            return
        self.call_from_thread(self.notify, f"Exported the {EXPORTS[fmt][0]} to {path}",
                              markup=False)
