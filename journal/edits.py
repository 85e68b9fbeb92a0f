"""Two writers, one record: an edit saves only what it changed, onto the record as it is now.

A form opens on a record (`base`) and later hands back the fields the person changed. Meanwhile
another process (`journal edit NAME --notes ...`) may have saved the same record. `merge` puts
the edit's changes on the record as it is now (`current`): a field changed only by the edit is
taken from it, a field changed only by the other writer is kept, and a field both changed to
different values is a `Clash`, for the person to decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from journal.journal_file import JournalError


@dataclass(frozen=True)
class Clash:
    """A field both the edit and another writer changed, to different values."""

    field: str
    mine: Any  # what the edit set
    theirs: Any  # what was saved meanwhile


class EditClash(JournalError):
    """An edit was not saved: fields in it were changed meanwhile by another writer.

    `current` is the record as it is now; `clashes` the fields in question. Nothing was saved.
    """

    def __init__(self, current: Any, clashes: Sequence[Clash]) -> None:
        fields = ", ".join(c.field for c in clashes)
        super().__init__(f"changed meanwhile by another process: {fields}; nothing was saved")
        self.current = current
        self.clashes = tuple(clashes)


def changed_fields(before: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose value differs from `before`'s."""
    return {name: value for name, value in fields.items() if getattr(before, name) != value}


def merge(base: Any, changes: Mapping[str, Any],
          current: Any) -> tuple[dict[str, Any], list[Clash]]:
    """The `changes` made to `base` that can go onto `current` as they are, and the clashes.

    A change clashes when `current` holds another value than `base` did for that field (someone
    saved it meanwhile) and that value is not the one the edit wants either.
    """
    apply: dict[str, Any] = {}
    clashes: list[Clash] = []
    for name, mine in changes.items():
        theirs = getattr(current, name)
        if theirs == getattr(base, name) or theirs == mine:
            apply[name] = mine
        else:
            clashes.append(Clash(name, mine, theirs))
    return apply, clashes


def settled(base: Any, clashes: Sequence[Clash]) -> Any:
    """`base` as if the person had seen the values saved meanwhile: after they chose, the
    same changes merge onto the record without those clashes (and clash again only if the
    field changes once more)."""
    return replace(base, **{c.field: c.theirs for c in clashes})
