"""The journal's records: contacts, interactions and the small types they are made of.

Records are frozen dataclasses. The store hands them out and takes changed copies back
(`dataclasses.replace`), so nothing a caller holds can change the journal behind its back.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from journal.cadence import Cadence


class Kind(StrEnum):
    LETTER = "letter"
    MEETING = "meeting"
    MESSAGE = "message"
    CALL = "call"


class Direction(StrEnum):
    OUT = "out"  # I reached out
    IN = "in"  # they reached out
    BOTH = "both"

    @property
    def is_outgoing(self) -> bool:
        return self is not Direction.IN

    @property
    def is_incoming(self) -> bool:
        return self is not Direction.OUT


class Intent(StrEnum):
    GIVE = "give"
    ASK = "ask"


class Occasion(StrEnum):
    BIRTHDAY = "birthday"
    SEASON = "season"  # New Year and holiday cards
    THANKS = "thanks"
    CONDOLENCE = "condolence"
    CONGRATULATIONS = "congratulations"


DEFAULT_LETTER_LEAD_DAYS = 3

_BIRTHDAY_FULL = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BIRTHDAY_YEARLESS = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday: month and day, and the year when it is known."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        # 2000 is a leap year, so 29 February is accepted when the year is unknown.
        check_year = self.year if self.year is not None else 2000
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"there is no year {self.year}")
        if not 1 <= self.month <= 12:
            raise ValueError(f"there is no month {self.month}")
        if not 1 <= self.day <= calendar.monthrange(check_year, self.month)[1]:
            month = calendar.month_name[self.month]
            where = month if self.year is None else f"{month} {self.year}"
            raise ValueError(f"{where} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> Birthday:
        """Read `YYYY-MM-DD`, `MM-DD` or `--MM-DD`; raise ValueError with what is accepted."""
        text = text.strip()
        if m := _BIRTHDAY_FULL.match(text):
            year, month, day = (int(g) for g in m.groups())
            return cls(month, day, year)
        if m := _BIRTHDAY_YEARLESS.match(text):
            month, day = (int(g) for g in m.groups())
            return cls(month, day)
        raise ValueError(f"cannot read birthday {text!r}: use YYYY-MM-DD, or MM-DD without a year")

    def iso(self) -> str:
        """`1980-03-22`, or `--03-22` without a year (the vCard form)."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class PreferredDetails:
    """`email`, `phone` and `address`: the preferred (first) of a record's several, for a
    contact and for a card read from an address book alike."""

    __slots__ = ()
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    addresses: tuple[str, ...]

    @property
    def email(self) -> str:
        """The preferred email address ("" without one)."""
        return self.emails[0] if self.emails else ""

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    @property
    def address(self) -> str:
        """The preferred postal address (lines separated by newlines)."""
        return self.addresses[0] if self.addresses else ""


@dataclass(frozen=True, slots=True)
class Contact(PreferredDetails):
    """A person in the journal."""

    id: str
    name: str
    reading: str = ""
    tags: tuple[str, ...] = ()
    birthday: Birthday | None = None
    cadence_days: int | None = None  # approximate for months: see `cadence`
    cadence_months: int | None = None  # set for a cadence in calendar months (a year is 12)
    snoozed_until: date | None = None
    # Several of each, the preferred first; `email`, `phone` and `address` read the first.
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    nickname: str = ""
    org: str = ""  # organisation: company, school, club
    letter_lead_days: int | None = None
    notes: str = ""
    created: datetime = field(default_factory=_now)
    updated: datetime = field(default_factory=_now)
    archived: bool = False
    season_cards: bool = False
    no_cards_until: date | None = None
    no_cards_reason: str = ""
    uid: str = ""  # the UID of the vCard this contact was imported from, if any

    @property
    def tracked(self) -> bool:
        return self.cadence_days is not None

    @property
    def cadence(self) -> Cadence | None:
        """How often to be in touch (None: not tracked); its `after(day)` is the due date."""
        return Cadence.of(self.cadence_days, self.cadence_months)

    @property
    def lead_days(self) -> int:
        if self.letter_lead_days is None:
            return DEFAULT_LETTER_LEAD_DAYS
        return self.letter_lead_days

    @property
    def label(self) -> str:
        """`Aiko Tanaka (たなか あいこ)`, or the name alone without a reading."""
        return f"{self.name} ({self.reading})" if self.reading else self.name

    @property
    def sort_key(self) -> str:
        return (self.reading or self.name).casefold()


