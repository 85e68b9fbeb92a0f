"""The journal as the tests open it: on the same frozen day as the app they drive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from journal.store import Store


def store_on(day: date) -> Callable[[Path], Store]:
    """`Store.open` with today frozen on `day`: people a test adds are created on that day,
    as the app under test sees it, not on the calendar's day the suite happens to run."""

    def open_store(path: Path, **kwargs: object) -> Store:
        return Store.open(path, today=lambda: day, **kwargs)  # type: ignore[arg-type]

    return open_store
