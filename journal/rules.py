"""The journal's rules: who is due, whose birthday is near, give and ask, card seasons, names.

Pure functions of (data, today): no I/O, no clock. A contact's interactions are always passed
as a sequence sorted oldest first (by `Interaction.order_key`); "pairs" are
`(contact, interactions)` tuples. Everything here is linear in the size of its input.
"""

from __future__ import annotations

import calendar
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from journal.cadence import add_years
from journal.model import (
    Birthday,
    Contact,
    Direction,
    Intent,
    Interaction,
    Kind,
    Occasion,
    Touch,
)
from journal.text import drop_invisible

Pairs = Iterable[tuple[Contact, Sequence[Interaction]]]
Dated = Interaction | Touch  # what a status reads of a contact's latest interaction

REPLY_EXPECTED_DAYS = 7  # a reply is expected within a week
COLD_ASK_DAYS = 90
LETTER_DONE_DAYS = 30
SEASON_START_MONTH = 10  # a season's cards start being sent on 1 October of the year before


# --- the post ------------------------------------------------------------------------------


def collects(day: date) -> bool:
    """Whether the post collects letters that day: not on Sundays, not on 1 January."""
    return day.weekday() != calendar.SUNDAY and (day.month, day.day) != (1, 1)


def last_collection(day: date) -> date:
    """`day`, or the last day before it that the post collects: what a post-by date is."""
    while not collects(day):
        day -= timedelta(days=1)
    return day


# --- due dates and replies ----------------------------------------------------------------


def last_contact(interactions: Sequence[Dated]) -> date | None:
    """The date of the latest interaction in either direction, or None."""
    return interactions[-1].date if interactions else None


class Status(NamedTuple):
    """Where one contact stands today."""

    contact: Contact
    last_contact: date | None
    next_due: date | None  # None when untracked
    days_late: int | None  # today - next_due; negative = days until due; None when untracked
    reply_owed: bool
    snoozed: bool
    overdue: bool
    urgency: float

    @property
    def needs_attention(self) -> bool:
        return not self.snoozed and (self.overdue or self.reply_owed)


def _reply_owed(interactions: Sequence[Dated]) -> bool:
    return bool(interactions) and interactions[-1].direction is Direction.IN


def _late_ratio(contact: Contact, days_late: int | None) -> float | None:
    if days_late is None or contact.cadence_days is None:
        return None
    return days_late / max(contact.cadence_days, 1)


def _urgency(
    contact: Contact, days_late: int | None, overdue: bool, reply_age: int | None
) -> float:
    """Late / cadence when overdue; else days since an unanswered message / 7; else lateness."""
    ratio = _late_ratio(contact, days_late)
    if overdue and ratio is not None:
        return ratio
    if reply_age is not None:
        return reply_age / REPLY_EXPECTED_DAYS
    return ratio if ratio is not None else 0.0


def status(contact: Contact, interactions: Sequence[Dated], today: date) -> Status:
    """Due date, lateness, reply owed and snooze of one contact.

    Due is one cadence (calendar months for `6m`) after the last interaction (any
    direction), or after the day the contact was created when there is none. A reply is owed
    when the latest interaction came in. Urgency: see `overdue`; for contacts needing no
    attention it is the (negative or zero) lateness relative to cadence, or 0.0 when
    untracked.
    """
    last = last_contact(interactions)
    next_due = days_late = None
    cadence = contact.cadence
    if cadence is not None:
        next_due = cadence.after(last or contact.created.date())
        days_late = (today - next_due).days
    owed = _reply_owed(interactions)
    snoozed = contact.snoozed_until is not None and today < contact.snoozed_until
    is_overdue = days_late is not None and days_late > 0 and not snoozed
    reply_age = (today - interactions[-1].date).days if owed else None
    return Status(
        contact=contact,
        last_contact=last,
        next_due=next_due,
        days_late=days_late,
        reply_owed=owed,
        snoozed=snoozed,
        overdue=is_overdue,
        urgency=_urgency(contact, days_late, is_overdue, reply_age),
    )


