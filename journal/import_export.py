"""`journal import` and `journal export`: moving people in and out of the journal.

Import reads a vCard file, a contacts CSV or a JSON backup written by `export --format json`
(told apart by content, not by name). Cards and rows are matched to people already in the
journal (see `Matcher`) and merged (see `merge`); a JSON backup is restored exactly. Either way
the result is an `ImportReport`, and with `dry_run` nothing is written.

Export writes vCard 3.0, iCalendar, an interactions CSV or the JSON backup, always as bytes.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from journal import csvio, fields, rules, vcard
from journal.fields import FieldError
from journal.journal_file import JournalError, save_problem, write_atomically
from journal.model import (
    Birthday,
    Contact,
    Interaction,
    contact_doc_2_to_3,
    contact_to_doc,
    interaction_from_doc,
    interaction_to_doc,
    several,
)
from journal.phrases import plural
from journal.rules import normalize_name
from journal.store import Store, contact_problem, interaction_problem
from journal.vcard import Card, Parsed

if TYPE_CHECKING:  # the calendar writer (icalendar) is imported when a calendar is made
    from journal import ical

BACKUP_FORMAT = "contact-journal"
BACKUP_VERSION = 2  # 2: contacts hold lists of emails, phones and addresses (schema 3)
FORMATS = ("vcf", "ics", "csv", "json")
LISTED = 50  # names listed per kind in a summary; the counts line always has them all


class TransferError(JournalError):
    """The file as a whole cannot be imported; the message says which file and why."""


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    where: str = ""  # "card 3 (line 27)", "row 2 (line 3)"; empty for a backup
    detail: str = ""  # updated: the fields that changed; skipped: why

    def __str__(self) -> str:
        """`Jane Doe: email, tags` for the people; see `located` for skipped cards."""
        return f"{self.name}: {self.detail}" if self.detail else self.name

    def located(self) -> str:
        """`card 3 (line 27) "Jane Doe": why`."""
        head = f'{self.where} "{self.name}"' if self.name else self.where
        return f"{head}: {self.detail}" if self.detail else head


@dataclass
class ImportReport:
    path: Path
    kind: str  # "vCard", "Google Contacts CSV", "journal backup"...
    dry_run: bool = False
    added: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)  # a restore drops who is not in it
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        head = f"{self.path.name}: {self.kind}"
        if self.dry_run:
            head += " (dry run: nothing was written)"
        lines = [head]
        for label, entries, limit in (
            ("added", self.added, LISTED),
            ("updated", self.updated, LISTED),
            ("removed", self.removed, LISTED),
            ("skipped", self.skipped, None),
        ):
            shown = entries if limit is None else entries[:limit]
            lines += [
                f"  {label:<8} {entry.located() if label == 'skipped' else entry}"
                for entry in shown
            ]
            if len(entries) > len(shown):
                lines.append(f"  {label:<8} ... and {len(entries) - len(shown)} more")
        lines += [f"  {note}" for note in self.notes]
        totals = [f"{k} {v}" for k, v in self.counts.items()]
        if self.removed:
            totals.append(f"removed {len(self.removed)}")
        lines.append(", ".join(totals))
        return "\n".join(lines)


# --- matching and merging -------------------------------------------------------------------

FIELDS = (
    "name", "reading", "tags", "birthday", "emails", "phones", "addresses", "nickname", "org",
    "notes", "uid",
)
FIELD_NAMES = {"emails": "email", "phones": "phone", "addresses": "address"}  # in a report


def _win(card_value: str, current: str) -> str:
    """The card's value wins unless it is empty or the same but for surrounding blanks."""
    if not card_value.strip() or card_value.strip() == current.strip():
        return current
    return card_value.strip()


def _merge_notes(card_notes: str, current: str) -> str:
    """The card's notes win, unless the journal's already hold them (added to since)."""
    if not card_notes.strip() or card_notes.strip() in current:
        return current
    return card_notes


