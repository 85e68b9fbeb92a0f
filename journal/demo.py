"""`journal --demo`: a throw-away copy of the sample journal, re-dated to today.

The sample journal (`sample_data/demo.json`) is written as of a fixed day, its `demo_anchor`.
`open_demo` reads it (never writes it), moves every date by `today - anchor` so the demo looks
the same whatever day it is opened (the same people overdue, the same birthdays coming up, the
same reply owed), and writes the result to a new journal in a temporary folder.

Season cards move differently: a New Year card greets a season, so moving it by a number of
days would carry it into another one. Cards (occasion `season`) and the no-cards-until dates of
the mourning move by whole seasons instead, so last season's cards stay last season's and this
season's stay this season's; a card that would land after today is dated today.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from journal.cadence import add_years
from journal.journal_file import JournalError, decode
from journal.merge import META_CHANGED, META_DOC_ID
from journal.model import (
    Birthday,
    Contact,
    Interaction,
    Occasion,
    contact_from_doc,
    interaction_from_doc,
)
from journal.paths import sample_journal_path
from journal.rules import current_season, next_birthday
from journal.store import SCHEMA_VERSION, Store, check_tables, migrate, schema_of

DEMO_FILE_NAME = "demo.json"
ANCHOR_KEY = "demo_anchor"


def open_demo(today: date, folder: Path | None = None) -> Path:
    """Copy the sample journal into a new folder, re-dated to `today`; returns the copy's path.

    `folder` defaults to a fresh temporary folder. The sample journal is only read. An existing
    journal in `folder` is never replaced (FileExistsError).
    """
    source = sample_journal_path()
    contacts, interactions, meta = read_journal(source)
    anchor = demo_anchor(meta, interactions, today)
    contacts, interactions = redate(contacts, interactions, anchor, today)

    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="journal-demo-"))
    else:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
    target = folder / DEMO_FILE_NAME
    if target.exists():
        raise FileExistsError(f"{target}: a journal is already there; the demo will not replace it")

    store = Store.open(target, today=lambda: today)
    with store.batch():
        store.bulk_add(contacts, interactions)
        for key, value in meta.items():
            if key not in ("schema", META_CHANGED, ANCHOR_KEY):
                store.set_meta(key, value)
        store.set_meta(ANCHOR_KEY, today.isoformat())
        store.set_meta("demo_source_anchor", anchor.isoformat())
    return target


def read_journal(path: Path) -> tuple[list[Contact], list[Interaction], dict]:
    """The records and meta of a journal file, read without writing anything (older schemas are
    migrated in memory)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise JournalError(f"{path}: cannot read the sample journal: {e.strerror}") from None
    doc = decode(path, raw)
    schema = schema_of(path, doc)
    tables = check_tables(path, doc)
    if schema < SCHEMA_VERSION:
        migrate(path, tables, schema)
    try:
        contacts = [contact_from_doc(d) for d in tables["contacts"].values()]
        interactions = [interaction_from_doc(d) for d in tables["interactions"].values()]
    except (KeyError, TypeError, ValueError) as e:
        raise JournalError(f"{path}: a record is malformed: {e}") from None
    return contacts, interactions, dict(tables["meta"][META_DOC_ID])


def demo_anchor(meta: dict, interactions: list[Interaction], today: date) -> date:
    """The day the sample journal was written as of: its `demo_anchor`, else its latest
    interaction, else today (no shift)."""
    value = meta.get(ANCHOR_KEY)
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return max((i.date for i in interactions), default=today)


# --- re-dating --------------------------------------------------------------------------------


class Redater:
    """Moves the dates of a journal written as of `anchor` so that it reads as of `today`."""

    def __init__(self, anchor: date, today: date) -> None:
        self.anchor = anchor
        self.today = today
        self.delta = today - anchor
        self.years = current_season(today) - current_season(anchor)

    def day(self, d: date) -> date:
        return d + self.delta

    def moment(self, dt: datetime) -> datetime:
        return dt + self.delta

    def season_day(self, d: date) -> date:
        """A season card's date, moved by whole seasons and never after today."""
        return min(add_years(d, self.years), self.today)

    def birthday(self, b: Birthday) -> Birthday:
        """Move a birthday by the same days, so it stays as near; the age a person turns at
        their next birthday stays the same. 29 February stays only if it lands there."""
        if not self.delta:
            return b
        coming = next_birthday(b, self.anchor)
        moved = coming + self.delta
        year = None if b.year is None else b.year + (moved.year - coming.year)
        try:
            return Birthday(moved.month, moved.day, year)
        except ValueError:  # 29 February in a year of birth that was not a leap year
            return Birthday(2, 28, year)

    def interaction(self, i: Interaction) -> Interaction:
        if i.occasion is Occasion.SEASON:
            new = self.season_day(i.date)
        else:
            new = self.day(i.date)
        return replace(i, date=new, created=i.created + (new - i.date))

    def contact(self, c: Contact) -> Contact:
        return replace(
            c,
            birthday=self.birthday(c.birthday) if c.birthday else None,
            snoozed_until=self.day(c.snoozed_until) if c.snoozed_until else None,
            no_cards_until=add_years(c.no_cards_until, self.years) if c.no_cards_until else None,
            created=self.moment(c.created),
            updated=self.moment(c.updated),
        )


def redate(
    contacts: list[Contact], interactions: list[Interaction], anchor: date, today: date
) -> tuple[list[Contact], list[Interaction]]:
    """The records moved from `anchor` to `today` (see the module docstring)."""
    r = Redater(anchor, today)
    moved = [r.interaction(i) for i in interactions]
    first: dict[str, date] = {}
    for i in moved:
        if i.contact_id not in first or i.date < first[i.contact_id]:
            first[i.contact_id] = i.date
    people = []
    for c in contacts:
        c = r.contact(c)
        # Cards move by seasons, the rest by days: keep no one added after their first entry.
        start = first.get(c.id)
        if start is not None and start < c.created.date():
            c = replace(c, created=datetime.combine(start, time(9, 0)))
        if c.updated < c.created:
            c = replace(c, updated=c.created)
        people.append(c)
    return people, moved


__all__ = ["Redater", "add_years", "open_demo", "read_journal", "redate"]
