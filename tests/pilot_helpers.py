"""What the app tests share: the app on a journal and a frozen day, keys sent as a fast typist
sends them, waiting for the app to settle, and what the screen shows."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path

from frozen import store_on
from textual import events
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, key_to_character
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from screens.app import JournalApp, create_app
from screens.contacts import ContactsScreen
from screens.timeline import TimelineScreen

NAMED_CHARACTERS = {"space": " ", "enter": "\r"}
MOST_ROUNDS = 200  # a test whose app never goes quiet fails on what it sees then


def recording_app(path: Path, today: date) -> tuple[JournalApp, list[str]]:
    """The app on the journal at `path`, frozen on `today`, with its notifications recorded."""
    app = create_app(store_on(today)(path), today=lambda: today)
    said: list[str] = []
    notify: Callable[..., None] = app.notify

    def recording_notify(message: str, **kwargs: object) -> None:
        said.append(message)
        notify(message, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    return app, said


async def quiet(pilot: Pilot) -> None:
    """Until the app has dealt with everything it holds and everything that sets off in turn
    (a key to the app, on to the focused widget, its message to the screen, a save in a
    worker, the key typed after it), and the screen shows the result, scrolled where it
    goes. Each `pause(0)` waits for every widget to handle what it held, then paints: no
    sleeping until the process looks idle."""
    app = pilot.app
    for _ in range(MOST_ROUNDS):
        for worker in list(app.workers):
            with suppress(WorkerCancelled):  # the palette cancels a search as you type on
                await worker.wait()
        await pilot.pause(0)
        if not busy(app):
            break
    await pilot.wait_for_animation()  # a field scrolled into sight


def busy(app: JournalApp) -> bool:
    """Whether the app has a message waiting anywhere, or a worker not yet finished."""
    pumps = [app, *(node for screen in app.screen_stack
                    for node in screen.walk_children(with_self=True))]
    return (any(pump.message_queue_size for pump in pumps)
            or any(not worker.is_finished for worker in app.workers))


async def select(pilot: Pilot, app: JournalApp, contact_id: str) -> None:
    """Put the contacts list's cursor on the person, and wait until it shows."""
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    screen.select_contact(contact_id)
    await quiet(pilot)
    assert screen.current_contact_id() == contact_id


async def open_timeline(pilot: Pilot, app: JournalApp, contact_id: str) -> TimelineScreen:
    """From the contacts list, `enter` on the person: their timeline, once it shows."""
    await quiet(pilot)
    await select(pilot, app, contact_id)
    await press(pilot, "enter")
    assert isinstance(app.screen, TimelineScreen)
    return app.screen


# Rich writes each run of text of a screenshot as <text x=... clip-path="url(#ID-line-N)">,
# with x in SVG units: CHAR_WIDTH per terminal cell (its font is 20 units high, 0.61 wide)
_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([0-9.]+)" y="[0-9.]+" textLength="[0-9.]+" '
    r'clip-path="url\(#[^)]*-line-([0-9]+)\)">([^<]*)</text>'
)
CHAR_WIDTH = 20 * 0.61


def screen_text(app: JournalApp) -> str:
    """What the terminal shows now, as plain text: read from the app's own screenshot
    (`export_screenshot`, the SVG the snapshot tests compare), the screens below a dialog
    included, as a person sees them."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        row, column = rows[int(line)], round(float(x) / CHAR_WIDTH)
        for char in html.unescape(text).replace("\xa0", " "):  # Rich writes spaces as &#160;
            wide = unicodedata.east_asian_width(char) in "WF"
            if column < width:
                row[column] = char
                if wide and column + 1 < width:
                    row[column + 1] = ""  # the second cell of a wide character
            column += 2 if wide else 1
    return "\n".join("".join(row).rstrip() for row in rows)


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key`: a character ("a", "/", "ア") or a key name
    ("enter", "ctrl+u", "slash"), as Pilot names them."""
    if len(key) == 1:
        name = key
        if not key.isalnum():
            name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
            name = KEY_NAME_REPLACEMENTS.get(name, name)
        return events.Key(name, key)
    char = NAMED_CHARACTERS.get(key) or key_to_character(REPLACED_KEYS.get(key, key))
    return events.Key(key, char)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press `keys` as a fast typist does: every key reaches the app before it reads the
    first (the app must keep up: keys typed while a form opens land in it). Returns once
    the app has dealt with them all and the screen shows it."""
    for key in keys:
        pilot.app.post_message(key_event(key))
    await quiet(pilot)