def _merge_birthday(card: Birthday | None, current: Birthday | None) -> Birthday | None:
    if card is None:
        return current
    if current is not None and card.year is None and (card.month, card.day) == (
        current.month,
        current.day,
    ):
        return current  # a card without the year does not erase a known one
    return card


def _union(current: tuple[str, ...], more: Iterable[str]) -> tuple[str, ...]:
    """The journal's tags, then the card's new ones (case-insensitively new), up to the most
    a person can have (journal.fields)."""
    return fields.merge_tags(current, more)[: max(len(current), fields.TAGS_MAX)]


def _first_union(card: tuple[str, ...], current: tuple[str, ...]) -> tuple[str, ...]:
    """The card's values (its preferred first), then the journal's others: none is lost, up
    to the most a person can have (journal.fields)."""
    return several((*card, *current))[: max(len(current), fields.LIST_MAX)]


def merge(contact: Contact, card: Card) -> Contact:
    """The card's non-empty values win, empty ones keep the journal's, tags are unioned;
    emails, phones and addresses are unioned too, the card's preferred one first.

    The uid is set only when the contact has none (and is not our own export's uid for it).
    """
    uid = contact.uid
    if not uid and card.uid and card.uid != vcard.export_uid(contact):
        uid = card.uid
    return replace(
        contact,
        name=_win(card.name, contact.name),
        reading=_win(card.reading, contact.reading),
        tags=_union(contact.tags, card.tags),
        birthday=_merge_birthday(card.birthday, contact.birthday),
        emails=_first_union(card.emails, contact.emails),
        phones=_first_union(card.phones, contact.phones),
        addresses=_first_union(card.addresses, contact.addresses),
        nickname=_win(card.nickname, contact.nickname),
        org=_win(card.org, contact.org),
        notes=_merge_notes(card.notes, contact.notes),
        uid=uid,
    )


def changed_fields(old: Contact, new: Contact) -> list[str]:
    return [FIELD_NAMES.get(f, f) for f in FIELDS if getattr(old, f) != getattr(new, f)]


def draft(card: Card, contact_id: str, now: datetime) -> Contact:
    return Contact(
        id=contact_id,
        name=card.name.strip(),
        reading=card.reading.strip(),
        tags=card.tags,
        birthday=card.birthday,
        emails=several(card.emails),
        phones=several(card.phones),
        addresses=several(card.addresses),
        nickname=card.nickname.strip(),
        org=card.org.strip(),
        notes=card.notes,
        uid=card.uid,
        created=now,
        updated=now,
    )


class Matcher:
    """Finds the journal contact a card means, in this order:

    1. the same vCard UID (ours included: an exported contact without a uid gets one made from
       its id);
    2. an email they share, when only one person has it;
    3. the same name (compared by `rules.normalize_name`) and preferred email, both empty
       counting as the same, so re-importing a file without UIDs or emails changes nothing;
    4. the same name, when exactly one person who was in the journal before this import has
       it: a person added by hand is completed by the card, not duplicated (their other
       emails are kept beside the card's).

    Steps 2 and 4 never join two cards that carry different UIDs: those are two people of one
    address book.
    """

    def __init__(self, existing: Iterable[Contact]) -> None:
        self.slots: list[Contact] = []
        self.by_uid: dict[str, int] = {}
        self.by_email: dict[str, set[int]] = {}
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, list[int]] = {}
        for contact in existing:
            slot = self.add(contact)
            self.by_name.setdefault(normalize_name(contact.name), []).append(slot)

    def add(self, contact: Contact) -> int:
        self.slots.append(contact)
        self._index(len(self.slots) - 1)
        return len(self.slots) - 1

    def put(self, slot: int, contact: Contact) -> None:
        self.slots[slot] = contact
        self._index(slot)

    def _index(self, slot: int) -> None:
        contact = self.slots[slot]
        for uid in {contact.uid, vcard.export_uid(contact)} - {""}:
            self.by_uid.setdefault(uid, slot)
        for email in contact.emails:
            self.by_email.setdefault(_email_key(email), set()).add(slot)
        self.by_key.setdefault((normalize_name(contact.name), _email_key(contact.email)), slot)

    def _compatible(self, slot: int, card: Card) -> bool:
        contact = self.slots[slot]
        return not (contact.uid and card.uid and contact.uid != card.uid)

    def find(self, card: Card) -> int | None:
        if card.uid and card.uid in self.by_uid:
            return self.by_uid[card.uid]
        for email in card.emails:
            owners = self.by_email.get(_email_key(email), set())
            if len(owners) == 1 and self._compatible(slot := next(iter(owners)), card):
                return slot
        name = normalize_name(card.name)
        slot = self.by_key.get((name, _email_key(card.email)))
        if slot is not None and self._compatible(slot, card):
            return slot
        candidates = self.namesakes(card)
        if len(candidates) == 1 and self._compatible(candidates[0], card):
            return candidates[0]
        return None

    def namesakes(self, card: Card) -> list[int]:
        """The people of the card's name who were in the journal before this import."""
        return self.by_name.get(normalize_name(card.name), [])


