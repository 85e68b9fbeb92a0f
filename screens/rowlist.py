"""A keyed list of one-line rows under a header, drawn with Textual's Line API.

Every table of the app is a `RowList`: the contacts, the three review lists and the timeline.
It keeps the rows as a plain list, draws only the lines in sight, and keeps each drawn line
while its item is the same object, so a refill costs the filtering and a few lines. It uses
only Textual's public API (`ScrollView`, `render_line`, `Strip`), so a new Textual release
cannot break it from the inside.

The columns fit the width they are given: when the screen is narrow, columns give way in
the order the screen chose, and whatever is cut ends with an ellipsis, never silently.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
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

from screens.text import fit

Cells = Sequence[Text]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header, the cells it wants, and how it gives way when narrow.

    `least`: how narrow it may get when it is one of the columns that give way first
    (`RowList.set_columns(give_way=...)`); past that, columns are cut from the right.
    `fill`: it takes the room the others leave (at least `width`), and is the last to give
    up its room.
    """

    label: str
    width: int
    least: int | None = None
    fill: bool = False


def fit_widths(columns: Sequence[Column], room: int, give_way: Sequence[int] = ()) -> list[int]:
    """Each column's width so that all fit in `room` cells (each padded by one a side).

    Too narrow: first the `give_way` columns, in that order, down to their `least`; then
    every column from the right (a `fill` column last) down to one cell, an ellipsis.
    Room to spare goes to the `fill` column.
    """
    widths = [max(c.width, 0) for c in columns]
    spare = room - 2 * len(columns) - sum(widths)
    fills = [i for i, c in enumerate(columns) if c.fill]
    if spare >= 0:
        if fills:
            widths[fills[0]] += spare
        return widths
    excess = -spare
    for i in give_way:
        least = columns[i].least
        if least is not None:
            cut = min(excess, max(0, widths[i] - least))
            widths[i] -= cut
            excess -= cut
    right_to_left = [i for i in reversed(range(len(columns))) if i not in fills]
    for i in right_to_left + fills:
        cut = min(excess, max(0, widths[i] - 1))
        widths[i] -= cut
        excess -= cut
    return widths


