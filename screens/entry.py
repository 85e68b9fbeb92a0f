"""One timeline entry read whole: every field, the note wrapped with all its lines, read-only.

Opened by `enter` on a timeline entry. `e` edits it (the log form), `n`/`p` go to the next
and previous entry of the timeline as it is filtered, escape goes back with the timeline's
cursor on the entry last read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from journal.model import Direction, Intent, Interaction
from journal.rules import intent_of
from journal.store import JournalError
from screens.messages import EntryEditRequested, journal_of, watch_journal
from screens.text import OCCASION_WORD, ago, kind_label, long_date, safe_content, safe_lines
from screens.widgets import Footer, ViewBar

WAY_WORDS = {
    Direction.OUT: "→ out: I reached out",
    Direction.IN: "← in: they reached out",
    Direction.BOTH: "⇄ both",
}
LABEL_WIDTH = 10


def _field(label: str, value: Content | str) -> Content:
    value = value if isinstance(value, Content) else Content(value)
    return Content.styled(f"{label:<{LABEL_WIDTH}}", "$text-muted") + value


def entry_text(i: Interaction, name: str, today: date) -> Content:
    """The entry's fields, one a line, and its whole note below them."""
    title = safe_content(f"{kind_label(i.kind)} with {name}", "bold")
    lines = [title, Content("")]
    lines.append(_field("Date", f"{long_date(i.date)} ({ago(i.date, today)})"))
    lines.append(_field("Way", WAY_WORDS[i.direction]))
    lines.append(_field("Channel", safe_content(i.channel) if i.channel
                        else Content.styled("none given", "$text-muted")))
    if i.occasion is not None:
        lines.append(_field("Occasion", OCCASION_WORD[i.occasion]))
    intent = intent_of(i)
    if intent is None:
        lines.append(_field("Give/ask", Content.styled("neither", "$text-muted")))
    else:
        counted = " (a birthday letter counts as a give)" if i.intent is None else ""
        word = "give" if intent is Intent.GIVE else "ask"
        lines.append(_field("Give/ask", word + counted))
    lines.append(_field("Logged", long_date(i.created.date())))
    lines.append(Content(""))
    if i.note:
        lines.append(Content.styled("Note", "$text-muted"))
        lines.append(Content(safe_lines(i.note)))  # every line; the view wraps and scrolls
    else:
        lines.append(Content.styled("No note.", "$text-muted"))
    return Content("\n").join(lines)


class EntryScreen(Screen[str]):
    """One entry, whole. Dismissed with the id of the entry shown last (for the cursor)."""

    BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Edit the entry (the log form)"),
        Binding("n", "step(1)", "Next", tooltip="The next entry (older, as down the list)"),
        Binding("p", "step(-1)", "Previous", tooltip="The previous entry (newer)"),
        Binding("escape,enter", "back", "Back", key_display="esc"),
    ]

    def __init__(self, entry_ids: Sequence[str], index: int) -> None:
        super().__init__()
        self.entry_ids = list(entry_ids)
        self.index = index

    @property
    def entry_id(self) -> str:
        return self.entry_ids[self.index]

    def compose(self) -> ComposeResult:
        yield ViewBar(self.app.current_mode, id="viewbar")
        with VerticalScroll(id="entry-scroll"):
            yield Static("", id="entry")
        yield Footer()

    def on_mount(self) -> None:
        watch_journal(self, lambda _change: self.reload())  # an edit saved: show it
        self.reload()
        self.set_focus(self.query_one("#entry-scroll"))

    def reload(self) -> None:
        """Show the entry as it is in the journal now; back to the timeline when it is gone."""
        journal = journal_of(self.app)
        store = journal.store
        try:
            i = store.interaction(self.entry_id)
            name = store.contact(i.contact_id).name
        except JournalError:
            if self.app.screen is self:
                self.dismiss("")
            return
        self.query_one("#entry", Static).update(entry_text(i, name, journal.today()))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            step = parameters[0]
            return 0 <= self.index + int(step) < len(self.entry_ids)  # type: ignore[call-overload]
        return True

    def action_step(self, step: int) -> None:
        if 0 <= self.index + step < len(self.entry_ids):
            self.index += step
            self.reload()
            self.query_one("#entry-scroll", VerticalScroll).scroll_home(animate=False)
            self.refresh_bindings()

    def action_edit(self) -> None:
        self.app.post_message(EntryEditRequested(self.entry_id))

    def action_back(self) -> None:
        self.dismiss(self.entry_id)
