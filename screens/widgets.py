"""Small widgets shared by the screens: the view bar, keyboard choice fields, a form checkbox."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.widgets.data_table import Row, RowKey

VIEWS = (("1", "contacts", "Contacts"), ("2", "overdue", "Overdue"),
         ("3", "birthdays", "Birthdays"), ("4", "cards", "Cards"))


class ViewBar(Static):
    """The top line of a main screen: the four views with their keys, the current one lit.

    `ViewBar("overdue")` in a screen's compose; the right side can carry a short status.
    """

    DEFAULT_CSS = """
    ViewBar {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, current: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.current = current
        self._status = ""

    def on_mount(self) -> None:
        self._draw()

    def set_status(self, status: str) -> None:
        self._status = status
        self._draw()

    def _draw(self) -> None:
        parts: list[Content] = [Content(" journal ").stylize("bold")]
        for key, mode, label in VIEWS:
            if mode == self.current:
                parts.append(Content.from_markup(
                    "[reverse $primary] $key $label [/]", key=key, label=label))
            else:
                parts.append(Content.from_markup(
                    " [b $text-primary]$key[/] $label ", key=key, label=label))
        left = Content("").join(parts)
        right = Content(f"{self._status}  ? help  q quit ")
        gap = max(1, self.size.width - left.cell_length - right.cell_length)
        self.update(left + Content(" " * gap) + right.stylize("$text-muted"))

    def on_resize(self) -> None:
        self._draw()


T = TypeVar("T")


class Choice(Widget, Generic[T], can_focus=True):
    """One of a few values on one line: `left`/`right`/`space` cycle, a key picks one.

    The key of an option is given (`keys`) or its first letter; pressing a first letter
    again moves on to the next option starting with it. `enter` is left to the form (it
    saves). Every option is shown with the chosen one lit, so nothing has to be opened.
    With `allow_none` nothing is chosen at first; with `advance` picking by key moves the
    focus on to the next field.
    """

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: 1fr;
        background: $boost;
    }
    Choice:focus {
        background: $primary 25%;
    }
    """

    BINDINGS = [
        Binding("right,space", "step(1)", "Next", show=False),
        Binding("left", "step(-1)", "Previous", show=False),
    ]

    value: reactive[int] = reactive(0)

    class Changed(Message):
        """The choice changed (by key, cycling or `select`)."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        options: Sequence[tuple[str, T]],
        value: T | None = None,
        *,
        id: str | None = None,  # noqa: A002
        keys: Sequence[str] | None = None,
        advance: bool = False,
        allow_none: bool = False,
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.keys = list(keys) if keys else None
        self.advance = advance
        self.allow_none = allow_none
        default = -1 if allow_none else 0
        index = next((n for n, (_, v) in enumerate(self.options) if v == value), default)
        if value is None and allow_none:
            index = -1
        self.set_reactive(Choice.value, index)

    @property
    def selected(self) -> T | None:
        return None if self.value < 0 else self.options[self.value][1]

    def select(self, value: T | None) -> None:
        for n, (_, v) in enumerate(self.options):
            if v == value:
                self.value = n
                return
        if self.allow_none:
            self.value = -1

    def action_step(self, delta: int) -> None:
        if self.value < 0:
            self.value = 0 if delta > 0 else len(self.options) - 1
        else:
            self.value = (self.value + delta) % len(self.options)

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def _index_for(self, character: str) -> int | None:
        if self.keys is not None:
            return self.keys.index(character) if character in self.keys else None
        n = len(self.options)
        for step in range(1, n + 1):
            index = (self.value + step) % n
            if self.options[index][0].lower().startswith(character):
                return index
        return None

    def on_key(self, event: events.Key) -> None:
        if not event.character or not event.is_printable or event.key == "space":
            return
        index = self._index_for(event.character.lower())
        if index is None:
            return
        event.stop()
        event.prevent_default()
        self.value = index
        if self.advance:
            self.screen.focus_next()

    def render(self) -> Content:
        parts = []
        for n, (label, _) in enumerate(self.options):
            key = ""
            if self.keys is not None:
                key = f"[b $text-primary]{self.keys[n]}[/] " if n != self.value else ""
            if n == self.value:
                parts.append(Content.from_markup("[reverse b]$label[/]", label=f" {label} "))
            else:
                parts.append(Content.from_markup(f" {key}[$text-muted]$label[/] ",
                                                 label=label))
        return Content("").join(parts)


class FixedTable(DataTable):
    """A DataTable whose columns all have a fixed width.

    DataTable measures every cell of every new row to size auto-width columns; with fixed
    widths that work is thrown away, and it is most of the cost of refilling a table of
    thousands of rows on each key of a filter. Rows must be one line high.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if any(c.auto_width for c in self.columns.values()) or any(
            self.rows[k].auto_height for k in new_rows if k in self.rows
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(c.get_render_width(self) for c in self.columns.values())  # noqa
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self._total_row_height + header)

    def set_rows(self, rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        """Replace every row with `(key, cells)` pairs in one pass (columns are kept).

        Same result as `clear()` and `add_row(*cells, key=key)` for each, without the
        per-row bookkeeping `add_row` does (a cursor update per row), which dominates a
        refill of thousands of rows.
        """
        self.clear()
        try:
            keys = [c.key for c in self.ordered_columns]
            locations, data, table_rows, new_rows = (
                self._row_locations, self._data, self.rows, self._new_rows)
            for index, (key, cells) in enumerate(rows):
                row_key = RowKey(key)
                locations[row_key] = index
                data[row_key] = dict(zip(keys, cells, strict=False))
                table_rows[row_key] = Row(row_key, 1)
                new_rows.add(row_key)
        except AttributeError:  # a Textual whose insides moved: take the slow, public path
            self.clear()
            for key, cells in rows:
                self.add_row(*cells, key=key)
            return
        self._require_update_dimensions = True
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if rows and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()
        self.check_idle()
