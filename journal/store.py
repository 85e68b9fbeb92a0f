"""The one object that owns the journal file.

`Store` opens and validates the file, migrates older schemas, keeps the records in memory with
indexes by contact, and applies every change under an exclusive lock on a sidecar lock file:
take the lock, reread the file if another process saved it since, apply the change, save
atomically. Callers get frozen dataclasses, never TinyDB documents.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from journal.checked import identity, is_sealed, seal
from journal.clock import now_on
from journal.fields import (
    EARLIEST_DAY,
    LINE_MAX,
    NOTES_MAX,
    FieldError,
    check_contact,
    check_interaction,
    contact_in_bounds,
    record_horizon,
)
from journal.journal_file import (
    AtomicJSONStorage,
    DamagedJournal,
    FileLock,
    JournalDB,
    JournalError,
    LockTimeout,
    Tables,
    check_folder,
    keep_copy,
    remove_stale_temp_files,
    save_problem,
    signature_of,
    write_atomically,
)
from journal.merge import (
    META_CHANGED,
    META_DOC_ID,
    RECORD_TABLES,
    TOMBSTONES,
    MergeCounts,
    merge_tables,
    utc_stamp,
)
from journal.model import (
    Contact,
    Direction,
    Intent,
    Interaction,
    Kind,
    Occasion,
    Touch,
    contact_doc_2_to_3,
    contact_from_doc,
    contact_to_doc,
    drop_unset,
    interaction_from_doc,
    interaction_to_doc,
    touch_from_doc,
)
from journal.paths import real_file

if TYPE_CHECKING:
    from journal.matching import Haystack

SCHEMA_VERSION = 4
BACKUPS_KEPT = 5
BACKUP_INTERVAL = timedelta(hours=1)
LOCK_TIMEOUT_SECONDS = 10.0
BY_ORDER = attrgetter("date", "created", "id")  # Interaction.order_key, as a C sort key
# In this order in the file: interactions last, so that logging one appends to the file's end
TABLES = ("meta", "contacts", TOMBSTONES, "interactions")
TOMBSTONES_KEPT = timedelta(days=365)  # a deletion older than this no longer travels

R = TypeVar("R", Contact, Interaction)

__all__ = ["DamagedJournal", "JournalError", "SCHEMA_VERSION", "Store"]


def empty_tables() -> Tables:
    return {
        "meta": {META_DOC_ID: {"schema": SCHEMA_VERSION}}, "contacts": {}, TOMBSTONES: {},
        "interactions": {},
    }


def interactions_last(tables: Tables) -> None:
    """Move the interactions table to the end of the file, in place (see TABLES)."""
    if "interactions" in tables and next(reversed(tables)) != "interactions":
        tables["interactions"] = tables.pop("interactions")


clock = datetime.now  # when an interaction is logged (see `logging_time`)
_last_logged = datetime.min  # the latest `created` this process gave, under _logging_lock
_logging_lock = threading.Lock()
_TICK = timedelta(microseconds=1)


def logging_time(entries: Iterable[Entry], now: datetime) -> datetime:
    """The `created` of an interaction logged `now` (the real time: a stamp that orders a day's
    entries, never shown, so not the journal's frozen day), to the microsecond: later than any this
    process logged and than any of the contact's `entries` (reread under the lock, so also
    those another process logged a moment before). Interactions of one day are ordered by it
    (Interaction.order_key), so they keep the order they were logged in, whatever the clock
    says; older files, written to the second, keep the order they had."""
    global _last_logged
    with _logging_lock:
        latest = max((e[CREATED] for e in entries), default=datetime.min)
        stamp = max(now, _last_logged + _TICK, latest + _TICK)
        _last_logged = stamp
    return stamp


def stamped(doc: dict, now: str) -> dict:
    """A record document with its change time (UTC) set: what merging copies compares."""
    doc["changed"] = now
    return doc


# --- reading and checking a journal file ------------------------------------------------


_JSON_TYPES = {
    dict: "object", list: "array", str: "string", int: "number", float: "number",
    bool: "true/false", type(None): "null",
}


def json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def schema_of(path: Path, doc: Any) -> int:
    if not isinstance(doc, dict):
        raise DamagedJournal(
            f"{path}: not a journal file: the top level is a JSON {json_type(doc)}, not an object"
        )
    meta = doc.get("meta")
    schema = None
    if isinstance(meta, dict) and isinstance(meta.get(META_DOC_ID), dict):
        schema = meta[META_DOC_ID].get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise DamagedJournal(
            f"{path}: not a journal file: it has no schema version "
            "(it may belong to another program)"
        )
    if schema > SCHEMA_VERSION:
        raise JournalError(
            f"{path}: written by a newer version of journal (schema {schema}; "
            f"this version reads up to {SCHEMA_VERSION}); upgrade journal to open it"
        )
    return schema


_DOC_ID = re.compile(r"[1-9][0-9]*")


def all_doc_ids(keys: Collection[str]) -> bool:
    """Whether every key is a TinyDB doc id (a whole number from 1, no leading zero), checked
    on all of them joined, by a few passes in C."""
    if not keys:
        return True
    joined = "\n".join(keys)
    digits = joined.replace("\n", "")
    return (
        len(digits) == len(joined) - (len(keys) - 1)  # no key holds a newline
        and digits.isascii() and digits.isdigit()
        and "\n\n" not in joined and not joined.startswith(("0", "\n")) and "\n0" not in joined
        and not joined.endswith("\n")
    )


def check_tables(path: Path, doc: dict) -> Tables:
    """The tables are objects keyed by TinyDB doc ids (the records are checked by Store)."""
    for name in TABLES:
        table = doc.setdefault(name, {})
        if not isinstance(table, dict):
            raise DamagedJournal(
                f"{path}: the {name} table is a JSON {json_type(table)}, not a table of records"
            )
        if not all_doc_ids(table):
            bad = next(key for key in table if not _DOC_ID.fullmatch(key))
            raise DamagedJournal(
                f"{path}: the {name} table has a record under {bad!r}, which is not a doc id"
            )
    return doc


_KINDS = frozenset(k.value for k in Kind)
_DIRECTIONS = frozenset([*(d.value for d in Direction), None, ""])
_INTENTS = frozenset([*(i.value for i in Intent), None, ""])
_OCCASIONS = frozenset([*(o.value for o in Occasion), None, ""])
# as `index_interactions` reads them: missing is "", and a null was written by an older journal
_SET_INTENTS, _SET_OCCASIONS = _INTENTS - {None}, _OCCASIONS - {None}
_STR = repeat(str)  # all(map(isinstance, tags, _STR)): every tag is text, checked in C
_TEXT_FIELDS = ("reading", "nickname", "org", "notes", "no_cards_reason", "uid")
_LIST_FIELDS = ("tags", "emails", "phones", "addresses")


def _is_in(value: Any, allowed: Collection[Any]) -> bool:
    try:
        return value in allowed
    except TypeError:  # unhashable: a list or an object
        return False


def _named(name: Any) -> str:
    """A record's name as a message shows it: quoted, cut short."""
    name = str(name)
    return f'"{name}"' if len(name) <= 40 else f'"{name[:39]}…"'


