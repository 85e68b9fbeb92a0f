"""One parse-and-validate function per field of a contact or an interaction.

Every way into the journal uses these: the shell's arguments, the app's forms, import, restore,
and reading the journal file. A value is refused with a `FieldError` whose message names the
field and says what is accepted, the same words in the shell and in a form. Text is tidied on
the way in by `journal.text` (controls and bidi overrides dropped) before it is checked.

Decisions where there was a choice:
- Tags compare without case, and are merged, never refused: `--tag Work,work`, "Work, work"
  in the form and a card's `CATEGORIES:Work,work` all give `Work` (the first spelling stays);
  adding `work` to someone tagged `Work` is no change (the shell and imports always did so).
  A file written by an older form with both spellings still opens: two spellings of one tag
  harm nothing, so the record check does not refuse them.
- `created` and `updated` are naive local times. One with a time zone is refused, not
  converted: nothing the journal writes has one, so it comes from a hand-edited file or backup,
  and reading a file never rewrites it.
- Imports are never refused for a long value: a name or a note over its limit is cut
  (`fit_line`, `fit_notes`) and the import's report says what was cut, for whom.
- A file is checked against `record_horizon()`: two days after today (a journal shared between
  time zones is a day ahead somewhere), or after the store's `today` when that is later.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import repeat

from journal import cadence as cadences
from journal.cadence import Cadence
from journal.dates import DateError, parse_date_strict, parse_until, parse_when
from journal.model import Birthday, Contact, Interaction, several
from journal.text import quoted, tidy_line, tidy_lines

NAME_MAX = 300  # characters in a name or a reading
LINE_MAX = 300  # characters in other one-line text: a tag, an email, a phone, a channel
ADDRESS_MAX = 2_000
NOTES_MAX = 200_000  # characters in a contact's notes or an interaction's note (up to 800 KB)
TAGS_MAX = 100  # tags on one person
LIST_MAX = 100  # emails, phones or postal addresses of one person
CADENCE_MIN_DAYS, CADENCE_MAX_DAYS = 1, 3660  # from every day to every 10 years
CADENCE_MAX_MONTHS = CADENCE_MAX_DAYS // cadences.DAYS_PER_MONTH
LEAD_DAYS_MAX = 365  # days a letter takes to arrive
EARLIEST_YEAR = 1900  # no birthday, interaction or record is older
EARLIEST_DAY = date(EARLIEST_YEAR, 1, 1)
FUTURE_YEARS = 100  # a snooze or a pause in cards ends within this many years
CLOCK_SLACK = timedelta(days=2)

CADENCE_HINT = "try 30d, 2w, 3m or 1y (from 1 day to 10 years)"
BIRTHDAY_HINT = "use YYYY-MM-DD, or MM-DD without a year"
UNTIL_HINT = "use a date (YYYY-MM-DD, Dec 20) or a span from today (3w, 6m, 1y)"


class FieldError(ValueError):
    """A value a field cannot take. `field` is the record's attribute (`birthday`,
    `cadence_days`…); the message is a whole sentence that says what is accepted."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# --- text ------------------------------------------------------------------------------------

LABELS = {
    "name": "a name", "reading": "a reading", "email": "an email", "phone": "a phone number",
    "channel": "a channel", "no_cards_reason": "a reason", "uid": "a uid", "tags": "a tag",
    "address": "an address", "notes": "notes", "note": "a note", "nickname": "a nickname",
    "org": "an organisation", "emails": "an email", "phones": "a phone number",
    "addresses": "an address",
}


def _capped(text: str, field: str, limit: int) -> str:
    if len(text) > limit:
        raise FieldError(
            field, f"{LABELS.get(field, field)} can be at most {limit:,} characters "
            f"(this one has {len(text):,})"
        )
    return text


def parse_name(text: str) -> str:
    """A contact's name: one line, spaces collapsed, not empty, at most NAME_MAX characters."""
    name = " ".join(tidy_line(text).split())
    if not name:
        raise FieldError("name", "a contact needs a name")
    return _capped(name, "name", NAME_MAX)


def parse_reading(text: str) -> str:
    """How the name is read (furigana): one line, may be empty."""
    return _capped(" ".join(tidy_line(text).split()), "reading", NAME_MAX)


