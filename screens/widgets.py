"""Small widgets shared by the screens: the view bar, keyboard choice fields, a form checkbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from screens.text import clip

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
        """The widest form that fits: the title goes first, then the words of `? help`;
        `q quit` stays."""
        views: list[Content] = []
        for key, mode, label in VIEWS:
            if mode == self.current:
                views.append(Content.from_markup(
                    "[reverse $primary] $key $label [/]", key=key, label=label))
            else:
                views.append(Content.from_markup(
                    " [b $text-primary]$key[/] $label ", key=key, label=label))
        title = Content(" journal ").stylize("bold")
        width = self.size.width
        forms = [
            ([title, *views], "  ? help  q quit "),
            (views, "  ? help  q quit "),
            (views, " ? help q quit "),
            (views, " q quit "),
        ]
        for parts, keys in forms:
            left = Content("").join(parts)
            if left.cell_length + len(keys) <= width:
                break
        gap = max(0, width - left.cell_length - len(keys))
        self.update(left + Content(" " * gap) + Content(keys).stylize("$text-muted"))

    def on_resize(self) -> None:
        self._draw()


class Field(Input):
    """A one-line text field whose hint (the placeholder), when it does not fit, ends with an
    ellipsis. `Input` wraps a long placeholder at a word and shows its first line, so on a
    narrow screen "empty = not tracked" read "empty = not"."""

    def __init__(self, value: str | None = None, placeholder: str = "",
                 **kwargs: Any) -> None:
        super().__init__(value, placeholder, **kwargs)
        self.hint = placeholder

    def on_resize(self) -> None:
        room = self.scrollable_content_region.width
        if room > 0:
            self.placeholder = clip(self.hint, room)


T = TypeVar("T")


class Choice(Widget, Generic[T], can_focus=True):
    """One of a few values on one line: `left`/`right`/`space` cycle, a key picks one.

    The key of an option is given (`keys`) or its first letter; pressing a first letter
    again moves on to the next option starting with it. `enter` is left to the form (it
    saves). Every option is shown with the chosen one lit, so nothing has to be opened; when
    they do not fit on one line they take another (never cut).
    With `allow_none` nothing is chosen at first; with `advance` picking by key moves the
    focus on to the next field. With `text_to` (the id of an `Input` or a `TextArea`), any
    other printable key moves the focus there and is typed into it, never lost.
    """

    DEFAULT_CSS = """
    Choice {
        height: auto;
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

    value: reactive[int] = reactive(0, layout=True)  # the options may take another line

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
        from textual.widgets import Input, TextArea

        field = self.screen.query_one(f"#{self.text_to}")
        self.screen.set_focus(field)
        # after the field has taken its focus (which may select what it holds), before the
        # keys typed after this one
        if isinstance(field, TextArea):
            field.call_later(field.insert, character)
        elif isinstance(field, Input):
            field.call_later(field.insert_text_at_cursor, character)
        return True

    def on_key(self, event: events.Key) -> None:
        if self.pick_by_key(event):
            event.stop()
            event.prevent_default()

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def _lines(self, width: int) -> list[Content]:
        """The options on as many lines as `width` needs: an option is cut (with an
        ellipsis) only when it is wider than a whole line."""
        lines: list[Content] = []
        line: list[Content] = []
        used = 0
        for part in self._parts():
            if width > 0 and part.cell_length > width:
                part = part.truncate(width, ellipsis=True)
            if line and used + part.cell_length > width:
                lines.append(Content("").join(line))
                line, used = [], 0
            line.append(part)
            used += part.cell_length
        lines.append(Content("").join(line))
        return lines

    def _parts(self) -> list[Content]:
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
        return parts


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
        items = [self._item(binding, enabled) for binding, enabled, _ in shown]
        # too narrow: the keys before the last (`? Keys`, which lists them all) give way
        # from the right, whole
        while len(items) > 1 and sum(i.cell_length for i in items) > self.size.width:
            del items[-2], shown[-2]
        parts: list[Content] = []
        keys: list[_FooterKey] = []
        at = 0
        for (binding, enabled, tooltip), item in zip(shown, items, strict=True):
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
