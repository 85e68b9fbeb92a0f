"""A small journal that puts something on every screen, on a frozen day, for the layout and
snapshot tests: long and wide names, long notes, a birthday letter to post, cards owed,
sent and skipped. Nothing on screen depends on the wall clock (everyone tracked has been in
touch at least once)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from journal.model import Birthday, Direction, Intent, Kind, Occasion
from journal.store import Store
from screens.app import JournalApp, create_app

TODAY = date(2026, 12, 1)  # a Tuesday; the New Year 2027 cards are being sent

LONG_NOTE = ("her move to Osaka, the new flat by the river and the cat that came with it; "
             "she asked about the book club")


def build(path: Path) -> dict[str, str]:
    """The journal at `path`; the ids of its people by first name."""
    s = Store.open(path, today=lambda: TODAY)
    s.set_meta("last_review", TODAY.isoformat())  # no weekly-review reminder over the lists
    margaret = s.add_contact(
        "Margaret O'Brien-Featherstonehaugh", tags=("family",), cadence_days=30,
        cadence_months=1, birthday=Birthday(12, 12, 1950), season_cards=True,
        addresses=("1 High Street, Bath",))
    aiko = s.add_contact("Aiko Tanaka", reading="たなか あいこ", tags=("friends",),
                         cadence_days=30, cadence_months=1, birthday=Birthday(12, 20),
                         season_cards=True)
    shota = s.add_contact("伊藤 翔太", reading="いとう しょうた", cadence_days=90,
                          birthday=Birthday(1, 9, 1990), season_cards=True,
                          addresses=("大阪市北区 1-2-3",))
    ben = s.add_contact("Ben Okafor", tags=("work",), cadence_days=14, season_cards=True,
                        no_cards_until=date(2027, 10, 1),
                        no_cards_reason="mourning for his father, who died in September")
    s.add_interaction(margaret.id, Kind.LETTER, date(2026, 9, 1),
                      note="a long letter about the garden and the greenhouse she built")
    s.add_interaction(margaret.id, Kind.LETTER, date(2026, 11, 28), direction=Direction.IN,
                      occasion=Occasion.SEASON, note="an early card with a robin")
    s.add_interaction(aiko.id, Kind.MESSAGE, date(2026, 8, 15), direction=Direction.IN,
                      channel="LINE", note="photos from the summer festival")
    s.add_interaction(aiko.id, Kind.MEETING, date(2026, 10, 1), intent=Intent.GIVE,
                      note=LONG_NOTE)
    s.add_interaction(shota.id, Kind.CALL, date(2026, 6, 1), direction=Direction.BOTH,
                      intent=Intent.ASK)
    s.add_interaction(shota.id, Kind.MESSAGE, date(2026, 7, 1), direction=Direction.IN,
                      note="are you coming to Kyoto in spring?")
    s.add_interaction(ben.id, Kind.CALL, date(2026, 11, 2), channel="Zoom",
                      note="the project in Lagos")
    return {"margaret": margaret.id, "aiko": aiko.id, "shota": shota.id, "ben": ben.id}


def add_history(path: Path, contact_id: str) -> None:
    """Two years of calls and messages every five weeks or so, both ways, and a meeting:
    a chart with busy and empty months, a rhythm, and a cadence far from the one set."""
    s = Store.open(path, today=lambda: TODAY)
    day = TODAY - timedelta(days=12)
    n = 0
    with s.batch():
        while day > TODAY - timedelta(days=720):
            kind = (Kind.CALL, Kind.MESSAGE, Kind.MEETING)[n % 3]
            way = (Direction.OUT, Direction.IN, Direction.BOTH)[n % 3]
            s.add_interaction(contact_id, kind, day, direction=way, note=f"catching up {n}")
            day -= timedelta(days=(30, 40, 35, 45)[n % 4])
            n += 1


def make_app(path: Path) -> JournalApp:
    return create_app(Store.open(path, today=lambda: TODAY), today=lambda: TODAY)
