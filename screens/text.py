"""How journal things read on screen: kind markers, due phrases, give/ask marks, colours.

Pure helpers shared by every screen. Cells handed to a table are `rich.text.Text`, never
plain strings: a string could be read as markup, and a note with "[brackets]" must show as
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

from journal.dates import ago
from journal.model import Direction, Intent, Interaction, Kind, Occasion
from journal.phrases import due_parts
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

DIRECTION_MARK = {Direction.OUT: "→ out", Direction.IN: "← in", Direction.BOTH: "⇄ both"}

OCCASION_WORD = {
    Occasion.BIRTHDAY: "birthday",
    Occasion.SEASON: "season card",
    Occasion.THANKS: "thanks",
    Occasion.CONDOLENCE: "condolence",
    Occasion.CONGRATULATIONS: "congratulations",
}


def day_month(d: date) -> str:
    """`Tue 1 Dec` (for dates within the coming year)."""
    return f"{d:%a} {d.day} {d:%b}"


def kind_label(kind: Kind) -> str:
    return f"{KIND_MARK[kind]} {kind.value}"


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


def due_text(st: Status, today: date, pal: Palette) -> Text:
    """`journal.phrases.due_parts` in the theme's colours; shared between rows, so never
    change the result. Thousands of people share a few hundred phrases: they are kept by
    what `due_parts` reads of a status."""
    key = (st.reply_owed, st.snoozed, st.contact.snoozed_until, st.overdue, st.days_late,
           st.next_due, today, pal)
    text = _due_texts.get(key)
    if text is None:
        if len(_due_texts) > 8192:
            _due_texts.clear()
        tones = {"error": pal.error, "warning": pal.warning, "muted": pal.muted,
                 "plain": Style()}
        parts = tuple((words, tones[tone]) for words, tone in due_parts(st, today))
        text = _due_texts[key] = _joined(parts, pal.muted)
    return text


_due_texts: dict[tuple, Text] = {}


@lru_cache(maxsize=4096)
def _joined(parts: tuple[tuple[str, Style], ...], muted: Style) -> Text:
    """Phrases joined by a muted dot; shared between rows, so never change the result."""
    text = Text()
    for n, (words, style) in enumerate(parts):
        if n:
            text.append(" · ", style=muted)
        text.append(words, style=style)
    return text


@lru_cache(maxsize=4096)
def last_text(last: date | None, today: date, pal: Palette) -> Text:
    """`3 weeks ago` or `never`; shared between rows, so never change the result."""
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


def clip(text: str, width: int) -> str:
    """One line of at most `width` cells, with an ellipsis when cut."""
    from rich.cells import cell_len, set_cell_size

    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit(text: Text, width: int) -> Text:
    """`text` in at most `width` cells, with an ellipsis when cut (a copy; never changed in
    place). Unlike `Text.truncate`, a wide character cut in half leaves no gap before it."""
    if text.cell_len <= width:
        return text
    out = text.copy()
    out.truncate(max(0, width - 1))
    out.rstrip()
    last = out.spans[-1].style if out.spans and out.spans[-1].end >= len(out) else ""
    out.append("…", style=last)
    return out
