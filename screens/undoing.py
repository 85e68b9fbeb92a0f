"""The app's undo: `u` (or ctrl+z) takes back the last change made in the app, several steps
back, and a toast names what was undone. The log and the rules are `journal.undo`; here every
save of the app is noted (`undoable`) and the undo runs as a save of its own (not noted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen

from journal.undo import Step, UndoLog, undo

UNDO_KEYS = "u,ctrl+z"


class Undoing(App):
    """Mixed into the JournalApp (which has `store` and `save`)."""

    BINDINGS = [Binding(UNDO_KEYS, "undo", "Undo", show=False, id="undo",
                        tooltip="Undo the last change made here")]

    undo_log: UndoLog

    def undoable(self, change: Callable[[], Any], what: str) -> Callable[[], Any]:
        """`change` (run in a save worker) noted in the undo log as `what`."""
        if not hasattr(self, "undo_log"):
            self.undo_log = UndoLog()
        log = self.undo_log

        def noted() -> Any:
            result, step = Step.record(self.store, what, change)  # type: ignore[attr-defined]
            log.add(step)
            return result

        return noted

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo" and isinstance(self.screen, ModalScreen):
            return False  # a form's keys are its own
        return super().check_action(action, parameters)

    def action_undo(self) -> None:
        log = getattr(self, "undo_log", None)
        step = log.pop() if log is not None else None
        if step is None:
            self.notify("Nothing to undo.", markup=False)
            return
        contact_ids = {rid for (table, rid) in step.before if table == "contacts"} | {
            r.contact_id for r in [*step.before.values(), *step.after.values()]
            if r is not None and hasattr(r, "contact_id")}
        self.save(  # type: ignore[attr-defined]
            lambda: undo(self.store, step),  # type: ignore[attr-defined]
            f"Undone: {step.what}",
            contact_id=next(iter(contact_ids)) if len(contact_ids) == 1 else None,
            failed=lambda why: self.notify(f"Could not undo “{step.what}”: {why}",
                                           severity="error", timeout=10, markup=False),
            undo_as=None,
        )