class RowList(ScrollView, can_focus=True):
    """Rows of `(key, item)` in columns, one selected by a cursor.

    `set_columns` gives the columns, `set_rows` the rows; `cells_of(item)` gives a row's
    cells (`Text`s; each is padded, or cut with an ellipsis, to its column) when the row is
    first drawn, so rows never in sight cost nothing. Rows whose keys are given as
    `headings` are labels across the whole line (a group's name), never under the cursor.
    `enter`, or a click on the row under the cursor, posts `RowList.Selected`; the cursor
    coming to another row posts `RowList.Highlighted`.
    """

    COMPONENT_CLASSES = {
        "rowlist--header",
        "rowlist--heading",
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
        & > .rowlist--heading {
            text-style: bold;
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

    class Highlighted(Message):
        """The cursor came to another row (`key` None: the list has no row to be on)."""

        def __init__(self, row_list: RowList, key: str | None) -> None:
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
        self._columns: tuple[Column, ...] = ()
        self._give_way: tuple[int, ...] = ()
        self._widths: tuple[int, ...] = ()  # fitted to `_room`
        self._room = -1
        self._keys: list[str] = []
        self._items: list[Any] = []
        self._headings: frozenset[str] = frozenset()
        self._index: dict[str, int] | None = {}
        self._cursor = 0
        self._told_key: str | None = None  # the key last posted as Highlighted
        # (key, look) -> (item, strip): a drawn line, kept while its item is the same object
        self._drawn: dict[tuple[str, str], tuple[Any, Strip]] = {}

    # -- content --

    def set_columns(self, columns: Sequence[Column], *, give_way: Sequence[int] = ()) -> None:
        """The columns, and which give way first when the list is too narrow (see
        `fit_widths`). Every row is drawn again."""
        self._columns, self._give_way = tuple(columns), tuple(give_way)
        self._room = -1  # fitted again at the next draw
        self._drawn.clear()
        self._resize_virtual()
        self.refresh()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def widths(self) -> tuple[int, ...]:
        """Each column's width as drawn now (fitted to the list's width)."""
        self._fit_to(self.scrollable_content_region.width)
        return self._widths

    def set_rows(self, rows: Sequence[tuple[str, Any]], *,
                 headings: Collection[str] = ()) -> None:
        """Replace every row; the cursor stays at the same place in the list (on the
        nearest row that is not a heading).

        A row is drawn again only when its item is another object than last time."""
        self._keys = [key for key, _ in rows]
        self._items = [item for _, item in rows]
        self._headings = frozenset(headings)
        self._index = None  # built when first asked for
        if len(self._drawn) > self.LINES_KEPT_MAX:
            self._drawn.clear()
        self._cursor = self._selectable(min(self._cursor, max(len(self._keys) - 1, 0)), 1)
        self._resize_virtual()
        self._scroll_to_cursor()
        self.refresh()
        self._tell_highlighted()

    def _resize_virtual(self) -> None:
        width = sum(self._widths) + 2 * len(self._widths)
        self.virtual_size = Size(width, len(self._keys) + 1)  # the header, then the rows

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[str]:
        """The row keys, top to bottom (headings too)."""
        return list(self._keys)

    def is_heading(self, index: int) -> bool:
        return self._keys[index] in self._headings

    def get_row_index(self, key: str) -> int:
        """Where the row of `key` is; KeyError when it is not in the list."""
        if self._index is None:
            self._index = {k: n for n, k in enumerate(self._keys)}
        return self._index[key]

    def get_row_at(self, index: int) -> Cells:
        """The cells of the row at `index` (as `cells_of` gives them, before fitting)."""
        return self.cells_of(self._items[index])

    def get_row(self, key: str) -> Cells:
        return self.get_row_at(self.get_row_index(key))

    def row_text(self, index: int) -> list[str]:
        """The cells of the row at `index` as they are drawn now: fitted to their columns
        (cut with an ellipsis), without the padding. A heading is one cell."""
        width = self.scrollable_content_region.width
        self._fit_to(width)
        cells = self.get_row_at(index)
        widths: Sequence[int] = self._widths
        if self.is_heading(index):
            cells, widths = cells[:1], (max(width - 2, 0),)
        text = self._strip(cells, Style(), width, widths).text
        out, at = [], 1
        for cell_width in widths:
            out.append(_cells_text(text, at, cell_width).rstrip())
            at += cell_width + 2
        return out

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor; None when there is no row to be on."""
        if not self._keys or self.is_heading(self._cursor):
            return None
        return self._keys[self._cursor]

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        """Put the cursor on row `row` (kept within the list, and off the headings: on the
        nearest row in the direction it moved) and bring it into sight."""
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        row = self._selectable(row, 1 if row >= self._cursor else -1)
        if row != self._cursor:
            old, self._cursor = self._cursor, row
            self._refresh_row(old)
            self._refresh_row(row)
        if scroll:
            self._scroll_to_cursor()
        self._tell_highlighted()

    def _selectable(self, row: int, step: int) -> int:
        """The nearest row from `row` that is not a heading, looking `step`-wards first."""
        if not self._headings or not self._keys:
            return row
        for direction in (step, -step):
            i = row
            while 0 <= i < len(self._keys):
                if not self.is_heading(i):
                    return i
                i += direction
        return row

    def _tell_highlighted(self) -> None:
        key = self.cursor_key
        if key != self._told_key:
            self._told_key = key
            self.post_message(self.Highlighted(self, key))

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
        if not 0 <= row < len(self._keys) or self.is_heading(row):
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

    def _fit_to(self, room: int) -> None:
        """Fit the columns to `room` cells (once per width: the lines are drawn again)."""
        if room == self._room:
            return
        self._room = room
        widths = tuple(fit_widths(self._columns, room, self._give_way))
        if widths != self._widths:
            self._widths = widths
            self._drawn.clear()
            self._resize_virtual()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._fit_to(width)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("rowlist--header")
            labels = [Text(c.label) for c in self._columns]
            return self._strip(labels, style, width)
        row = int(self.scroll_offset.y) + y - 1
        if row >= len(self._keys):
            return Strip.blank(width, base)
        key, item = self._keys[row], self._items[row]
        if key in self._headings:
            look = "heading"
        elif row == self._cursor:
            look = "cursor" if self.has_focus else "cursor-blurred"
        else:
            look = "even" if row % 2 else "odd"
        kept = self._drawn.get((key, look))
        if kept is not None and kept[0] is item and kept[1].cell_length == width:
            return kept[1]
        if look == "odd":
            style = base
        elif look == "even":
            style = base + self.get_component_rich_style("rowlist--even-row")
        elif look == "heading":
            style = base + self.get_component_rich_style("rowlist--heading")
        else:  # the component's style follows the focus (`:focus` in the CSS)
            style = base + self.get_component_rich_style("rowlist--cursor")
        cells = self.cells_of(item)
        if look == "heading":  # its first cell, across the whole line
            strip = self._strip(cells[:1], style, width, (max(width - 2, 0),))
        else:
            strip = self._strip(cells, style, width)
        self._drawn[key, look] = (item, strip)
        return strip

    def _strip(self, cells: Cells, style: Style, width: int,
               widths: Sequence[int] | None = None) -> Strip:
        line = Text(no_wrap=True, end="")
        for cell, cell_width in zip(cells, widths or self._widths, strict=False):
            if cell_width <= 0:
                cell = Text("")
            elif "\n" in cell.plain:  # a row is one line
                cell = Text(" ").join(cell.split("\n"))
            if cell.cell_len > cell_width:
                cell = fit(cell, cell_width)
            line.append(" ")
            line.append_text(cell)
            line.append(" " * (cell_width - cell.cell_len + 1))
        segments = Segment.apply_style(line.render(self.app.console), style)
        return Strip(segments, line.cell_len).adjust_cell_length(width, style)


def _cells_text(text: str, start: int, width: int) -> str:
    """The characters of `text` from cell `start`, `width` cells long (wide characters
    count two)."""
    from rich.cells import cell_len

    out, at = [], 0
    for char in text:
        if at >= start + width:
            break
        if at >= start:
            out.append(char)
        at += cell_len(char)
    return "".join(out)