def contact_problem(
    doc: Any, seen: Collection[str], today: date | None = None
) -> tuple[Contact | None, str | None]:
    """The contact a document holds, or what is wrong with it: whatever the shell or a form
    would refuse (journal.fields) is refused here too. `today`: see `record_horizon`."""
    if not isinstance(doc, dict):
        return None, f"is a JSON {json_type(doc)}, not a record"
    try:
        c = contact_from_doc(doc)
    except KeyError as e:
        return None, f"has no {e.args[0]!r} field"
    except (TypeError, ValueError, AttributeError) as e:
        return None, f"is malformed: {e}"
    if not isinstance(c.id, str) or not c.id:
        return None, "has no id"
    if c.id in seen:
        return None, f"has the id {c.id!r} of another contact"
    if not isinstance(c.name, str) or not c.name.strip():
        return None, "has no name"
    for name in _TEXT_FIELDS:
        if not isinstance(getattr(c, name), str):
            return None, f"has a {name} that is not text ({getattr(c, name)!r})"
    for name in _LIST_FIELDS:
        value = doc.get(name) or []
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            return None, f"has {name} that are not a list of text ({doc.get(name)!r})"
    for name in ("cadence_days", "cadence_months", "letter_lead_days"):
        value = getattr(c, name)
        if value is not None and type(value) is not int:
            return None, f"has a {name} that is not a whole number ({value!r})"
    try:
        check_contact(c, today or record_horizon())
    except FieldError as e:
        return None, f"({_named(c.name)}): {e}"
    return c, None


def contact_is_sound(doc: dict, c: Contact, today: date) -> bool:
    """The checks of `contact_problem` in one pass, for the common case of a record that passes
    them all; False sends the record to `contact_problem` to say what is wrong."""
    return (
        type(c.id) is str and c.id != ""
        # lists in the file (a string would pass as a tuple of letters); fields checks the rest:
        # every text field's type and length, the numbers' types and bounds, the dates
        and type(doc.get("tags") or []) is list and all(map(isinstance, c.tags, _STR))
        and type(doc.get("emails") or []) is list and type(doc.get("phones") or []) is list
        and type(doc.get("addresses") or []) is list
        and contact_in_bounds(c, today)
    )


def interaction_problem(
    doc: Any, contact_ids: Collection[str], seen: Collection[str], today: date | None = None
) -> str | None:
    """What is wrong with an interaction document, if anything: whatever the shell or a form
    would refuse (journal.fields) is refused here too. `today`: see `record_horizon`."""
    if not isinstance(doc, dict):
        return f"is a JSON {json_type(doc)}, not a record"
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        return "has no id"
    if doc["id"] in seen:
        return f"has the id {doc['id']!r} of another interaction"
    contact_id = doc.get("contact_id")
    if not isinstance(contact_id, str) or contact_id not in contact_ids:
        return f"belongs to no known contact ({contact_id!r})"
    for name, allowed in (
        ("kind", _KINDS), ("direction", _DIRECTIONS), ("intent", _INTENTS),
        ("occasion", _OCCASIONS),
    ):
        if not _is_in(doc.get(name), allowed):
            return f"has an unknown {name} {doc.get(name)!r}"
    for name, parse in (("date", date.fromisoformat), ("created", datetime.fromisoformat)):
        try:
            parse(doc[name])
        except (KeyError, TypeError, ValueError):
            return f"has a bad {name} {doc.get(name)!r}"
    for name in ("channel", "note"):
        if not isinstance(doc.get(name) or "", str):
            return f"has a {name} that is not text ({doc.get(name)!r})"
    try:
        check_interaction(interaction_from_doc(doc), today or record_horizon())
    except FieldError as e:
        return f"(of {doc['date']}): {e}"
    return None


def tombstone_problem(doc: Any, seen: Collection[str]) -> str | None:
    """What is wrong with a tombstone document (`{"id", "table", "deleted"}`), if anything."""
    if not isinstance(doc, dict):
        return f"is a JSON {json_type(doc)}, not a record"
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        return "has no id"
    if doc["id"] in seen:
        return f"names the id {doc['id']!r} twice"
    if not _is_in(doc.get("table"), RECORD_TABLES):
        return f"names no table of records ({doc.get('table')!r})"
    deleted = doc.get("deleted")
    try:
        if not isinstance(deleted, str) or not deleted.endswith("Z"):
            raise ValueError
        datetime.fromisoformat(deleted)
    except ValueError:
        return f"has a bad deletion time {deleted!r} (UTC, like {utc_stamp()})"
    return None


def check_tombstones(path: Path, table: dict[str, Any]) -> None:
    """DamagedJournal naming the first bad tombstone."""
    seen: set[str] = set()
    for key, doc in table.items():
        problem = tombstone_problem(doc, seen)
        if problem is not None:
            raise DamagedJournal(f"{path}: tombstone #{key} {problem}")
        seen.add(doc["id"])


# An interaction as the index holds it: (date, created, id, doc key, direction as written).
# Its first three are Interaction.order_key: the latest of a contact's is the greatest.
Entry = tuple[date, datetime, str, str, str | None]
CREATED, KEY, DIRECTION = 1, 3, 4
_KEY = itemgetter(KEY)


def _replaced_by(doc: dict) -> Callable[[dict], None]:
    """A TinyDB update that makes a stored record `doc`, rather than adding `doc`'s fields."""
    def replace_fields(stored: dict) -> None:
        stored.clear()
        stored.update(doc)
    return replace_fields


def entry_of(key: str, doc: dict) -> Entry:
    return (
        date.fromisoformat(doc["date"]), datetime.fromisoformat(doc["created"]), doc["id"], key,
        doc.get("direction"),
    )


Indexed = tuple[dict[str, str], dict[str, list[Entry]]]  # ids to doc keys; entries by contact