def parse_line(text: str, field: str) -> str:
    """Any other one-line text (email, phone, channel, reason): tidied, at most LINE_MAX."""
    return _capped(tidy_line(text), field, LINE_MAX)


def parse_address(text: str) -> str:
    """A postal address: may hold several lines."""
    return _capped(tidy_lines(text), "address", ADDRESS_MAX)


def _too_many(field: str, count: int) -> str:
    plural = {"email": "emails", "phone": "phone numbers", "address": "addresses",
              "phones": "phone numbers"}.get(field, field)
    return f"a person can have at most {LIST_MAX} {plural}, not {count}"


def parse_several(values: Iterable[str], field: str) -> tuple[str, ...]:
    """Emails, phones (`field` "email", "phone") or postal addresses ("address"), the
    preferred first: each tidied and checked, blanks and repeats dropped (model.several)."""
    parse = parse_address if field == "address" else (lambda text: parse_line(text, field))
    kept = several(parse(value) for value in values)
    if len(kept) > LIST_MAX:
        raise FieldError(field, _too_many(field, len(kept)))
    return kept


def parse_notes(text: str, field: str = "notes") -> str:
    """A contact's notes, or an interaction's note (`field="note"`): several lines."""
    return _capped(tidy_lines(text), field, NOTES_MAX)


def fit_line(text: str, field: str, limit: int = NAME_MAX) -> tuple[str, bool]:
    """For imports: the text tidied to one line and cut to `limit`; and whether it was cut."""
    text = " ".join(tidy_line(text).split()) if field in ("name", "reading") else tidy_line(text)
    return (text[:limit].rstrip(), True) if len(text) > limit else (text, False)


def fit_notes(text: str, limit: int = NOTES_MAX) -> tuple[str, bool]:
    """For imports: notes tidied and cut to `limit`; and whether they were cut."""
    text = tidy_lines(text)
    return (text[:limit].rstrip(), True) if len(text) > limit else (text, False)


# --- tags ------------------------------------------------------------------------------------


def _tag(text: str) -> str:
    return _capped(" ".join(tidy_line(text).split()), "tags", LINE_MAX)


def parse_tags(values: str | Iterable[str]) -> tuple[str, ...]:
    """Tags typed together: `"family, work"` or `["family", "work,client"]` (commas separate
    tags), tidied, empty ones dropped, merged without case (the first spelling stays)."""
    texts = [values] if isinstance(values, str) else values
    tags = merge_tags((), [tag for text in texts for tag in text.split(",")])
    if len(tags) > TAGS_MAX:
        raise FieldError("tags", f"a person can have at most {TAGS_MAX} tags, not {len(tags)}")
    return tags


def merge_tags(current: Iterable[str], more: Iterable[str]) -> tuple[str, ...]:
    """`current`, then the tags of `more` (each tidied, not split) that are new without case."""
    tags = list(current)
    seen = {t.casefold() for t in tags}
    for text in more:
        tag = _tag(text)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def check_tags(tags: tuple[str, ...]) -> None:
    """Tags as a record holds them: none empty or over LINE_MAX, at most TAGS_MAX."""
    for tag in tags:
        if type(tag) is not str:
            raise FieldError("tags", f"a tag must be text, not {quoted(repr(tag))}")
        if not tag.strip() or len(tag) > LINE_MAX:
            raise FieldError("tags", f'the tag "{quoted(tag)}" is empty or over {LINE_MAX} '
                             "characters")
    if len(tags) > TAGS_MAX:
        raise FieldError("tags", f"a person can have at most {TAGS_MAX} tags, not {len(tags)}")


# --- birthday --------------------------------------------------------------------------------

_BIRTHDAY_PARTS = re.compile(r"(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})")


def parse_birthday(text: str, today: date) -> Birthday:
    """`YYYY-MM-DD`, `MM-DD` or `--MM-DD`: a real day, from 1900, not after `today`."""
    text = tidy_line(text)
    try:
        birthday = Birthday.parse(text)
    except ValueError:
        raise FieldError("birthday", _why_not_a_birthday(text)) from None
    check_birthday(birthday, today, text)
    return birthday