def late_ratio(st: Status) -> float | None:
    """Lateness relative to cadence, what `overdue` orders overdue people by: days late /
    cadence days (1.43 = 10 days late on a weekly cadence; negative before the due day);
    None when untracked."""
    return _late_ratio(st.contact, st.days_late)


def needs_attention(contact: Contact, interactions: Sequence[Dated], today: date) -> bool:
    """`status(...).needs_attention` without building the Status (most people need none):
    not snoozed, and owed a reply or past due. Run for everyone, so written out in full."""
    if contact.snoozed_until is not None and today < contact.snoozed_until:
        return False
    if interactions:
        last = interactions[-1]
        if last.direction is Direction.IN:
            return True
        since = last.date
    else:
        since = contact.created.date()
    if contact.cadence_months is not None:  # calendar months (when it agrees with the days)
        cadence = contact.cadence
        return cadence is not None and today > cadence.after(since)
    days = contact.cadence_days
    return days is not None and (today - since).days > days


def _name_key(contact: Contact) -> tuple[str, str, str]:
    return (contact.sort_key, contact.name.casefold(), contact.id)


def overdue(pairs: Iterable[tuple[Contact, Sequence[Dated]]], today: date) -> list[Status]:
    """Who needs attention today, most urgent first; archived and snoozed contacts are left out.

    Listed: overdue contacts (past due, not snoozed) and those owed a reply, even before
    they are due. Urgency is lateness relative to cadence, `days_late / cadence_days`, so
    10 days late on a weekly cadence (1.43) comes before 10 days late on a yearly one
    (0.03). Someone only owed a reply (not overdue, or untracked) gets
    `days since their message / 7`, as a reply is expected within a week. Ties are
    broken by name (`Contact.sort_key`, which uses the reading when there is one).
    """
    found = []
    for contact, interactions in pairs:
        if not contact.archived and needs_attention(contact, interactions, today):
            found.append(status(contact, interactions, today))
    found.sort(key=lambda s: (-s.urgency, *_name_key(s.contact)))
    return found


LEAP_YEAR = 2000  # a year every birthday falls in, 29 February too

# --- birthdays ----------------------------------------------------------------------------


def birthday_in(b: Birthday, year: int) -> date:
    """The birthday in `year`; 29 February falls on 28 February in non-leap years."""
    return add_years(date(LEAP_YEAR, b.month, b.day), year - LEAP_YEAR)


def next_birthday(b: Birthday, today: date) -> date:
    """The next occurrence of the birthday on or after today."""
    this_year = birthday_in(b, today.year)
    return this_year if this_year >= today else birthday_in(b, today.year + 1)


class BirthdayEntry(NamedTuple):
    """A contact's next birthday and the letter for it."""

    contact: Contact
    next_birthday: date
    post_by: date  # next_birthday - contact.lead_days, on a day the post collects
    age: int | None  # the age they turn; None without a year
    done: bool  # an outgoing letter was logged in the 30 days before the birthday
    days_until: int

    @property
    def post_due(self) -> bool:
        """The post-by date has come (today or earlier) and no letter is logged yet."""
        today = self.next_birthday - timedelta(days=self.days_until)
        return self.post_by <= today and not self.done


def _letter_sent(interactions: Sequence[Interaction], start: date, end: date) -> bool:
    """An outgoing letter dated within [start, end]."""
    lo = bisect_left(interactions, start, key=lambda i: i.date)
    for i in interactions[lo:]:
        if i.date > end:
            return False
        if i.kind is Kind.LETTER and i.direction.is_outgoing:
            return True
    return False


def birthday_entry(
    contact: Contact, interactions: Sequence[Interaction], today: date
) -> BirthdayEntry | None:
    """The contact's next birthday with its post-by date, age and done flag; None without one."""
    b = contact.birthday
    if b is None:
        return None
    nb = next_birthday(b, today)
    return BirthdayEntry(
        contact=contact,
        next_birthday=nb,
        post_by=last_collection(nb - timedelta(days=contact.lead_days)),
        age=nb.year - b.year if b.year is not None else None,
        done=_letter_sent(interactions, nb - timedelta(days=LETTER_DONE_DAYS), nb),
        days_until=(nb - today).days,
    )