def several(values: Iterable[str]) -> tuple[str, ...]:
    """Values for a list field (emails, phones, addresses): each stripped, blanks and repeats
    (ignoring case and spacing) dropped, the order kept so the first stays the preferred."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        value = value.strip()
        key = " ".join(value.casefold().split())
        if value and key not in seen:
            seen.add(key)
            kept.append(value)
    return tuple(kept)


def with_preferred(values: tuple[str, ...], preferred: str) -> tuple[str, ...]:
    """`values` with its first (preferred) one replaced by `preferred`; an empty `preferred`
    drops it, and the next one becomes the preferred."""
    return several((preferred, *values[1:]))


@dataclass(frozen=True, slots=True)
class Interaction:
    """One letter, meeting, message or call with a contact."""

    id: str
    contact_id: str
    kind: Kind
    date: date
    direction: Direction = Direction.OUT
    channel: str = ""
    note: str = ""
    intent: Intent | None = None
    occasion: Occasion | None = None
    created: datetime = field(default_factory=_now)

    @property
    def order_key(self) -> tuple[date, datetime, str]:
        """Oldest first; entries of one day in the order they were logged: the store gives
        each a `created` later than any before it (store.logging_time), to the microsecond."""
        return (self.date, self.created, self.id)


class Touch(NamedTuple):
    """When an interaction was and who reached out: all a contact's status reads of their
    latest one (see Store.latest_touches)."""

    date: date
    direction: Direction


# --- documents: how records are written in the journal file ------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def contact_to_doc(c: Contact) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "reading": c.reading,
        "tags": list(c.tags),
        "birthday": c.birthday.iso() if c.birthday else None,
        "cadence_days": c.cadence_days,
        "cadence_months": c.cadence.months if c.cadence is not None else None,
        "snoozed_until": _iso(c.snoozed_until),
        "emails": list(c.emails),
        "phones": list(c.phones),
        "addresses": list(c.addresses),
        "nickname": c.nickname,
        "org": c.org,
        "letter_lead_days": c.letter_lead_days,
        "notes": c.notes,
        "created": _iso(c.created),
        "updated": _iso(c.updated),
        "archived": c.archived,
        "season_cards": c.season_cards,
        "no_cards_until": _iso(c.no_cards_until),
        "no_cards_reason": c.no_cards_reason,
        "uid": c.uid,
    }


# Reading a journal builds every record, and a frozen dataclass's `__init__` sets each field
# through `object.__setattr__` (5 µs for a Contact's 19 fields). These classes share their
# record's slot layout without its frozen `__setattr__`: a record is filled in as one of them,
# then given its real class, which Python allows between classes with identical slots.
_OpenContact = type("_OpenContact", (PreferredDetails,), {"__slots__": Contact.__slots__})
_OpenInteraction = type("_OpenInteraction", (), {"__slots__": Interaction.__slots__})
_OpenBirthday = type("_OpenBirthday", (), {"__slots__": Birthday.__slots__})
R = TypeVar("R")


def _sealed(record: Any, cls: type[R]) -> R:
    record.__class__ = cls
    return record


@lru_cache(maxsize=4096)
def _birthday(text: str) -> Birthday:
    if isinstance(text, str) and len(text) == 10 and text[4] == text[7] == "-":
        try:
            day = date.fromisoformat(text)  # YYYY-MM-DD, checked in C: a fifth of parse's time
        except ValueError:
            pass  # parse says what is wrong
        else:
            b = _OpenBirthday()
            b.month, b.day, b.year = day.month, day.day, day.year
            return _sealed(b, Birthday)
    return Birthday.parse(text)


# Enum lookups by value: calling `Kind(value)` costs several times a dict lookup, which shows
# when a journal of 100,000 interactions is read.
E = TypeVar("E", bound=StrEnum)
_KINDS = {k.value: k for k in Kind}
_DIRECTIONS = {d.value: d for d in Direction}
_INTENTS = {i.value: i for i in Intent}
_OCCASIONS = {o.value: o for o in Occasion}


def _enum(table: dict[str, E], value: Any, what: str) -> E:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise ValueError(f"{value!r} is not a known {what}") from None


def _legacy_months(days: Any) -> int | None:
    if type(days) is not int:
        return None  # the file check says what is wrong
    return Cadence.from_legacy_days(days).months


def contact_from_doc(d: dict) -> Contact:
    birthday = d.get("birthday")
    c = _OpenContact()
    c.id = d["id"]
    c.name = d["name"]
    c.reading = d.get("reading") or ""
    c.tags = tuple(d.get("tags") or ())
    c.birthday = _birthday(birthday) if birthday else None
    c.cadence_days = days = d.get("cadence_days")
    # a file written before months were kept has no cadence_months: read its days as shown
    c.cadence_months = d["cadence_months"] if "cadence_months" in d else _legacy_months(days)
    c.snoozed_until = _date(d.get("snoozed_until"))
    c.emails = tuple(d.get("emails") or ())
    c.phones = tuple(d.get("phones") or ())
    c.addresses = tuple(d.get("addresses") or ())
    c.nickname = d.get("nickname") or ""
    c.org = d.get("org") or ""
    c.letter_lead_days = d.get("letter_lead_days")
    c.notes = d.get("notes") or ""
    c.created = datetime.fromisoformat(d["created"])
    c.updated = datetime.fromisoformat(d.get("updated") or d["created"])
    c.archived = bool(d.get("archived"))
    c.season_cards = bool(d.get("season_cards"))
    c.no_cards_until = _date(d.get("no_cards_until"))
    c.no_cards_reason = d.get("no_cards_reason") or ""
    c.uid = d.get("uid") or ""
    return _sealed(c, Contact)


def contact_doc_2_to_3(d: dict) -> None:
    """Upgrade a contact document of schema 2 (one `email`, `phone`, `address`) to schema 3
    (lists of each, the preferred first; `nickname` and `org`), in place."""
    for one, many in (("email", "emails"), ("phone", "phones"), ("address", "addresses")):
        value = d.pop(one, None)
        if many not in d:
            blank = value is None or (isinstance(value, str) and not value.strip())
            d[many] = [] if blank else [value]  # anything but text is refused by the check
    d.setdefault("nickname", "")
    d.setdefault("org", "")


# Interaction fields written only when set; a reader takes a missing one as null. A record of
# ten fields or fewer (with its change time) fits Python's smallest dict for ten keys, half
# the size of the next: a tenth less memory for a journal, and a file that reads sooner.
WRITTEN_WHEN_SET = ("intent", "occasion")


def interaction_to_doc(i: Interaction) -> dict:
    doc = {
        "id": i.id,
        "contact_id": i.contact_id,
        "kind": i.kind.value,
        "date": i.date.isoformat(),
        "direction": i.direction.value,
        "channel": i.channel,
        "note": i.note,
    }
    if i.intent:
        doc["intent"] = i.intent.value
    if i.occasion:
        doc["occasion"] = i.occasion.value
    doc["created"] = _iso(i.created)
    return doc


def drop_unset(docs: Iterable[Any]) -> bool:
    """Drop the null intent and occasion that journals wrote before they were written only
    when set (see WRITTEN_WHEN_SET); True if any was. Anything but a record is passed over."""
    legacy = [
        doc for doc in docs
        if type(doc) is dict and (doc.get("intent", 0) is None or doc.get("occasion", 0) is None)
    ]
    for doc in legacy:
        for name in WRITTEN_WHEN_SET:
            if name in doc and doc[name] is None:
                del doc[name]
    return bool(legacy)


def touch_from_doc(day: date, direction: str | None) -> Touch:
    """The Touch of an interaction document, from its date and its `direction` value."""
    return Touch(day, _enum(_DIRECTIONS, direction or "out", "direction"))


def interaction_from_doc(d: dict) -> Interaction:
    intent = d.get("intent")
    occasion = d.get("occasion")
    i = _OpenInteraction()
    i.id = d["id"]
    i.contact_id = d["contact_id"]
    i.kind = _enum(_KINDS, d["kind"], "kind")
    i.date = date.fromisoformat(d["date"])
    i.direction = _enum(_DIRECTIONS, d.get("direction") or "out", "direction")
    i.channel = d.get("channel") or ""
    i.note = d.get("note") or ""
    i.intent = _enum(_INTENTS, intent, "intent") if intent else None
    i.occasion = _enum(_OCCASIONS, occasion, "occasion") if occasion else None
    i.created = datetime.fromisoformat(d["created"])
    return _sealed(i, Interaction)
