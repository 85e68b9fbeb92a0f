"""The dialog that asks for a file or a folder (import, export, sync): enter takes it, escape
cancels; a path that cannot be used is said in the dialog, which stays open."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from screens.text import safe


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