def upcoming_birthdays(pairs: Pairs, today: date, days: int = 60) -> list[BirthdayEntry]:
    """Birthdays of non-archived contacts in [today, today + days], by date then name."""
    found = []
    for contact, interactions in pairs:
        if contact.archived or contact.birthday is None:
            continue
        if (next_birthday(contact.birthday, today) - today).days > days:
            continue
        entry = birthday_entry(contact, interactions, today)
        if entry is not None:
            found.append(entry)
    found.sort(key=lambda e: (e.next_birthday, *_name_key(e.contact)))
    return found


# --- give and ask -------------------------------------------------------------------------


class Balance(NamedTuple):
    """Outgoing gives and asks over the last 12 months, and the latest of each ever."""

    gives_12m: int
    asks_12m: int
    last_give: date | None
    last_ask: date | None


@lru_cache(maxsize=16)
def year_before(day: date) -> date:
    """The same day a year earlier; 29 February falls on 28 February."""
    return add_years(day, -1)


def intent_of(i: Interaction) -> Intent | None:
    """What an interaction counts as in give and ask: its intent, and a birthday letter I
    sent (occasion birthday, outgoing letter) without one is a give. An intent set on the
    letter stands."""
    if (
        i.intent is None
        and i.occasion is Occasion.BIRTHDAY
        and i.kind is Kind.LETTER
        and i.direction.is_outgoing
    ):
        return Intent.GIVE
    return i.intent


def balance(interactions: Sequence[Interaction], today: date) -> Balance:
    """Count outgoing gives and asks (`intent_of`) dated in [today - 12 months, today]."""
    start = year_before(today)
    counts = {Intent.GIVE: 0, Intent.ASK: 0}
    latest: dict[Intent, date] = {}
    for i in interactions:
        intent = intent_of(i)
        if intent is None or not i.direction.is_outgoing:
            continue
        latest[intent] = i.date
        if start <= i.date <= today:
            counts[intent] += 1
    return Balance(
        gives_12m=counts[Intent.GIVE],
        asks_12m=counts[Intent.ASK],
        last_give=latest.get(Intent.GIVE),
        last_ask=latest.get(Intent.ASK),
    )


def _is_outgoing_ask(i: Interaction) -> bool:
    return i.intent is Intent.ASK and i.direction.is_outgoing


def would_be_cold_ask(interactions: Sequence[Interaction], on: date) -> bool:
    """True when an ask dated `on` would be cold.

    Cold: no outgoing interaction other than an ask dated in [on - 90 days, on).
    """
    start = on - timedelta(days=COLD_ASK_DAYS)
    lo = bisect_left(interactions, start, key=lambda i: i.date)
    for i in interactions[lo:]:
        if i.date >= on:
            break
        if i.direction.is_outgoing and i.intent is not Intent.ASK:
            return False
    return True


def is_cold_ask(interaction: Interaction, interactions: Sequence[Interaction]) -> bool:
    """True for an outgoing ask with no outgoing non-ask contact in the 90 days before it."""
    return _is_outgoing_ask(interaction) and would_be_cold_ask(interactions, interaction.date)


def give_next(interactions: Sequence[Interaction], today: date) -> bool:
    """Asks outnumber gives (`intent_of`) over 12 months, or the latest outgoing interaction
    is an ask."""
    return give_next_newest_first(reversed(interactions), today)


