"""Small widgets shared by the screens: the view bar, keyboard choice fields, a form checkbox."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.styled import Styled
from textual.screen import Screen
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

    def on_mount(self) -> None:
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
        right = Content("  ? help  q quit ")
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
    focus on to the next field. With `text_to` (the id of an `Input`), any other printable
    key moves the focus there and is typed into it, never lost.
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
        text_to: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.keys = list(keys) if keys else None
        self.advance = advance
        self.text_to = text_to
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

    def pick_by_key(self, event: events.Key) -> bool:
        """Pick the option of a typed key (and move on with `advance`); False if none.

        The app calls this as soon as it reads the key, before it routes the next one, so
        that with `advance` a key typed right after the pick reaches the next field.
        """
        if not event.character or not event.is_printable or event.key == "space":
            return False
        index = self._index_for(event.character.lower())
        if index is None:
            return self._type_on(event.character)
        self.value = index
        if self.advance:
            self.screen.focus_next()  # at once: Widget.focus() would wait for queued keys
        return True

    def _type_on(self, character: str) -> bool:
        """Type a key no option takes into the `text_to` field, and focus it."""
        if self.text_to is None:
            return False
        from textual.widgets import Input

        field = self.screen.query_one(f"#{self.text_to}", Input)
        self.screen.set_focus(field)
        # after the field has taken its focus (which may select what it holds), before the
        # keys typed after this one
        field.call_later(field.insert_text_at_cursor, character)
        return True

    def on_key(self, event: events.Key) -> None:
        if self.pick_by_key(event):
            event.stop()
            event.prevent_default()

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

    _drawn_cells: dict[tuple, tuple[object, list]] | None = None
    _kept_rows: dict[str, tuple] = {}  # noqa: RUF012 - replaced, never changed in place
    _kept_columns: list = []  # noqa: RUF012
    DRAWN_CELLS_MAX = 4000

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn_cells = None

    def _render_cell(self, row_index: int, column_index: int, base_style: RichStyle,
                     width: int, cursor: bool = False, hover: bool = False) -> list:
        """A body cell as DataTable draws it, kept while its content (a `Text`) is the same
        object: DataTable's own cache is emptied by every refill (`set_rows`), so after a
        filter key or a save every visible cell was drawn through Rich again, about 0.5 ms
        each. The row and column (mouse meta) are applied to the kept drawing afterwards."""
        try:
            if row_index < max(self.fixed_rows, 0) or column_index < max(self.fixed_columns, 0):
                raise LookupError
            row_key = self._row_locations.get_key(row_index)
            column_key = self._column_locations.get_key(column_index)
            content = self._data[row_key][column_key]
            if not isinstance(content, Text) or self.rows[row_key].height != 1:
                raise LookupError
        except (LookupError, AttributeError, TypeError):
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        key = (id(content), column_key, base_style, width, cursor, hover, self.show_cursor,
               self._show_hover_cursor, self.cursor_foreground_priority,
               self.cursor_background_priority, self._pseudo_class_state, self.cell_padding)
        drawn = self._drawn_cells
        if drawn is None:
            drawn = self._drawn_cells = {}
        kept = drawn.get(key)
        if kept is None or kept[0] is not content:
            component_style, post_style = self._get_styles_to_render_cell(
                False, False, False, hover, cursor, self.show_cursor,
                self._show_hover_cursor, self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css")
            options = self.app.console_options.update_dimensions(width, 1).update(
                no_wrap=True)
            lines = self.app.console.render_lines(
                Styled(Padding(content, (0, self.cell_padding)),
                       pre_style=base_style + component_style, post_style=post_style),
                options)
            if len(drawn) >= self.DRAWN_CELLS_MAX:
                drawn.clear()
            kept = drawn[key] = (content, lines)
        meta = RichStyle.from_meta({"row": row_index, "column": column_index})
        return [list(Segment.apply_style(line, post_style=meta)) for line in kept[1]]

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
            # a row's key, cells and metadata are kept from the last fill while its cells are
            # the same object (a filter key refills the same rows in another selection)
            kept = self._kept_rows if self._kept_columns == keys else {}
            fresh: dict[str, tuple[Sequence[object], RowKey, dict, Row]] = {}
            for index, (key, cells) in enumerate(rows):
                parts = kept.get(key)
                if parts is None or parts[0] is not cells:
                    row_key = RowKey(key)
                    parts = (cells, row_key, dict(zip(keys, cells, strict=False)),
                             Row(row_key, 1))
                fresh[key] = parts
                _, row_key, row_data, row = parts
                locations[row_key] = index
                data[row_key] = row_data
                table_rows[row_key] = row
                new_rows.add(row_key)
            if kept:
                kept.update(fresh)  # rows filtered out now are kept for the next key
                if len(kept) > 4 * max(len(fresh), 1000):
                    kept = fresh
            else:
                kept = fresh
            self._kept_rows, self._kept_columns = kept, keys
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


@dataclass(frozen=True, slots=True)
class _FooterKey:
    start: int  # cells from the left edge
    end: int
    key: str
    enabled: bool
    tooltip: str


class Footer(Widget):
    """The keys of the screen on one line, with the command palette's key at the right.

    Drawn as one line of text: Textual's footer is a widget per key, rebuilt (every key
    widget composed, styled and laid out again) whenever the keys may have changed, which
    made starting, switching views and closing a form noticeably slower. A click on a key
    presses it; hovering shows what it does.
    """

    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[_FooterKey] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def _shown(self) -> tuple[list[tuple[Binding, bool, str]], tuple[Binding, bool] | None]:
        """The keys to show (one per action, first binding wins) and the palette's key."""
        active = self.screen.active_bindings
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = (binding, enabled, tooltip or binding.tooltip)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = (found.binding, found.enabled)
        return list(by_action.values()), palette

    def render(self) -> Content:
        shown, palette = self._shown()
        parts: list[Content] = []
        keys: list[_FooterKey] = []
        at = 0
        for binding, enabled, tooltip in shown:
            item = self._item(binding, enabled)
            keys.append(_FooterKey(at, at + item.cell_length, binding.key, enabled, tooltip))
            at += item.cell_length
            parts.append(item)
        left = Content("").join(parts)
        if palette is None:
            self._keys = keys
            return left
        item = Content("▏").stylize("$foreground 20%") + self._item(*palette, pad=False)
        gap = self.size.width - left.cell_length - item.cell_length
        if gap < 1:  # no room: the palette's key gives way
            self._keys = keys
            return left
        start = self.size.width - item.cell_length
        keys.append(_FooterKey(start, self.size.width, palette[0].key, palette[1],
                               palette[0].tooltip or palette[0].description))
        self._keys = keys
        return left + Content(" " * gap) + item

    def _item(self, binding: Binding, enabled: bool, *, pad: bool = True) -> Content:
        """` l Log `: the key, bold, and what it does."""
        space = " " if pad else ""
        item = Content.assemble(
            (f"{space}{self.app.get_key_display(binding)} ",
             "bold $footer-key-foreground on $footer-key-background"),
            (f"{binding.description} ",
             "$footer-description-foreground on $footer-description-background"),
        )
        return item if enabled else item.stylize("dim")

    def _key_at(self, x: int) -> _FooterKey | None:
        return next((k for k in self._keys if k.start <= x < k.end), None)

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        self.tooltip = key.tooltip if key is not None and key.tooltip else None
