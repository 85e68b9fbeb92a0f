"""What a contact's history means: contact by month, their usual rhythm, a cadence suggested
from it, who is drifting, and the words the review uses to explain itself.

Pure functions of (data, today): no I/O, no clock, no Textual. Only the dates and directions
of interactions are read, so their order does not matter. An entry dated after today (logging
refuses one, but an imported or hand-edited file may hold it) is left out of every count.

Definitions (documented once here, shown by the shell and the app):

- Contact days: the distinct days with at least one interaction, either direction, up to
  today. Several entries on one day are one contact; gaps are the days between contact days.
- Usual gap: the median of the last `RHYTHM_GAPS` gaps (fewer when there are fewer), and only
  from at least `MIN_GAPS` gaps (four contact days): with less history there is no rhythm.
- Suggested cadence: the usual gap of all the gaps, rounded to a cadence (`round_cadence`).
- Far from the set cadence: the suggested cadence is at least `FAR_FACTOR` times the set one,
  or at most its 1/`FAR_FACTOR` (compared in days).
- Drifting: two gaps in a row at the end of the history are long: the last two gaps, or the
  last gap and the time since the last contact (the gap still open). Long means more than
  `DRIFT_FACTOR` times the usual gap of the gaps before those two, and more than
  `DRIFT_MIN_DAYS`. Never drifting: someone past due (overdue outranks drifting, snoozed or
  not), snoozed or archived; or without a usual gap before the two long ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from journal import rules
from journal.cadence import Cadence
from journal.fields import CADENCE_MAX_DAYS
from journal.model import Contact, Direction, Interaction, Touch

ACTIVITY_MONTHS = 24  # how far back the chart of contact by month goes
MIN_GAPS = 3  # a rhythm needs at least three gaps: four days of contact
RHYTHM_GAPS = 12  # the usual gap is read from the latest gaps only: the rhythm as it is now
DRIFT_FACTOR = 2
DRIFT_MIN_DAYS = 7  # a gap of a week or less is never a drift, however often you talk
FAR_FACTOR = 2
AVERAGE_MONTH_DAYS = 365.25 / 12  # for measuring a rhythm (a stored month cadence is 30 days)
AVERAGE_YEAR_DAYS = 365.25
MONTH_TOLERANCE = 0.05  # a gap this close to a month is said as a month, not as weeks
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # English, whatever the locale
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --- activity by month -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthActivity:
    """The interactions of one calendar month, by who reached out."""

    month: date  # the first day of the month
    out: int  # I reached out
    in_: int  # they reached out
    both: int  # both did (a meeting)

    @property
    def total(self) -> int:
        return self.out + self.in_ + self.both

    @property
    def text(self) -> str:
        """`2026-11`."""
        return f"{self.month.year:04d}-{self.month.month:02d}"


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def activity(
    interactions: Iterable[Interaction | Touch], today: date, months: int = ACTIVITY_MONTHS
) -> tuple[MonthActivity, ...]:
    """One entry per calendar month, oldest first, the last being today's month; months
    without contact are there with zero counts."""
    last = _month_number(today)
    first = last - months + 1
    counts = [[0, 0, 0] for _ in range(months)]
    column = {Direction.OUT: 0, Direction.IN: 1, Direction.BOTH: 2}
    for i in interactions:
        n = _month_number(i.date)
        if first <= n <= last and i.date <= today:
            counts[n - first][column[i.direction]] += 1
    return tuple(
        MonthActivity(date((first + k) // 12, (first + k) % 12 + 1, 1), *row)
        for k, row in enumerate(counts)
    )


# --- rhythm: gaps, usual gap, suggested cadence ------------------------------------------------


def contact_days(interactions: Iterable[Interaction | Touch], today: date) -> list[date]:
    """The distinct days with contact, up to today, oldest first."""
    return sorted({i.date for i in interactions if i.date <= today})


def gaps(days: Sequence[date]) -> list[int]:
    """Days between consecutive contact days (each at least 1 for distinct days)."""
    return [(b - a).days for a, b in zip(days, days[1:], strict=False)]


def median(values: Sequence[float]) -> float:
    """The middle value, or the mean of the middle two (`statistics` takes 10 ms to import)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def usual_gap(gap_list: Sequence[int]) -> float | None:
    """The median of the latest `RHYTHM_GAPS` gaps; None with fewer than `MIN_GAPS`."""
    if len(gap_list) < MIN_GAPS:
        return None
    return median(gap_list[-RHYTHM_GAPS:])


