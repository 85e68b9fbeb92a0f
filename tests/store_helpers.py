"""What tests compare of a store."""

from __future__ import annotations

from journal.store import Store


def everything(store: Store) -> tuple:
    """All a reader of the store sees, its indexes' answers included: those read from the
    index alone first, before the interactions are built."""
    touches = sorted(store.latest_touches(archived=True), key=lambda pair: pair[0].id)
    people = store.contacts(archived=True)
    latest = [store.latest(c.id) for c in people]
    return (
        touches,
        latest,
        people,
        [list(store.newest_first(c.id)) for c in people],
        store.all_interactions(),
        store.tombstones(),
    )