def _why_not_a_birthday(text: str) -> str:
    m = _BIRTHDAY_PARTS.fullmatch(text)
    if m is None:
        return f'cannot read the birthday "{quoted(text)}": {BIRTHDAY_HINT}'
    year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif year is not None and int(year) == 0:
        why = "there is no year 0"
    elif year is None:
        why = f"{calendar.month_name[month]} has no day {day}"
    else:
        last = calendar.monthrange(int(year), month)[1]
        why = f"{calendar.month_name[month]} {year} has {last} days"
    return f'the birthday "{text}" is not a real date: {why}'


def check_birthday(birthday: Birthday, today: date, shown: str | None = None) -> None:
    if birthday.year is None:
        return
    shown = shown or birthday.iso()
    if birthday.year < EARLIEST_YEAR:
        raise FieldError(
            "birthday", f'the birthday "{shown}" is before {EARLIEST_YEAR}: {BIRTHDAY_HINT}'
        )
    if date(birthday.year, birthday.month, birthday.day) > today:
        raise FieldError(
            "birthday", f'the birthday "{shown}" is in the future (today is {today.isoformat()})'
        )


# --- cadence and letter lead days ------------------------------------------------------------

_SPAN_SHAPE = re.compile(r"\d+ ?(?:d|days?|w|weeks?|m|months?|y|years?)?", re.ASCII)


def parse_cadence(text: str) -> Cadence:
    """How often to be in touch: `30d`, `2w`, `3m`, `1y` (journal.cadence), from 1 day to 10
    years. Its `fields()` are the contact's `cadence_days` and `cadence_months`."""
    text = tidy_line(text)
    try:
        cadence = cadences.parse_cadence(text)
    except DateError:
        if _SPAN_SHAPE.fullmatch(" ".join(text.lower().split())):
            raise FieldError("cadence_days", _cadence_range(text)) from None
        raise FieldError(
            "cadence_days", f'cannot read the cadence "{quoted(text)}": {CADENCE_HINT}'
        ) from None
    check_cadence(cadence.days, cadence.months, text)
    return cadence


def _cadence_range(shown: str) -> str:
    return (
        f'a cadence is from 1 day to 10 years ({CADENCE_MAX_DAYS} days), not "{quoted(shown)}": '
        "try 30d, 2w, 3m or 1y"
    )


def check_cadence(days: int | None, months: int | None = None, shown: str | None = None) -> None:
    """A contact's `cadence_days` and `cadence_months`, within bounds."""
    if days is not None and (
        type(days) is not int or not CADENCE_MIN_DAYS <= days <= CADENCE_MAX_DAYS
    ):
        raise FieldError("cadence_days", _cadence_range(shown or f"{days} days"))
    if months is not None and (type(months) is not int or not 1 <= months <= CADENCE_MAX_MONTHS):
        raise FieldError("cadence_days", _cadence_range(shown or f"{months} months"))


def parse_lead_days(text: str) -> int | None:
    """Days a letter takes to arrive, 0 to LEAD_DAYS_MAX; empty or `default` is None (3)."""
    text = tidy_line(text)
    if text.lower() in ("", "default"):
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 6:
        raise FieldError("letter_lead_days", _lead_range(f'"{quoted(text)}"'))
    days = int(text)
    check_lead_days(days)
    return days


def _lead_range(shown: str) -> str:
    return (
        f"letter lead days must be a whole number from 0 to {LEAD_DAYS_MAX}, like 3 "
        f"(or empty for the default), not {shown}"
    )


def check_lead_days(days: int | None) -> None:
    if days is None:
        return
    if type(days) is not int or not 0 <= days <= LEAD_DAYS_MAX:
        raise FieldError("letter_lead_days", _lead_range(quoted(repr(days))))


# --- dates -----------------------------------------------------------------------------------


def latest_until(today: date) -> date:
    return cadences.add_years(today, FUTURE_YEARS)


def check_until(day: date | None, field: str, today: date, shown: str | None = None) -> None:
    """A snooze's or a card pause's end: from 1900, within FUTURE_YEARS of today."""
    if day is None:
        return
    label = "a snooze" if field == "snoozed_until" else "no cards until"
    if not isinstance(day, date) or isinstance(day, datetime):
        raise FieldError(field, f"{label}: {quoted(repr(day))} is not a date")
    if not EARLIEST_DAY <= day <= latest_until(today):
        raise FieldError(
            field, f'{label}: "{quoted(shown or day.isoformat())}" is not from {EARLIEST_YEAR} '
            f"to {FUTURE_YEARS} years from today: {UNTIL_HINT}"
        )


