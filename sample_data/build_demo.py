"""Build `sample_data/demo.json`, the journal behind `journal --demo`.

    .venv/bin/python sample_data/build_demo.py

The output is deterministic (a fixed seed, fixed ids, fixed clock times), so rebuilding it
gives the same file. The journal is written as of ANCHOR, kept in the file's meta as
`demo_anchor`; `journal.demo.open_demo` copies it and moves every date so that ANCHOR
becomes the real today, so the demo never goes stale.

Whose journal it is: a freelance UX designer in Tokyo (Kichijoji), from Kanazawa, who studied
at Waseda and worked six years in London. About forty people: family in Kanazawa and Osaka,
friends in Tokyo and abroad, mentors, former colleagues and clients; two years of letters,
meetings, messages and calls, written by hand (the moments that matter) and by a seeded
random routine (the ordinary rhythm of keeping in touch).

What the demo shows, as of ANCHOR:
- a handful of people overdue, one snoozed, two added recently (one never contacted);
- one reply owed (Priya's voice note);
- five birthdays in the coming weeks: one letter already sent (Prof. Kato), a grandmother
  turning 88, an aunt and a friend abroad with longer letter lead times;
- gives and asks: warm asks to clients and mentors, one cold ask (Ben), two people to give to
  next (José and Takuya: the last thing I did was ask);
- season cards: last season's New Year and Christmas cards both ways, one Christmas card
  received this season and not yet answered (Margaret), one friend in mourning (喪中) skipped.
"""

from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from journal.model import (
    Birthday,
    Contact,
    Direction,
    Intent,
    Interaction,
    Kind,
    Occasion,
    several,
)
from journal.records import Records, write_journal
from journal.rules import LETTER_DONE_DAYS, next_birthday
from journal.store import Store

ANCHOR = date(2026, 11, 25)
HISTORY_START = ANCHOR - timedelta(days=730)
SEED = 20261125
OUT = Path(__file__).resolve().parent / "demo.json"

K = {"L": Kind.LETTER, "M": Kind.MEETING, "S": Kind.MESSAGE, "C": Kind.CALL}
D = {"out": Direction.OUT, "in": Direction.IN, "both": Direction.BOTH}


@dataclass
class Person:
    key: str
    name: str
    reading: str = ""
    tags: tuple[str, ...] = ()
    group: str = "friend"  # which note pools the routine draws from: family, friend, work, client
    cadence: int | None = None
    birthday: str | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    more: tuple[str, ...] = ()  # further emails and phones (an @ tells an email)
    nickname: str = ""
    org: str = ""
    notes: str = ""
    cards: bool = False
    lead: int | None = None
    mix: str = ""  # routine contact: "S:LINE:4 M:coffee:2" = kind:channel:weight
    last: int | None = None  # days before ANCHOR of the latest routine contact; None = no routine
    gap: int | None = None  # routine spacing for untracked people (default: the cadence)
    steady: float = 0.85  # routine gap = cadence * steady * U(0.6, 1.4)
    since: date | None = None  # when added to the journal (default: around HISTORY_START)
    first: int | None = None  # days before ANCHOR of the earliest routine contact
    snoozed: int | None = None  # snoozed until ANCHOR + this many days
    no_cards_until: date | None = None
    no_cards_reason: str = ""
    archived: bool = False
    extra: dict = field(default_factory=dict)


DATA = Path(__file__).resolve().parent / "demo_people.json"


def load_data(path: Path = DATA) -> dict[str, Any]:
    """The people and the notes of the demo, from `demo_people.json`.

    people: one object per person, the fields of `Person` (left out: its default); `since` in
      days before ANCHOR, `no_cards_until` an ISO date.
    events: the moments written by hand, [person, when, kind, direction, channel, note,
      intent, occasion]; when: days before ANCHOR, or an ISO date; kind L M S C.
    cards: season cards, person -> style (nengajo or christmas) and {season: both | out | in |
      reply} (reply: theirs came first). Seasons 2025 and 2026 are before ANCHOR's season
      (2027); in that season only Margaret's early Christmas card has come, not answered yet.
    card_notes ("person/out", "person/in"), nengajo_*, christmas_*: the cards' notes.
    meeting_notes (by channel), message_notes ("group/direction"), call_notes (by group),
      letter_notes (by direction), give_notes (by group): the pools the routine draws from.
    """
    return json.loads(path.read_text(encoding="utf-8"))


