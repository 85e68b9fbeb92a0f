"""What the app tests share: the app on a journal and a frozen day, keys sent as a fast typist
sends them, waiting for the app to settle, and what the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from frozen import store_on
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from screens.app import JournalApp, create_app

NAMED_CHARACTERS = {"space": " ", "enter": "\r"}


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


async def settle(app: JournalApp, pilot: Pilot) -> None:
    """Let saves and reloads (thread workers) finish and the screens show them."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def screen_text(app: JournalApp) -> str:
    """What the terminal shows now, as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Type `keys` as one burst: every key is queued before the app reads the first
    (Pilot's `press` waits for the app between keys). Returns once the app has read them
    all and its workers are done."""
    app = pilot.app
    for key in keys:
        char = NAMED_CHARACTERS.get(key, key if len(key) == 1 else None)
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(20):  # until every key has been read and the screens settle
        await pilot.pause(0.01)
    await app.workers.wait_for_complete()
    await pilot.pause()
