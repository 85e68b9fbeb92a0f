"""How screens and the app talk, without a screen importing the app.

Up: a screen asks for something by posting a `Request` to the app (`self.app.post_message`),
which handles it with `@on`: open someone's timeline, the log form, the contact form, ... (Not
posted to the screen to bubble up: the screen's actions run in the app's task when keys are
typed ahead, and Textual does not bubble a message back to the node that sent it.) Down: the app
publishes `JournalChanged` on its `journal_changed_signal` after every save, refresh or new
day; the screens that show journal data subscribe with `watch_journal`.

`Journal` is what a screen may read of the app: the store, today, the signal. Screens get it
with `journal_of(self.app)` rather than importing the concrete app (`screens.app` imports the
screens; a screen importing it back made an import circle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol, cast

from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal

from journal.model import Contact, Interaction, Kind, Occasion
from journal.store import JournalError, Store

# --- up: requests --------------------------------------------------------------------------


class Request(Message):
    """A screen asks the app for something. The app acts on it before it reads the next key
    (see `TypeAhead`): `l` then a note typed fast still lands in the log form."""


class TimelineRequested(Request):
    """Open someone's timeline."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class LogRequested(Request):
    """Open the log form for someone, on a kind and occasion if given."""

    def __init__(self, contact_id: str, kind: Kind | None = None,
                 occasion: Occasion | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.kind = kind
        self.occasion = occasion


class EditRequested(Request):
    """Open the contact form: on someone, or empty to add someone (`contact_id` None)."""

    def __init__(self, contact_id: str | None) -> None:
        super().__init__()
        self.contact_id = contact_id


class SnoozeRequested(Request):
    """Ask until when to snooze someone (or end their snooze)."""

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id


class ArchiveRequested(Request):
    """Archive someone (after asking), or bring them back (`archived` False)."""

    def __init__(self, contact_id: str, archived: bool = True) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.archived = archived


class EntryEditRequested(Request):
    """Open the log form on an entry of someone's timeline."""

    def __init__(self, interaction_id: str) -> None:
        super().__init__()
        self.interaction_id = interaction_id


class EntryDeleteRequested(Request):
    """Delete an entry of someone's timeline (after asking)."""

    def __init__(self, interaction_id: str) -> None:
        super().__init__()
        self.interaction_id = interaction_id


# --- down: the journal changed -------------------------------------------------------------


@dataclass(frozen=True)
class JournalChanged:
    """The journal changed (a save, another process's save, a new day, a new theme).
    `contact_id`: the change is known to be to that one person."""

    contact_id: str | None = None


class Journal(Protocol):
    """What screens read of the app."""

    store: Store
    journal_changed_signal: Signal[JournalChanged]

    def today(self) -> date: ...

    def latest_pairs(self) -> list[tuple[Contact, list[Interaction]]]:
        """`store.latest_pairs()`, or what a refresh has just read of it."""
        ...


def journal_of(app: App) -> Journal:
    """The running app, as the journal screens see it."""
    return cast(Journal, app)


def watch_journal(screen: Screen, changed: Callable[[JournalChanged], None]) -> None:
    """Call `changed` on every change to the journal, at once (a key typed after a save sees
    the screen as it is after it). A journal that cannot be read is said, not raised."""

    def safely(change: JournalChanged) -> None:
        try:
            changed(change)
        except JournalError as e:
            screen.notify(f"Could not show the latest journal: {e}", severity="error",
                          timeout=10, markup=False)

    journal_of(screen.app).journal_changed_signal.subscribe(screen, safely, immediate=True)


def in_sight(screen: Screen) -> bool:
    """Is `screen` in the current view's stack (shown, or under a timeline or a form)? A view
    out of sight only takes note of a change and rereads when it is shown again."""
    return screen in screen.app.screen_stack
