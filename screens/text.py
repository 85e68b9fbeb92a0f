"""How journal things read on screen: kind markers, due phrases, give/ask marks, colours.

Pure helpers shared by every screen. Cells handed to a DataTable are `rich.text.Text`, never
plain strings: DataTable reads strings as markup, and a note with "[brackets]" must show as
typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color

from journal.dates import ago as _ago
from journal.dates import days_phrase
from journal.model import Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.rules import Status

# Each marker is a wide (2-cell) emoji with East Asian Width "W", so every terminal and Rich
# agree on its width; the word after it keeps the meaning clear without colour or emoji.
KIND_MARK = {
    Kind.LETTER: "📮",
    Kind.MEETING: "☕",
    Kind.MESSAGE: "💬",
    Kind.CALL: "📞",
}
KIND_KEY = {Kind.LETTER: "l", Kind.MEETING: "m", Kind.MESSAGE: "s", Kind.CALL: "c"}
KIND_BY_KEY = {key: kind for kind, key in KIND_KEY.items()}

DIRECTION_MARK = {Direction.OUT: "→ out", Direction.IN: "← in", Direction.BOTH: "⇄ both"}
DIRECTION_WORD = {
    Direction.OUT: "I reached out",
    Direction.IN: "they reached out",
    Direction.BOTH: "both",
}

OCCASION_WORD = {
    Occasion.BIRTHDAY: "birthday",
    Occasion.SEASON: "season card",
    Occasion.THANKS: "thanks",
    Occasion.CONDOLENCE: "condolence",
    Occasion.CONGRATULATIONS: "congratulations",
}


@lru_cache(maxsize=8192)
def ago(d: date, today: date) -> str:
    """`journal.dates.ago`, remembered: a table of thousands asks about the same days."""
    return _ago(d, today)


def cadence_phrase(days: int | None) -> str:
    """`every week`, `every 2 weeks`, `every 3 months`, `every 10 days`, or `not tracked`."""
    if days is None:
        return "not tracked"
    for unit, size in (("year", 365), ("month", 30), ("week", 7)):
        if days % size == 0:
            n = days // size
            return f"every {unit}" if n == 1 else f"every {n} {unit}s"
    return "every day" if days == 1 else f"every {days} days"


def day_month(d: date) -> str:
    """`Tue 1 Dec` (for dates within the coming year)."""
    return f"{d:%a} {d.day} {d:%b}"


def kind_label(kind: Kind) -> str:
    return f"{KIND_MARK[kind]} {kind.value}"


def short_date(d: date, today: date) -> str:
    """`Nov 20` this year, `Nov 20 2025` otherwise."""
    if d.year == today.year:
        return f"{d:%b} {d.day}"
    return f"{d:%b} {d.day} {d.year}"


def long_date(d: date) -> str:
    """`Fri 20 Nov 2026`."""
    return f"{d:%a} {d.day} {d:%b %Y}"


@dataclass(frozen=True)
class Palette:
    """Rich styles taken from the running theme, for cells of tables."""

    error: Style
    warning: Style
    success: Style
    primary: Style
    muted: Style
    bold: Style

    @classmethod
    def of(cls, app: App) -> Palette:
        v = app.theme_variables

        def style(name: str, fallback: str, **extra: bool) -> Style:
            try:
                colour = Color.parse(v.get(name, fallback))
                if colour.a < 1:
                    colour = Color.parse(v.get("background", "#000000")) + colour
                return Style(color=colour.rich_color, **extra)
            except Exception:  # noqa: BLE001 - an odd theme must never break a table
                return Style(color=fallback, **extra)

        return cls(
            error=style("text-error", "red", bold=True),
            warning=style("text-warning", "yellow"),
            success=style("text-success", "green"),
            primary=style("text-primary", "blue"),
            muted=style("foreground-muted", "grey50"),
            bold=Style(bold=True),
        )


def late_phrase(days_late: int, next_due: date, today: date) -> str:
    """`5 days`, `13 days`, then `3 weeks`, `4 months`: exact while it matters."""
    if days_late < 14:
        return days_phrase(days_late)
    return ago(next_due, today).removesuffix(" ago")


def due_text(st: Status, today: date, pal: Palette) -> Text:
    """`12 days overdue`, `reply owed`, `due in 3 weeks`, `snoozed until Dec 2`, or `-`."""
    c = st.contact
    parts: list[tuple[str, Style]] = []
    if st.snoozed and c.snoozed_until is not None:
        parts.append((f"snoozed until {short_date(c.snoozed_until, today)}", pal.muted))
    elif st.overdue and st.days_late is not None and st.next_due is not None:
        parts.append((f"{late_phrase(st.days_late, st.next_due, today)} overdue", pal.error))
    if st.reply_owed and not st.snoozed:
        parts.insert(0, ("reply owed", pal.warning))
    if not parts and st.next_due is not None and st.days_late is not None:
        if st.days_late == 0:
            parts.append(("due today", pal.warning))
        else:
            style = pal.warning if -st.days_late <= 7 else Style()
            parts.append((f"due {ago(st.next_due, today)}", style))
    if not parts:
        parts.append(("not tracked", pal.muted))
    return _joined(tuple(parts), pal.muted)


@lru_cache(maxsize=4096)
def _joined(parts: tuple[tuple[str, Style], ...], muted: Style) -> Text:
    """Phrases joined by a muted dot; shared between rows, so never change the result."""
    text = Text()
    for n, (words, style) in enumerate(parts):
        if n:
            text.append(" · ", style=muted)
        text.append(words, style=style)
    return text


def last_text(last: date | None, today: date, pal: Palette) -> Text:
    if last is None:
        return Text("never", style=pal.muted)
    return Text(ago(last, today))


def intent_text(i: Interaction, cold: bool, pal: Palette) -> Text:
    if i.intent is Intent.GIVE:
        return Text("give", style=pal.success)
    if i.intent is Intent.ASK:
        if cold:
            return Text("cold ask", style=pal.error)
        return Text("ask", style=pal.warning)
    return Text("")


def contact_label(c: Contact) -> str:
    return f"{c.name} ({c.reading})" if c.reading else c.name


def clip(text: str, width: int) -> str:
    """One line of at most `width` cells, with an ellipsis when cut."""
    from rich.cells import cell_len, set_cell_size

    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"
