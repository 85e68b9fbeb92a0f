"""What the three review screens (overdue, birthdays, cards) share.

Each is a title line, one `FixedTable(cursor_type="row")` keyed by contact id (cards adds
non-actionable section rows) and a kind message shown instead of an empty table. A screen
builds its rows in `rows()`; `reload()` re-reads the journal through `app.store`, refills the
table and keeps the cursor on the same person, or at the same place when that person has
left the list (so working down a list after each log goes on to the next person).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Static

from journal.store import Store
from screens.text import Palette, fit, safe_text
from screens.widgets import FixedTable, Footer, ViewBar

if TYPE_CHECKING:
    from screens.app import JournalApp

SECTION_PREFIX = "section:"
MIN_FLEX_WIDTH = 12  # a column that gives way keeps at least this many cells


@dataclass(frozen=True)
class Row:
    """One table row: a contact (key = contact id), or a section label when `section_row`."""

    key: str
    cells: Sequence[Any]
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
    # down to MIN_FLEX_WIDTH cells, then the next.
    FLEX_COLUMNS: tuple[int, ...] = (0,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sections: dict[str, str] = {}  # contact row key -> section
        self._rows: list[Row] = []
        self._widths: tuple[int, ...] = ()
        self._loaded_on: date | None = None  # the day the rows were computed for
        self._can_act: bool | None = None  # is someone under the cursor (for the footer)
        self._last_row = 0
        self._title_parts: tuple[str, ...] = ()
        self.stale = False  # the journal changed while out of sight: reload when shown

    # -- what a screen provides --

    def columns(self) -> Sequence[str]:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        """Build the rows from `self.store` and `self.today`; also update the title."""
        raise NotImplementedError

    # -- the app --

    @property
    def journal_app(self) -> JournalApp:
        return cast("JournalApp", self.app)

    @property
    def store(self) -> Store:
        return self.journal_app.store

    @property
    def today(self) -> date:
        return self.journal_app.today()

    @property
    def palette(self) -> Palette:
        """Styles for cells, from the running theme (read afresh on each reload)."""
        return Palette.of(self.app)

    # -- layout --

    def compose(self) -> ComposeResult:
        yield ViewBar(self.MODE)
        yield Static(id="review-title", markup=False)
        yield FixedTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Static(self.EMPTY_MESSAGE, id="review-empty", markup=False)
        yield Footer()

    @property
    def table(self) -> FixedTable:
        return self.query_one("#review-table", FixedTable)

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
        self.reload()

    def on_screen_resume(self) -> None:
        # A change to the journal while this view was out of sight left it stale
        # (app.journal_changed); the day may have turned since, too.
        if self.stale or self.today != self._loaded_on:
            self.reload()

    def on_resize(self) -> None:
        if self._title_parts:
            self._show_title()
        if self._rows and self._column_widths(self._rows) != self._widths:
            self._fill(self._rows)

    # -- filling the table --

    def reload(self) -> None:
        """Re-read the journal and refill the table, keeping the cursor on the same person."""
        if not self.query("#review-table"):
            return  # not composed yet: on_mount reads everything
        self._loaded_on = self.today
        self.stale = False
        self._fill([safe_row(row) for row in self.rows()])

    def _fill(self, rows: list[Row]) -> None:
        table = self.table
        old_key = self.current_key()
        old_section = self._sections.get(old_key or "")
        old_index = table.cursor_row
        self._rows = rows
        self._sections = {r.key: r.section for r in rows if not r.section_row}
        widths = self._column_widths(rows)
        if widths != self._widths:
            table.clear(columns=True)
            for label, width in zip(self.columns(), widths, strict=True):
                table.add_column(label, width=width)
            self._widths = widths
        blank = [Text("")] * len(widths)
        table.set_rows([
            (row.key, self._fit([*row.cells, *blank[len(row.cells):]], widths)) for row in rows
        ])
        empty = not self._sections
        table.display = not empty
        self.query_one("#review-empty").display = empty
        if empty:
            self._update_keys()
            return
        if old_key in self._sections and self._sections[old_key] == old_section:
            target = table.get_row_index(old_key)
        else:
            target = self._actionable(min(old_index, table.row_count - 1), down=True)
        table.move_cursor(row=target, animate=False)
        self._last_row = target
        if self.focused is None:
            self.set_focus(table)
        self._update_keys()

    def _column_widths(self, rows: list[Row]) -> tuple[int, ...]:
        """Each column as wide as its widest cell; the flex columns give way when narrow."""
        headers = list(self.columns())
        widths = [cell_len(h) for h in headers]
        for row in rows:
            for i, cell in enumerate(row.cells):
                if not row.section_row or i == 0:
                    widths[i] = max(widths[i], _width(cell))
        width = self.size.width or self.app.size.width  # before the first layout: the app's
        # 1 for the vertical scrollbar, 2 cells of padding around each column
        excess = sum(widths) + 1 + 2 * len(headers) - width
        for i in self.FLEX_COLUMNS:  # in order: the first gives way down to its minimum
            cut = max(0, min(excess, widths[i] - MIN_FLEX_WIDTH))
            widths[i] -= cut
            excess -= cut
        return tuple(widths)

    def _fit(self, cells: list[Any], widths: Sequence[int]) -> list[Any]:
        """Shorten the cells of flex columns to their width, with an ellipsis."""
        for i in self.FLEX_COLUMNS:
            cell = cells[i]
            if _width(cell) > widths[i]:
                cells[i] = fit(cell if isinstance(cell, Text) else Text(str(cell)), widths[i])
        return cells

    def current_key(self) -> str | None:
        """The contact id under the cursor, or None (no rows, or a section row)."""
        if not self.query("#review-table"):
            return None
        table = self.table
        if table.row_count == 0 or not table.display:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None or key.startswith(SECTION_PREFIX):
            return None
        return key

    def _update_keys(self) -> None:
        """Grey out the footer's keys when there is no one to act on (only on a change:
        refreshing bindings rebuilds the footer)."""
        can_act = self.current_key() is not None
        if can_act != self._can_act:
            self._can_act = can_act
            self.refresh_bindings()

    def current_contact_id(self) -> str | None:
        """The person under the cursor (the app's command palette offers actions on them)."""
        return self.current_key()

    def _is_section(self, index: int) -> bool:
        key = self.table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value
        return key is None or key.startswith(SECTION_PREFIX)

    def _actionable(self, index: int, *, down: bool) -> int:
        """The nearest contact row from `index`, looking `down` first, then the other way."""
        count = self.table.row_count
        steps = (1, -1) if down else (-1, 1)
        for step in steps:
            i = index
            while 0 <= i < count:
                if not self._is_section(i):
                    return i
                i += step
        return index

    @on(DataTable.RowHighlighted, "#review-table")
    def _skip_section_rows(self, event: DataTable.RowHighlighted) -> None:
        table = self.table
        if event.cursor_row != table.cursor_row:
            return  # stale: the cursor has moved on since
        row = event.cursor_row
        if self._is_section(row):
            target = self._actionable(row, down=row >= self._last_row)
            if target != row:
                table.move_cursor(row=target)
                return
        self._last_row = row
        self._update_keys()

    @on(DataTable.RowSelected, "#review-table")
    def _row_clicked(self, event: DataTable.RowSelected) -> None:
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
            self.journal_app.open_timeline(cid)

    def action_log(self) -> None:
        if (cid := self.current_key()) is not None:
            self.journal_app.log_for(cid)


def safe_row(row: Row) -> Row:
    """The row with its text cells safe to draw (names and reasons come from the journal)."""
    cells = [safe_text(c) if isinstance(c, Text) else c for c in row.cells]
    if all(a is b for a, b in zip(cells, row.cells, strict=True)):
        return row
    return replace(row, cells=tuple(cells))


def _width(cell: Any) -> int:
    if isinstance(cell, Text):
        return cell.cell_len
    return cell_len(str(cell))
