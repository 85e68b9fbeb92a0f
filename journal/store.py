"""The one object that owns the journal file.

`Store` opens and validates the file, migrates older schemas, keeps the records in memory with
indexes by contact, and applies every change under an exclusive lock on a sidecar lock file:
take the lock, reread the file if another process saved it since, apply the change, save
atomically. Callers get frozen dataclasses, never TinyDB documents.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB

from journal.model import (
    Contact,
    Interaction,
    Kind,
    contact_from_doc,
    contact_to_doc,
    interaction_from_doc,
    interaction_to_doc,
)
from journal.storage import (
    FILE_MODE,
    AtomicJSONStorage,
    JournalError,
    Tables,
    remove_stale_temp_files,
    write_atomically,
)

SCHEMA_VERSION = 2
BACKUPS_KEPT = 5
BACKUP_INTERVAL = timedelta(hours=1)
LOCK_TIMEOUT_SECONDS = 10.0
META_DOC_ID = "1"
TABLES = ("meta", "contacts", "interactions")

__all__ = ["JournalError", "SCHEMA_VERSION", "Store"]


def empty_tables() -> Tables:
    return {"meta": {META_DOC_ID: {"schema": SCHEMA_VERSION}}, "contacts": {}, "interactions": {}}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# --- reading and checking a journal file ------------------------------------------------


def schema_of(path: Path, doc: Any) -> int:
    if not isinstance(doc, dict):
        kind = type(doc).__name__
        raise JournalError(f"{path}: not a journal file: the top level is a JSON {kind}")
    meta = doc.get("meta")
    schema = None
    if isinstance(meta, dict) and isinstance(meta.get(META_DOC_ID), dict):
        schema = meta[META_DOC_ID].get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise JournalError(
            f"{path}: not a journal file: it has no schema version "
            "(it may belong to another program)"
        )
    if schema > SCHEMA_VERSION:
        raise JournalError(
            f"{path}: written by a newer version of journal (schema {schema}; "
            f"this version reads up to {SCHEMA_VERSION}); upgrade journal to open it"
        )
    return schema


def check_tables(path: Path, doc: dict) -> Tables:
    for name in ("contacts", "interactions"):
        table = doc.setdefault(name, {})
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise JournalError(f"{path}: the {name} table is not a table of records")
    return doc


def check_interaction(
    path: Path, doc_id: str, doc: dict, contact_ids: Collection[str]
) -> None:
    problem = None
    if not isinstance(doc.get("id"), str):
        problem = "has no id"
    elif doc.get("contact_id") not in contact_ids:
        problem = f"belongs to no known contact ({doc.get('contact_id')!r})"
    elif doc.get("kind") not in Kind._value2member_map_:
        problem = f"has an unknown kind {doc.get('kind')!r}"
    else:
        try:
            date.fromisoformat(doc["date"])
        except (KeyError, TypeError, ValueError):
            problem = f"has a bad date {doc.get('date')!r}"
    if problem:
        raise JournalError(f"{path}: interaction #{doc_id} {problem}")


def migrate_1_to_2(tables: Tables) -> None:
    """Schema 2 adds giving and asking, occasions and the season card list."""
    for doc in tables["interactions"].values():
        doc.setdefault("intent", None)
        doc.setdefault("occasion", None)
    for doc in tables["contacts"].values():
        doc.setdefault("season_cards", False)
        doc.setdefault("no_cards_until", None)
        doc.setdefault("no_cards_reason", "")


MIGRATIONS: dict[int, Callable[[Tables], None]] = {1: migrate_1_to_2}


def migrate(tables: Tables, schema: int) -> None:
    for version in range(schema, SCHEMA_VERSION):
        MIGRATIONS[version](tables)
    tables["meta"][META_DOC_ID]["schema"] = SCHEMA_VERSION


# --- the store ---------------------------------------------------------------------------


class Store:
    """The journal: records in memory, changes saved atomically under a cross-process lock."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._storage = AtomicJSONStorage(self.path, empty_tables())
        self._lock = FileLock(
            str(self.path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=FILE_MODE
        )
        self._mutex = threading.RLock()
        self._batch_depth = 0
        self._backed_up = False
        self._db = TinyDB(storage=lambda: self._storage)
        self._contacts: dict[str, Contact] = {}
        self._contact_doc: dict[str, int] = {}
        self._interaction_doc: dict[str, tuple[int, str]] = {}
        self._docs_by_contact: dict[str, list[int]] = {}
        self._built: dict[str, list[Interaction]] = {}
        self.on_reload: Callable[[], None] | None = None

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open a journal (a missing file is an empty journal, created on the first save)."""
        store = cls(path)
        needs_migration = store._load()
        if needs_migration:
            store._save_migrated(needs_migration)
        return store

    # -- loading --

    def _load(self) -> int:
        """Read the file into memory; returns the old schema when it must be migrated, else 0."""
        doc = self._storage.load()
        if doc is None:
            tables, schema = empty_tables(), SCHEMA_VERSION
        else:
            schema = schema_of(self.path, doc)
            tables = check_tables(self.path, doc)
            if schema < SCHEMA_VERSION:
                migrate(tables, schema)
        self._storage.data = tables
        self._storage.dirty = False
        self._index(tables)
        return schema if schema < SCHEMA_VERSION else 0

    def _index(self, tables: Tables) -> None:
        contacts: dict[str, Contact] = {}
        contact_doc: dict[str, int] = {}
        for doc_id, doc in tables["contacts"].items():
            try:
                contact = contact_from_doc(doc)
            except (KeyError, TypeError, ValueError) as e:
                raise JournalError(f"{self.path}: contact #{doc_id} is malformed: {e}") from None
            contacts[contact.id] = contact
            contact_doc[contact.id] = int(doc_id)
        interaction_doc: dict[str, tuple[int, str]] = {}
        by_contact: dict[str, list[int]] = {cid: [] for cid in contacts}
        for doc_id, doc in tables["interactions"].items():
            check_interaction(self.path, doc_id, doc, contacts.keys())
            interaction_doc[doc["id"]] = (int(doc_id), doc["contact_id"])
            by_contact[doc["contact_id"]].append(int(doc_id))
        self._contacts, self._contact_doc = contacts, contact_doc
        self._interaction_doc, self._docs_by_contact = interaction_doc, by_contact
        self._built = {}
        # A fresh TinyDB forgets cached next ids, which another process may have used.
        self._db = TinyDB(storage=lambda: self._storage)

    def _save_migrated(self, old_schema: int) -> None:
        with self._locked():
            original = self.path.read_bytes()
            backup = self.path.with_name(f"{self.path.name}.schema{old_schema}.bak")
            write_atomically(backup, original)
            self._storage.dirty = True
            self._storage.flush()

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
            people = [c for c in self._contacts.values() if archived or not c.archived]
        return sorted(people, key=lambda c: (c.sort_key, c.id))

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

    def interaction(self, interaction_id: str) -> Interaction:
        with self._mutex:
            try:
                doc_id, _ = self._interaction_doc[interaction_id]
            except KeyError:
                raise JournalError(f"no interaction with id {interaction_id!r}") from None
            return interaction_from_doc(self._table_docs("interactions")[str(doc_id)])

    def all_interactions(self) -> list[Interaction]:
        with self._mutex:
            every = [i for cid in self._contacts for i in self._interactions_of(cid)]
        return sorted(every, key=lambda i: i.order_key)

    def pairs(self, *, archived: bool = False) -> list[tuple[Contact, list[Interaction]]]:
        """Each contact with their interactions (oldest first): the input of the rules."""
        with self._mutex:
            return [(c, self._interactions_of(c.id)) for c in self.contacts(archived=archived)]

    def find(self, name: str, *, archived: bool = True) -> Contact:
        """The one contact a typed name means (see rules.match_name)."""
        from journal.rules import match_name

        return match_name(self.contacts(archived=archived), name)

    def get_meta(self, key: str, default: Any = None) -> Any:
        with self._mutex:
            return self._table_docs("meta")[META_DOC_ID].get(key, default)

    def __len__(self) -> int:
        return len(self._contacts)

    def _table_docs(self, name: str) -> dict[str, dict]:
        return self._storage.data[name]

    def _interactions_of(self, contact_id: str) -> list[Interaction]:
        built = self._built.get(contact_id)
        if built is None:
            docs = self._table_docs("interactions")
            built = [interaction_from_doc(docs[str(d)]) for d in self._docs_by_contact[contact_id]]
            built.sort(key=lambda i: i.order_key)
            self._built[contact_id] = built
        return built

    # -- writing --

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except Timeout:
            raise JournalError(
                f"{self.path}: another journal process has held the lock for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} s; nothing was saved"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

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
            with self._locked():
                if self._storage.changed_on_disk():
                    self._load()
                self._batch_depth = 1
                self._storage.hold_writes = True
                try:
                    yield
                    self._save()
                except BaseException:
                    self._discard_unsaved()
                    raise
                finally:
                    self._storage.hold_writes = False
                    self._batch_depth = 0

    def _save(self) -> None:
        if not self._storage.dirty:
            return
        remove_stale_temp_files(self.path)
        self._backup_if_due()
        self._storage.flush()

    def _discard_unsaved(self) -> None:
        self._storage.dirty = False
        self._storage.signature = None  # force a reread of what is really on disk
        try:
            self._load()
        except JournalError:
            pass

    def _backup_if_due(self) -> None:
        """Once a process, copy the journal aside if the newest backup is over an hour old."""
        if self._backed_up or not self.path.exists():
            return
        self._backed_up = True
        backups = self.backups()
        now = datetime.now()
        if backups and now - datetime.fromtimestamp(backups[-1].stat().st_mtime) < BACKUP_INTERVAL:
            return
        stamp = now.strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.{stamp}.bak")
        write_atomically(backup, self.path.read_bytes())
        for old in self.backups()[:-BACKUPS_KEPT]:
            old.unlink(missing_ok=True)

    def backups(self) -> list[Path]:
        """The rotating backups, oldest first."""
        found = self.path.parent.glob(f"{self.path.name}.2*.bak")
        return sorted(found)

    def _new_id(self) -> str:
        while True:
            candidate = secrets.token_hex(6)
            if candidate not in self._contacts and candidate not in self._interaction_doc:
                return candidate

    def add_contact(self, name: str, **fields: Any) -> Contact:
        name = name.strip()
        if not name:
            raise ValueError("a contact needs a name")
        with self.batch():
            now = _now()
            contact = Contact(id=self._new_id(), name=name, created=now, updated=now, **fields)
            doc_id = self._db.table("contacts").insert(contact_to_doc(contact))
            self._contacts[contact.id] = contact
            self._contact_doc[contact.id] = doc_id
            self._docs_by_contact[contact.id] = []
        return contact

    def update_contact(self, contact: Contact) -> Contact:
        """Save a changed copy of a contact (matched by id)."""
        if not contact.name.strip():
            raise ValueError("a contact needs a name")
        with self.batch():
            if contact.id not in self._contacts:
                raise JournalError(f"no contact with id {contact.id!r}")
            contact = replace(contact, name=contact.name.strip(), updated=_now())
            doc_id = self._contact_doc[contact.id]
            self._db.table("contacts").update(contact_to_doc(contact), doc_ids=[doc_id])
            self._contacts[contact.id] = contact
        return contact

    def add_interaction(
        self, contact_id: str, kind: Kind, date: date, **fields: Any
    ) -> Interaction:
        with self.batch():
            if contact_id not in self._contacts:
                raise JournalError(f"no contact with id {contact_id!r}")
            interaction = Interaction(
                id=self._new_id(), contact_id=contact_id, kind=Kind(kind), date=date,
                created=_now(), **fields,
            )
            doc_id = self._db.table("interactions").insert(interaction_to_doc(interaction))
            self._interaction_doc[interaction.id] = (doc_id, contact_id)
            self._docs_by_contact[contact_id].append(doc_id)
            self._built.pop(contact_id, None)
        return interaction

    def update_interaction(self, interaction: Interaction) -> Interaction:
        with self.batch():
            doc_id, contact_id = self._locate(interaction.id)
            interaction = replace(interaction, contact_id=contact_id)
            self._db.table("interactions").update(
                interaction_to_doc(interaction), doc_ids=[doc_id]
            )
            self._built.pop(contact_id, None)
        return interaction

    def delete_interaction(self, interaction_id: str) -> None:
        with self.batch():
            doc_id, contact_id = self._locate(interaction_id)
            self._db.table("interactions").remove(doc_ids=[doc_id])
            del self._interaction_doc[interaction_id]
            self._docs_by_contact[contact_id].remove(doc_id)
            self._built.pop(contact_id, None)

    def set_meta(self, key: str, value: Any) -> None:
        with self.batch():
            self._db.table("meta").update({key: value}, doc_ids=[int(META_DOC_ID)])

    def restore(self, contacts: list[Contact], interactions: list[Interaction]) -> None:
        """Replace every record with these (ids kept): restoring a backup."""
        known = {c.id for c in contacts}
        for i in interactions:
            if i.contact_id not in known:
                raise JournalError(f"interaction {i.id} belongs to no contact in the backup")
        with self.batch():
            self._db.table("contacts").truncate()
            self._db.table("interactions").truncate()
            self._db.table("contacts").insert_multiple(contact_to_doc(c) for c in contacts)
            self._db.table("interactions").insert_multiple(
                interaction_to_doc(i) for i in interactions
            )
            self._index(self._storage.data)

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
            self._db.table("contacts").insert_multiple(contact_to_doc(c) for c in contacts)
            self._db.table("interactions").insert_multiple(
                interaction_to_doc(i) for i in interactions
            )
            self._index(self._storage.data)

    def _locate(self, interaction_id: str) -> tuple[int, str]:
        try:
            return self._interaction_doc[interaction_id]
        except KeyError:
            raise JournalError(f"no interaction with id {interaction_id!r}") from None
