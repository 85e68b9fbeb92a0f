"""A keyed list of one-line rows under a header, drawn with Textual's Line API.

DataTable keeps a row object per row and redraws every visible cell through Rich after
each refill; with thousands of people that made each key of the filter slow. `RowList`
keeps the rows as a plain list, draws only the lines in sight, and keeps each drawn line
while its cells are the same objects, so a refill costs the filtering and a few lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = Sequence[Text]


class RowList(ScrollView, can_focus=True):
    """Rows of `(key, item)` in fixed-width columns, one selected by a cursor.

    `set_columns` gives the labels and widths, `set_rows` the rows; `cells_of(item)` gives
    a row's cells (`Text`s, padded or cut to their column) when the row is first drawn, so
    rows never in sight cost nothing. `enter`, or a click on the row under the cursor,
    posts `RowList.Selected`.
    """

    COMPONENT_CLASSES = {
        "rowlist--header",
        "rowlist--cursor",
        "rowlist--even-row",
    }

    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        &:focus {
            & > .rowlist--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .rowlist--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .rowlist--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .rowlist--even-row {
            background: $surface-darken-1 40%;
        }
        & > .rowlist--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "select", "Select", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First", show=False),
        Binding("end,ctrl+end", "last", "Last", show=False),
    ]

    class Selected(Message):
        """A row was chosen (`enter`, or a click on the row under the cursor)."""

        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    LINES_KEPT_MAX = 4000  # drawn lines kept between refills

    def __init__(self, cells_of: Callable[[Any], Cells], *,
                 id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.cells_of = cells_of
        self._labels: tuple[str, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._keys: list[str] = []
        self._items: list[Any] = []
        self._index: dict[str, int] | None = {}
        self._cursor = 0
        # (key, look) -> (item, strip): a drawn line, kept while its item is the same object
        self._drawn: dict[tuple[str, str], tuple[Any, Strip]] = {}

    # -- content --

    def set_columns(self, labels: Sequence[str], widths: Sequence[int]) -> None:
        """The column headers and their widths in cells (each cell is padded by one a side).

        Every row is drawn again: `cells_of` may answer differently for other widths."""
        self._labels, self._widths = tuple(labels), tuple(widths)
        self._drawn.clear()
        self._resize_virtual()
        self.refresh()

    def set_rows(self, rows: Sequence[tuple[str, Any]]) -> None:
        """Replace every row; the cursor stays at the same place in the list.

        A row is drawn again only when its item is another object than last time."""
        self._keys = [key for key, _ in rows]
        self._items = [item for _, item in rows]
        self._index = None  # built when first asked for
        if len(self._drawn) > self.LINES_KEPT_MAX:
            self._drawn.clear()
        self._cursor = min(self._cursor, max(len(self._keys) - 1, 0))
        self._resize_virtual()
        self._scroll_to_cursor()
        self.refresh()

    def _resize_virtual(self) -> None:
        width = sum(w + 2 for w in self._widths)
        self.virtual_size = Size(width, len(self._keys) + 1)  # the header, then the rows

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The row keys, top to bottom."""
        return list(self._keys)

    def get_row_index(self, key: str) -> int:
        """Where the row of `key` is; KeyError when it is not in the list."""
        if self._index is None:
            self._index = {k: n for n, k in enumerate(self._keys)}
        return self._index[key]

    def get_row_at(self, index: int) -> Cells:
        return self.cells_of(self._items[index])

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor; None when the list is empty."""
        return self._keys[self._cursor] if self._keys else None

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        """Put the cursor on row `row` (kept within the list) and bring it into sight."""
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row == self._cursor:
            if scroll:
                self._scroll_to_cursor()
            return
        old, self._cursor = self._cursor, row
        self._refresh_row(old)
        self._refresh_row(row)
        if scroll:
            self._scroll_to_cursor()

    # -- keys and mouse --

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self._cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self._cursor + direction * max(self._page_height() - 1, 1))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select(self) -> None:
        if (key := self.cursor_key) is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:  # the header
            return
        row = int(self.scroll_offset.y) + event.y - 1
        if not 0 <= row < len(self._keys):
            return
        if row == self._cursor:
            self.action_select()
        else:
            self.move_cursor(row=row, scroll=False)

    # -- drawing --

    def _page_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_offset.y)
        page = self._page_height()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + page:
            self.scroll_to(y=self._cursor - page + 1, animate=False, immediate=True)

    def _refresh_row(self, row: int) -> None:
        y = row - int(self.scroll_offset.y) + 1
        if y >= 1:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._refresh_row(self._cursor)  # the cursor's colours change with the focus

    def on_blur(self) -> None:
        self._refresh_row(self._cursor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("rowlist--header")
            labels = [Text(label) for label in self._labels]
            return self._strip(labels, style, width)
        row = int(self.scroll_offset.y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, base)
        if row == self._cursor:
            look = "cursor" if self.has_focus else "cursor-blurred"
        else:
            look = "even" if row % 2 else "odd"
        key, item = self._keys[row], self._items[row]
        kept = self._drawn.get((key, look))
        if kept is not None and kept[0] is item and kept[1].cell_length == width:
            return kept[1]
        if look == "odd":
            style = base
        elif look == "even":
            style = base + self.get_component_rich_style("rowlist--even-row")
        else:  # the component's style follows the focus (`:focus` in the CSS)
            style = base + self.get_component_rich_style("rowlist--cursor")
        strip = self._strip(self.cells_of(item), style, width)
        self._drawn[key, look] = (item, strip)
        return strip

    def _strip(self, cells: Cells, style: Style, width: int) -> Strip:
        line = Text(no_wrap=True, end="")
        for cell, cell_width in zip(cells, self._widths, strict=False):
            if cell.cell_len != cell_width:
                cell = cell.copy()
                cell.truncate(cell_width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(cell)
            line.append(" ")
        segments = Segment.apply_style(line.render(self.app.console), style)
        return Strip(segments, line.cell_len).adjust_cell_length(width, style)
