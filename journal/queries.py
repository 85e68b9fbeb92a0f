"""What the shell and the app show, computed once: each query returns a plain dataclass, and
both front ends render it in their own words.

- `person`: what to show about one person (`journal show`, `show --json`, the timeline header).
- `birthdays` and `letters_due`: the birthdays ahead and the letters to post this week
  (`journal birthdays`, the birthdays view, the weekly-review reminder).
- `card_list`: one season's card list with the cards' dates (`journal cards`, the cards view).
- `weekly_review`: whether to remind of the weekly review, and what is waiting.
- `letter_notes`: what a letter to someone could mention (the log form, beside the note).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from journal import rules
from journal.model import Contact, Intent, Interaction
from journal.store import Store

BIRTHDAY_DAYS = 60  # the birthdays view and `journal birthdays` look this far ahead
LETTER_WEEK_DAYS = 7  # "letters to post this week"
REVIEW_EVERY_DAYS = 7  # the weekly review is due when the last one is older than this
LAST_REVIEW = "last_review"  # journal meta: the day the overdue list was last opened
LETTER_RECENT = 3  # the letter notes show the last entries with a note, this many

# --- one person ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Everything the shell's `show` and the app's timeline say about a person, on `today`."""

    contact: Contact
    interactions: tuple[Interaction, ...]  # oldest first
    today: date
    status: rules.Status
    balance: rules.Balance
    give_next: bool
    birthday: rules.BirthdayEntry | None  # the next birthday, its post-by day and letter
    cold_asks: frozenset[str]  # the ids of the interactions that are cold asks

    @property
    def newest_first(self) -> list[Interaction]:
        return list(reversed(self.interactions))

    @property
    def no_cards_now(self) -> bool:
        """No season cards for them today (a mourning, until `no_cards_until`)."""
        until = self.contact.no_cards_until
        return until is not None and until > self.today

    def is_cold_ask(self, interaction: Interaction) -> bool:
        return interaction.id in self.cold_asks


def person(contact: Contact, interactions: Sequence[Interaction], today: date) -> Person:
    """What to show about `contact` given their whole history (oldest first)."""
    history = list(interactions)
    return Person(
        contact=contact,
        interactions=tuple(history),
        today=today,
        status=rules.status(contact, history, today),
        balance=rules.balance(history, today),
        give_next=rules.give_next(history, today),
        birthday=rules.birthday_entry(contact, history, today),
        cold_asks=frozenset(i.id for i in history if rules.is_cold_ask(i, history)),
    )


def person_in(store: Store, contact_id: str, today: date) -> Person:
    """`person` read from the journal (JournalError when there is no such person)."""
    return person(store.contact(contact_id), store.interactions(contact_id), today)


# --- birthdays -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Birthdays:
    """The birthdays in the next `days` days, soonest first."""

    today: date
    days: int
    entries: list[rules.BirthdayEntry]

    @property
    def letters_to_post(self) -> list[rules.BirthdayEntry]:
        """The letters not yet sent whose post-by day is this week (or has passed): the
        birthdays view and the weekly-review reminder count the same ones."""
        return letters_to_post(self.entries, self.today)

    @property
    def late(self) -> list[rules.BirthdayEntry]:
        """The letters still to post whose post-by day has passed."""
        return [e for e in self.entries if e.post_due and e.post_by < self.today]


def letters_to_post(entries: Sequence[rules.BirthdayEntry], today: date
                    ) -> list[rules.BirthdayEntry]:
    week_end = today + timedelta(days=LETTER_WEEK_DAYS)
    return [e for e in entries if not e.done and e.post_by <= week_end]


def birthdays(store: Store, today: date, days: int = BIRTHDAY_DAYS) -> Birthdays:
    """Birthdays in the next `days` days. Whether a letter went out needs a person's
    history, so histories are read only for the people with a birthday in the window."""
    latest = store.latest_pairs()
    near = {e.contact.id for e in rules.upcoming_birthdays(latest, today, days)}
    pairs = [(c, store.interactions(c.id)) for c, _ in latest if c.id in near]
    return Birthdays(today, days, rules.upcoming_birthdays(pairs, today, days))


def letters_due(store: Store, today: date) -> list[rules.BirthdayEntry]:
    """The letters to post this week, reading only the birthdays near enough for a post-by
    day this week (the longest letter lead decides how near)."""
    lead = max((c.lead_days for c in store.contacts() if c.birthday is not None), default=0)
    return birthdays(store, today, LETTER_WEEK_DAYS + lead).letters_to_post