def index_interactions(
    table: dict[str, Any], contact_ids: Iterable[str], today: date
) -> Indexed | None:
    """The interaction indexes, or None at the first record this pass is not sure of.

    The hot path of opening a large journal: the checks of `interaction_problem` on records
    that pass them, each at the cost of a lookup or two. A repeated id shows in the count at
    the end, an unknown contact as a KeyError. The bounds are journal.fields' (see
    `check_interaction`), compared here on the raw values. A null intent or occasion (see
    `drop_unset`) is left to the caller.
    """
    first, last_day = EARLIEST_DAY, today
    # created, as written: ISO text, whose order is its time's from 1900 on
    first_time, after = first.isoformat(), (today + timedelta(days=1)).isoformat()
    interaction_doc: dict[str, str] = {}
    by_contact: dict[str, list[Entry]] = {cid: [] for cid in contact_ids}
    kinds, directions, intents, occasions = _KINDS, _DIRECTIONS, _SET_INTENTS, _SET_OCCASIONS
    parse_date, parse_time = date.fromisoformat, datetime.fromisoformat
    for key, doc in table.items():
        try:
            iid, created, direction = doc["id"], doc["created"], doc.get("direction")
            if not (
                type(iid) is str and iid and doc["kind"] in kinds
                and direction in directions and doc.get("intent", "") in intents
                and doc.get("occasion", "") in occasions
                and type(channel := doc.get("channel") or "") is str
                and type(note := doc.get("note") or "") is str
                and len(channel) <= LINE_MAX and len(note) <= NOTES_MAX
                and first_time <= created < after
            ):
                return None
            when = parse_time(created)
            if when.tzinfo is not None:
                return None
            day = parse_date(doc["date"])
            if not first <= day <= last_day:
                return None
            entry = (day, when, iid, key, direction)  # see entry_of
            by_contact[doc["contact_id"]].append(entry)
            interaction_doc[iid] = key
        except (KeyError, TypeError, ValueError):
            return None
    return (interaction_doc, by_contact) if len(interaction_doc) == len(table) else None


def index_checked(table: dict[str, Any], contact_ids: Iterable[str]) -> Indexed:
    """The interaction indexes of records known to pass every check (a sealed file, see
    journal.checked): `index_interactions` without its checks, in two thirds of its time."""
    interaction_doc: dict[str, str] = {}
    by_contact: dict[str, list[Entry]] = {cid: [] for cid in contact_ids}
    parse_date, parse_time = date.fromisoformat, datetime.fromisoformat
    for key, doc in table.items():
        iid = doc["id"]
        by_contact[doc["contact_id"]].append(
            (parse_date(doc["date"]), parse_time(doc["created"]), iid, key, doc.get("direction"))
        )  # see entry_of
        interaction_doc[iid] = key
    return interaction_doc, by_contact


def migrate_1_to_2(tables: Tables) -> None:
    """Schema 2 adds giving and asking, occasions and the season card list. An interaction's
    intent and occasion are written only when set (WRITTEN_WHEN_SET): nothing to add there."""
    for doc in tables["contacts"].values():
        doc.setdefault("season_cards", False)
        doc.setdefault("no_cards_until", None)
        doc.setdefault("no_cards_reason", "")


def migrate_2_to_3(tables: Tables) -> None:
    """Schema 3 keeps several emails, phones and postal addresses, a nickname and an org."""
    for doc in tables["contacts"].values():
        contact_doc_2_to_3(doc)


def _utc_of_local(text: str) -> str:
    """The change time of a local time as the journal wrote it before schema 4."""
    return utc_stamp(datetime.fromisoformat(text))  # naive: this machine's local time


def migrate_3_to_4(tables: Tables) -> None:
    """Schema 4 carries what merging copies needs: each record's change time (UTC), from its
    `updated` or `created` time, and a table of tombstones."""
    for name, since in (("contacts", "updated"), ("interactions", "created")):
        for doc in tables[name].values():
            if "changed" not in doc:
                doc["changed"] = _utc_of_local(doc.get(since) or doc["created"])
    tables.setdefault(TOMBSTONES, {})
    interactions_last(tables)


MIGRATIONS: dict[int, Callable[[Tables], None]] = {
    1: migrate_1_to_2, 2: migrate_2_to_3, 3: migrate_3_to_4,
}


def migrate(path: Path, tables: Tables, schema: int) -> None:
    try:
        for version in range(schema, SCHEMA_VERSION):
            MIGRATIONS[version](tables)
    except (AttributeError, KeyError, TypeError, ValueError) as e:
        raise DamagedJournal(
            f"{path}: cannot upgrade it from schema {schema}: a record is malformed ({e})"
        ) from None
    tables["meta"][META_DOC_ID]["schema"] = SCHEMA_VERSION


# --- the store ---------------------------------------------------------------------------


BACKUP_STAMP = "%Y%m%d-%H%M%S"


def _made_at(backup: Path) -> datetime:
    """When a rotating backup was made, from the stamp in its name (`journal.json.20261206-
    011800.bak`): a hard-linked backup shares the journal's file, and so its times."""
    stamp = backup.name.rsplit(".", 2)[-2]  # 20261206-011800: ISO 8601's basic format
    try:
        if len(stamp) != 15 or stamp[8] != "-":
            raise ValueError(stamp)
        return datetime.fromisoformat(stamp.replace("-", "T"))  # strptime takes 1 ms more
    except ValueError:
        return datetime.fromtimestamp(backup.stat().st_mtime)


