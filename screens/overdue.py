"""The weekly review (`2`): who to reach out to, most urgent first.

Walk down the list and, for each person, log a contact (`l`), snooze them (`s`) or open their
timeline (`enter`) to remember what to write about. Opening the screen counts as doing the
weekly review: `last_review` is set in the journal, at most once a day, in a thread worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType

from journal import insight, queries, rules
from journal.phrases import cadence_phrase, plural
from journal.store import JournalError, Store
from screens.messages import SnoozeRequested
from screens.review import NARROW, ReviewScreen, Row
from screens.text import due_text, last_text

LAST_REVIEW = queries.LAST_REVIEW
BAR_CELLS = 4  # the lateness bar: full at BAR_FULL percent of the cadence
BAR_FULL = 200
EIGHTHS = " ▏▎▍▌▋▊▉"


def lateness_text(percent: int | None, style: Style, bar: bool = True) -> Text:
    """How late someone is for their cadence: `███▌ 175%` (`175%` without the bar); nothing
    for someone not yet due (owed a reply) or without a cadence. (Under 72 columns the list
    has no room for it: the status keeps it whole, and the order still says it.)"""
    if percent is None or percent <= 0:
        return Text("")
    number = f"{percent}%"
    if not bar:
        return Text(number, style=style)
    eighths = min(BAR_CELLS * 8, round(percent * BAR_CELLS * 8 / BAR_FULL))
    drawn = "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")
    return Text.assemble((drawn.ljust(BAR_CELLS), style), " ", number)


class OverdueScreen(ReviewScreen):
    """Everyone overdue or owed a reply, most urgent first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log"),
        Binding("s", "snooze", "Snooze"),
    ]

    MODE = "overdue"
    # the name gives way first, then how often: "reply owed · 2 months overdue" matters
    FLEX_COLUMNS = (0, 3)
    NARROW_FLEX_COLUMNS = (0, 1)  # narrow: the name, then the status (with "give next")
    WIDE = 100  # from here the cadence ("every 3 months") and a bar of lateness
    WIDTH_STEPS = (NARROW, WIDE)
    EMPTY_MESSAGE = (
        "No one is waiting on you. Well kept.\n\n"
        "People show up here when they are overdue or owed a reply."
    )

    def columns(self) -> Sequence[str]:
        if self.narrow:  # how often and how late: on the timeline; "give next" joins the status
            return ("Name", "Status", "Last contact")
        if not self._wide():  # how late for the cadence, rather than the cadence itself
            return ("Name", "Status", "Late", "Last contact", "")
        return ("Name", "Status", "Late", "Cadence", "Last contact", "")

    def _wide(self) -> bool:
        return (self.size.width or self.app.size.width) >= self.WIDE

    def give_way(self) -> Sequence[int]:
        return self.NARROW_FLEX_COLUMNS if self.narrow else self.FLEX_COLUMNS

    def rows(self) -> list[Row]:
        today = self.today
        pal = self.palette
        # who is overdue needs only each latest interaction; the history (for give_next)
        # is read only for the people listed
        found = rules.overdue(self.journal.latest_pairs(), today)
        rows = []
        replies = 0
        for st in found:
            interactions = self.store.interactions(st.contact.id)
            replies += st.reply_owed
            flag = Text("")
            if rules.give_next(interactions, today):
                flag = Text("give next", style=pal.primary)
            name, due, last = (Text(st.contact.name), due_text(st, today, pal),
                               last_text(st.last_contact, today, pal))
            if self.narrow:
                if flag:
                    due = Text.assemble(due, (" · ", pal.muted), flag)
                cells: tuple[Text, ...] = (name, due, last)
            elif not self._wide():
                late = lateness_text(insight.late_percent(st), pal.warning, bar=False)
                cells = (name, due, late, last, flag)
            else:
                cadence = Text(cadence_phrase(st.contact.cadence), style=pal.muted)
                late = lateness_text(insight.late_percent(st), pal.warning)
                cells = (name, due, late, cadence, last, flag)
            rows.append(Row(key=st.contact.id, cells=cells))
        title = "Weekly review"
        if found:
            title += f" · {plural(len(found), 'person', 'people')} to reach out to"
            if replies:
                title += f" · {plural(replies, 'reply', 'replies')} owed"
            self.set_title(title, "most overdue for their cadence first")
            return rows
        self.set_title(title)
        return rows

    def on_screen_resume(self) -> None:
        # ReviewScreen.on_screen_resume (the reload) runs too: Textual calls each class's handler.
        today = self.today
        if self.store.get_meta(LAST_REVIEW) != today.isoformat():
            self._mark_reviewed(self.store, today)

    @work(thread=True, exclusive=True, group="last-review", exit_on_error=False)
    def _mark_reviewed(self, store: Store, today: date) -> None:
        """Opening the overdue view is the weekly review: note the day in the journal."""
        try:
            store.set_meta(LAST_REVIEW, today.isoformat())
        except (JournalError, OSError) as e:
            self.app.call_from_thread(
                self.notify, f"Could not note the weekly review: {e}", severity="warning"
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "snooze":  # only someone with a cadence is snoozed out of this list
            return self._can_snooze()
        return super().check_action(action, parameters)

    def _can_snooze(self) -> bool:
        cid = self.current_key()
        if cid is None:
            return False
        try:
            return self.store.contact(cid).tracked
        except JournalError:
            return False

    def key_state(self) -> tuple[bool, ...]:
        return (*super().key_state(), self._can_snooze())

    def action_snooze(self) -> None:
        if (cid := self.current_key()) is not None:
            self.app.post_message(SnoozeRequested(cid))
