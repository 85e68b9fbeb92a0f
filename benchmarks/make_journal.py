"""Write a large, realistic journal for benchmarks.

    python benchmarks/make_journal.py --contacts 10000 --interactions 100000 OUT.json
        [--seed S] [--today YYYY-MM-DD] [--force]

Names in several scripts (Japanese with readings, Chinese, Korean, Latin with accents, a few
Cyrillic and Greek), tags, birthdays (with and without a year, a few on 29 February), cadences,
contact details, and interactions spread over about five years: kinds, directions, channels,
gives and asks, birthday letters and season cards. Some people are overdue, some are owed a
reply, a few are snoozed, archived or in mourning. Everything goes through the real store in one
`bulk_add`, so the file is exactly what the program writes. The same seed gives the same file.

`make_journal(path, contacts, interactions, seed=0, today=None)` does the same from Python.
"""

from __future__ import annotations

import argparse
import random
import sys
import time as clock
import unicodedata
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from journal.model import Birthday, Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.records import Records, write_journal
from journal.rules import birthday_in, current_season, season_start

try:
    from benchmarks.names import unique_person_name
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    from names import unique_person_name

YEARS = 5
SPAN_DAYS = YEARS * 365

TAGS = [
    ("friend", 30), ("work", 25), ("family", 8), ("client", 10), ("school", 10),
    ("mentor", 4), ("climbing", 3), ("neighbour", 3), ("london", 4), ("kanazawa", 3),
    ("book-club", 2), ("volunteer", 2),
]
CADENCES = [(7, 2), (14, 5), (21, 3), (30, 14), (45, 6), (60, 12), (90, 16), (120, 7),
            (180, 10), (365, 8)]
KINDS = [(Kind.MESSAGE, 45), (Kind.MEETING, 20), (Kind.CALL, 20), (Kind.LETTER, 15)]
CHANNELS = {
    Kind.MESSAGE: ["LINE", "email", "WhatsApp", "Signal", "KakaoTalk", "WeChat", "Slack",
                   "Messenger", "Telegram", "SMS", "LinkedIn", ""],
    Kind.MEETING: ["coffee", "lunch", "dinner", "Zoom", "in person", "drinks", "office",
                   "walk", ""],
    Kind.CALL: ["phone", "LINE", "Zoom", "FaceTime", "WhatsApp", ""],
    Kind.LETTER: ["letter", "postcard", "card", "parcel"],
}
NOTES = {
    Kind.MESSAGE: [
        "quick hello", "sent photos from the weekend", "asked how the new job is going",
        "shared an article", "birthday plans", "sent the restaurant link",
        "voice note about the move", "stickers back and forth", "asked about the kids",
        "congrats on the launch", "元気?と一言", "写真を送った", "近況報告",
        "recommended a book", "checked in after the news", "swapped podcast tips",
    ],
    Kind.MEETING: [
        "coffee near the station", "long lunch", "dinner, stayed too late", "walk in the park",
        "drinks after work", "met at the meetup", "Zoom catch-up", "ランチ、仕事の話",
        "カフェで近況", "飲み会", "brunch, talked about travel", "visited their new place",
    ],
    Kind.CALL: [
        "hour-long call", "short call", "video call, new flat tour", "called on my walk home",
        "talked through a job decision", "電話で近況", "長電話", "caught up on family news",
    ],
    Kind.LETTER: [
        "letter with photos", "postcard from the trip", "long letter, three pages",
        "short note with a clipping", "手紙と写真", "はがき", "card and a small gift",
    ],
}
GIVE_NOTES = ["introduced them to a friend", "sent a job lead", "shared my notes",
              "sent a small gift", "reviewed their portfolio", "紹介した", "お土産を送った"]
ASK_NOTES = ["asked for a referral", "asked for feedback on my proposal", "pitched a project",
             "asked for an introduction", "お願いをした", "asked to borrow the car"]
WORKPLACES = ("Kanazawa University", "Acme Ltd", "City Library", "株式会社さくら")
JP_PREFECTURES = ["東京都武蔵野市吉祥寺本町", "石川県金沢市長町", "大阪府大阪市北区梅田",
                  "神奈川県横浜市中区山下町", "京都府京都市左京区下鴨", "福岡県福岡市中央区天神"]
STREETS = ["Rue des Lilas", "Calle Mayor", "Hauptstraße", "High Street", "Rua Augusta",
           "Kungsgatan", "Via Roma", "Main Street", "Nuns Island Road", "Ulica Długa"]
CITIES = ["75011 Paris", "28013 Madrid", "10115 Berlin", "Oxford OX1 4AJ", "1100-048 Lisboa",
          "111 57 Stockholm", "00185 Roma", "Galway H91 E2K8", "80-831 Gdańsk"]
MOURNING = ["喪中: a parent passed away this year", "mourning: lost their father",
            "in mourning this year"]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == " ").strip()


