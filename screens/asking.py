"""Forms and questions whose answer the app awaits: `answer = await self.ask(Form(...))` in a
flow started with `self.start(...)`, one straight line of code instead of nested callbacks.

Why not Textual's `push_screen_wait` in a `@work` worker: such a worker lives as long as its
form is open, so `await app.workers.wait_for_complete()` (the step every Pilot test takes
before asserting) would wait for the person to close the form, and never return. A flow is
an asyncio task the app keeps; `ask` awaits the form's `dismiss` through `push_screen`'s
callback. The slow work a flow sets off (a dry run, a save) still runs in thread workers,
which the tests wait for. An error in a flow ends the app with its traceback, as a worker's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

Answer = TypeVar("Answer")  # what a form or question returns


class Asking(App):
    """Mixed into the JournalApp."""

    _flows: set[asyncio.Task[None]]

    def start(self, flow: Coroutine[Any, Any, None]) -> None:
        """Run `flow` (which may `ask`) beside the app's message loop."""
        if not hasattr(self, "_flows"):
            self._flows = set()  # kept here: the loop holds tasks only weakly
        task = asyncio.create_task(flow)
        self._flows.add(task)
        task.add_done_callback(self._flow_ended)

    def _flow_ended(self, task: asyncio.Task[None]) -> None:
        self._flows.discard(task)
        if task.cancelled() or (error := task.exception()) is None:
            return

        def fail() -> None:
            raise error  # in the app's loop: Textual shows it and exits, as for a worker

        self.call_later(fail)

    async def ask(self, screen: Screen[Answer],
                  opening: Callable[[], None] | None = None) -> Answer:
        """Open `screen` and wait for its answer (its `dismiss`). `opening` releases the keys
        held since it was asked for (TypeAhead.hold_keys), once it is up: the keys typed
        meanwhile are its."""
        answer: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()

        def answered(result: Answer | None) -> None:
            if not answer.done():
                answer.set_result(result)  # type: ignore[arg-type]

        if opening is not None:
            screen.call_later(opening)  # its first message, after its mount
        self.push_screen(screen, answered)
        return await answer
