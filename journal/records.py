"""Journals made by a program rather than a person: the demo journal and the benchmarks'.

`Records` gives record ids from a seeded generator (the same seed, the same ids);
`write_journal` writes the records through the real store in one `bulk_add`, every change
stamped at noon UTC of the journal's day, so the same records give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from journal.merge import utc_stamp
from journal.model import Contact, Interaction
from journal.store import Store


class Records:
    """Reproducible record ids (12 hex digits, as the store makes them)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids: set[str] = set()

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(48):012x}"
            if candidate not in self.ids:
                self.ids.add(candidate)
                return candidate


def write_journal(
    path: Path,
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    *,
    today: date,
    meta: Mapping[str, Any],
) -> Store:
    """A new journal at `path` holding these records and settings, as of `today`."""
    store = Store.open(path, today=lambda: today)
    changed = utc_stamp(datetime.combine(today, time(12), UTC))
    store.clock = lambda: changed  # the same records and day give the same file
    with store.batch():
        store.bulk_add(list(contacts), list(interactions))
        for key, value in meta.items():
            store.set_meta(key, value)
    return store
