"""Birthdays in the next 60 days (`3`), with the date by which to post a letter.

`l` logs a birthday letter for the person under the cursor, which marks the birthday done.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from journal import queries, rules
from journal.insight import post_by_phrase
from journal.model import Kind, Occasion
from journal.phrases import plural
from screens.messages import LogRequested
from screens.review import ReviewScreen, Row
from screens.text import Palette, day_month

DAYS_AHEAD = queries.BIRTHDAY_DAYS


def _in_days(days: int, narrow: bool = False) -> str:
    if days == 0:
        return "today"
    if narrow:
        return f"{days}d"
    if days == 1:
        return "tomorrow"
    return f"{days} days"


def short_day(d: date) -> str:
    """`19 Dec`: a date in the coming weeks on a narrow screen."""
    return f"{d.day} {d:%b}"


def letter_text(entry: rules.BirthdayEntry, today: date, pal: Palette,
                narrow: bool = False) -> Text:
    """`✓ sent`, or when to post the letter (`insight.post_by_phrase`): `post today`,
    `post by Wed`, `post by Wed 16 Dec`, `post-by passed` (narrow: `by Wed`, `today`, `passed`)."""
    if entry.done:
        return Text("✓ sent", style=pal.success)
    phrase = post_by_phrase(entry.post_by, today)
    days = (entry.post_by - today).days
    style = (pal.error if days < 0 else pal.warning + pal.bold if days == 0
             else pal.warning if days == 1 else pal.muted)
    if narrow:  # the Post column beside it has the date: `by Wed`, `today`, `passed`
        phrase = " ".join(phrase.removeprefix("post").lstrip(" -").split()[:2])
    return Text(phrase, style=style)


class BirthdaysScreen(ReviewScreen):
    """Upcoming birthdays by date, with post-by dates and whether the letter is logged."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("l", "log", "Log letter")]

    MODE = "birthdays"
    EMPTY_MESSAGE = (
        f"No birthdays in the next {DAYS_AHEAD} days.\n\n"
        "Add a birthday to a contact (e on the contacts screen) to see it here."
    )

    def columns(self) -> Sequence[str]:
        if self.narrow:  # headers no wider than their cells
            return ("Name", "Day", "In", "Turns", "Post", "Letter")
        return ("Name", "Birthday", "In", "Turns", "Post by", "Letter")

    def rows(self) -> list[Row]:
        today = self.today
        pal = self.palette
        found = queries.birthdays(self.store, today)
        entries = found.entries
        rows = []
        when = short_day if self.narrow else day_month
        to_post = len(found.letters_to_post)
        late = len(found.late)
        for e in entries:
            urgent = e.post_due
            name_style = pal.warning if urgent else pal.success if e.done else ""
            day_style = pal.bold if e.days_until == 0 else ""
            rows.append(
                Row(
                    key=e.contact.id,
                    cells=(
                        Text(e.contact.name, style=name_style),
                        Text(when(e.next_birthday), style=day_style),
                        Text(_in_days(e.days_until, self.narrow)),
                        Text("" if e.age is None else str(e.age)),
                        Text(when(e.post_by), style=pal.warning if urgent else ""),
                        letter_text(e, today, pal, self.narrow),
                    ),
                )
            )
        title = f"Birthdays · next {DAYS_AHEAD} days"
        if entries:
            title = f"{plural(len(entries), 'birthday')} in the next {DAYS_AHEAD} days"
            if to_post:
                title += f" · {plural(to_post, 'letter')} to post this week"
            if late:
                title += f" · {late} late"
        self.set_title(title)
        return rows

    def action_log(self) -> None:
        if (cid := self.current_key()) is not None:
            self.app.post_message(LogRequested(cid, Kind.LETTER, Occasion.BIRTHDAY))