# --- season cards --------------------------------------------------------------------------


@dataclass(frozen=True)
class CardList:
    """One season's card list (`rules.CardSeason`) and, for each person on it, the days the
    season's first card went to them and came from them."""

    cards: rules.CardSeason
    dates: dict[str, rules.SeasonCards] = field(default_factory=dict)

    @property
    def to_send_not_owed(self) -> list[Contact]:
        """To send, leaving out the owed (listed first in `to_send`)."""
        owed = {c.id for c in self.cards.owed}
        return [c for c in self.cards.to_send if c.id not in owed]

    def sent_on(self, contact: Contact) -> date | None:
        found = self.dates.get(contact.id)
        return found.sent if found is not None else None

    def received_on(self, contact: Contact) -> date | None:
        found = self.dates.get(contact.id)
        return found.received if found is not None else None


def season_post_by(store: Store, season: int) -> date:
    """The season's post-by day: the journal's `season_post_by` setting, or 25 December."""
    return rules.season_post_by_setting(season, store.get_meta(rules.SEASON_POST_BY_KEY))


def card_list(store: Store, season: int,
              pairs: Sequence[tuple[Contact, Sequence[Interaction]]] | None = None) -> CardList:
    """The card list of `season` (`pairs`: every person and history, if already read)."""
    if pairs is None:
        pairs = store.pairs()
    cards = rules.card_season(pairs, season, season_post_by(store, season))
    listed = {c.id for group in (cards.to_send, cards.sent, cards.received, cards.skipped)
              for c in group}
    dates = {c.id: rules.season_cards(history, season)
             for c, history in pairs if c.id in listed}
    return CardList(cards, dates)


# --- the weekly review ---------------------------------------------------------------------


@dataclass(frozen=True)
class WeeklyReview:
    """A weekly review is due: how long since the last, who is waiting, letters to post."""

    since: int | None  # days since the last review; None: never done
    waiting: int  # people overdue or owed a reply (`rules.overdue`)
    letters: int  # birthday letters to post this week (`letters_due`)


def days_since_review(store: Store, today: date) -> int | None:
    last = store.get_meta(LAST_REVIEW)
    if not last:
        return None
    try:
        return (today - date.fromisoformat(str(last)[:10])).days
    except ValueError:
        return None


def weekly_review(store: Store, today: date, waiting: int | None = None) -> WeeklyReview | None:
    """The weekly review to remind of, or None: it was done in the last week, or nothing
    waits. `waiting`, if known (the app's contacts list counts it), saves reading it."""
    since = days_since_review(store, today)
    if since is not None and since <= REVIEW_EVERY_DAYS:
        return None
    if waiting is None:  # statuses need only the latest interaction
        waiting = len(rules.overdue(store.latest_pairs(), today))
    letters = len(letters_due(store, today))
    if not waiting and not letters:
        return None
    return WeeklyReview(since, waiting, letters)


# --- writing a letter ----------------------------------------------------------------------


@dataclass(frozen=True)
class LetterNotes:
    """What to have in front of you while writing someone a letter."""

    recent: tuple[Interaction, ...]  # the last entries with a note, newest first
    they_gave: Interaction | None  # the latest give of theirs (they reached out, or both)
    they_asked: Interaction | None  # the latest ask of theirs
    birthday: rules.BirthdayEntry | None  # the next birthday and the age they turn
    address: str  # the preferred postal address ("" without one)

    @property
    def empty(self) -> bool:
        return not (self.recent or self.they_gave or self.they_asked or self.birthday
                    or self.address)


def letter_notes(contact: Contact, interactions: Sequence[Interaction], today: date,
                 recent: int = LETTER_RECENT) -> LetterNotes:
    """What a letter to `contact` could mention: what the last few entries said, what they
    last gave and asked (`rules.intent_of`: a birthday letter counts as a give), their next
    birthday and age, the address for the envelope. `interactions`: theirs, in any order."""
    newest_first = sorted(interactions, key=lambda i: i.order_key, reverse=True)
    with_note = tuple(i for i in newest_first if i.note.strip())[:recent]

    def latest(intent: Intent) -> Interaction | None:
        theirs = (i for i in newest_first if i.direction.is_incoming)
        return next((i for i in theirs if rules.intent_of(i) is intent), None)

    return LetterNotes(
        recent=with_note,
        they_gave=latest(Intent.GIVE),
        they_asked=latest(Intent.ASK),
        birthday=rules.birthday_entry(contact, interactions, today),
        address=contact.address,
    )