def parse_snoozed_until(text: str, today: date) -> date:
    """The end of a snooze: a day after today (`2w`, `next monday`, `2026-12-20`…)."""
    text = tidy_line(text)
    try:
        day = parse_until(text, today)
    except DateError as e:
        raise FieldError("snoozed_until", str(e)) from None
    check_until(day, "snoozed_until", today, text)
    return day


def parse_no_cards_until(text: str, today: date) -> date:
    """The end of a pause in season cards: any ISO date, or a day after today typed as a
    span or a phrase (`3w`, `1y`, `Dec 20`), the same phrases as a snooze."""
    text = tidy_line(text)
    try:
        day = parse_date_strict(text)
    except DateError:
        try:
            day = parse_until(text, today)
        except DateError as e:
            if "not in the future" in str(e):
                raise FieldError("no_cards_until", f"no cards until: {e}") from None
            raise FieldError(
                "no_cards_until", f'no cards until: cannot read "{quoted(text)}": {UNTIL_HINT}'
            ) from None
    check_until(day, "no_cards_until", today, text)
    return day


def parse_interaction_date(text: str, today: date) -> date:
    """When an interaction happened: today or earlier, from 1900."""
    text = tidy_line(text)
    try:
        day = parse_when(text, today)
    except DateError as e:
        raise FieldError("date", str(e)) from None
    check_interaction_date(day, today, text)
    return day


def check_interaction_date(day: date, today: date, shown: str | None = None) -> None:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise FieldError("date", f"the date {quoted(repr(day))} is not a date")
    if not EARLIEST_DAY <= day <= today:
        raise FieldError(
            "date", f'the date "{quoted(shown or day.isoformat())}" is not from {EARLIEST_YEAR} '
            f"to today ({today.isoformat()}): interactions are logged for today or earlier"
        )


def check_timestamp(value: datetime, field: str, today: date) -> None:
    """`created` or `updated`: a naive local time, from 1900 to `today`."""
    if not isinstance(value, datetime):
        raise FieldError(field, f"{field} {quoted(repr(value))} is not a date and time")
    if value.tzinfo is not None:
        raise FieldError(
            field, f'{field} "{value.isoformat()}" has a time zone: the journal keeps local '
            f'times without one, like "{value.replace(tzinfo=None).isoformat()}"'
        )
    if not EARLIEST_DAY <= value.date() <= today:
        raise FieldError(
            field, f'{field} "{value.isoformat()}" is not from {EARLIEST_YEAR} to today '
            f"({today.isoformat()})"
        )


# --- whole records ---------------------------------------------------------------------------


def record_horizon(today: date | None = None) -> date:
    """The latest day a record read from a file or a backup, or saved, may be dated: today
    (the clock's, or the journal's `today` when later: a demo or a test) and two days more,
    for a journal shared across time zones."""
    clock = date.today()
    return max(clock, today or clock) + CLOCK_SLACK


def _text(value: object, field: str, limit: int) -> None:
    if type(value) is not str:
        raise FieldError(field, f"{LABELS.get(field, field)} must be text, not "
                         f"{quoted(repr(value))}")
    _capped(value, field, limit)


_CONTACT_TEXT = (
    ("reading", NAME_MAX), ("nickname", LINE_MAX), ("org", LINE_MAX), ("notes", NOTES_MAX),
    ("no_cards_reason", LINE_MAX), ("uid", LINE_MAX),
)
_CONTACT_LISTS = (("emails", LINE_MAX), ("phones", LINE_MAX), ("addresses", ADDRESS_MAX))


_STR = repeat(str)  # all(map(isinstance, values, _STR)): every value is text, checked in C


@lru_cache(maxsize=8)
def _bounds(today: date) -> tuple[datetime, datetime, date]:
    """The first and after-last time a record may be stamped, and the latest end of a pause."""
    end = datetime.combine(today + timedelta(days=1), time())
    return datetime.combine(EARLIEST_DAY, time()), end, latest_until(today)