def round_cadence(days: float) -> Cadence:
    """A gap in days as a cadence the journal holds: days under 11 (7 is a week); weeks under
    8 weeks, unless a month is within `MONTH_TOLERANCE` (30 days is a month, 28 four weeks);
    calendar months under a year and a half (12 is a year); years after that (at most the
    10 a cadence may be: `fields.CADENCE_MAX_DAYS`)."""
    whole = max(1, round(days))
    if whole < 11:
        return Cadence.of(whole) or Cadence(whole, "d")
    if whole < 56:
        if abs(days - AVERAGE_MONTH_DAYS) <= MONTH_TOLERANCE * days:
            return Cadence(1, "m")
        return Cadence(round(days / 7), "w")
    if whole < 548:
        months = round(days / AVERAGE_MONTH_DAYS)
        return Cadence(1, "y") if months == 12 else Cadence(months, "m")
    return Cadence(min(round(days / AVERAGE_YEAR_DAYS), CADENCE_MAX_DAYS // 365), "y")


def suggested_cadence(interactions: Iterable[Interaction | Touch], today: date) -> Cadence | None:
    """The cadence their history keeps (the usual gap, rounded); None with too little history."""
    gap = usual_gap(gaps(contact_days(interactions, today)))
    return round_cadence(gap) if gap is not None else None


def rhythm_phrase(cadence: Cadence) -> str:
    """`you are in touch about every 5 weeks` (in touch: letters and calls count too)."""
    return f"you are in touch about {cadence.phrase}"


def far_from(set_cadence: Cadence, suggested: Cadence) -> bool:
    """Whether a suggested cadence is `FAR_FACTOR` or more times longer or shorter."""
    longer, shorter = max(set_cadence.days, suggested.days), min(set_cadence.days, suggested.days)
    return longer >= FAR_FACTOR * shorter


def far_from_suggested(
    pairs: Iterable[tuple[Contact, Sequence[Interaction]]], today: date
) -> list[tuple[Contact, Cadence]]:
    """People with a set cadence far from the one their history suggests, with the suggested
    one, in the order given."""
    found = []
    for contact, interactions in pairs:
        cadence = contact.cadence
        if cadence is None:
            continue
        suggested = suggested_cadence(interactions, today)
        if suggested is not None and far_from(cadence, suggested):
            found.append((contact, suggested))
    return found


# --- drifting ------------------------------------------------------------------------------


def _long_pair(before: Sequence[int], pair: tuple[int, int]) -> bool:
    """Both gaps of `pair` are long against the usual gap of the gaps `before` them."""
    usual = usual_gap(before)
    if usual is None:
        return False
    floor = max(DRIFT_FACTOR * usual, DRIFT_MIN_DAYS)
    return min(pair) > floor


def drifts(days: Sequence[date], today: date) -> bool:
    """Whether contact on these days (oldest first, up to today) has fallen well below its
    usual rhythm: see the module's definition. Ignores cadence, snooze and archive."""
    if not days:
        return False
    closed = gaps(days)
    still_open = (today - days[-1]).days
    if len(closed) >= 2 and _long_pair(closed[:-2], (closed[-2], closed[-1])):
        return True
    return bool(closed) and _long_pair(closed[:-1], (closed[-1], still_open))


def drifting(contact: Contact, interactions: Sequence[Interaction], today: date) -> bool:
    """Drifting, and neither past due, snoozed nor archived (see the module's definition)."""
    if contact.archived:
        return False
    st = rules.status(contact, interactions, today)
    if st.snoozed or (st.days_late is not None and st.days_late > 0):
        return False
    return drifts(contact_days(interactions, today), today)


# --- everything at once ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Insight:
    """What a timeline header shows of a person's history."""

    activity: tuple[MonthActivity, ...]
    suggested: Cadence | None
    drifting: bool

    @property
    def rhythm(self) -> str:
        """`you are in touch about every 5 weeks`, or "" without a suggestion."""
        return rhythm_phrase(self.suggested) if self.suggested is not None else ""

    @property
    def summary(self) -> str:
        """The rhythm, and whether they are drifting; "" when there is nothing to say."""
        drift = "drifting: in touch less often than usual lately" if self.drifting else ""
        return "; ".join(part for part in (self.rhythm, drift) if part)


def of(contact: Contact, interactions: Sequence[Interaction], today: date) -> Insight:
    """Activity, suggested cadence and drifting of one contact (interactions oldest first)."""
    return Insight(
        activity=activity(interactions, today),
        suggested=suggested_cadence(interactions, today),
        drifting=drifting(contact, interactions, today),
    )


# --- the review explains itself ---------------------------------------------------------------


def late_percent(st: rules.Status) -> int | None:
    """`rules.late_ratio` as a whole percent of the cadence (143: late by 1.43 cadences;
    negative before the due day); None when untracked."""
    ratio = rules.late_ratio(st)
    return None if ratio is None else round(ratio * 100)


def post_by_phrase(post_by: date, today: date) -> str:
    """`post today`, `post by Wed` (within a week), `post by Wed 16 Dec` (a week or more
    away), `post-by passed`."""
    days = (post_by - today).days
    if days < 0:
        return "post-by passed"
    if days == 0:
        return "post today"
    weekday = _WEEKDAYS[post_by.weekday()]
    if days < 7:
        return f"post by {weekday}"
    return f"post by {weekday} {post_by.day} {_MONTHS[post_by.month - 1]}"
