"""`journal sync`: the journal's people kept in step with a vdir, both ways.

A vdir is a folder of `.vcf` files, one card each, that vdirsyncer keeps in step with a
CardDAV address book (Google, iCloud, Nextcloud...) and that khard, aerc and mutt read. The
journal reads and writes that folder; vdirsyncer does the network.

What the journal remembers (in its meta table, see NOTES.md):
- `vdir`: the folder, so a later `journal sync` needs no argument;
- `vdir_state`: the folder the links are for, and per card file a `Link`: the person's id,
  the card's UID, a hash of the card's bytes and its mtime and size as last synced, and a
  hash of each field the journal owns as both sides held it then (the base of a three-way
  merge). The contact's own `uid` holds its card's UID too.

A sync compares each side with that base: a field the card changed is taken into the
journal; a field the journal changed is written into the card (only its lines, see
`journal.cardedit`); a field both changed keeps the card's value, and the summary names the
journal's. The folder's mtimes and sizes tell which cards to read at all. Cards are written
before the journal is saved, so an interrupted sync is finished by the next one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat as stat_mod
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from journal import fields, vcard
from journal.cardedit import OWNED_FIELDS, CardEditError, edit_card
from journal.journal_file import JournalError, fsync_path, new_temp_file
from journal.model import Contact
from journal.phrases import plural
from journal.rules import normalize_name
from journal.store import Store
from journal.text import quoted, visible

META_FOLDER = "vdir"
META_STATE = "vdir_state"
SUFFIX = ".vcf"
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]{0,200}")  # a UID that makes a file name
SCALAR_FIELDS = ("name", "reading", "birthday", "nickname", "org", "notes")
LISTED = 3  # conflicts named in the summary line; --json has them all

Stat = tuple[int, int]  # mtime in ns, size: what tells a card changed without reading it


class FolderError(JournalError):
    """The folder cannot be read as a vdir; nothing was changed."""


# --- hashes ---------------------------------------------------------------------------------


def card_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


_WHOLE = 16  # hex digits of the hash of all the owned fields together
_EACH = 8  # hex digits of each field's own hash


def _digest(value: Any, size: int) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=size // 2).hexdigest()


def values_of(record: Contact) -> tuple[Any, ...]:
    return tuple(getattr(record, f) for f in OWNED_FIELDS)


def base_of(record: Contact) -> str:
    """What a link remembers of the owned fields: a hash of all of them (one comparison
    tells a person unchanged), then a short hash of each (which field changed)."""
    values = values_of(record)
    return _digest(values, _WHOLE) + "".join(_digest(v, _EACH) for v in values)


def differing(record: Contact, base: str) -> set[str]:
    """The owned fields whose value is not the one the base was made of."""
    values = values_of(record)
    if _digest(values, _WHOLE) == base[:_WHOLE]:
        return set()
    return {
        f for i, (f, v) in enumerate(zip(OWNED_FIELDS, values, strict=True))
        if _digest(v, _EACH) != base[_WHOLE + i * _EACH : _WHOLE + (i + 1) * _EACH]
    }


# --- what the journal remembers -------------------------------------------------------------


@dataclass(slots=True)
class Link:
    """A card file and the person it is synced with, as of the last sync."""

    id: str | None  # the contact's id; None: deleted in the journal, its card left alone
    uid: str
    hash: str
    stat: Stat
    base: str

    def doc(self) -> str:
        """One line of text: the journal file keeps a link on a line of its own."""
        mtime, size = self.stat
        return "\t".join((self.id or "", self.hash, str(mtime), str(size), self.base, self.uid))

    @classmethod
    def from_doc(cls, doc: Any) -> Link | None:
        """The link a meta value holds, or None for one that is malformed (its card is then
        synced as one seen for the first time: matched by UID, never duplicated)."""
        if not isinstance(doc, str):
            return None
        parts = doc.split("\t", 5)
        if len(parts) != 6:
            return None
        cid, digest, mtime, size, base, uid = parts
        if not (mtime.isdigit() and size.isdigit() and len(base) == BASE_LEN):
            return None
        return cls(cid or None, uid, digest, (int(mtime), int(size)), base)


BASE_LEN = _WHOLE + _EACH * len(OWNED_FIELDS)


def load_links(store: Store, folder: Path) -> dict[str, Link]:
    """The links of the last sync with this folder (none after a sync with another one)."""
    state = store.get_meta(META_STATE)
    if not isinstance(state, dict) or state.get("folder") != str(folder):
        return {}
    cards = state.get("cards")
    if not isinstance(cards, dict):
        return {}
    links = {}
    for name, doc in cards.items():
        link = Link.from_doc(doc)
        if link is not None and isinstance(name, str):
            links[name] = link
    return links


def state_doc(folder: Path, links: dict[str, Link]) -> dict:
    return {"folder": str(folder), "cards": {n: links[n].doc() for n in sorted(links)}}


def remembered_folder(store: Store) -> Path | None:
    """The folder the last `journal sync` used, if any."""
    value = store.get_meta(META_FOLDER)
    return Path(value) if isinstance(value, str) and value else None


def shown(folder: Path) -> str:
    """The folder as a person typed it: under the home folder as `~/...`."""
    home = Path.home()
    try:
        return "~/" + str(folder.relative_to(home)) if folder != home else "~"
    except ValueError:
        return str(folder)


# --- the folder -----------------------------------------------------------------------------


def scan(folder: Path) -> dict[str, Stat]:
    """Every card file of the folder (`*.vcf`, not hidden) with its mtime and size."""
    files: dict[str, Stat] = {}
    subfolders: list[str] = []
    if not is_text(str(folder)):
        raise FolderError(
            f"{shown(folder)}: its path is not UTF-8 text, which the journal cannot remember; "
            "rename the folder or point to it through a link with a plain name"
        )
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or not is_text(entry.name):
                    continue  # hidden (a writer's temporary file), or a name no card has
                try:
                    if entry.is_dir():
                        subfolders.append(entry.name)
                    elif entry.name.endswith(SUFFIX) and entry.is_file():
                        st = entry.stat()
                        files[entry.name] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    continue  # gone since the listing, or unreadable: the next sync sees it
    except FileNotFoundError:
        raise FolderError(f"{shown(folder)}: there is no such folder") from None
    except NotADirectoryError:
        raise FolderError(f"{shown(folder)}: a file, not a folder of .vcf cards") from None
    except OSError as e:
        raise FolderError(f"{shown(folder)}: cannot read the folder: {e.strerror}") from None
    books = sorted(s for s in subfolders if any((folder / s).glob(f"*{SUFFIX}")))
    if not files and books:
        raise FolderError(
            f"{shown(folder)} holds address books, not cards: sync one of them, e.g. "
            f"journal sync --vdir {shown(folder / books[0])}"
        )
    return files


def is_text(name: str) -> bool:
    """Whether a file name is text (not bytes that were not UTF-8, kept as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(slots=True)
class Read:
    """A card file as read: its bytes and the stat taken as they were read."""

    data: bytes
    stat: os.stat_result
    hash: str

    @property
    def key(self) -> Stat:
        return (self.stat.st_mtime_ns, self.stat.st_size)


def read_file(path: Path) -> Read:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        st = os.fstat(fd)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    return Read(data, st, card_hash(data))


def _same_file(path: Path, when_read: os.stat_result) -> bool:
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return (st.st_ino, st.st_mtime_ns, st.st_size) == (
        when_read.st_ino, when_read.st_mtime_ns, when_read.st_size)


def write_card(path: Path, data: bytes, when_read: os.stat_result | None) -> Stat | None:
    """Write a card atomically (a temporary file in the folder, then a rename); None, with
    nothing changed, when the file changed on disk since it was read (`when_read`), or, for
    a new card (`when_read` None), when a file of that name has appeared."""
    fd, temp = new_temp_file(path)
    try:
        os.fchmod(fd, stat_mod.S_IMODE(when_read.st_mode) if when_read else 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if when_read is None:
            if not _link_new(temp, path):
                return None
        else:
            if not _same_file(path, when_read):
                return None
            os.replace(temp, path)
    finally:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def _link_new(temp: str, path: Path) -> bool:
    """Give the written file its name unless a file of that name exists (a hard link cannot
    replace one); where hard links are not supported, check, then rename."""
    try:
        os.link(temp, path)
        return True
    except FileExistsError:
        return False
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
    if os.path.lexists(path):
        return False
    os.replace(temp, path)
    return True


# --- reading a card -------------------------------------------------------------------------


def _import_export() -> ModuleType:
    """journal.import_export (how an import fits, drafts and merges a card), imported only when a
    card is read: with its calendar writer it costs a sync that reads none a fifth of a
    second."""
    from journal import import_export

    return import_export


def read_card(data: bytes, today: date) -> vcard.Card | str:
    """The one card of a file, fitted to the journal's rules; else why it is skipped."""
    import_export = _import_export()
    parsed = vcard.parse(data)
    if parsed.bad:
        return parsed.bad[0].reason
    if not parsed.cards:
        return "not a vCard"
    if len(parsed.cards) > 1:
        return f"holds {len(parsed.cards)} cards; a vdir keeps one card in each file"
    card, _ = import_export.fit_card(parsed.cards[0], today)
    if not card.name:
        return "no name once its control characters are left out"
    return card


_EPOCH = datetime(2000, 1, 1)


def as_contact(card: vcard.Card) -> Contact:
    """The card's values as the journal holds them (import_export.draft: names stripped, repeats
    dropped), to compare with a contact field by field."""
    return _import_export().draft(card, "", _EPOCH)


def reads_as(card: vcard.Card, today: date) -> dict[str, Any]:
    fitted, _ = _import_export().fit_card(card, today)
    return dict(zip(OWNED_FIELDS, values_of(as_contact(fitted)), strict=True))


def new_card(contact: Contact) -> bytes:
    """A card for a person added in the journal: vCard 3.0, as `journal export` writes it."""
    return "".join(vcard.fold(line) + "\r\n" for line in vcard.card_lines(contact)).encode()


def new_uid(contact: Contact) -> str:
    """The UID of a new card: the contact's own (from an import) when it makes a file name,
    else one made from the contact's id, so that an interrupted sync finds its card again."""
    if SAFE_NAME.fullmatch(contact.uid):
        return contact.uid
    return str(uuid.uuid5(vcard.UID_NAMESPACE, contact.uid or contact.id))


# --- the report -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conflict:
    name: str
    field: str
    journal: str  # the journal's value, which the card's replaced
    kept: str

    def phrase(self) -> str:
        was = _short(self.journal)
        return f"kept the address book's {self.field} for {visible(self.name)}" + (
            f", not {was}" if was else ""
        )


def _text(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    return "" if value is None else str(value)


def _short(text: str, limit: int = 40) -> str:
    return quoted(visible(" / ".join(line.strip() for line in text.splitlines() if line.strip())),
                  limit)


@dataclass
class SyncReport:
    folder: Path
    dry_run: bool = False
    cards: int = 0
    added_here: list[str] = field(default_factory=list)
    added_there: list[str] = field(default_factory=list)
    updated_here: list[tuple[str, list[str]]] = field(default_factory=list)
    updated_there: list[tuple[str, list[str]]] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    waiting: list[tuple[str, str]] = field(default_factory=list)  # (file, why)

    @property
    def updated(self) -> int:
        return len({n for n, _ in self.updated_here} | {n for n, _ in self.updated_there})

    def summary(self) -> str:
        """The one line `journal sync` prints."""
        head = f"synced with {shown(self.folder)}"
        if self.dry_run:
            head += " (dry run: nothing was written)"
        parts = [
            text for count, text in (
                (len(self.added_here), f"{len(self.added_here)} added here"),
                (len(self.added_there), f"{len(self.added_there)} added there"),
                (self.updated, f"{self.updated} updated"),
                (len(self.archived), f"{len(self.archived)} archived"),
                (len(self.skipped), f"{plural(len(self.skipped), 'card')} skipped"),
                (len(self.waiting), f"{len(self.waiting)} left for the next sync"),
            ) if count
        ]
        if self.conflicts:
            named = "; ".join(c.phrase() for c in self.conflicts[:LISTED])
            more = len(self.conflicts) - LISTED
            named += f"; and {more} more" if more > 0 else ""
            parts.append(f"{plural(len(self.conflicts), 'conflict')} ({named})")
        return f"{head}: {', '.join(parts) if parts else 'nothing changed'}"

    def notes(self) -> list[str]:
        """A line for each card skipped or left for the next sync (printed on stderr)."""
        return [f"{visible(name)}: {why}" for name, why in self.skipped + self.waiting]

    def to_json(self) -> dict:
        return {
            "folder": str(self.folder),
            "dry_run": self.dry_run,
            "cards": self.cards,
            "added_here": self.added_here,
            "added_there": self.added_there,
            "updated_here": [{"name": n, "fields": f} for n, f in self.updated_here],
            "updated_there": [{"name": n, "fields": f} for n, f in self.updated_there],
            "archived": self.archived,
            "conflicts": [
                {"name": c.name, "field": c.field, "journal": c.journal,
                 "kept": c.kept} for c in self.conflicts
            ],
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "waiting": [{"file": f, "reason": r} for f, r in self.waiting],
            "counts": {
                "added_here": len(self.added_here), "added_there": len(self.added_there),
                "updated": self.updated, "archived": len(self.archived),
                "conflicts": len(self.conflicts), "skipped": len(self.skipped),
                "waiting": len(self.waiting),
            },
        }


# --- planning -------------------------------------------------------------------------------


@dataclass
class Change:
    """What a sync does to one card file and its person; applied whole or not at all."""

    file: str
    link: Link | None  # the link after the sync (None: forgotten)
    add: Contact | None = None  # a person new to the journal
    update: Contact | None = None  # a person changed in the journal
    write: bytes | None = None  # the card's new bytes
    when_read: os.stat_result | None = None  # the card as read (None: a new file)
    events: list[tuple[str, Any]] = field(default_factory=list)  # for the report


class FirstMatch:
    """The person a card seen for the first time is: the same UID, else the only person with
    one of its emails, else the only person of exactly its name (rules.normalize_name).
    Only people not yet linked to a card are candidates, and each is taken once."""

    def __init__(self, people: Iterable[Contact]) -> None:
        self.by_uid: dict[str, Contact] = {}
        self.by_email: dict[str, list[Contact]] = {}
        self.by_name: dict[str, list[Contact]] = {}
        self.taken: set[str] = set()
        for c in people:
            for uid in {c.uid, vcard.export_uid(c), new_uid(c)} - {""}:
                self.by_uid.setdefault(uid, c)
            for email in c.emails:
                self.by_email.setdefault(email.strip().casefold(), []).append(c)
            self.by_name.setdefault(normalize_name(c.name), []).append(c)

    def find(self, card: vcard.Card) -> Contact | None:
        found = self._find(card)
        if found is not None:
            self.taken.add(found.id)
        return found

    def _find(self, card: vcard.Card) -> Contact | None:
        if card.uid and (c := self.by_uid.get(card.uid)) and c.id not in self.taken:
            return c
        for email in card.emails:
            if (c := self._only(self.by_email.get(email.strip().casefold(), []), card)):
                return c
        return self._only(self.by_name.get(normalize_name(card.name), []), card)

    def _only(self, people: list[Contact], card: vcard.Card) -> Contact | None:
        free = [c for c in people if c.id not in self.taken]
        if len(free) != 1:
            return None
        c = free[0]
        return None if c.uid and card.uid and c.uid != card.uid else c


@dataclass
class Planner:
    store: Store
    folder: Path
    today: date
    links: dict[str, Link]
    files: dict[str, Stat]
    report: SyncReport
    changes: list[Change] = field(default_factory=list)
    reads: dict[str, Read] = field(default_factory=dict)
    unlinked: set[str] = field(default_factory=set)  # people whose card was deleted

    def read(self, name: str) -> Read | None:
        if name not in self.reads:
            try:
                self.reads[name] = read_file(self.folder / name)
            except OSError as e:
                self.report.skipped.append((name, f"cannot read it: {e.strerror}"))
                return None
        return self.reads[name]

    def card(self, name: str) -> tuple[Read, vcard.Card] | None:
        """The card of a file, or None (reported) when it cannot be read or used."""
        got = self.read(name)
        if got is None:
            return None
        card = read_card(got.data, self.today)
        if isinstance(card, str):
            self.report.skipped.append((name, card))
            return None
        return got, card

    def fits(self, name: str, contact: Contact) -> bool:
        try:
            fields.check_contact(contact, self.today)
        except fields.FieldError as e:
            self.report.skipped.append((name, f"{visible(contact.name)}: {e}"))
            return False
        return True


def plan(store: Store, folder: Path, today: date, dry_run: bool = False) -> tuple[
    SyncReport, list[Change], dict[str, Link]
]:
    """What a sync would do: the report, the changes, and the links as of the last sync.
    Reads the folder; writes nothing."""
    files = scan(folder)
    links = load_links(store, folder)
    report = SyncReport(folder, dry_run, cards=len(files))
    p = Planner(store, folder, today, links, files, report)
    people = {c.id: c for c in store.contacts(archived=True)}
    _revive(links, people)
    moved = _plan_known(p, people)
    _plan_new_cards(p, people, moved)
    _plan_new_people(p, people)
    return report, p.changes, dict(links)


def _revive(links: dict[str, Link], people: dict[str, Contact]) -> None:
    """A card left alone for a person deleted in the journal is theirs again when they come
    back (a restored backup) with its UID."""
    linked = {link.id for link in links.values()}
    by_uid = {c.uid: c for c in people.values() if c.uid and c.id not in linked}
    for link in links.values():
        if link.id is None and (c := by_uid.get(link.uid)):
            link.id = c.id


def _plan_known(p: Planner, people: dict[str, Contact]) -> dict[str, tuple[str, Link]]:
    """Cards synced before; returns the links of cards no longer in the folder, by UID (a
    card moved to another file name is found by its UID among the new ones)."""
    missing: dict[str, tuple[str, Link]] = {}
    for name, link in p.links.items():
        if name not in p.files:
            if link.uid:
                missing.setdefault(link.uid, (name, link))
            else:
                _plan_gone(p, name, link, people)
            continue
        if link.id is None:
            continue  # deleted in the journal: the card stays in the address book, unread
        contact = people.get(link.id)
        if contact is None:  # deleted in the journal since the last sync
            p.changes.append(Change(name, replace(link, id=None)))
            continue
        _plan_linked(p, name, link, contact)
    return missing


def _plan_linked(p: Planner, name: str, link: Link, contact: Contact) -> None:
    journal_changed = differing(contact, link.base)
    stat_now = p.files[name]
    if stat_now == link.stat and not journal_changed:
        return  # the fast path: neither side changed
    got = p.read(name)
    if got is None:
        return
    if got.hash == link.hash and not journal_changed:
        if got.key != link.stat:  # touched, not changed: remember the new mtime
            p.changes.append(Change(name, replace(link, stat=got.key), when_read=got.stat))
        return
    card: vcard.Card | None = None
    if got.hash != link.hash:
        found = p.card(name)
        if found is None:
            return
        card = found[1]
    _merge(p, name, link, contact, got, card, journal_changed)


def _merge(
    p: Planner, name: str, link: Link, contact: Contact, got: Read, card: vcard.Card | None,
    journal_changed: set[str],
) -> None:
    """Three-way: the card's changes into the journal, the journal's into the card; a field
    both changed keeps the card's value."""
    theirs = as_contact(card) if card is not None else None
    card_changed = differing(theirs, link.base) if theirs is not None else set()
    taken = {f: getattr(theirs, f) for f in card_changed}
    after = replace(contact, **taken)
    if card is not None and card.uid:
        after = replace(after, uid=card.uid)
    change = Change(name, None, when_read=got.stat)
    for f in sorted(card_changed & journal_changed, key=OWNED_FIELDS.index):
        if getattr(contact, f) != taken[f]:
            change.events.append(("conflicts", Conflict(
                contact.name, f, _text(getattr(contact, f)), _text(taken[f]))))
    here = [f for f in OWNED_FIELDS if f in card_changed and getattr(contact, f) != taken[f]]
    there = [f for f in OWNED_FIELDS if f in journal_changed - card_changed]
    _finish(p, change, link.uid if card is None else card.uid, contact, after, got, here, there)


def _finish(
    p: Planner, change: Change, uid: str, before: Contact | None, after: Contact, got: Read,
    here: list[str], there: list[str],
) -> None:
    """Complete a change to a known card: the card's new bytes, the journal's update, the
    link, the report's lines."""
    data = got.data
    if there:
        try:
            data = edit_card(got.data, after, there, lambda c: reads_as(c, p.today))
        except CardEditError as e:
            p.report.skipped.append((change.file, f"not rewritten: {e}"))
            return
        if data != got.data:
            change.write = data
        change.events.append(("updated_there", (after.name, there)))
    if before is not None and after != before:
        if not p.fits(change.file, after):
            return
        change.update = after
    if here:
        change.events.append(("updated_here", (after.name, here)))
    change.link = Link(after.id, uid, card_hash(data), got.key, base_of(after))
    p.changes.append(change)


def _plan_gone(p: Planner, name: str, link: Link, people: dict[str, Contact]) -> None:
    """A card deleted from the folder: its person is archived, their history kept."""
    change = Change(name, None)
    contact = people.get(link.id) if link.id else None
    if contact is not None:
        p.unlinked.add(contact.id)
    if contact is not None and not contact.archived:
        change.update = replace(contact, archived=True)
        change.events.append(("archived", contact.name))
    p.changes.append(change)


def _plan_new_cards(
    p: Planner, people: dict[str, Contact], missing: dict[str, tuple[str, Link]]
) -> None:
    """Cards seen for the first time: a known card under a new name, a card of a person
    already in the journal (matched once, on its first sync), or a new person."""
    linked = {link.id for link in p.links.values()}
    by_uid = {link.uid: n for n, link in p.links.items() if link.uid and n in p.files}
    matcher = FirstMatch(c for c in people.values() if c.id not in linked)
    for name in sorted(p.files.keys() - p.links.keys()):
        found = p.card(name)
        if found is None:
            continue
        got, card = found
        if card.uid in missing:  # renamed: the link follows the card
            old_name, link = missing.pop(card.uid)
            p.changes.append(Change(old_name, None))
            contact = people.get(link.id) if link.id else None
            if contact is None:
                p.changes.append(Change(name, replace(link, stat=got.key, hash=got.hash)))
            else:
                _merge(p, name, link, contact, got, card, differing(contact, link.base))
            continue
        if card.uid and card.uid in by_uid:
            p.report.skipped.append((name, f"the same UID as {by_uid[card.uid]}"))
            continue
        by_uid[card.uid] = name
        contact = matcher.find(card)
        if contact is None:
            _plan_added_here(p, name, got, card)
        else:
            _plan_first_match(p, name, got, card, contact)
    for name, link in missing.values():
        _plan_gone(p, name, link, people)


def _plan_added_here(p: Planner, name: str, got: Read, card: vcard.Card) -> None:
    now = p.store.now().replace(microsecond=0)
    contact = _import_export().draft(card, p.store.new_id(), now)
    if not p.fits(name, contact):
        return
    link = Link(contact.id, card.uid, got.hash, got.key, base_of(contact))
    p.changes.append(Change(name, link, add=contact, events=[("added_here", contact.name)]))


def _plan_first_match(
    p: Planner, name: str, got: Read, card: vcard.Card, contact: Contact
) -> None:
    """A card and a person meeting for the first time: as an import merges them (the card's
    values win, lists and tags are joined), and what the journal adds goes into the card.
    A value of the journal's that the card's replaced is reported as a conflict."""
    theirs = as_contact(card)
    after = replace(_import_export().merge(contact, card), uid=card.uid or contact.uid)
    change = Change(name, None, when_read=got.stat)
    for f in SCALAR_FIELDS:
        if getattr(contact, f) and getattr(after, f) != getattr(contact, f):
            change.events.append(("conflicts", Conflict(
                contact.name, f, _text(getattr(contact, f)), _text(getattr(after, f)))))
    here = [f for f in OWNED_FIELDS if getattr(after, f) != getattr(contact, f)]
    there = [f for f in OWNED_FIELDS if getattr(after, f) != getattr(theirs, f)]
    _finish(p, change, card.uid, contact, after, got, here, there)


def _plan_new_people(p: Planner, people: dict[str, Contact]) -> None:
    """Each person in the journal with no card (not archived) gets one: `UID.vcf`."""
    linked = {link.id for link in p.links.values()}
    linked |= {c.link.id for c in p.changes if c.link is not None} | p.unlinked
    taken = set(p.files) | {c.file for c in p.changes}
    for contact in sorted(people.values(), key=lambda c: (c.sort_key, c.id)):
        if contact.archived or contact.id in linked:
            continue
        uid = new_uid(contact)
        name = f"{uid}{SUFFIX}"
        if name in taken:
            name = f"{uuid.uuid4()}{SUFFIX}"
        taken.add(name)
        after = replace(contact, uid=uid)
        data = new_card(after)
        change = Change(name, Link(contact.id, uid, card_hash(data), (0, 0), base_of(after)))
        change.write = data
        change.update = after if after != contact else None
        change.events.append(("added_there", contact.name))
        p.changes.append(change)


# --- doing it -------------------------------------------------------------------------------


def sync(
    store: Store, folder: Path, *, dry_run: bool = False, today: date | None = None
) -> SyncReport:
    """Sync the journal with the vdir `folder` (absolute); with `dry_run`, only report."""
    today = fields.record_horizon(today or store.today())
    # under the journal's lock from reading to saving: no other save comes in between
    with store.batch():
        report, changes, links = plan(store, folder, today, dry_run)
        return apply(store, folder, report, changes, links)


def apply(
    store: Store, folder: Path, report: SyncReport, changes: list[Change],
    links: dict[str, Link],
) -> SyncReport:
    """Carry out a plan: write the cards, then save the journal (in a dry run, neither). A
    card that changed on disk since the plan read it is left, with its person, for the next
    sync."""
    done = changes if report.dry_run else _write_cards(folder, changes, report)
    adds = [c.add for c in done if c.add is not None]
    updates = [c.update for c in done if c.update is not None]
    for change in done:
        if change.link is not None:
            links[change.file] = change.link
        else:
            links.pop(change.file, None)
        for kind, what in change.events:
            getattr(report, kind).append(what)
    if not report.dry_run:
        _save(store, folder, links, adds, updates)
    return report


WRITERS = 16  # cards written at once: their fsyncs share the file system's journal commits


def _write_cards(folder: Path, changes: list[Change], report: SyncReport) -> list[Change]:
    """Write each change's card; the changes whose card could be written (or needed none).
    Many cards (a first sync) are written by several threads, each write complete and
    fsynced on its own: an fsync waits for the disk, and waits side by side cost one."""
    writes = [c for c in changes if c.write is not None]
    if len(writes) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            results = list(pool.map(lambda c: _try_write(folder, c), writes))
    else:
        results = [_try_write(folder, c) for c in writes]
    written = dict(zip((id(c) for c in writes), results, strict=True))
    done = []
    for change in changes:
        if change.write is not None:
            outcome = written[id(change)]
            if isinstance(outcome, str):
                report.waiting.append((change.file, outcome))
                continue
            if change.link is not None:
                change.link.stat = outcome
        done.append(change)
    if any(not isinstance(r, str) for r in results):
        fsync_path(folder)  # the new names, on disk before the journal says they are there
    return done


def _try_write(folder: Path, change: Change) -> Stat | str:
    """The written card's mtime and size, or why it was not written."""
    assert change.write is not None
    try:
        written = write_card(folder / change.file, change.write, change.when_read)
    except OSError as e:
        return f"cannot write it: {e.strerror}"
    if written is None:
        if change.when_read:
            return "changed on disk while syncing"
        return "a file of that name appeared while syncing"
    return written


def _save(
    store: Store, folder: Path, links: dict[str, Link], adds: list[Contact],
    updates: list[Contact],
) -> None:
    state = state_doc(folder, links)
    new_state = state != store.get_meta(META_STATE)
    new_folder = store.get_meta(META_FOLDER) != str(folder)
    if not (adds or updates or new_state or new_folder):
        return  # nothing changed: the journal is not written at all
    with store.batch():
        if adds:
            store.bulk_add(adds, [])
        for contact in updates:
            store.update_contact(contact)
        if new_state:
            store.set_meta(META_STATE, state)
        if new_folder:
            store.set_meta(META_FOLDER, str(folder))