def _email_key(email: str) -> str:
    return email.strip().casefold()


@dataclass
class Plan:
    """What an import will do: new contacts, changed ones (final states), and per card."""

    added: list[Contact] = field(default_factory=list)
    updated: list[Contact] = field(default_factory=list)
    outcomes: list[tuple[str, Entry]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fit_card(card: Card, today: date) -> tuple[Card, list[str]]:
    """The card made fit to store by the rules of `journal.fields` (text tidied by
    `journal.text`, one-line fields on one line, each field cut to its limit, a birthday the
    journal cannot hold moved to the notes), and what was changed, for the report."""
    told: list[str] = []

    def line(text: str, what: str, limit: int = fields.LINE_MAX) -> str:
        fitted, cut = fields.fit_line(text, what, limit)
        if cut:
            told.append(f"{what} cut to {limit:,} characters")
        return fitted

    def at_most(values: tuple[str, ...], what: str) -> tuple[str, ...]:
        if len(values) > fields.LIST_MAX:
            told.append(f"only the first {fields.LIST_MAX} {what} kept of {len(values)}")
        return values[: fields.LIST_MAX]

    def several_lines(values: tuple[str, ...], what: str) -> tuple[str, ...]:
        return at_most(several(line(v, what) for v in values), f"{what}s")

    def notes(text: str, what: str, limit: int) -> str:
        fitted, cut = fields.fit_notes(text, limit)
        if cut:
            told.append(f"{what} cut to {limit:,} characters")
        return fitted

    tags = tuple(t for t in (line(t, "tag") for t in card.tags) if t)
    if len(tags) > fields.TAGS_MAX:
        told.append(f"only the first {fields.TAGS_MAX} tags kept of {len(tags)}")
        tags = tags[: fields.TAGS_MAX]
    birthday, extra = card.birthday, ""
    if birthday is not None:
        try:
            fields.check_birthday(birthday, today)
        except fields.FieldError as e:
            told.append(f"{e}; kept in the notes")
            birthday, extra = None, vcard.birthday_note(birthday.iso())
    room = fields.NOTES_MAX - (len(extra) + 1 if extra else 0)  # the birthday line fits too
    fitted = replace(
        card, name=line(card.name, "name", fields.NAME_MAX),
        reading=line(card.reading, "reading", fields.NAME_MAX),
        tags=tuple(fields.merge_tags((), tags)), birthday=birthday,
        emails=several_lines(card.emails, "email"), phones=several_lines(card.phones, "phone"),
        addresses=at_most(
            several(notes(a, "address", fields.ADDRESS_MAX) for a in card.addresses),
            "addresses",
        ),
        nickname=line(card.nickname, "nickname"), org=line(card.org, "org"),
        notes="\n".join(n for n in (notes(card.notes, "notes", room), extra) if n),
        uid=line(card.uid, "uid"),
    )
    return fitted, told


def plan_import(
    existing: list[Contact], cards: Iterable[Card], new_id: Callable[[], str], now: datetime,
    today: date | None = None,
) -> Plan:
    """Match and merge every card against the journal (and the cards before it); no I/O.
    `today`: the latest day a birthday may be (default: `fields.record_horizon()`)."""
    matcher = Matcher(existing)
    known = len(matcher.slots)
    plan = Plan()
    today = today or fields.record_horizon()
    for card in cards:
        card, told = fit_card(card, today)
        plan.notes += [f'{card.where} "{card.name}": {what}' for what in told]
        if not card.name:
            reason = "no name once its control characters are left out"
            plan.outcomes.append(("skipped", Entry("", card.where, reason)))
            continue
        slot = matcher.find(card)
        if slot is None:
            matcher.add(draft(card, new_id(), now))
            plan.outcomes.append(("added", Entry(card.name, card.where)))
            if len(namesakes := matcher.namesakes(card)) > 1:
                plan.notes.append(
                    f"{card.where}: added as a new person, since {len(namesakes)} people named "
                    f"{card.name} were in the journal and nothing tells which one it is"
                )
            continue
        before = matcher.slots[slot]
        after = merge(before, card)
        changes = changed_fields(before, after)
        matcher.put(slot, after)
        outcome = "updated" if changes else "unchanged"
        plan.outcomes.append((outcome, Entry(after.name, card.where, ", ".join(changes))))
    originals = {c.id: c for c in existing}
    for contact in matcher.slots[known:]:
        plan.added.append(contact)
    for contact in matcher.slots[:known]:
        if changed_fields(originals[contact.id], contact):
            plan.updated.append(contact)
    return plan


# --- importing ------------------------------------------------------------------------------


def detect(data: bytes) -> str:
    """`json`, `vcard` or `csv`, from the content; TransferError for anything else."""
    text = vcard.decode_text(data)
    start = text.lstrip()
    if not start:
        raise TransferError("the file is empty")
    if "\x00" in text[:4096]:
        raise TransferError(
            "a binary file, not a vCard, a contacts CSV or a journal backup (JSON)"
        )
    if start.startswith(("{", "[")):
        return "json"
    if vcard.looks_like_vcard(text):
        return "vcard"
    first = start.split("\n", 1)[0]
    if any(sep in first for sep in csvio.SEPARATORS):
        return "csv"
    raise TransferError("not a vCard, a contacts CSV or a journal backup (JSON)")


def _new_ids(store: Store) -> Callable[[], str]:
    used: set[str] = set()

    def new_id() -> str:
        while (candidate := store.new_id()) in used:
            pass
        used.add(candidate)
        return candidate

    return new_id


def _read_people(path: Path, data: bytes, kind: str) -> tuple[str, Parsed]:
    if kind == "vcard":
        parsed = vcard.parse(data)
        return f"vCard, {plural(len(parsed.cards) + len(parsed.bad), 'card')}", parsed
    try:
        layout, parsed = csvio.parse_contacts(data)
    except csvio.CsvError as e:
        raise TransferError(f"{path}: {e}") from None
    except csv.Error as e:  # what the csv module cannot read at all
        raise TransferError(f"{path}: not a CSV file this journal can read ({e})") from None
    return f"{layout}, {plural(len(parsed.cards) + len(parsed.bad), 'row')}", parsed


def import_people(store: Store, path: Path, data: bytes, kind: str, dry_run: bool) -> ImportReport:
    label, parsed = _read_people(path, data, kind)
    existing = store.contacts(archived=True)
    # a birthday after the journal's today is refused, as the shell and the forms refuse it
    now = store.now().replace(microsecond=0)
    plan = plan_import(existing, parsed.cards, _new_ids(store), now, store.today())
    report = ImportReport(path, label, dry_run)
    for outcome, entry in plan.outcomes:
        getattr(report, outcome).append(entry)
    report.skipped += [Entry(b.name, b.where, b.reason) for b in parsed.bad]
    report.notes += plan.notes
    if note := vcard.encoding_note(parsed.guessed):
        report.notes.insert(0, note)
    if not dry_run and (plan.added or plan.updated):
        with store.batch():
            if plan.added:
                store.bulk_add(plan.added, [])
            for contact in plan.updated:
                store.update_contact(contact)
    return report


def import_file(store: Store, path: Path, dry_run: bool = False) -> ImportReport:
    """Import a vCard, contacts CSV or JSON backup; with `dry_run`, only report."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TransferError(f"{path}: cannot read the file: {e.strerror}") from None
    try:
        kind = detect(data)
    except TransferError as e:
        raise TransferError(f"{path}: {e}") from None
    if kind == "json":
        return restore(store, path, data, dry_run)
    return import_people(store, path, data, kind, dry_run)


# --- the JSON backup ------------------------------------------------------------------------


def backup_document(store: Store) -> dict:
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "contacts": [contact_to_doc(c) for c in store.contacts(archived=True)],
        "interactions": [interaction_to_doc(i) for i in store.all_interactions()],
    }


def _load_backup(path: Path, data: bytes) -> dict:
    try:
        doc = orjson.loads(vcard.normalize_bytes(data))
    except orjson.JSONDecodeError as e:
        reason = str(e).split(": line ")[0]
        raise TransferError(
            f"{path}: not valid JSON at line {e.lineno}, column {e.colno}: {reason}"
        ) from None
    if isinstance(doc, dict) and {"meta", "contacts", "interactions"} <= doc.keys():
        raise TransferError(
            f"{path}: a journal file, not a backup: open it with --file {path}, or write a "
            f"backup of it with: journal --file {path} export --format json -o backup.json"
        )
    if not isinstance(doc, dict) or doc.get("format") != BACKUP_FORMAT:
        raise TransferError(f"{path}: JSON, but not a backup written by `journal export`")
    version = doc.get("version")
    if not isinstance(version, int) or version > BACKUP_VERSION:
        raise TransferError(
            f"{path}: backup version {version!r}; this journal reads version {BACKUP_VERSION}"
        )
    for table in ("contacts", "interactions"):
        if not isinstance(doc.get(table), list):
            raise TransferError(f"{path}: the backup has no list of {table}")
    return doc


def _refused(path: Path, what: str, n: int, problem: str) -> TransferError:
    return TransferError(
        f"{path}: {what} #{n} {problem}; nothing was restored (the backup is refused as a "
        "whole, the journal is as it was)"
    )


def read_backup(
    path: Path, data: bytes, today: date | None = None
) -> tuple[list[Contact], list[Interaction]]:
    """The records of a JSON backup, each checked as the journal file's are (journal.fields:
    what the shell refuses, a restore refuses); TransferError names the first bad one.
    `today`: the journal's (see fields.record_horizon)."""
    doc = _load_backup(path, data)
    if doc["version"] < 2:  # one email, phone and address each: upgraded as the file is
        for contact in doc["contacts"]:
            if isinstance(contact, dict):
                contact_doc_2_to_3(contact)
    horizon = fields.record_horizon(today)
    contacts: dict[str, Contact] = {}
    for n, record in enumerate(doc["contacts"], 1):
        contact, problem = contact_problem(record, contacts, horizon)
        if contact is None:
            raise _refused(path, "contact", n, problem or "is malformed")
        contacts[contact.id] = contact
    interactions: list[Interaction] = []
    seen: set[str] = set()
    for n, record in enumerate(doc["interactions"], 1):
        problem = interaction_problem(record, contacts, seen, horizon)
        if problem is not None:
            raise _refused(path, "interaction", n, problem)
        seen.add(record["id"])
        interactions.append(interaction_from_doc(record))
    return list(contacts.values()), interactions


