"""Records and journals made by a program rather than a person: the demo journal, the
benchmarks' and the tests'.

`Records` makes contacts and interactions with ids from a seeded generator (the same seed,
the same ids) and, unless told, a fixed creation time: an interaction is created at noon of
its day, each one a microsecond after the one made before it, so entries of one day keep the
order they were made in. `write_journal` writes records through the real store in one
`bulk_add`, every change stamped at noon UTC of the journal's day, so the same records give
the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from journal.merge import utc_stamp
from journal.model import Contact, Interaction, Kind
from journal.store import Store

CREATED = datetime(2020, 1, 1, 9, 0)  # a contact's creation time unless told


class Records:
    """Reproducible records: ids of 12 hex digits, as the store makes them."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self.rng = rng or random.Random(0)
        self.ids: set[str] = set()
        self.made = 0  # interactions made: the microseconds that order one day's entries

    def contact(self, name: str, **fields: Any) -> Contact:
        """A contact called `name`; `fields` as `Contact` takes them (`id` too)."""
        fields.setdefault("created", CREATED)
        fields.setdefault("updated", fields["created"])
        return Contact(id=fields.pop("id", None) or self.new_id(), name=name, **fields)

    def interaction(self, contact: Contact | str, day: date, kind: Kind = Kind.MEETING,
                    **fields: Any) -> Interaction:
        """An interaction with `contact` (or its id) on `day`; `fields` as `Interaction` takes
        them (`id` too)."""
        self.made += 1
        fields.setdefault("created",
                          datetime.combine(day, time(12)) + timedelta(microseconds=self.made))
        contact_id = contact if isinstance(contact, str) else contact.id
        return Interaction(id=fields.pop("id", None) or self.new_id(), contact_id=contact_id,
                           kind=kind, date=day, **fields)

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
