"""journal.queries.letter_notes: what the log form shows while a letter is written."""

from __future__ import annotations

from datetime import date, datetime

from journal.model import Birthday, Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.queries import letter_notes
from journal.records import Records

TODAY = date(2026, 12, 1)
ANN = Contact(id="a", name="Ann", created=datetime(2020, 1, 1), birthday=Birthday(12, 12, 1990),
              addresses=("1 Harbour Rd\nKobe", "2 Elm St"))


made = Records()


def entry(n: int, day: date, note: str = "", **fields) -> Interaction:  # noqa: ANN003
    return made.interaction("a", day, fields.pop("kind", Kind.CALL), id=f"i{n}", note=note,
                            **fields)


def test_the_last_entries_with_a_note_newest_first() -> None:
    history = [entry(1, date(2026, 1, 1), "old"), entry(2, date(2026, 5, 1), "her move"),
               entry(3, date(2026, 6, 1)), entry(4, date(2026, 7, 1), "the new job"),
               entry(5, date(2026, 8, 1), "a cold")]
    notes = letter_notes(ANN, history, TODAY)
    assert [i.note for i in notes.recent] == ["a cold", "the new job", "her move"]


def test_what_they_last_gave_and_asked_not_what_i_did() -> None:
    history = [
        entry(1, date(2026, 3, 1), "sent jam", direction=Direction.IN, intent=Intent.GIVE),
        entry(2, date(2026, 4, 1), "my favour", direction=Direction.OUT, intent=Intent.ASK),
        entry(3, date(2026, 5, 1), "a reference", direction=Direction.IN, intent=Intent.ASK),
        entry(4, date(2026, 6, 1), "tea", direction=Direction.OUT, intent=Intent.GIVE),
        entry(5, date(2026, 7, 1), "lunch swap", direction=Direction.BOTH, intent=Intent.GIVE),
    ]
    notes = letter_notes(ANN, history, TODAY)
    assert notes.they_gave is not None and notes.they_gave.note == "lunch swap"
    assert notes.they_asked is not None and notes.they_asked.note == "a reference"


def test_a_birthday_letter_of_theirs_counts_as_a_give() -> None:
    card = entry(1, date(2026, 10, 2), "for my birthday", kind=Kind.LETTER,
                 direction=Direction.BOTH, occasion=Occasion.BIRTHDAY)
    assert letter_notes(ANN, [card], TODAY).they_gave == card


def test_birthday_age_and_the_preferred_address() -> None:
    notes = letter_notes(ANN, [], TODAY)
    assert notes.birthday is not None
    assert (notes.birthday.next_birthday, notes.birthday.age) == (date(2026, 12, 12), 36)
    assert notes.address == "1 Harbour Rd\nKobe"
    assert not notes.empty


def test_someone_new_has_nothing_to_mention() -> None:
    bare = Contact(id="b", name="Bo", created=datetime(2020, 1, 1))
    notes = letter_notes(bare, [], TODAY)
    assert notes.empty and notes.recent == () and notes.birthday is None