def give_next_newest_first(newest_first: Iterable[Interaction], today: date) -> bool:
    """`give_next` of a history given newest first, read only as far back as it must be: to
    the latest outgoing interaction, and through the last 12 months."""
    start = year_before(today)
    latest_out: Interaction | None = None
    counts = {Intent.GIVE: 0, Intent.ASK: 0}
    for i in newest_first:
        if latest_out is not None and i.date < start:
            break
        if not i.direction.is_outgoing:
            continue
        intent = intent_of(i)
        if latest_out is None:
            if intent is Intent.ASK:
                return True
            latest_out = i
        if intent is not None and start <= i.date <= today:
            counts[intent] += 1
    return latest_out is not None and counts[Intent.ASK] > counts[Intent.GIVE]


# --- card seasons -------------------------------------------------------------------------


def season_of(d: date) -> int:
    """The season a card dated `d` greets: October to December of Y -> Y+1, else Y."""
    return d.year + 1 if d.month >= SEASON_START_MONTH else d.year


def current_season(today: date) -> int:
    """The season to work on today: from October on, the next one."""
    return season_of(today)


def season_start(season: int) -> date:
    """1 October of the year before the season."""
    return date(season - 1, SEASON_START_MONTH, 1)


def season_post_by(season: int, month: int = 12, day: int = 25) -> date:
    """The post-by date of a season's cards: 25 December of season-1 by default, or the last
    collection day before it (`last_collection`).

    A month before October is taken to be in the season's own year (e.g. 1 January).
    """
    return last_collection(date(season - 1 if month >= SEASON_START_MONTH else season,
                                month, day))


SEASON_POST_BY_KEY = "season_post_by"  # journal setting: "MM-DD" instead of 25 December


def season_post_by_setting(season: int, setting: object) -> date:
    """The season's post-by date, from a journal's `season_post_by` setting ("MM-DD") if it
    holds a real day, else 25 December."""
    if isinstance(setting, str):
        try:
            month, day = (int(part) for part in setting.strip().split("-"))
            return season_post_by(season, month, day)
        except ValueError:
            pass
    return season_post_by(season)


def skips_season(contact: Contact, season: int) -> bool:
    """No season cards for them this season: `no_cards_until` (a mourning) is after the
    season began."""
    return contact.no_cards_until is not None and contact.no_cards_until > season_start(season)


def mourning_card_warning(
    contact: Contact, on: date, occasion: Occasion | None, direction: Direction
) -> str | None:
    """What to tell someone logging a season card sent on `on` to a person skipped that season
    for mourning; None when there is nothing to say. The card is still theirs to log."""
    if occasion is not Occasion.SEASON or not direction.is_outgoing:
        return None
    season = season_of(on)
    if not skips_season(contact, season) or contact.no_cards_until is None:
        return None
    reason = f" ({contact.no_cards_reason})" if contact.no_cards_reason else ""
    return (
        f"{contact.name} is not to get season cards until "
        f"{contact.no_cards_until.isoformat()}{reason}: they are skipped for the "
        f"{season} season."
    )


class CardSeason(NamedTuple):
    """One season's card list; every list is of contacts."""

    season: int
    post_by: date
    to_send: list[Contact]  # owed first, then by name
    sent: list[Contact]
    received: list[Contact]
    owed: list[Contact]  # received and not sent
    skipped: list[Contact]  # would be sent to, but no cards until after the season began


class SeasonCards(NamedTuple):
    """The days of the first season card sent to someone and received from them in a season."""

    sent: date | None = None
    received: date | None = None


def _season_card_moves(interactions: Sequence[Interaction]
                       ) -> Iterator[tuple[int, date, bool, bool]]:
    """Each season card: the season it greets, its day, whether it went out, came in."""
    for i in interactions:
        if i.occasion is Occasion.SEASON:
            yield season_of(i.date), i.date, i.direction.is_outgoing, i.direction.is_incoming


def card_history(interactions: Sequence[Interaction]) -> dict[int, SeasonCards]:
    """Each season in which a season card went either way, with the first card's days."""
    found: dict[int, list[date | None]] = {}
    for season, day, out, came in _season_card_moves(interactions):
        first = found.setdefault(season, [None, None])
        if out and first[0] is None:
            first[0] = day
        if came and first[1] is None:
            first[1] = day
    return {season: SeasonCards(sent, received) for season, (sent, received) in found.items()}


