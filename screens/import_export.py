"""Import an address book and export the journal from the app (command palette).

The work is `journal.import_export`'s, the same as `journal import` and `journal export`; these
dialogs only ask for a file. An import is first tried as a dry run, and saved only after the
person has seen what it would do. An export asks before it replaces a file that is there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal import import_export, vdir
from journal.journal_file import JournalError, replace_file
from screens.forms import ConfirmDialog
from screens.text import safe

if TYPE_CHECKING:
    from screens.app import JournalApp

# format -> (what it holds, a file name to suggest)
EXPORTS = {
    "vcf": ("address book (vCard)", "journal-contacts.vcf"),
    "ics": ("birthday and due-date calendar (iCalendar)", "journal-calendar.ics"),
    "csv": ("every interaction (CSV)", "journal-interactions.csv"),
    "json": ("whole journal as a backup (JSON)", "journal-backup.json"),
}


class FileDialog(ModalScreen[Path | None]):
    """Ask for a file: enter takes it, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, suggestion: str, must_exist: bool,
                 folder: bool = False) -> None:
        super().__init__(classes="form")
        self.title_text = title
        self.suggestion = suggestion
        self.must_exist = must_exist
        self.folder = folder  # asks for a folder that exists rather than a file

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, id="title", markup=False)
            example = "a folder, e.g. ~/.contacts/default" if self.folder else (
                "a file, e.g. ~/contacts.vcf")
            yield Input(self.suggestion, id="file", placeholder=example)
            yield Static("", id="error", classes="error", markup=False)
            yield Static("enter  go on   ·   esc  cancel", classes="keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#error", Static).update("Type the file's path.")
            return
        path = Path(text).expanduser()
        problem = None
        if self.folder and not path.is_dir():
            problem = f"There is no folder {path}."
        elif self.must_exist and not self.folder and not path.is_file():
            problem = f"There is no file {path}."
        elif not self.must_exist and not path.parent.is_dir():
            problem = f"There is no folder {path.parent}."
        if problem:
            self.query_one("#error", Static).update(safe(problem))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_import(app: JournalApp) -> None:
    """Ask for a file, show what importing it would do, and import it if the person agrees."""

    def chosen(path: Path | None) -> None:
        if path is not None:
            _try_import(app, path)

    app.push_screen(FileDialog("Import contacts from a vCard or CSV file, or a backup",
                               "~/contacts.vcf", must_exist=True), chosen)


def _try_import(app: JournalApp, path: Path) -> None:
    app.run_worker(lambda: _dry_run(app, path), thread=True, group="import")


def _dry_run(app: JournalApp, path: Path) -> None:
    try:
        report = import_export.import_file(app.store, path, dry_run=True)
    except (JournalError, OSError, ValueError) as e:
        app.call_from_thread(app.notify, f"Cannot import: {e}", severity="error",
                             timeout=10, markup=False)
        return
    app.call_from_thread(_confirm_import, app, path, report)


def _confirm_import(app: JournalApp, path: Path, report: import_export.ImportReport) -> None:
    totals = ", ".join(f"{k} {v}" for k, v in report.counts.items())
    if not report.changed:
        app.notify(f"{path.name}: nothing to import ({totals}).", markup=False)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.save(lambda: import_export.import_file(app.store, path),
                     f"Imported {path.name}: {totals}")

    detail = report.summary().split("\n", 1)[-1]
    app.push_screen(ConfirmDialog(f"Import {path.name}?", detail, yes="Import"), answered)


def start_sync(app: JournalApp) -> None:
    """Sync with the address book folder `journal sync` remembers; ask for one if none is."""
    folder = vdir.remembered_folder(app.store)
    if folder is not None:
        app.run_worker(lambda: _sync(app, folder), thread=True, group="sync")
        return

    def chosen(path: Path | None) -> None:
        if path is not None:
            app.run_worker(lambda: _sync(app, path.absolute()), thread=True, group="sync")

    app.push_screen(FileDialog("Sync with the address book folder (a vdir of .vcf cards)",
                               "~/.contacts/default", must_exist=True, folder=True), chosen)


def _sync(app: JournalApp, folder: Path) -> None:
    try:
        report = vdir.sync(app.store, folder)
    except (JournalError, OSError, ValueError) as e:
        app.call_from_thread(app.notify, f"Cannot sync: {e}", severity="error", timeout=10,
                             markup=False)
        return
    app.call_from_thread(_synced, app, report)


def _synced(app: JournalApp, report: vdir.SyncReport) -> None:
    app.journal_changed()
    notes = report.notes()
    more = f" ({'; '.join(notes[:3])})" if notes else ""
    app.notify(report.summary() + more, timeout=10, markup=False,
               severity="warning" if report.conflicts or notes else "information")


def start_export(app: JournalApp, fmt: str) -> None:
    """Ask where to write the export, then write it."""
    what, suggestion = EXPORTS[fmt]

    def write(path: Path) -> None:
        app.run_worker(lambda: _export(app, fmt, path), thread=True, group="export")

    def chosen(path: Path | None) -> None:
        if path is None:
            return
        if not path.exists():
            write(path)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                write(path)
            else:
                app.notify("Nothing was exported.", markup=False)

        app.push_screen(ConfirmDialog(f"Replace {path}?",
                                      "A file of that name is there already.",
                                      yes="Replace it"), answered)

    app.push_screen(FileDialog(f"Export the {what} to", f"~/{suggestion}", must_exist=False),
                    chosen)


def _export(app: JournalApp, fmt: str, path: Path) -> None:
    today: date = app.today()
    try:
        if path.resolve() == app.store.path.resolve():
            raise JournalError("that is the journal itself; choose another file")
        replace_file(path, import_export.export(app.store, fmt, today))
    except (JournalError, OSError, ValueError) as e:
        app.call_from_thread(app.notify, f"Nothing was exported: {e}", severity="error",
                             timeout=10, markup=False)
        return
    app.call_from_thread(app.notify, f"Exported the {EXPORTS[fmt][0]} to {path}", markup=False)