def contact_in_bounds(c: Contact, today: date) -> bool:
    """The checks of `check_contact` in one expression, for the common case of a record that
    passes them all (opening 10,000 contacts checks each); False: see what is wrong."""
    first, end, latest = _bounds(today)
    b, cadence, lead, tags = c.birthday, c.cadence_days, c.letter_lead_days, c.tags
    created, updated, snoozed, no_cards = c.created, c.updated, c.snoozed_until, c.no_cards_until
    return (
        type(c.name) is str and 0 < len(c.name) <= NAME_MAX and not c.name.isspace()
        and type(c.reading) is str and len(c.reading) <= NAME_MAX
        and type(c.nickname) is str and len(c.nickname) <= LINE_MAX
        and type(c.org) is str and len(c.org) <= LINE_MAX
        and (not c.emails or _items_fit(c.emails, LINE_MAX))
        and (not c.phones or _items_fit(c.phones, LINE_MAX))
        and (not c.addresses or _items_fit(c.addresses, ADDRESS_MAX))
        and type(c.notes) is str and len(c.notes) <= NOTES_MAX
        and type(c.no_cards_reason) is str and len(c.no_cards_reason) <= LINE_MAX
        and type(c.uid) is str and len(c.uid) <= LINE_MAX
        and (not tags or (
            len(tags) <= TAGS_MAX and all(map(isinstance, tags, _STR))
            and 0 < min(map(len, tags)) and max(map(len, tags)) <= LINE_MAX
            and not any(map(str.isspace, tags))
        ))
        and (b is None or b.year is None or (
            b.year >= EARLIEST_YEAR and (b.year, b.month, b.day) <= (today.year, today.month,
                                                                       today.day)
        ))
        and (cadence is None or (
            type(cadence) is int and CADENCE_MIN_DAYS <= cadence <= CADENCE_MAX_DAYS
        ))
        and (c.cadence_months is None or (
            type(c.cadence_months) is int and 1 <= c.cadence_months <= CADENCE_MAX_MONTHS
        ))
        and (lead is None or (type(lead) is int and 0 <= lead <= LEAD_DAYS_MAX))
        and (snoozed is None or (type(snoozed) is date and EARLIEST_DAY <= snoozed <= latest))
        and (no_cards is None or (
            type(no_cards) is date and EARLIEST_DAY <= no_cards <= latest
        ))
        and type(created) is datetime and created.tzinfo is None and first <= created < end
        and type(updated) is datetime and updated.tzinfo is None and first <= updated < end
    )


def _items_fit(values: tuple[str, ...], limit: int) -> bool:
    """Every value text, not empty, within `limit`, and not too many (each step in C)."""
    return (
        len(values) <= LIST_MAX and all(map(isinstance, values, _STR))
        and 0 < min(map(len, values)) and max(map(len, values)) <= limit
    )


def check_contact(contact: Contact, today: date) -> None:
    """Every field of a contact within what the shell and the forms accept; `today` is the
    latest day anything may be dated (for a file or a backup: `record_horizon()`)."""
    if contact_in_bounds(contact, today):
        return
    check_contact_in_full(contact, today)
    raise FieldError("contact", "a field of this contact is out of bounds")  # not reached


def check_contact_in_full(contact: Contact, today: date) -> None:
    """`check_contact` field by field, without its fast path: says what is wrong."""
    if type(contact.name) is not str or not contact.name.strip():
        raise FieldError("name", "a contact needs a name")
    _capped(contact.name, "name", NAME_MAX)
    for field, limit in _CONTACT_TEXT:
        _text(getattr(contact, field), field, limit)
    for field, limit in _CONTACT_LISTS:
        values = getattr(contact, field)
        if len(values) > LIST_MAX:
            raise FieldError(field, _too_many(field, len(values)))
        for value in values:
            _text(value, field, limit)
            if not value:
                raise FieldError(field, f"{LABELS[field]} is empty")
    check_tags(contact.tags)
    if contact.birthday is not None:
        check_birthday(contact.birthday, today)
    check_cadence(contact.cadence_days, contact.cadence_months)
    check_lead_days(contact.letter_lead_days)
    check_until(contact.snoozed_until, "snoozed_until", today)
    check_until(contact.no_cards_until, "no_cards_until", today)
    check_timestamp(contact.created, "created", today)
    check_timestamp(contact.updated, "updated", today)


def check_interaction(interaction: Interaction, today: date) -> None:
    """Every field of an interaction within what the shell and the forms accept."""
    check_interaction_date(interaction.date, today)
    _text(interaction.channel, "channel", LINE_MAX)
    _text(interaction.note, "note", NOTES_MAX)
    check_timestamp(interaction.created, "created", today)