def _compare_interactions(current: list[Interaction], backup: list[Interaction]) -> str | None:
    """A line for the report, or None when the backup holds exactly these interactions."""
    now = {i.id: interaction_to_doc(i) for i in current}
    new = {i.id: interaction_to_doc(i) for i in backup}
    if now == new:
        return None
    added = len(new.keys() - now.keys())
    changed = sum(1 for k in new.keys() & now.keys() if new[k] != now[k])
    removed = len(now.keys() - new.keys())
    return (
        f"interactions: {len(new)} in the backup "
        f"({added} new, {changed} changed, {removed} removed)"
    )


def restore(store: Store, path: Path, data: bytes, dry_run: bool = False) -> ImportReport:
    """Replace the journal with a JSON backup, every record by id (nothing written if equal)."""
    contacts, interactions = read_backup(path, data, store.today())
    report = ImportReport(path, "journal backup (JSON)", dry_run)
    current = {c.id: c for c in store.contacts(archived=True)}
    for contact in contacts:
        old = current.pop(contact.id, None)
        if old is None:
            report.added.append(Entry(contact.name))
        elif contact_to_doc(old) != contact_to_doc(contact):
            changes = [f for f, v in contact_to_doc(contact).items() if contact_to_doc(old)[f] != v]
            report.updated.append(Entry(contact.name, detail=", ".join(changes)))
        else:
            report.unchanged.append(Entry(contact.name))
    report.removed = [Entry(c.name, detail="not in the backup") for c in current.values()]
    difference = _compare_interactions(store.all_interactions(), interactions)
    report.notes.append(difference or f"interactions: {len(interactions)}, all unchanged")
    if not (report.changed or difference):
        report.notes.append("the journal already holds exactly this backup")
    elif not dry_run:
        kept = None
        try:
            with store.batch():
                kept = keep_before_restore(store)
                store.restore(contacts, interactions)
        except BaseException as e:
            if kept is not None:  # the journal is as it was: its copy would only confuse
                kept.unlink(missing_ok=True)
            if isinstance(e, FieldError):  # a record of the backup, not of the journal
                raise TransferError(f"{path}: {e}; nothing was restored") from None
            raise
        if kept is not None:
            report.notes.append(f"the journal as it was is kept in {kept.name}")
        report.notes.append("the journal now holds exactly this backup")
    return report


