"""The iCalendar export: birthdays as yearly all-day events with a post-by alarm, and each
tracked contact's next due date as an all-day event.

UIDs come from contact ids, so a calendar app that imports the file again updates its events
instead of doubling them. DTSTAMP is the UTC time of the export, `now`, which the caller
passes in: the same journal exported with the same `now` gives the same bytes (the tests rely
on it). LAST-MODIFIED is when what an event shows last changed in the journal, in UTC.

Text from the journal is tidied first (`text.tidy_line`, `tidy_lines`): no line separator,
NEL, vertical tab, NUL or other control reaches the file, so no reader sees an extra line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from journal.model import Birthday, Contact
from journal.phrases import cadence_phrase
from journal.text import tidy_line

PRODID = "-//contact-journal//journal//EN"
YEARLESS_YEAR = 2000  # a leap year, so that 29 February has a first occurrence


@dataclass(frozen=True, slots=True)
class Due:
    """A tracked contact's next due date, and when what it depends on last changed."""

    contact: Contact
    on: date
    stamp: datetime


def _utc(moment: datetime) -> datetime:
    """In UTC; a naive time (how the journal stores its records' times) is local time."""
    return moment.astimezone(UTC).replace(microsecond=0)


def _stamp(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("the time of an export must be timezone-aware (UTC)")
    return _utc(now)


def birthday_start(b: Birthday) -> date:
    return date(b.year if b.year is not None else YEARLESS_YEAR, b.month, b.day)


def birthday_rule(b: Birthday) -> dict:
    if (b.month, b.day) == (2, 29):  # the last day of February: the 28th in common years
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def _all_day(event: Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")


def birthday_event(contact: Contact, now: datetime) -> Event:
    b = contact.birthday
    if b is None:
        raise ValueError(f"{contact.name} has no birthday")
    lead = contact.lead_days
    event = Event()
    name = tidy_line(contact.name)
    event.add("uid", f"birthday-{contact.id}@contact-journal")
    event.add("dtstamp", _stamp(now))
    event.add("last-modified", _utc(contact.updated))
    event.add("summary", f"Birthday: {name}")
    born = f"Born {b.year}. " if b.year is not None else ""
    post = (
        f"Post a letter {lead} day{'s' * (lead != 1)} before, so it arrives on the day."
        if lead
        else "Post a letter on the day."
    )
    event.add("description", born + post)
    _all_day(event, birthday_start(b))
    event.add("rrule", birthday_rule(b))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Post a letter to {name}")
    alarm.add("trigger", timedelta(days=-lead))
    event.add_component(alarm)
    return event


def due_event(due: Due, now: datetime) -> Event:
    contact = due.contact
    event = Event()
    event.add("uid", f"due-{contact.id}@contact-journal")
    event.add("dtstamp", _stamp(now))
    event.add("last-modified", _utc(due.stamp))
    event.add("summary", f"Get in touch with {tidy_line(contact.name)}")
    event.add("description", f"{cadence_phrase(contact.cadence).capitalize()}.")
    _all_day(event, due.on)
    return event


def render(contacts: Iterable[Contact], dues: Iterable[Due], now: datetime) -> bytes:
    """A calendar: each contact's birthday, then each due date, in the order given; `now`
    (timezone-aware) is the time of the export, every event's DTSTAMP."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Contact journal")
    for contact in contacts:
        if contact.birthday is not None:
            cal.add_component(birthday_event(contact, now))
    for due in dues:
        cal.add_component(due_event(due, now))
    return cal.to_ical()