def season_cards(interactions: Sequence[Interaction], season: int) -> SeasonCards:
    """The first season card sent and received in `season` (None where there was none)."""
    return card_history(interactions).get(season, SeasonCards())


def _card_seasons(interactions: Sequence[Interaction]) -> tuple[set[int], set[int]]:
    """Seasons in which a season card went out, and in which one came in."""
    out: set[int] = set()
    came: set[int] = set()
    for season, _, went, received in _season_card_moves(interactions):
        if went:
            out.add(season)
        if received:
            came.add(season)
    return out, came


def card_season(pairs: Pairs, season: int, post_by: date | None = None) -> CardSeason:
    """Who to send season cards to, who sent, who received, who is owed one, who is skipped.

    to_send = not sent this season, and on the card list, or a card either way in one of
    the two seasons before, or owed. Contacts whose `no_cards_until` is after the season
    began (1 October) are taken out of to_send and owed and listed in skipped (the reason
    is `no_cards_reason`). Archived contacts are left out.
    """
    to_send, sent, received, owed, skipped = [], [], [], [], []
    owed_ids: set[str] = set()
    for contact, interactions in pairs:
        if contact.archived:
            continue
        out, came = _card_seasons(interactions)
        was_sent, was_received = season in out, season in came
        is_owed = was_received and not was_sent
        recent = bool((out | came) & {season - 1, season - 2})
        if was_sent:
            sent.append(contact)
        if was_received:
            received.append(contact)
        if was_sent or not (contact.season_cards or recent or is_owed):
            continue
        if skips_season(contact, season):
            skipped.append(contact)
            continue
        to_send.append(contact)
        if is_owed:
            owed.append(contact)
            owed_ids.add(contact.id)
    for group in (sent, received, owed, skipped):
        group.sort(key=_name_key)
    to_send.sort(key=lambda c: (c.id not in owed_ids, *_name_key(c)))
    return CardSeason(
        season=season,
        post_by=post_by if post_by is not None else season_post_by(season),
        to_send=to_send,
        sent=sent,
        received=received,
        owed=owed,
        skipped=skipped,
    )


# --- names --------------------------------------------------------------------------------


class NameNotFound(LookupError):
    """No contact matches a name."""


class AmbiguousName(LookupError):
    """More than one contact matches a name; `candidates` lists them, best match first
    (`journal.matching`)."""

    def __init__(self, query: str, candidates: Sequence[Contact]) -> None:
        self.candidates: list[Contact] = list(candidates)
        names = ", ".join(c.label for c in self.candidates)
        super().__init__(f'"{query}" matches more than one person: {names}')


def normalize_name(text: str) -> str:
    """Casefolded, NFKC (full-width letters, half-width kana), single spaces, no zero-width
    characters (so they cannot make two names look the same and compare different)."""
    return " ".join(unicodedata.normalize("NFKC", drop_invisible(text)).casefold().split())


def normalize_names(texts: Sequence[str]) -> list[str]:
    """`normalize_name` of each text, with Unicode normalisation and case folding done for all
    of them at once: both leave a NUL as it is and never combine characters across one, so
    the texts are joined with NUL (unless one holds it) and split again."""
    joined = "\0".join(texts)
    if not texts or joined.count("\0") != len(texts) - 1:
        return [normalize_name(t) for t in texts]
    folded = unicodedata.normalize("NFKC", drop_invisible(joined)).casefold()
    parts = folded.split("\0")
    if _single_spaced(folded):
        return parts
    return list(map(" ".join, map(str.split, parts)))


def _single_spaced(folded: str) -> bool:
    """Whether every NUL-separated text already has its words one space apart, and no space
    at either end. Every whitespace character but the space is unprintable."""
    return (
        "  " not in folded and " \0" not in folded and "\0 " not in folded
        and not folded.startswith(" ") and not folded.endswith(" ")
        and folded.replace("\0", "").isprintable()
    )