def keep_before_restore(store: Store) -> Path | None:
    """Copy the journal aside before a restore replaces it: `<name>.before-import-<time>.bak`,
    next to it and never rotated away. Call under the store's lock; None when it is empty."""
    if not len(store) or not store.path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = store.path.with_name(f"{store.path.name}.before-import-{stamp}.bak")
    n = 1
    while kept.exists():
        n += 1
        kept = store.path.with_name(f"{store.path.name}.before-import-{stamp}-{n}.bak")
    try:
        write_atomically(kept, store.path.read_bytes())
    except OSError as e:
        raise JournalError(save_problem(store.path, e)) from None
    return kept


# --- exporting ------------------------------------------------------------------------------


def due_dates(store: Store, today: date) -> list[ical.Due]:
    """Each tracked, non-archived contact's next due date (a snooze pushes it later)."""
    from journal import ical

    dues = []
    for contact in store.contacts():
        if not contact.tracked:
            continue
        interactions = store.interactions(contact.id)
        on = rules.status(contact, interactions, today).next_due
        if on is None:
            continue
        if contact.snoozed_until is not None and contact.snoozed_until > on:
            on = contact.snoozed_until
        stamp = max([contact.updated, *(i.created for i in interactions)])
        dues.append(ical.Due(contact, on, stamp))
    return dues


def export(store: Store, fmt: str, today: date, now: datetime | None = None) -> bytes:
    """The journal as `vcf`, `ics`, `csv` or `json`, as the bytes of the file to write.

    `now` (timezone-aware; default: the current time in UTC) is the ICS DTSTAMP: give the
    same one for byte-identical calendars."""
    fmt = fmt.lower()
    if now is None:
        now = datetime.now(UTC).replace(microsecond=0)
    if fmt == "vcf":
        return vcard.render(store.contacts(archived=True)).encode("utf-8")
    if fmt == "ics":
        from journal import ical

        return ical.render(store.contacts(), due_dates(store, today), now)
    if fmt == "csv":
        return csvio.render_interactions(store.contacts(archived=True), store.all_interactions())
    if fmt == "json":
        return orjson.dumps(backup_document(store), option=orjson.OPT_INDENT_2) + b"\n"
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