class Store:
    """The journal: records in memory, changes saved atomically under a cross-process lock."""

    def __init__(self, path: Path | str, today: Callable[[], date] | None = None) -> None:
        self.path = real_file(Path(path))  # a link's target: see paths.real_file
        # the journal's today (journal.clock: a frozen one in demos and tests); records dated
        # after it and the real today are refused (see fields.record_horizon)
        self.today = today or date.today
        # the UTC time each change is stamped with (see journal.merge); a fixed one makes
        # reproducible files (benchmarks/make_journal.py)
        self.clock: Callable[[], str] = utc_stamp
        self._storage = AtomicJSONStorage(self.path, empty_tables())
        self._lock: FileLock | None = None  # made on the first write
        self._mutex = threading.RLock()
        self._batch_depth = 0
        self.saves = 0  # how many saves this store made (a command says so if it fails after)
        self._backed_up = False
        self._old_schema = 0  # the schema of the file on disk while memory holds it migrated
        # whether the last reading checked each record (not when sealed: see journal.checked)
        self.checked_each_record = True
        self._checked_to = date.min  # the latest horizon a record in memory was checked to
        self._db = JournalDB(storage=lambda: self._storage)
        self._contacts: dict[str, Contact] = {}
        self._contact_doc: dict[str, int] = {}
        self._interaction_doc: dict[str, str] = {}  # interaction id -> its key in the table
        self._entries: dict[str, list[Entry]] = {}  # contact id -> their interactions
        self._built: dict[str, list[Interaction]] = {}
        self._sorted: list[Contact] | None = None  # contacts by reading, built when asked
        self._named: tuple[list[Contact], list[str], list[str]] | None = None  # see find
        self._haystacks: list[tuple[Contact, Haystack]] | None = None
        self._latest: dict[str, Interaction | None] = {}  # latest interactions built so far
        # Called after a change of this process was applied on top of changes another process
        # had saved (the store reread the file first). refresh() reports its rereads itself.
        self.on_reload: Callable[[], None] | None = None
        # while `noting`: each record a change touches, as it was before (None: it was new)
        self._noting: dict[tuple[str, str], Contact | Interaction | None] | None = None

    def now(self) -> datetime:
        """The local time records are created and updated at: on the journal's today."""
        return now_on(self.today())

    @classmethod
    def open(
        cls, path: Path | str, *, write_ahead: bool = False,
        today: Callable[[], date] | None = None,
    ) -> Store:
        """Open a journal (a missing file is an empty journal, created on the first save).

        With `write_ahead`, for a caller about to add interactions and save: most of that
        save is written while the records are checked (see journal_file.EarlyWrite); `close`
        gives it up if no save comes.
        """
        store = cls(path, today)
        if store._load(write_ahead):
            store._save_migrated()
        return store

    def close(self) -> None:
        """Give up the save written ahead by `open`, if it is still unused."""
        with self._mutex:
            self._storage.drop_early()

    # -- loading --

    def _load(self, write_ahead: bool = False, sealing: bool = True) -> int:
        """Read, check and adopt the file; returns the old schema when it was migrated in
        memory (and still must be saved), else 0. `sealing`: seal the file once checked (not
        for a copy that is only read, see `read_copy`).

        On JournalError nothing held in memory changes, the signature included: the bad file
        still reads as changed, so no later save can overwrite it.
        """
        doc, st, raw, early = self._storage.load(write_ahead)
        horizon = self._horizon()
        sealed = False
        try:
            if st is None:
                tables, schema = empty_tables(), SCHEMA_VERSION
            else:
                schema = schema_of(self.path, doc)
                if schema < SCHEMA_VERSION or any(name not in doc for name in TABLES):
                    raw = None  # memory will not hold exactly what the file says
                tables = check_tables(self.path, doc)
                if schema < SCHEMA_VERSION:
                    migrate(self.path, tables, schema)
                if raw is None:
                    interactions_last(tables)
                sealed = raw is not None and is_sealed(self.path, identity(st), horizon)
            if self._index(tables, horizon, sealed):
                raw = None  # so the next save writes every record in this version's form
        except BaseException:
            if early is not None:
                early.cancel()
            raise
        if raw is None and early is not None:
            early.cancel()
            early = None
        self._storage.adopt(tables, signature_of(st) if st else None, raw, early)
        self._old_schema = schema if schema < SCHEMA_VERSION else 0
        self.checked_each_record = not sealed
        if sealing and raw is not None and not sealed and self._unchanged_since(st):
            seal(self.path, identity(st), horizon)  # as read, every record passed
        return self._old_schema

    def _unchanged_since(self, st: os.stat_result) -> bool:
        try:
            return identity(os.stat(self.path)) == identity(st)
        except OSError:
            return False

    def _index(self, tables: Tables, horizon: date | None = None, sealed: bool = False) -> bool:
        """Check every record (dated up to `horizon`, by default the store's) and build the
        indexes; JournalError names the first bad record. Records of a `sealed` file
        (journal.checked) are known to pass: they are only indexed. True when records were
        brought to the form this version writes (`drop_unset`), so no longer match the file.

        Assigns nothing until every record has passed.
        """
        check_tombstones(self.path, tables[TOMBSTONES])
        indexed = self._index_sealed(tables) if sealed else None
        tidied = False
        if indexed is None:
            indexed, tidied = self._index_checking(tables, horizon or self._horizon())
        contacts, contact_doc, (interaction_doc, by_contact) = indexed
        self._contacts, self._contact_doc = contacts, contact_doc
        self._contacts_changed()
        self._interaction_doc, self._entries = interaction_doc, by_contact
        self._latest = {}
        self._built = {}
        # A fresh TinyDB forgets cached next ids, which another process may have used.
        self._db = JournalDB(storage=lambda: self._storage)
        return tidied

    @staticmethod
    def _index_sealed(
        tables: Tables,
    ) -> tuple[dict[str, Contact], dict[str, int], Indexed] | None:
        """The indexes of records known to pass; None (check them all) if one does not fit."""
        contacts: dict[str, Contact] = {}
        contact_doc: dict[str, int] = {}
        try:
            for key, doc in tables["contacts"].items():
                contact = contact_from_doc(doc)
                contacts[contact.id] = contact
                contact_doc[contact.id] = int(key)
            return contacts, contact_doc, index_checked(tables["interactions"], contacts)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def _index_checking(
        self, tables: Tables, horizon: date
    ) -> tuple[tuple[dict[str, Contact], dict[str, int], Indexed], bool]:
        """The indexes, checking every record on the way; and whether records were tidied
        (see `_index`)."""
        contacts: dict[str, Contact] = {}
        contact_doc: dict[str, int] = {}
        for key, doc in tables["contacts"].items():
            try:
                contact = contact_from_doc(doc)
                good = contact_is_sound(doc, contact, horizon) and contact.id not in contacts
            except (KeyError, TypeError, ValueError, AttributeError):
                good = False
            if not good:
                found, problem = contact_problem(doc, contacts, horizon)
                if found is None:
                    raise DamagedJournal(f"{self.path}: contact #{key} {problem}")
                contact = found
            contacts[contact.id] = contact
            contact_doc[contact.id] = int(key)
        table = tables["interactions"]
        indexed = index_interactions(table, contacts, horizon)
        tidied = indexed is None and drop_unset(table.values())  # written by an older journal
        if tidied:
            indexed = index_interactions(table, contacts, horizon)
        indexed = indexed or self._check_interactions(table, contacts, horizon)
        return (contacts, contact_doc, indexed), tidied

    def _check_interactions(
        self, table: dict[str, Any], contact_ids: Iterable[str], today: date
    ) -> Indexed:
        """The interaction indexes, checking each record in full; DamagedJournal names the
        first bad one (run when `index_interactions` gave up)."""
        interaction_doc: dict[str, str] = {}
        by_contact: dict[str, list[Entry]] = {cid: [] for cid in contact_ids}
        for key, doc in table.items():
            problem = interaction_problem(doc, by_contact, interaction_doc, today)
            if problem is not None:
                raise DamagedJournal(f"{self.path}: interaction #{key} {problem}")
            by_contact[doc["contact_id"]].append(entry_of(key, doc))
            interaction_doc[doc["id"]] = key
        return interaction_doc, by_contact

    def _save_migrated(self) -> None:
        """Save a journal just migrated in memory (the original is kept, see `_save`)."""
        with self._mutex, self._locked():
            if self._storage.changed_on_disk():
                self._load()  # another process saved it since (maybe migrating it already)
            if self._old_schema:
                self._storage.dirty = True
                self._save()

    def refresh(self) -> bool:
        """Reread the file if another process saved it; True when something changed."""
        with self._mutex:
            if self._batch_depth or not self._storage.changed_on_disk():
                return False
            self._load()
            return True

    def changed_on_disk(self) -> bool:
        return self._storage.changed_on_disk()

    # -- reading --

    def contacts(self, *, archived: bool = False) -> list[Contact]:
        """Contacts sorted by reading (or name); archived ones only when asked for."""
        with self._mutex:
            if self._sorted is None:
                self._sorted = sorted(self._contacts.values(), key=lambda c: (c.sort_key, c.id))
            return [c for c in self._sorted if archived or not c.archived]

    def contact(self, contact_id: str) -> Contact:
        with self._mutex:
            try:
                return self._contacts[contact_id]
            except KeyError:
                raise JournalError(f"no contact with id {contact_id!r}") from None

    def interactions(self, contact_id: str) -> list[Interaction]:
        """A contact's interactions, oldest first."""
        with self._mutex:
            return list(self._interactions_of(contact_id))

    def newest_first(self, contact_id: str) -> Iterator[Interaction]:
        """A contact's interactions, newest first, each built only when it is reached: for rules
        that look back no further than they must (see rules.give_next_newest_first)."""
        with self._mutex:
            built = self._built.get(contact_id)
            if built is not None:
                return reversed(built)  # never changed: a change builds a new list
            docs = self._table_docs("interactions")
            entries = sorted(self._entries_of(contact_id), reverse=True)
            found = list(map(docs.__getitem__, map(_KEY, entries)))
        return map(interaction_from_doc, found)

    def interaction(self, interaction_id: str) -> Interaction:
        with self._mutex:
            try:
                key = self._interaction_doc[interaction_id]
            except KeyError:
                raise JournalError(f"no interaction with id {interaction_id!r}") from None
            return interaction_from_doc(self._table_docs("interactions")[key])

    def all_interactions(self) -> list[Interaction]:
        with self._mutex:
            every = [i for cid in self._contacts for i in self._interactions_of(cid)]
        return sorted(every, key=BY_ORDER)

    def pairs(self, *, archived: bool = False) -> list[tuple[Contact, list[Interaction]]]:
        """Each contact with their interactions (oldest first): the input of the rules."""
        with self._mutex:
            return [
                (c, list(self._interactions_of(c.id))) for c in self.contacts(archived=archived)
            ]

    def latest(self, contact_id: str) -> Interaction | None:
        """A contact's latest interaction, without reading the rest of their history."""
        with self._mutex:
            return self._latest_of(contact_id)

    def latest_pairs(self, *, archived: bool = False) -> list[tuple[Contact, list[Interaction]]]:
        """Each contact with just their latest interaction (or none): all that `rules.status`
        and `rules.overdue` need, at a fraction of the cost of `pairs` on a large journal."""
        with self._mutex:
            pairs = []
            for c in self.contacts(archived=archived):
                last = self._latest_of(c.id)
                pairs.append((c, [last] if last is not None else []))
            return pairs

    def latest_touches(self, *, archived: bool = False) -> list[tuple[Contact, list[Touch]]]:
        """Each contact with the date and direction of their latest interaction (or none):
        what `rules.status` and `rules.overdue` read of it, without building interactions.
        In no particular order (sorting them takes a while at 10,000 people)."""
        with self._mutex:
            return [
                (c, self._latest_touch(c.id))
                for c in self._contacts.values()
                if archived or not c.archived
            ]

    def _latest_touch(self, contact_id: str) -> list[Touch]:
        built = self._built.get(contact_id)
        if built is not None:
            return [Touch(built[-1].date, built[-1].direction)] if built else []
        if entries := self._entries_of(contact_id):
            latest = max(entries)
            return [touch_from_doc(latest[0], latest[DIRECTION])]
        return []

    def _latest_of(self, contact_id: str) -> Interaction | None:
        if contact_id not in self._latest:
            built = self._built.get(contact_id)
            if built is not None:
                self._latest[contact_id] = built[-1] if built else None
            elif entries := self._entries_of(contact_id):
                doc = self._table_docs("interactions")[max(entries)[KEY]]
                self._latest[contact_id] = interaction_from_doc(doc)
            else:
                self._latest[contact_id] = None
        return self._latest[contact_id]

    def find(self, name: str, *, archived: bool = True) -> Contact:
        """The one contact a typed name means (`journal.matching.pick`).

        A name typed in full, the common case, is matched against everyone's folded name and
        reading first: the whole matcher also needs everyone's romaji, 50 ms at 10,000.
        """
        from journal.folding import fold, folds_to
        from journal.rules import AmbiguousName

        with self._mutex:
            query = fold(name)
            people, names, readings = self._normalised()
            exact = [
                c for c, n, r in zip(people, names, readings, strict=True)
                if (folds_to(n, query) or folds_to(r, query)) and (archived or not c.archived)
            ] if query else []
            if len(exact) == 1:
                return exact[0]
            from journal.matching import name_order, pick, ranked

            if exact:
                raise AmbiguousName(name, sorted(exact, key=name_order))
            everyone = self.haystacks()
            if not archived:
                everyone = [(c, h) for c, h in everyone if not c.archived]
            return pick(ranked(everyone, name), name)

    def same_name(self, name: str, besides: str | None = None) -> Contact | None:
        """Someone (archived too, other than `besides`) whose name is `name` but for case,
        width, spacing and zero-width characters (`rules.normalize_name`): who a new name
        would repeat."""
        from journal.rules import normalize_name

        key = normalize_name(name)
        with self._mutex:
            people, names, _ = self._normalised()
            return next((c for c, n in zip(people, names, strict=True)
                         if n == key and c.id != besides), None)

    def haystacks(self) -> list[tuple[Contact, Haystack]]:
        """Everyone, archived too, with what `journal.matching` finds them by; kept until
        someone changes."""
        from journal.matching import haystacks

        with self._mutex:
            if self._haystacks is None:
                people = self._normalised()[0]
                self._haystacks = list(zip(people, haystacks(people), strict=True))
            return self._haystacks

    def _normalised(self) -> tuple[list[Contact], list[str], list[str]]:
        """Everyone, with their names and readings normalised (`rules.normalize_name`; not
        yet kana-folded: see `folding.folds_to`)."""
        from journal.rules import normalize_names

        if self._named is None:
            people = list(self._contacts.values())
            names = normalize_names([c.name for c in people])
            self._named = people, names, normalize_names([c.reading for c in people])
        return self._named

    def get_meta(self, key: str, default: Any = None) -> Any:
        with self._mutex:
            return self._table_docs("meta")[META_DOC_ID].get(key, default)

    def __len__(self) -> int:
        return len(self._contacts)

    def _contacts_changed(self) -> None:
        self._sorted = None
        self._named = None
        self._haystacks = None

    def _table_docs(self, name: str) -> dict[str, dict]:
        return self._storage.data[name]

    def _entries_of(self, contact_id: str) -> list[Entry]:
        """A contact's index entries; JournalError for someone not (or no longer) here, as
        `contact` says it: a reread between two reads may have taken them away."""
        try:
            return self._entries[contact_id]
        except KeyError:
            raise JournalError(f"no contact with id {contact_id!r}") from None

    def _interactions_of(self, contact_id: str) -> list[Interaction]:
        built = self._built.get(contact_id)
        if built is None:
            docs = self._table_docs("interactions")
            built = [interaction_from_doc(docs[e[KEY]]) for e in self._entries_of(contact_id)]
            built.sort(key=BY_ORDER)
            self._built[contact_id] = built
        return built

    # -- writing --

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lock is None:
            self._lock = FileLock(self.path.with_name(self.path.name + ".lock"))
        lock = self._lock
        if not lock.path.exists():
            check_folder(self.path)  # fail fast where the lock file cannot be created
        try:
            lock.acquire(LOCK_TIMEOUT_SECONDS)
        except LockTimeout:
            if not lock.path.exists():  # the lock never got a file: no one else holds it
                raise JournalError(
                    f"{self.path}: cannot save the journal: the lock file {lock.path} cannot be "
                    "created; nothing was saved (keep the journal in another folder with "
                    "--file or JOURNAL_FILE)"
                ) from None
            raise JournalError(
                f"{self.path}: another journal process has held the lock for "
                f"{LOCK_TIMEOUT_SECONDS:g} s; nothing was saved (try again once the app or "
                "the other command is done)"
            ) from None
        except OSError as e:
            raise JournalError(save_problem(self.path, e)) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every change inside is applied under one lock and saved once, at the end.

        If anything inside fails, the journal on disk is untouched and memory is reread from it.
        """
        with self._mutex:
            if self._batch_depth:
                self._batch_depth += 1
                try:
                    yield
                finally:
                    self._batch_depth -= 1
                return
            reloaded = False
            with self._locked():
                if self._storage.changed_on_disk():
                    self._load()
                    reloaded = True
                self._batch_depth = 1
                self._storage.hold_writes = True
                try:
                    yield
                    if self._storage.dirty:
                        self._drop_old_tombstones()
                    self._save()
                except BaseException:
                    self._discard_unsaved()
                    raise
                finally:
                    self._storage.hold_writes = False
                    self._batch_depth = 0
            if reloaded and self.on_reload is not None:
                self.on_reload()

    def _save(self) -> None:
        """Save under the lock; before the first save of a migrated file, keep the original
        as `<name>.schema<N>.bak` (the file on disk is still the one that was read)."""
        if not self._storage.dirty:
            return
        made = None
        try:
            remove_stale_temp_files(self.path, keep=self._storage.early_name())
            made = self._backup_if_due()
            if self._old_schema and self.path.exists():
                original = self.path.read_bytes()
                backup = self.path.with_name(f"{self.path.name}.schema{self._old_schema}.bak")
                write_atomically(backup, original)
            self._storage.flush()
            self.saves += 1
            self._seal_saved()
        except BaseException as e:
            if made is not None:
                # The journal is as it was, so the backup adds nothing; and, a hard link, it
                # would share every write into the journal (an editor may write in place).
                made.unlink(missing_ok=True)
                self._backed_up = False
            if isinstance(e, OSError):
                raise JournalError(save_problem(self.path, e)) from None
            raise
        self._old_schema = 0

    def _seal_saved(self) -> None:
        """Seal the file just saved (journal.checked): it holds the records read, each of which
        passed the checks or came from a sealed file, and those added or changed since, each
        checked on the way in."""
        try:
            st = os.stat(self.path)
        except OSError:
            return
        if signature_of(st) == self._storage.signature:  # still the file this save wrote
            seal(self.path, identity(st), self._checked_to)

    def _discard_unsaved(self) -> None:
        self._storage.discard()  # the next change rereads what is really on disk
        try:
            self._load()
        except JournalError:
            pass

    def _backup_if_due(self) -> Path | None:
        """Once a process, copy the journal aside if the newest backup is over an hour old;
        returns the backup made, if any."""
        if self._backed_up:
            return None
        self._backed_up = True  # the first save of a new journal counts: nothing to back up
        if not self.path.exists():
            return None
        backups = self.backups()
        now = datetime.now()
        if backups and now - _made_at(backups[-1]) < BACKUP_INTERVAL:
            return None
        stamp = now.strftime(BACKUP_STAMP)
        backup = self.path.with_name(f"{self.path.name}.{stamp}.bak")
        keep_copy(self.path, backup)
        try:
            for old in self.backups()[:-BACKUPS_KEPT]:
                old.unlink(missing_ok=True)
        except OSError:
            backup.unlink(missing_ok=True)  # see _save
            raise
        return backup

    def backups(self) -> list[Path]:
        """The rotating backups, oldest first."""
        found = self.path.parent.glob(f"{self.path.name}.2*.bak")
        return sorted(found)

    def _new_id(self) -> str:
        while True:
            candidate = os.urandom(6).hex()
            if candidate not in self._contacts and candidate not in self._interaction_doc:
                return candidate

    def add_contact(self, name: str, **fields: Any) -> Contact:
        name = name.strip()
        if not name:
            raise ValueError("a contact needs a name")
        with self.batch():
            now = self.now().replace(microsecond=0)
            contact = Contact(id=self._new_id(), name=name, created=now, updated=now, **fields)
            check_contact(contact, self._horizon())
            doc = stamped(contact_to_doc(contact), self.clock())
            contact = contact_from_doc(doc)  # as it reads back: tags a tuple, not a list
            self._note("contacts", contact.id)
            doc_id = self._db.table("contacts").insert(doc)
            self._contacts[contact.id] = contact
            self._contacts_changed()
            self._contact_doc[contact.id] = doc_id
            self._entries[contact.id] = []
        return contact

    def update_contact(self, contact: Contact) -> Contact:
        """Save a changed copy of a contact (matched by id)."""
        if not contact.name.strip():
            raise ValueError("a contact needs a name")
        with self.batch():
            if contact.id not in self._contacts:
                raise JournalError(f"no contact with id {contact.id!r}")
            contact = replace(
                contact, name=contact.name.strip(), updated=self.now().replace(microsecond=0)
            )
            check_contact(contact, self._horizon())
            doc = stamped(contact_to_doc(contact), self.clock())
            contact = contact_from_doc(doc)  # as it reads back: tags a tuple, not a list
            self._note("contacts", contact.id)
            doc_id = self._contact_doc[contact.id]
            self._db.table("contacts").update(doc, doc_ids=[doc_id])
            self._contacts[contact.id] = contact
            self._contacts_changed()
        return contact

    def add_interaction(
        self, contact_id: str, kind: Kind, date: date, **fields: Any
    ) -> Interaction:
        with self.batch():
            if contact_id not in self._contacts:
                raise JournalError(f"no contact with id {contact_id!r}")
            interaction = Interaction(
                id=self._new_id(), contact_id=contact_id, kind=Kind(kind), date=date,
                created=logging_time(self._entries[contact_id], clock()), **fields,
            )
            check_interaction(interaction, self._horizon())
            doc = stamped(interaction_to_doc(interaction), self.clock())
            self._note("interactions", interaction.id)
            key = str(self._db.table("interactions").append(doc))
            self._interaction_doc[interaction.id] = key
            self._entries[contact_id].append(entry_of(key, doc))
            self._forget_history(contact_id)
        return interaction

    def update_interaction(self, interaction: Interaction) -> Interaction:
        with self.batch():
            doc_id, contact_id = self._locate(interaction.id)
            interaction = replace(interaction, contact_id=contact_id)
            check_interaction(interaction, self._horizon())
            doc = stamped(interaction_to_doc(interaction), self.clock())
            self._note("interactions", interaction.id)
            # the whole record: a field written only when set may be gone (WRITTEN_WHEN_SET)
            self._db.table("interactions").update(_replaced_by(doc), doc_ids=[doc_id])
            self._drop_entry(contact_id, str(doc_id))
            self._entries[contact_id].append(entry_of(str(doc_id), doc))
            self._forget_history(contact_id)
        return interaction

    def edit_contact(self, base: Contact, changes: dict[str, Any]) -> Contact:
        """Save `changes` made to `base` (the contact as an editor saw it) onto the contact as
        it is now: what another writer saved meanwhile stays. Raises `EditClash`, saving
        nothing, where a field was changed both ways (see `journal.edits`)."""
        return self._edit(base, changes, self.contact, self.update_contact)

    def edit_interaction(self, base: Interaction, changes: dict[str, Any]) -> Interaction:
        """As `edit_contact`, for an interaction."""
        return self._edit(base, changes, self.interaction, self.update_interaction)

    def _edit(self, base: R, changes: dict[str, Any], read: Callable[[str], R],
              write: Callable[[R], R]) -> R:
        from journal.edits import EditClash, merge

        with self.batch():  # rereads the file first, under the lock
            current = read(base.id)  # type: ignore[attr-defined]
            apply, clashes = merge(base, changes, current)
            if not clashes and apply:
                current = write(replace(current, **apply))
        if clashes:
            raise EditClash(current, clashes)
        return current

    def delete_interaction(self, interaction_id: str) -> None:
        """Remove one interaction, leaving a tombstone so that no other copy brings it back."""
        with self.batch():
            doc_id, contact_id = self._locate(interaction_id)
            self._note("interactions", interaction_id)
            self._db.table("interactions").remove(doc_ids=[doc_id])
            del self._interaction_doc[interaction_id]
            self._drop_entry(contact_id, str(doc_id))
            self._forget_history(contact_id)
            self._bury("interactions", [interaction_id])

    def delete_contact(self, contact_id: str) -> None:
        """Remove a person and their whole history, leaving a tombstone for the person (their
        interactions go with them in every merge, even ones logged on another copy)."""
        with self.batch():
            if contact_id not in self._contacts:
                raise JournalError(f"no contact with id {contact_id!r}")
            keys = [int(e[KEY]) for e in self._entries[contact_id]]
            self._note("contacts", contact_id)
            for entry in self._entries[contact_id]:
                self._note("interactions", entry[2])
            if keys:
                self._db.table("interactions").remove(doc_ids=keys)
            for entry in self._entries.pop(contact_id):
                del self._interaction_doc[entry[2]]
            self._db.table("contacts").remove(doc_ids=[self._contact_doc.pop(contact_id)])
            uid = self._contacts.pop(contact_id).uid
            self._forget_history(contact_id)
            self._contacts_changed()
            # the vCard UID too, so that a sync of cards can delete the card
            self._bury("contacts", [contact_id], {"uid": uid} if uid else {})

    def _bury(self, table: str, record_ids: Iterable[str], extra: dict | None = None) -> None:
        """Leave a tombstone for each record deleted (see journal.merge)."""
        now = self.clock()
        stones = [{"id": rid, "table": table, "deleted": now, **(extra or {})}
                  for rid in record_ids]
        self._db.table(TOMBSTONES).insert_multiple(stones)

    def tombstones(self) -> list[dict]:
        """The deletions that travel with the journal: `{"id", "table", "deleted"}` each."""
        with self._mutex:
            return [dict(stone) for stone in self._table_docs(TOMBSTONES).values()]

    def _drop_old_tombstones(self) -> None:
        """Tombstones older than TOMBSTONES_KEPT go: a copy that old is not merged any more."""
        stones = self._table_docs(TOMBSTONES)
        if not stones:
            return
        cutoff = utc_stamp(datetime.now(UTC) - TOMBSTONES_KEPT)
        old = [int(key) for key, stone in stones.items() if stone["deleted"] < cutoff]
        if old:
            self._db.table(TOMBSTONES).remove(doc_ids=old)

    def set_meta(self, key: str, value: Any) -> None:
        """Change a setting, and record when (UTC) so that merging copies keeps the later."""
        if key in ("schema", META_CHANGED):
            raise ValueError(f"{key!r} is the journal's own, not a setting")
        with self.batch():
            meta = self._table_docs("meta")[META_DOC_ID]
            changed = {**(meta.get(META_CHANGED) or {}), key: self.clock()}
            self._db.table("meta").update(
                {key: value, META_CHANGED: changed}, doc_ids=[int(META_DOC_ID)]
            )

    def restore(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        """Replace every record with these (ids kept): restoring a backup."""
        known = {c.id for c in contacts}
        for i in interactions:
            if i.contact_id not in known:
                raise JournalError(f"interaction {i.id} belongs to no contact in the backup")
        self._check_records(contacts, interactions)
        with self.batch():
            gone_people = self._contacts.keys() - known
            gone_entries = self._interaction_doc.keys() - {i.id for i in interactions}
            if self._noting is not None:  # every record there is now may go or change
                self._note_all(self.contacts(archived=True), self.all_interactions())
            self._note_all(contacts, interactions)
            self._db.table("contacts").truncate()
            self._db.table("interactions").truncate()
            self._insert_stamped(contacts, interactions)
            # what the backup does not hold is deleted: a merge must not bring it back
            self._bury("contacts", sorted(gone_people))
            self._bury("interactions", sorted(gone_entries))
            self._unbury(known | {i.id for i in interactions})
            self._index(self._storage.data)

    def undelete(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        """Put deleted records back, ids kept, and take their tombstones away (undo of
        `delete_interaction`/`delete_contact`): a tombstone would delete them again in the
        next merge (journal.merge: deletion is final while it lies there)."""
        with self.batch():
            self.bulk_add(contacts, interactions)
            self._unbury({c.id for c in contacts} | {i.id for i in interactions})

    def _unbury(self, record_ids: Collection[str]) -> None:
        stones = self._table_docs(TOMBSTONES)
        buried = [int(key) for key, s in stones.items() if s["id"] in record_ids]
        if buried:
            self._db.table(TOMBSTONES).remove(doc_ids=buried)

    # -- what a change did (journal.undo) --

    @contextmanager
    def noting(self) -> Iterator[dict[tuple[str, str], Contact | Interaction | None]]:
        """Apply the changes made inside as one (a batch) and note, for each record they
        touch, what it was before: `{(table, id): record or None (it was new)}`, filled in
        as they run. Read `record_now` for what they left."""
        with self.batch():
            if self._noting is not None:  # nested: the outer one notes
                yield self._noting
                return
            self._noting = noted = {}
            try:
                yield noted
            finally:
                self._noting = None

    def record_now(self, table: str, record_id: str) -> Contact | Interaction | None:
        """A contact or an interaction by id (`table` names which), or None if there is none."""
        with self._mutex:
            if table == "contacts":
                return self._contacts.get(record_id)
            key = self._interaction_doc.get(record_id)
            if key is None:
                return None
            return interaction_from_doc(self._table_docs("interactions")[key])

    def _note(self, table: str, record_id: str) -> None:
        noting = self._noting
        if noting is not None and (table, record_id) not in noting:
            noting[(table, record_id)] = self.record_now(table, record_id)

    def _note_all(self, contacts: Iterable[Contact], interactions: Iterable[Interaction]) -> None:
        if self._noting is None:
            return
        for c in contacts:
            self._note("contacts", c.id)
        for i in interactions:
            self._note("interactions", i.id)

    def new_id(self) -> str:
        """A fresh id for a record built outside the store (see `bulk_add`)."""
        with self._mutex:
            return self._new_id()

    def bulk_add(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        """Insert many prebuilt records in one pass (adding one at a time rewrites the table
        for each). Ids must be new; interactions may belong to these or existing contacts."""
        with self.batch():
            known = self._contacts.keys() | {c.id for c in contacts}
            taken = self._contacts.keys() | self._interaction_doc.keys()
            new_ids = [c.id for c in contacts] + [i.id for i in interactions]
            if len(set(new_ids)) != len(new_ids) or taken & set(new_ids):
                raise JournalError("bulk_add was given ids that are already in use")
            for i in interactions:
                if i.contact_id not in known:
                    raise JournalError(f"interaction {i.id} belongs to no known contact")
            self._check_records(contacts, interactions)
            self._note_all(contacts, interactions)
            self._insert_stamped(contacts, interactions)
            self._index(self._storage.data)

    def _insert_stamped(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        now = self.clock()
        self._db.table("contacts").insert_multiple(
            stamped(contact_to_doc(c), now) for c in contacts
        )
        self._db.table("interactions").insert_multiple(
            stamped(interaction_to_doc(i), now) for i in interactions
        )

    # -- merging other copies of this journal (see journal.merge, journal.copies) --

    @classmethod
    def read_copy(cls, path: Path | str, today: Callable[[], date] | None = None) -> Tables:
        """The tables of a file, checked as `open` checks a journal and brought to this schema
        in memory; the file is never written. JournalError when it is missing, is not a
        journal, or is of a newer schema."""
        path = Path(path)
        if not path.exists():
            raise JournalError(f"{path}: no such file")
        copy = cls(path, today)
        copy._load(sealing=False)  # a conflict copy or git's temporary file: read once
        return copy._storage.data

    def check_copy(self, tables: Tables) -> None:
        """DamagedJournal (naming this journal) if the tables would not pass `open`."""
        Store(self.path, self.today)._index(tables)

    def merge_copies(self, copies: list[Tables], *, dry_run: bool = False) -> MergeCounts:
        """Fold other copies of this journal in (see journal.merge): under the lock, checked,
        saved once; with `dry_run`, only what it would do. Settings and tombstones merge too."""
        with self.batch():
            ours = self._storage.data
            theirs = copies[0]
            for other in copies[1:]:
                theirs = merge_tables(theirs, other)[0]
            merged, counts = merge_tables(ours, theirs)
            same = not counts.changed_anything and all(
                merged.get(name) == ours.get(name) for name in ("meta", TOMBSTONES)
            )
            if dry_run:
                self.check_copy(merged)
            elif not same:
                self._index(merged)  # checks every record first: on failure nothing is saved
                self._storage.write(merged)
        return counts

    def _horizon(self) -> date:
        """The latest day a record checked now may be dated; remembered, so that a save can
        seal its file as checked to the latest of them (see `_seal_saved`)."""
        horizon = record_horizon(self.today())
        self._checked_to = max(self._checked_to, horizon)
        return horizon

    def _check_records(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        """FieldError, naming the record, for the first one the file check would refuse."""
        horizon = self._horizon()
        for c in contacts:
            try:
                check_contact(c, horizon)
            except FieldError as e:
                raise FieldError(e.field, f"contact {_named(c.name)}: {e}") from None
        for i in interactions:
            try:
                check_interaction(i, horizon)
            except FieldError as e:
                raise FieldError(e.field, f"interaction {i.id} of {i.date}: {e}") from None

    def _forget_history(self, contact_id: str) -> None:
        """Drop what was built from a contact's interactions after one of them changed."""
        self._built.pop(contact_id, None)
        self._latest.pop(contact_id, None)

    def _drop_entry(self, contact_id: str, key: str) -> None:
        entries = self._entries[contact_id]
        entries[:] = [e for e in entries if e[KEY] != key]

    def _locate(self, interaction_id: str) -> tuple[int, str]:
        """The interaction's TinyDB doc id and its contact's id."""
        try:
            key = self._interaction_doc[interaction_id]
        except KeyError:
            raise JournalError(f"no interaction with id {interaction_id!r}") from None
        return int(key), self._table_docs("interactions")[key]["contact_id"]