class _Maker:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.start = today - timedelta(days=SPAN_DAYS)
        self.season_began = season_start(current_season(today))
        self.records = Records(self.rng)
        self.names: set[str] = set()
        self.tag_names = [t for t, _ in TAGS]
        self.tag_cum = _cumulative(w for _, w in TAGS)
        self.cad_values = [c for c, _ in CADENCES]
        self.cad_cum = _cumulative(w for _, w in CADENCES)
        self.kind_values = [k for k, _ in KINDS]
        self.kind_cum = _cumulative(w for _, w in KINDS)

    def contact(self, index: int) -> tuple[Contact, float]:
        """A contact and their share of the interactions (before normalising)."""
        rng = self.rng
        name, reading, script = unique_person_name(rng, self.names)
        tags = tuple(sorted(set(
            rng.choices(self.tag_names, cum_weights=self.tag_cum, k=rng.choice((0, 1, 1, 2, 3)))
        )))
        birthday = None
        if rng.random() < 0.7:
            day_of_year = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
            year = rng.randrange(1940, 2006) if rng.random() < 0.55 else None
            if year and day_of_year.month == 2 and day_of_year.day == 29:
                year = year - year % 4
            birthday = Birthday(day_of_year.month, day_of_year.day, year)
        if index % 997 == 13:  # a few leap-day birthdays in any large journal
            birthday = Birthday(2, 29, 1988 if index % 2 else None)
        cadence = None
        if rng.random() < 0.75:
            cadence = rng.choices(self.cad_values, cum_weights=self.cad_cum)[0]
        # People are added over the years, most of them early on.
        added = self.start + timedelta(days=int(SPAN_DAYS * rng.random() ** 2))
        created = datetime.combine(added, time(rng.randrange(7, 24), rng.randrange(60)))
        updated = created
        if rng.random() < 0.5:
            later = rng.randrange(0, (self.today - added).days + 1)
            updated = created + timedelta(days=later)
        handle = _ascii(name).replace(" ", ".") or f"user{index}"
        email = f"{handle}@example.com" if rng.random() < 0.7 else ""
        phone = ""
        if rng.random() < 0.5:
            if script == "japanese":
                phone = f"090-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"
            else:
                phone = f"+{rng.choice((44, 33, 49, 34, 1, 82, 86))} {rng.randrange(10**8, 10**9)}"
        cards = rng.random() < 0.15
        address = ""
        if cards or rng.random() < 0.1:
            if script == "japanese":
                block = f"{rng.randrange(1, 9)}-{rng.randrange(1, 30)}-{rng.randrange(1, 20)}"
                postcode = f"〒{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}"
                address = f"{postcode} {rng.choice(JP_PREFECTURES)}{block}"
            else:
                address = f"{rng.randrange(1, 120)} {rng.choice(STREETS)}, {rng.choice(CITIES)}"
        no_cards_until, reason = None, ""
        if cards and rng.random() < 0.03:
            no_cards_until = self.today + timedelta(days=rng.randrange(60, 300))
            reason = rng.choice(MOURNING)
        snoozed = None
        if cadence and rng.random() < 0.03:
            snoozed = self.today + timedelta(days=rng.randrange(1, 60))
        contact = self.records.contact(  # the id drawn first, as ever: the same journals
            name, id=self.records.new_id(), reading=reading, tags=tags, birthday=birthday,
            cadence_days=cadence, snoozed_until=snoozed,
            # a work email and an organisation for every fifth, without drawing from `rng`,
            # so that the rest of the journal stays as it was generated before
            emails=tuple(e for e in (email, f"{handle}@work.example" * (index % 5 == 0)) if e),
            phones=(phone,) if phone else (), addresses=(address,) if address else (),
            org=WORKPLACES[index % len(WORKPLACES)] if index % 5 == 0 else "",
            letter_lead_days=rng.choice((None, None, None, None, 5, 7, 10)),
            notes=rng.choice(("", "", "", "met at a conference", "大学の同期", "neighbour",
                              "allergic to cats", "two kids", "vegetarian")),
            created=created, updated=updated, archived=rng.random() < 0.03,
            season_cards=cards, no_cards_until=no_cards_until, no_cards_reason=reason,
        )
        # How much of the journal is about this person: a long tail, less for the newly added.
        share = rng.lognormvariate(0, 1.0) * ((self.today - added).days + 30) / SPAN_DAYS
        return contact, share

    def interactions(self, contact: Contact, count: int) -> list[Interaction]:
        rng = self.rng
        first = contact.created.date()
        room = (self.today - first).days
        cadence = contact.cadence_days
        if cadence:
            # About a quarter overdue; the rest touched within their cadence.
            late = rng.uniform(1.05, 3.0) if rng.random() < 0.25 else rng.uniform(0.0, 0.95)
            last_ago = int(cadence * late)
        else:
            last_ago = int(room * rng.random() ** 2)
        last_ago = min(last_ago, room)
        last = self.today - timedelta(days=last_ago)
        spread = (last - first).days
        offsets = sorted(rng.randrange(spread + 1) for _ in range(count - 1))
        days = [first + timedelta(days=o) for o in offsets] + [last]
        reply_owed = rng.random() < 0.05
        card_person = contact.season_cards
        b = contact.birthday
        # Some card people have already exchanged a card this season (so some are owed one).
        this_season = None
        if card_person and rng.random() < 0.3:
            recent = [n for n, day in enumerate(days[:-1]) if day >= self.season_began]
            if recent:
                this_season = rng.choice(recent)
        found = []
        for n, day in enumerate(days):
            kind = rng.choices(self.kind_values, cum_weights=self.kind_cum)[0]
            roll = rng.random()
            card_time = (day.month == 12 and day.day >= 10) or (day.month == 1 and day.day <= 7)
            if n == this_season or (card_person and card_time and rng.random() < 0.5):
                kind = Kind.LETTER
            if kind is Kind.MEETING:
                direction = Direction.BOTH if roll < 0.8 else Direction.OUT
            else:
                direction = (Direction.OUT if roll < 0.55
                             else Direction.IN if roll < 0.9 else Direction.BOTH)
            is_last = n == len(days) - 1
            if is_last:
                direction = Direction.IN if reply_owed else (
                    Direction.BOTH if kind is Kind.MEETING else Direction.OUT)
            occasion = None
            if n == this_season:
                occasion = Occasion.SEASON
            elif kind is Kind.LETTER:
                if card_person and card_time:
                    occasion = Occasion.SEASON if rng.random() < 0.9 else None
                elif b is not None and direction.is_outgoing:
                    this_year = birthday_in(b, day.year)
                    if timedelta(0) <= this_year - day <= timedelta(days=14):
                        occasion = Occasion.BIRTHDAY
            if occasion is None and roll > 0.97:
                occasion = rng.choice((Occasion.THANKS, Occasion.CONGRATULATIONS,
                                       Occasion.CONDOLENCE, Occasion.THANKS))
            intent = None
            if direction.is_outgoing and occasion is None:
                pick = rng.random()
                if pick < 0.07:
                    intent = Intent.GIVE
                elif pick < 0.095:
                    intent = Intent.ASK
            if intent is Intent.GIVE:
                note = rng.choice(GIVE_NOTES)
            elif intent is Intent.ASK:
                note = rng.choice(ASK_NOTES)
            elif rng.random() < 0.3:
                note = ""
            else:
                note = rng.choice(NOTES[kind])
            minute = rng.randrange(7 * 60, 24 * 60)
            found.append(self.records.interaction(
                contact, day, kind, id=self.records.new_id(),
                direction=direction, channel=rng.choice(CHANNELS[kind]), note=note,
                intent=intent, occasion=occasion,
                created=datetime.combine(day, time(minute // 60, minute % 60)),
            ))
        return found


def _cumulative(weights) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def make_journal(
    path: Path | str,
    contacts: int,
    interactions: int,
    seed: int = 0,
    today: date | None = None,
    *,
    overwrite: bool = False,
) -> None:
    """Write a journal of `contacts` people and `interactions` interactions to `path`.

    Refuses to replace an existing file unless `overwrite`. Deterministic for a seed and today.
    """
    path = Path(path)
    if contacts < 0 or interactions < 0:
        raise ValueError("counts must not be negative")
    if interactions and not contacts:
        raise ValueError("interactions need at least one contact")
    if path.exists():
        if not overwrite:
            raise FileExistsError(f"{path} exists; pass overwrite=True (--force) to replace it")
        path.unlink()
    today = today or date.today()
    maker = _Maker(seed, today)
    people: list[Contact] = []
    shares: list[float] = []
    for index in range(contacts):
        contact, share = maker.contact(index)
        people.append(contact)
        shares.append(share)
    per_person = Counter(maker.rng.choices(range(contacts), weights=shares, k=interactions))
    records: list[Interaction] = []
    for index, contact in enumerate(people):
        count = per_person.get(index, 0)
        if count:
            records += maker.interactions(contact, count)
    records.sort(key=lambda i: (i.date, i.created, i.id))
    write_journal(path, people, records, today=today, meta={
        "generated_by": "benchmarks/make_journal.py",
        "generated": {
            "contacts": contacts, "interactions": interactions, "seed": seed,
            "today": today.isoformat(),
        },
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", metavar="OUT", type=Path, help="the journal file to write")
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--interactions", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="the day the journal is written as of (YYYY-MM-DD)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    started = clock.perf_counter()
    try:
        make_journal(args.out, args.contacts, args.interactions, seed=args.seed,
                     today=args.today, overwrite=args.force)
    except (FileExistsError, ValueError) as e:
        print(f"make_journal: {e}", file=sys.stderr)
        return 1
    took = clock.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {args.contacts} contacts, {args.interactions} interactions, "
          f"{size:.1f} MB in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
