"""What the three review screens (overdue, birthdays, cards) share.

Each is a title line, one `RowList` keyed by contact id (cards adds section rows, which the
cursor passes over) and a kind message shown instead of an empty table. A screen
builds its rows in `rows()`; `reload()` re-reads the journal through `app.store`, refills the
table and keeps the cursor on the same person, or at the same place when that person has
left the list (so working down a list after each log goes on to the next person).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from journal.store import Store
from screens.messages import (
    Journal,
    JournalChanged,
    LogRequested,
    TimelineRequested,
    in_sight,
    journal_of,
    watch_journal,
)
from screens.rowlist import Column, RowList
from screens.text import Palette, safe_text
from screens.widgets import Footer, ViewBar

SECTION_PREFIX = "section:"
MIN_FLEX_WIDTH = 12  # a column that gives way keeps at least this many cells
NARROW = 72  # below this width a screen may write its cells shorter (see `narrow`)


@dataclass(frozen=True)
class Row:
    """One table row: a contact (key = contact id), or a section label when `section_row`."""

    key: str
    cells: Sequence[Text]
    section: str = ""  # the group a contact row is in (cards); "" for a flat list
    section_row: bool = False


class ReviewScreen(Screen):
    """A title, one table of people and a kind message when the table would be empty."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "timeline", "Timeline", priority=True, key_display="enter"),
        Binding("escape", "app.view('contacts')", "Back to contacts", show=False),
    ]  # and `l` (log) in each screen, which says what it logs

    MODE = ""  # the app mode this screen is shown in (for the view bar)
    EMPTY_MESSAGE = "Nothing here."
    # Columns that give way when narrow (shortened with an ellipsis), in order: the first
    # down to MIN_FLEX_WIDTH cells, then the next; then every column, from the right.
    FLEX_COLUMNS: tuple[int, ...] = (0,)
    # widths at which `rows()` writes its cells otherwise: the rows are made again when the
    # screen is resized across one
    WIDTH_STEPS: tuple[int, ...] = (NARROW,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sections: dict[str, str] = {}  # contact row key -> section
        self._loaded_on: date | None = None  # the day the rows were computed for
        self._rows_step: int | None = None  # the WIDTH_STEPS the rows were made for
        self._keys_for: tuple[bool, ...] | None = None  # the footer's keys are for this
        self._title_parts: tuple[str, ...] = ()
        self.stale = False  # the journal changed while out of sight: reload when shown

    # -- what a screen provides --

    def columns(self) -> Sequence[str]:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        """Build the rows from `self.store` and `self.today`; also update the title."""
        raise NotImplementedError

    def give_way(self) -> Sequence[int]:
        """The columns that give way first when narrow (FLEX_COLUMNS, unless the screen
        lays out its narrow form otherwise)."""
        return self.FLEX_COLUMNS

    # -- the app --

    @property
    def journal(self) -> Journal:
        return journal_of(self.app)

    @property
    def store(self) -> Store:
        return self.journal.store

    @property
    def today(self) -> date:
        return self.journal.today()

    @property
    def narrow(self) -> bool:
        """Is the screen narrow (under NARROW cells): `rows()` then writes shorter cells
        (dates without the weekday), so that every column keeps its meaning at 60."""
        return (self.size.width or self.app.size.width) < NARROW

    def _width_step(self) -> int:
        width = self.size.width or self.app.size.width
        return sum(width >= step for step in self.WIDTH_STEPS)

    @property
    def palette(self) -> Palette:
        """Styles for cells, from the running theme (read afresh on each reload)."""
        return Palette.of(self.app)

    # -- layout --

    def compose(self) -> ComposeResult:
        yield ViewBar(self.MODE)
        yield Static(id="review-title", markup=False)
        yield RowList(_cells_of, id="review-table")
        yield Static(self.EMPTY_MESSAGE, id="review-empty", markup=False)
        yield Footer()

    @property
    def table(self) -> RowList:
        return self.query_one("#review-table", RowList)

    def set_title(self, *parts: str) -> None:
        """The title line: `parts` joined by " · ", the last ones left out when too narrow."""
        self._title_parts = parts
        self._show_title()

    def _show_title(self) -> None:
        width = (self.size.width or self.app.size.width) - 2  # its padding
        parts = list(self._title_parts)
        while len(parts) > 1 and cell_len(" · ".join(parts)) > width:
            parts.pop()
        self.query_one("#review-title", Static).update(" · ".join(parts))

    def set_empty(self, text: str) -> None:
        """The message shown instead of an empty table."""
        self.query_one("#review-empty", Static).update(text)

    def on_mount(self) -> None:
        watch_journal(self, self.journal_changed)
        self.reload()

    def journal_changed(self, change: JournalChanged) -> None:
        """Reread the journal, or, out of sight, take note and reread when shown again (on a
        big journal each reload is a pause after every save)."""
        if in_sight(self):
            self.reload()
        else:
            self.stale = True

    def on_screen_resume(self) -> None:
        # A change to the journal while this view was out of sight left it stale
        # (journal_changed); the day may have turned since, too.
        if self.stale or self.today != self._loaded_on:
            self.reload()

    def on_resize(self) -> None:
        if self._title_parts:
            self._show_title()
        if self._rows_step is not None and self._rows_step != self._width_step():
            self.reload()  # the cells are written for another width

    # -- filling the table --

    def reload(self) -> None:
        """Re-read the journal and refill the table, keeping the cursor on the same person."""
        if not self.query("#review-table"):
            return  # not composed yet: on_mount reads everything
        self._loaded_on = self.today
        self._rows_step = self._width_step()
        self.stale = False
        self._fill([safe_row(row) for row in self.rows()])

    def _fill(self, rows: list[Row]) -> None:
        table = self.table
        old_key = self.current_key()
        old_section = self._sections.get(old_key or "")
        self._sections = {r.key: r.section for r in rows if not r.section_row}
        columns = self._columns(rows)
        if columns != table.columns:
            table.set_columns(columns, give_way=self.give_way())
        table.set_rows([(row.key, row) for row in rows],
                       headings=[row.key for row in rows if row.section_row])
        empty = not self._sections
        table.display = not empty
        self.query_one("#review-empty").display = empty
        if empty:
            self._update_keys()
            return
        if old_key in self._sections and self._sections[old_key] == old_section:
            table.move_cursor(row=table.get_row_index(old_key))
        else:  # they left the list (or their group): the next person at the same place
            table.move_cursor(row=table.cursor_row)
        if self.focused is None:
            self.set_focus(table)
        self._update_keys()

    def _columns(self, rows: list[Row]) -> tuple[Column, ...]:
        """Each column as wide as its widest cell; the `FLEX_COLUMNS` give way first when
        narrow, down to MIN_FLEX_WIDTH cells (the table cuts, with an ellipsis)."""
        headers = list(self.columns())
        flex = self.give_way()
        widths = [cell_len(h) for h in headers]
        for row in rows:
            for i, cell in enumerate(row.cells):
                if not row.section_row:
                    widths[i] = max(widths[i], cell.cell_len)
        return tuple(
            Column(label, width, least=MIN_FLEX_WIDTH if i in flex else None)
            for i, (label, width) in enumerate(zip(headers, widths, strict=True))
        )

    def current_key(self) -> str | None:
        """The contact id under the cursor, or None (no one in the list)."""
        if not self.query("#review-table"):
            return None
        table = self.table
        return table.cursor_key if table.display else None

    def key_state(self) -> tuple[bool, ...]:
        """What the footer's keys depend on (a screen adds what its `check_action` reads):
        here, whether someone is under the cursor."""
        return (self.current_key() is not None,)

    def _update_keys(self) -> None:
        """Grey out or hide the footer's keys when there is no one to act on (only on a
        change: refreshing bindings rebuilds the footer)."""
        state = self.key_state()
        if state != self._keys_for:
            self._keys_for = state
            self.refresh_bindings()

    def current_contact_id(self) -> str | None:
        """The person under the cursor (the app's command palette offers actions on them)."""
        return self.current_key()

    @on(RowList.Highlighted, "#review-table")
    def _cursor_moved(self) -> None:
        self._update_keys()

    @on(RowList.Selected, "#review-table")
    def _row_clicked(self, event: RowList.Selected) -> None:
        # `enter` is taken by the screen's binding; this is a click on the highlighted row.
        event.stop()
        self.action_timeline()

    # -- actions --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("log", "timeline", "snooze"):
            return True if self.current_key() is not None else None
        return True

    def action_timeline(self) -> None:
        if (cid := self.current_key()) is not None:
            self.app.post_message(TimelineRequested(cid))

    def action_log(self) -> None:
        if (cid := self.current_key()) is not None:
            self.app.post_message(LogRequested(cid))


def _cells_of(row: Row) -> Sequence[Text]:
    """A row's cells as the table draws them (a section row: its label)."""
    return row.cells


def safe_row(row: Row) -> Row:
    """The row with its text cells safe to draw (names and reasons come from the journal)."""
    cells = [safe_text(c) if isinstance(c, Text) else c for c in row.cells]
    if all(a is b for a, b in zip(cells, row.cells, strict=True)):
        return row
    return replace(row, cells=tuple(cells))

