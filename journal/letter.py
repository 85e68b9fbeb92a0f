"""What to have in front of you while writing someone a letter.

`letter_notes(contact, interactions, today)`: what the last few entries said, the last thing
they gave and the last thing they asked (`rules.intent_of`: a birthday letter counts as a
give), their next birthday and the age they turn, and the postal address to write on the
envelope. The app's log form shows it beside the note when the entry is a letter; the rules
stay here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from journal.model import Contact, Intent, Interaction
from journal.rules import BirthdayEntry, birthday_entry, intent_of

RECENT = 3  # the last entries shown, those with a note


@dataclass(frozen=True)
class LetterNotes:
    recent: tuple[Interaction, ...]  # the last entries with a note, newest first
    they_gave: Interaction | None  # the latest give of theirs (they reached out, or both)
    they_asked: Interaction | None  # the latest ask of theirs
    birthday: BirthdayEntry | None  # the next birthday and the age they turn
    address: str  # the preferred postal address ("" without one)

    @property
    def empty(self) -> bool:
        return not (self.recent or self.they_gave or self.they_asked or self.birthday
                    or self.address)


def letter_notes(contact: Contact, interactions: Sequence[Interaction], today: date,
                 recent: int = RECENT) -> LetterNotes:
    """What a letter to `contact` could mention; `interactions` are theirs, in any order."""
    newest_first = sorted(interactions, key=lambda i: i.order_key, reverse=True)
    with_note = tuple(i for i in newest_first if i.note.strip())[:recent]

    def latest(intent: Intent) -> Interaction | None:
        theirs = (i for i in newest_first if i.direction.is_incoming)
        return next((i for i in theirs if intent_of(i) is intent), None)

    return LetterNotes(
        recent=with_note,
        they_gave=latest(Intent.GIVE),
        they_asked=latest(Intent.ASK),
        birthday=birthday_entry(contact, interactions, today),
        address=contact.address,
    )
