"""Keys typed ahead reach what the person was looking at when they typed them.

Textual hands each key to the focused widget and runs a binding only once the key has come back
up the DOM to the app. Meanwhile the app goes on reading keys, and the ones typed right after
go to the same widget. At typing speed on a slow machine, or in a burst (tmux, a script), that
lost keys: `l` then a quick note on a list opened the log form and gave the note's letters to
the list (whose `a` opened the add form) or to the kind (which took the `c` of "card" for a
call); `/` then a name typed the name into the list; `ctrl+u` then a date in a field cleared
the date after it was typed.

`TypeAhead`, mixed into the App, reads one key at a time, in order:

- a key typed while a screen is opening waits until it has mounted and focused its field;
- letters and digits in a text field go to it, queued in order, as Textual does;
- any other key runs its binding at once, after the text field has taken the keys before
  it; then the app waits for what the action set off (a row highlighted, a form submitted)
  before it reads the next key;
- a key that picks an option of a `Choice` and moves on (the kind in the log form) is
  applied at once;
- while keys are held (`hold_keys`: every save, a form waiting for its save), a key waits
  until they are released, so the keys typed after `enter` in the log form reach the list
  below, and `s w s w` on the overdue list snoozes the second person, not the first twice.
- a printable key that a `Choice` does not take moves on to its text field (`text_to`) and
  is typed there: a note typed before a kind is chosen keeps its every letter.
- a key read while a screen's `Request` (posted by the key before: `l` asks for the log
  form) waits for the app goes back in line behind it, with every key after it, in order;
  a form the app then opens in a worker holds the keys until it is up (`hold_keys`).

Each wait is short and bounded: a widget that never settles delays a key, never loses it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from screens.messages import Request
from screens.widgets import Choice

SCREEN_WAIT_SECONDS = 2.0  # the longest a key waits for the screen it was typed into
SETTLE_SECONDS = 0.3  # the longest a key waits for the one before it to be dealt with
HOLD_SECONDS = 10.0  # the longest a key waits for keys held to be released


class TypeAhead(App):
    """The key handling of `JournalApp`: see the module's docstring."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.key_read(event)
            if await self._route_key(event):
                return
        await super().on_event(event)

    _holds: tuple[asyncio.Event, ...] = ()
    _requests = 0  # screens' requests posted to the app and not yet acted on

    def post_message(self, message: Message) -> bool:
        posted = super().post_message(message)
        if posted and isinstance(message, Request):
            self._requests += 1
        return posted

    @on(Request)
    def _request_done(self) -> None:
        # the app's own handler (JournalApp comes first in the method order) has run
        self._requests -= 1

    def hold_keys(self) -> Callable[[], None]:
        """Keep the keys read from now on waiting until the function returned is called (and
        every other hold is released: two saves in a row hold keys until both are done)."""
        released = asyncio.Event()
        self._holds = (*self._holds, released)

        def release() -> None:
            released.set()
            self._holds = tuple(h for h in self._holds if h is not released)

        return release

    def key_read(self, event: events.Key) -> None:
        """Called for each key as the app reads it (before it acts on it)."""

    async def _route_key(self, event: events.Key) -> bool:
        """Act on the key now and return True, or False to let Textual route it."""
        try:
            screen = self.screen
        except Exception:  # noqa: BLE001 - no screen yet: Textual's own handling
            return False
        if self._requests:  # the key before asked the app for something: that comes first
            self.post_message(event)  # behind it in the app's queue, as every key after it
            return True
        if self._holds:
            deadline = time.monotonic() + HOLD_SECONDS
            while self._holds and (left := deadline - time.monotonic()) > 0:
                try:
                    await asyncio.wait_for(self._holds[0].wait(), left)
                except TimeoutError:
                    break
            screen = self.screen  # the form may have closed meanwhile
        await _mounted(screen)
        if screen.maximized is not None:
            return False  # escape minimizes: Textual's own handling
        self.app_focus = True  # as Textual does on a key
        focused = self.focused
        if isinstance(focused, Choice) and focused.pick_by_key(event):
            return True
        typing = isinstance(focused, (Input, TextArea))
        if typing and event.is_printable:
            return False  # text: queued in the field, in order
        if typing:
            await _settled([focused])  # the field has taken the letters typed before
        if await _run_binding(screen, event.key):
            await _settled(_chain(focused) or [screen])
            return True
        return False


async def _run_binding(screen: Screen, key: str) -> bool:
    """Run the action `key` is bound to on `screen` now, as Textual would: the binding its
    `active_bindings` gives (a priority one, else the nearest to the focus). False, and
    nothing done, when the key has no binding that can run: Textual routes it as usual."""
    found = screen.active_bindings.get(key)
    if found is None or not found.enabled:
        return False
    return await screen.app.run_action(found.binding.action, found.node)


async def _mounted(screen: Screen) -> None:
    """Wait until a screen that is opening has mounted (and focused its first field)."""
    deadline = time.monotonic() + SCREEN_WAIT_SECONDS
    while not screen.is_mounted and time.monotonic() < deadline:
        await asyncio.sleep(0.005)


def _chain(widget: Widget | None) -> list[MessagePump]:
    """A widget and its ancestors up to its screen, the way its messages bubble."""
    if widget is None:
        return []
    chain: list[MessagePump] = [widget]
    for node in widget.ancestors:
        if isinstance(node, App):
            break
        chain.append(node)
    return chain


async def _settled(pumps: list[MessagePump]) -> None:
    """Wait until each of `pumps` has dealt with the messages it has (in bubbling order)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    for pump in pumps:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        done = asyncio.Event()
        if not pump.call_later(done.set):  # queued behind its messages; False once closed
            continue
        try:
            await asyncio.wait_for(done.wait(), left)
        except TimeoutError:
            return