def _person(doc: dict[str, Any]) -> Person:
    values = dict(doc)
    for name in ("tags", "more"):
        if name in values:
            values[name] = tuple(values[name])
    if "since" in values:
        values["since"] = ANCHOR - timedelta(days=values["since"])
    if "no_cards_until" in values:
        values["no_cards_until"] = date.fromisoformat(values["no_cards_until"])
    return Person(**values)


def _event(row: list) -> tuple:
    key, when, kind, direction, channel, note, intent, occasion = row
    return (key, when, kind, direction, channel, note,
            Intent(intent) if intent else None, Occasion(occasion) if occasion else None)


def _split_keys(pools: dict[str, list[str]]) -> dict[tuple[str, str], list[str]]:
    return {tuple(key.split("/")): notes for key, notes in pools.items()}  # type: ignore[misc]


_DATA = load_data()
PEOPLE = [_person(doc) for doc in _DATA["people"]]
EVENTS: list[tuple] = [_event(row) for row in _DATA["events"]]
CARDS = {
    key: (card["style"], {int(season): how for season, how in card["seasons"].items()})
    for key, card in _DATA["cards"].items()
}
CARD_NOTES = _split_keys(_DATA["card_notes"])
NENGAJO_OUT, NENGAJO_IN = _DATA["nengajo_out"], _DATA["nengajo_in"]
CHRISTMAS_OUT, CHRISTMAS_IN = _DATA["christmas_out"], _DATA["christmas_in"]
MEETING_NOTES: dict[str, list[str]] = _DATA["meeting_notes"]
MESSAGE_NOTES = _split_keys(_DATA["message_notes"])
CALL_NOTES: dict[str, list[str]] = _DATA["call_notes"]
LETTER_NOTES: dict[str, list[str]] = _DATA["letter_notes"]
GIVE_NOTES: dict[str, list[str]] = _DATA["give_notes"]


