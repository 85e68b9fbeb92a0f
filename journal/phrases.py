"""How a contact's standing reads in words, the same in the app and on the command line."""

from __future__ import annotations

from datetime import date
from typing import Literal

from journal.cadence import Cadence
from journal.dates import ago, days_phrase
from journal.dates import plural as plural  # said here too, where the phrases are
from journal.rules import Status

# How a phrase should stand out: the app maps tones to theme colours; the shell ignores them.
Tone = Literal["error", "warning", "muted", "plain"]


def cadence_phrase(cadence: Cadence | None) -> str:
    """`every week`, `every 2 weeks`, `every 3 months`, `every 10 days`, or `not tracked`."""
    return "not tracked" if cadence is None else cadence.phrase


def late_phrase(days_late: int, next_due: date, today: date) -> str:
    """`5 days`, `13 days`, then `3 weeks`, `4 months`: exact while it matters."""
    if days_late < 14:
        return days_phrase(days_late)
    return ago(next_due, today).removesuffix(" ago")


def last_phrase(last: date | None, today: date) -> str:
    return ago(last, today) if last is not None else "never"


def due_parts(st: Status, today: date) -> tuple[tuple[str, Tone], ...]:
    """`reply owed`, `12 days overdue`, `due in 3 weeks`, `snoozed until Dec 2`, `not tracked`."""
    c = st.contact
    parts: list[tuple[str, Tone]] = []
    if st.reply_owed and not st.snoozed:
        parts.append(("reply owed", "warning"))
    if st.snoozed and c.snoozed_until is not None:
        parts.append((f"snoozed until {short_date(c.snoozed_until, today)}", "muted"))
    elif st.overdue and st.days_late is not None and st.next_due is not None:
        parts.append((f"{late_phrase(st.days_late, st.next_due, today)} overdue", "error"))
    if not parts and st.next_due is not None and st.days_late is not None:
        if st.days_late == 0:
            parts.append(("due today", "warning"))
        else:
            tone: Tone = "warning" if -st.days_late <= 7 else "plain"
            parts.append((f"due {ago(st.next_due, today)}", tone))
    if not parts:
        parts.append(("not tracked", "muted"))
    return tuple(parts)


def short_date(d: date, today: date) -> str:
    """`Nov 20` this year, `Nov 20 2025` otherwise."""
    if d.year == today.year:
        return f"{d:%b} {d.day}"
    return f"{d:%b} {d.day} {d.year}"
