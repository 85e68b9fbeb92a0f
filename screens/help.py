"""`?`: every key of the screen below and the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

# Keys handled by widgets rather than bindings, worth knowing on every list.
LIST_KEYS = [("↑ ↓", "Move in the list"), ("pgup pgdn", "A page at a time"),
             ("home end", "The first, the last")]
RENAMED = {"palette": "Command palette", "Keys": "This list of keys"}
EVERYWHERE_EXTRA = [("esc", "Back, or cancel a form")]


def _title(screen: Screen) -> str:
    name = type(screen).__name__.removesuffix("Screen")
    return {"Contacts": "Contacts", "Timeline": "Timeline"}.get(name, name)


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """(key, what it does) for each binding the screen's own classes declare.

    Textual's own screen keys (tab, copy) are left out: they are the same everywhere.
    """
    own: list[Binding] = []
    for cls in reversed(type(screen).__mro__):
        if cls.__module__.startswith("textual.") or "BINDINGS" not in cls.__dict__:
            continue
        own.extend(b for b in cls.__dict__["BINDINGS"] if isinstance(b, Binding))
    return _keys(screen, list(BindingsMap(own)), own=True)


def app_keys(screen: Screen) -> list[tuple[str, str]]:
    """(key, what it does) for the app's own keys, as they work on `screen` now."""
    app = screen.app
    return _keys(app, [(key, active.binding) for key, active in screen.active_bindings.items()
                       if active.node is app])


def _keys(node: DOMNode, bindings: list[tuple[str, Binding]],
          own: bool = False) -> list[tuple[str, str]]:
    """(keys, what they do); `own` bindings (the screen's) are told by their tooltip, if any."""
    app = node.app
    found: dict[str, list[str]] = {}
    for _key, binding in bindings:
        if not binding.description or binding.system:
            continue
        what = (binding.tooltip if own else "") or binding.description
        keys = found.setdefault(what, [])
        shown = app.get_key_display(
            Binding(_key, binding.action, key_display=binding.key_display))
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), RENAMED.get(description, description))
            for description, keys in found.items()]


def _table(rows: list[tuple[str, str]]) -> Content:
    width = max((len(k) for k, _ in rows), default=0)
    return Content("\n").join(
        Content.from_markup("  [b $text-primary]$key[/]  $what", key=k.ljust(width), what=w)
        for k, w in rows
    )


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened on, then the global ones."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    # narrow: the two lists one above the other; short: the keys scroll, "esc close" stays
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (76, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-short"), (24, "-middling"), (26, "-tall")]

    def __init__(self, below: Screen) -> None:
        super().__init__(classes="form help")
        self.below = below

    def compose(self) -> ComposeResult:
        here = screen_keys(self.below)
        everywhere = app_keys(self.below) + EVERYWHERE_EXTRA
        with Vertical(id="dialog"):
            yield Label(f"Keys: {_title(self.below)}", id="title")
            with VerticalScroll(id="keys-list"), Horizontal():
                with Vertical(classes="column"):
                    yield Static(Content.styled("On this screen", "bold"))
                    yield Static(_table(here + LIST_KEYS))
                with Vertical(classes="column"):
                    yield Static(Content.styled("Everywhere", "bold"))
                    yield Static(_table(everywhere))
            yield Static("esc close", classes="keys")

    def action_close(self) -> None:
        self.dismiss()
