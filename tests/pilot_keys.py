"""Keys sent to an app under Pilot the way a fast typist or tmux sends them."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

NAMED_CHARACTERS = {"space": " ", "enter": "\r"}


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