# --- building ---------------------------------------------------------------------------------


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.records = Records(self.rng)
        self.pools: dict[tuple, list[str]] = {}

    def draw(self, key: tuple, pool: list[str]) -> str:
        """A note from `pool`, not repeated for one person until the pool is used up."""
        left = self.pools.get(key)
        if not left:
            left = list(pool)
            self.rng.shuffle(left)
            self.pools[key] = left
        return left.pop()

    def stamp(self, day: date, kind: Kind) -> datetime:
        """When the entry was logged: the evening for meetings and calls, any time for others."""
        if kind in (Kind.MEETING, Kind.CALL):
            minutes = self.rng.randrange(18 * 60, 23 * 60)
        else:
            minutes = self.rng.randrange(7 * 60 + 30, 23 * 60 + 30)
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def interaction(
        self, p: Person, day: date, kind: Kind, direction: Direction, channel: str, note: str,
        intent: Intent | None = None, occasion: Occasion | None = None,
    ) -> Interaction:
        return self.records.interaction(  # the id drawn before the stamp, as ever
            p.extra["id"], day, kind, id=self.records.new_id(),
            direction=direction, channel=channel, note=note, intent=intent, occasion=occasion,
            created=self.stamp(day, kind),
        )

    # -- routine --

    def routine(self, p: Person, busy: set[date]) -> list[Interaction]:
        if p.last is None or not p.mix:
            return []
        choices = []
        for kind, channel, weight in re.findall(r"([LMSC]):([^:]+):([\d.]+)", p.mix):
            choices.append((K[kind], channel.strip(), float(weight)))
        start = max(HISTORY_START, p.extra["created"].date())
        if p.first is not None:
            start = max(start, ANCHOR - timedelta(days=p.first))
        gap = p.gap or p.cadence or 90
        day = ANCHOR - timedelta(days=p.last)
        letter_free_from = ANCHOR + timedelta(days=1)
        if p.birthday:
            coming = next_birthday(Birthday.parse(p.birthday), ANCHOR)
            letter_free_from = coming - timedelta(days=LETTER_DONE_DAYS)
        found: list[Interaction] = []
        first = True
        while day >= start:
            if not any(abs((day - b).days) <= 2 for b in busy):
                kind, channel, _ = self.rng.choices(choices, weights=[c[2] for c in choices])[0]
                if kind is Kind.LETTER and day >= letter_free_from:
                    # the coming birthday's letter is not sent yet
                    kind, channel = Kind.CALL, "phone"
                found.append(self.routine_one(p, day, kind, channel, latest=first))
                first = False
            step = gap * p.steady * self.rng.uniform(0.6, 1.4)
            day -= timedelta(days=max(1, round(step)))
        return found

    def routine_one(
        self, p: Person, day: date, kind: Kind, channel: str, latest: bool
    ) -> Interaction:
        rng = self.rng
        group = p.group
        intent = None
        if kind is Kind.MEETING:
            direction = Direction.BOTH
            if channel == "Zoom":
                pool_key = "Zoom:client" if group == "client" else "Zoom:work"
                note = "Zoom: " + self.draw((p.key, pool_key), MEETING_NOTES[pool_key])
            else:
                note = self.draw((p.key, channel), MEETING_NOTES[channel])
        elif kind is Kind.CALL:
            direction = rng.choices(
                [Direction.OUT, Direction.IN, Direction.BOTH], weights=[5, 3, 2]
            )[0]
            note = self.draw((p.key, "call"), CALL_NOTES[group])
        elif kind is Kind.LETTER:
            direction = Direction.OUT if rng.random() < 0.65 else Direction.IN
            if latest:
                direction = Direction.OUT
            note = self.draw((p.key, "letter", direction), LETTER_NOTES[direction.value])
        else:
            direction = rng.choices([Direction.OUT, Direction.IN], weights=[6, 4])[0]
            if latest:
                direction = Direction.OUT
            pool_group = group if (group, "out") in MESSAGE_NOTES else "friend"
            if direction is Direction.OUT and group != "family" and rng.random() < 0.07:
                intent = Intent.GIVE
                note = self.draw((p.key, "give"), GIVE_NOTES[group])
            else:
                note = self.draw(
                    (p.key, "msg", direction), MESSAGE_NOTES[(pool_group, direction.value)]
                )
        if latest and direction is Direction.IN:
            direction = Direction.BOTH
        if kind is Kind.LETTER and note.startswith("postcard"):
            channel = "postcard"
        if rng.random() < 0.12 and intent is None:
            note = ""  # not every entry gets a note
        return self.interaction(p, day, kind, direction, channel, note, intent)

    # -- season cards --

    def cards(self, p: Person) -> list[Interaction]:
        if p.key not in CARDS:
            return []
        style, seasons = CARDS[p.key]
        rng = self.rng
        found = []
        for season, how in sorted(seasons.items()):
            if style == "nengajo":
                out_day = date(season - 1, 12, rng.randrange(18, 27))
                in_day = date(season, 1, rng.choice([1, 1, 1, 2, 3]))
                if how == "reply":
                    out_day = in_day + timedelta(days=rng.randrange(2, 6))
                channel = "postcard"
            else:
                out_day = date(season - 1, 12, rng.randrange(3, 10))
                in_day = date(season - 1, 12, rng.randrange(10, 21))
                channel = "card"
            if season == 2027:  # this season: Margaret's early card
                in_day = ANCHOR - timedelta(days=5)
            legs = {"both": ("out", "in"), "reply": ("in", "out"), "out": ("out",),
                    "in": ("in",)}[how]
            for leg in legs:
                day = out_day if leg == "out" else in_day
                found.append(self.interaction(
                    p, day, Kind.LETTER, D[leg], channel,
                    self.card_note(p, style, leg, season, how), occasion=Occasion.SEASON,
                ))
        return found

    def card_note(self, p: Person, style: str, leg: str, season: int, how: str) -> str:
        if how == "reply" and leg == "out":
            return "年賀状 back; theirs came first"
        own = CARD_NOTES.get((p.key, leg))
        if own:
            return own[min(season - 2025, len(own) - 1)]
        if style == "nengajo":
            pool = NENGAJO_OUT if leg == "out" else NENGAJO_IN
        else:
            pool = CHRISTMAS_OUT if leg == "out" else CHRISTMAS_IN
        return self.draw((p.key, "card", leg), pool)

    # -- the whole journal --

    def contacts(self) -> list[Contact]:
        found = []
        for p in PEOPLE:
            p.extra["id"] = self.records.new_id()
            if p.since is not None:
                minutes = self.rng.randrange(8 * 60, 23 * 60)
                created = datetime.combine(p.since, time(minutes // 60, minutes % 60))
            else:
                back = self.rng.randrange(0, 45)
                created = datetime.combine(HISTORY_START - timedelta(days=back), time(21, 0))
                created += timedelta(minutes=self.rng.randrange(0, 120))
            p.extra["created"] = created
            updated = created
            if p.since is None and self.rng.random() < 0.6:
                updated = created + timedelta(days=self.rng.randrange(30, 700), hours=1)
                updated = min(updated, datetime.combine(ANCHOR, time(8, 0)))
            found.append(self.records.contact(
                p.name, id=p.extra["id"], reading=p.reading, tags=p.tags,
                birthday=Birthday.parse(p.birthday) if p.birthday else None,
                cadence_days=p.cadence,
                snoozed_until=ANCHOR + timedelta(days=p.snoozed) if p.snoozed else None,
                emails=several([p.email, *(m for m in p.more if "@" in m)]),
                phones=several([p.phone, *(m for m in p.more if "@" not in m)]),
                addresses=several([p.address]), nickname=p.nickname, org=p.org,
                letter_lead_days=p.lead,
                notes=p.notes, created=created, updated=updated, archived=p.archived,
                season_cards=p.cards, no_cards_until=p.no_cards_until,
                no_cards_reason=p.no_cards_reason,
            ))
        return found

    def interactions(self) -> list[Interaction]:
        by_key = {p.key: p for p in PEOPLE}
        scripted: dict[str, list[Interaction]] = {p.key: [] for p in PEOPLE}
        for key, when, kind, direction, channel, note, intent, occasion in EVENTS:
            p = by_key[key]
            if isinstance(when, int):
                day = ANCHOR - timedelta(days=when)
            else:
                day = date.fromisoformat(when)
            made = self.interaction(p, day, K[kind], D[direction], channel, note, intent, occasion)
            # Moments of one day are logged in the order they are listed.
            earlier = [i.created for i in scripted[key] if i.date == day]
            if earlier and made.created <= max(earlier):
                later = max(earlier) + timedelta(minutes=self.rng.randrange(5, 90))
                made = replace(made, created=later)
            scripted[key].append(made)
        found = []
        for p in PEOPLE:
            own = scripted[p.key] + self.cards(p)
            busy = {i.date for i in own}
            own += self.routine(p, busy)
            for i in own:
                if i.date > ANCHOR or i.date < p.extra["created"].date() - timedelta(days=60):
                    raise SystemExit(f"{p.key}: {i.date} is outside the journal's time")
            found += own
        found.sort(key=lambda i: (i.date, i.created, i.id))
        return found


def build(path: Path = OUT) -> Path:
    builder = Builder()
    contacts = builder.contacts()
    interactions = builder.interactions()
    for leftover in (path, path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    write_journal(path, contacts, interactions, today=ANCHOR,
                  meta={"demo_anchor": ANCHOR.isoformat()})
    path.with_name(path.name + ".lock").unlink(missing_ok=True)
    path.chmod(0o644)  # sample data, not a private journal
    return path


def summary(path: Path) -> str:
    from journal import rules

    store = Store.open(path)
    pairs = store.pairs()
    season = rules.current_season(ANCHOR)
    cards = rules.card_season(pairs, season)
    last = rules.card_season(pairs, season - 1)
    cold = [c.name for c, ii in pairs for i in ii if rules.is_cold_ask(i, ii)]
    lines = [
        f"{path}: {len(store)} people ({len(store.pairs())} active), "
        f"{len(store.all_interactions())} interactions, as of {ANCHOR}",
        "overdue: " + ", ".join(
            f"{s.contact.name}{' (reply owed)' if s.reply_owed else ''}"
            for s in rules.overdue(pairs, ANCHOR)
        ),
        "birthdays (60 days): " + ", ".join(
            f"{e.contact.name} {e.next_birthday}{' done' if e.done else ''}"
            for e in rules.upcoming_birthdays(pairs, ANCHOR)
        ),
        "cold asks: " + ", ".join(cold),
        "give next: " + ", ".join(c.name for c, ii in pairs if rules.give_next(ii, ANCHOR)),
        f"season {season}: to send {len(cards.to_send)}, owed "
        + ", ".join(c.name for c in cards.owed)
        + "; skipped " + ", ".join(f"{c.name} ({c.no_cards_reason})" for c in cards.skipped),
        f"season {season - 1}: sent {len(last.sent)}, received {len(last.received)}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(summary(out))
