"""Undo: the changes the app made, newest last, and how to take one back.

Every change the app saves runs inside `Store.noting()`, which notes each record the change
touches as it was before (None: the change made it). `Step.record` keeps that beside what the
change left, and `undo(store, step)` puts the records back as they were, through the store's
own writes: an added record is deleted (leaving a tombstone, as any deletion: a copy that
synced it meanwhile loses it too), a deleted one is put back with its tombstone taken away
(`Store.undelete`), an edited one gets its old fields back through `Store.edit_contact` /
`edit_interaction`, so a field another process changed since is a clash, never overwritten.

A step is undone only while its records are as it left them: `UndoClash` (nothing saved)
otherwise, naming what changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from journal.edits import EditClash
from journal.model import Contact, Interaction
from journal.store import JournalError, Store

Record = Contact | Interaction
Key = tuple[str, str]  # (table, record id)
Result = TypeVar("Result")

STEPS_KEPT = 50  # how far back `u` goes


class UndoClash(JournalError):
    """A step cannot be undone: what it changed was changed again meanwhile (another process,
    a sync). Nothing was saved."""


@dataclass(frozen=True)
class Step:
    """One change: what it was (`what`, as the app said it: "Logged a call with Ann") and
    each record it touched, before and after (None: absent)."""

    what: str
    before: dict[Key, Record | None]
    after: dict[Key, Record | None]

    @classmethod
    def record(cls, store: Store, what: str,
               change: Callable[[], Result]) -> tuple[Result, Step | None]:
        """Run `change` as one save and note what it did; the step is None when it changed
        no record (only settings, or nothing)."""
        with store.noting() as noted:
            result = change()
            after = {key: store.record_now(*key) for key in noted}
            before = dict(noted)
        changed = {k for k in before if not _same(before[k], after[k])}
        if not changed:
            return result, None
        return result, cls(what, {k: before[k] for k in changed}, {k: after[k] for k in changed})

    def _keys(self, table: str, was: bool | None, now: bool | None) -> Iterator[str]:
        """The ids of `table` present before (`was`) and after (`now`) as asked."""
        for (t, rid), old in self.before.items():
            new = self.after[(t, rid)]
            if t == table and (old is not None) == was and (new is not None) == now:
                yield rid


def _comparable(record: Record | None) -> Any:
    """What counts for "unchanged": every field but the contact's `updated` stamp."""
    if isinstance(record, Contact):
        return replace(record, updated=record.created)
    return record


def _same(a: Record | None, b: Record | None) -> bool:
    return _comparable(a) == _comparable(b)


def _changes(now: Record, then: Record) -> dict[str, Any]:
    """The fields to set on `now` to make it `then` again."""
    skip = {"id", "created", "updated", "contact_id"}
    return {f.name: getattr(then, f.name) for f in fields(then)
            if f.name not in skip and getattr(now, f.name) != getattr(then, f.name)}


def undo(store: Store, step: Step) -> None:
    """Put back what `step` changed, as one save; UndoClash (nothing saved) when a record it
    left was changed again since."""
    with store.batch():  # rereads the file first: the check sees other processes' saves
        for key, left in step.after.items():
            if not _same(store.record_now(*key), left):
                table, rid = key
                what = "a person" if table == "contacts" else "an entry"
                raise UndoClash(f"{what} it changed was changed again meanwhile; "
                                "nothing was undone")
        for rid in step._keys("contacts", was=False, now=True):
            if any(("interactions", i.id) not in step.after for i in store.interactions(rid)):
                raise UndoClash("the person it added has entries logged since; nothing was "
                                "undone")
        for rid in step._keys("interactions", was=False, now=True):
            store.delete_interaction(rid)
        for rid in step._keys("contacts", was=False, now=True):
            store.delete_contact(rid)
        gone_contacts = [step.before[("contacts", r)] for r in
                         step._keys("contacts", was=True, now=False)]
        gone_entries = [step.before[("interactions", r)] for r in
                        step._keys("interactions", was=True, now=False)]
        if gone_contacts or gone_entries:
            for entry in gone_entries:
                assert isinstance(entry, Interaction)
                if store.record_now("contacts", entry.contact_id) is None and not any(
                        c.id == entry.contact_id for c in gone_contacts if c is not None):
                    raise UndoClash("the person of a deleted entry is no longer in the "
                                    "journal; nothing was undone")
            store.undelete([c for c in gone_contacts if isinstance(c, Contact)],
                           [i for i in gone_entries if isinstance(i, Interaction)])
        for table in ("contacts", "interactions"):
            for rid in step._keys(table, was=True, now=True):
                now, then = step.after[(table, rid)], step.before[(table, rid)]
                assert now is not None and then is not None
                try:
                    if isinstance(now, Contact):
                        store.edit_contact(now, _changes(now, then))
                    else:
                        store.edit_interaction(now, _changes(now, then))
                except EditClash:  # checked above; a race with the lock held cannot happen
                    raise UndoClash("changed again meanwhile; nothing was undone") from None


class UndoLog:
    """The app's changes, newest last, at most `kept`."""

    def __init__(self, kept: int = STEPS_KEPT) -> None:
        self.kept = kept
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    def add(self, step: Step | None) -> None:
        if step is not None:
            self._steps = [*self._steps, step][-self.kept:]

    def last(self) -> Step | None:
        return self._steps[-1] if self._steps else None

    def pop(self) -> Step | None:
        """Take the newest step off (to undo it); None when there is none. A step that then
        cannot be undone (UndoClash) stays forgotten, so the ones before it still can be."""
        return self._steps.pop() if self._steps else None

    def undo_last(self, store: Store) -> Step | None:
        """Undo the newest step and forget it; None when there is nothing to undo."""
        step = self.pop()
        if step is not None:
            undo(store, step)
        return step
