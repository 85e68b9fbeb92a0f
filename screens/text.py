"""How journal things read on screen: kind markers, due phrases, give/ask marks, colours.

Pure helpers shared by every screen. Cells handed to a table are `rich.text.Text`, never
plain strings: a string could be read as markup, and a note with "[brackets]" must show as
typed.

Text from the journal (names, notes, tags, channels, addresses) and from files reaches the
screen only through `safe`, `safe_lines`, `clip`, `first_line`, `safe_text` or `safe_content`:
each shows control characters and bidi overrides visibly (`journal.text.visible`), so an
escape sequence in an imported name never drives the terminal. Form fields start from
`field_value` (the text tidied, as it would be saved).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color
from textual.content import Content

from journal.dates import ago
from journal.model import Direction, Intent, Interaction, Kind, Occasion
from journal.phrases import due_parts
from journal.rules import Status
from journal.text import tidy_line, visible, visible_lines

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


# Contrast against the background that a cell's text keeps in every theme (WCAG's ratio):
# a theme's warning yellow can be pale on a light background.
MIN_CONTRAST = 4.5
MIN_CONTRAST_MUTED = 3.0


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: Color, background: Color, minimum: float) -> Color:
    """`colour`, moved towards black or white (whichever is further from the background)
    only as far as it takes to reach `minimum` contrast with it."""
    if contrast(colour, background) >= minimum:
        return colour
    target = Color(0, 0, 0) if contrast(Color(0, 0, 0), background) > contrast(
        Color(255, 255, 255), background) else Color(255, 255, 255)
    for step in range(1, 11):
        moved = colour.blend(target, step / 10)
        if contrast(moved, background) >= minimum:
            return moved
    return target


@dataclass(frozen=True)
class Palette:
    """Rich styles taken from the running theme's variables, for cells of tables; each
    readable on the theme's background."""

    error: Style
    warning: Style
    success: Style
    primary: Style
    muted: Style
    bold: Style

    @classmethod
    def of(cls, app: App) -> Palette:
        v = app.theme_variables
        try:
            background: Color | None = Color.parse(v.get("background", ""))
        except Exception:  # noqa: BLE001 - a theme without a background colour
            background = None
        if background is not None and background.ansi is not None:
            background = None  # an ANSI theme: the terminal's own colours, unknown here

        def style(name: str, fallback: str, minimum: float = MIN_CONTRAST,
                  **extra: bool) -> Style:
            try:
                colour = Color.parse(v.get(name, fallback))
                if background is not None:
                    if colour.a < 1:
                        colour = background + colour
                    colour = readable(colour, background, minimum)
                return Style(color=colour.rich_color, **extra)
            except Exception:  # noqa: BLE001 - an odd theme must never break a table
                return Style(color=fallback, **extra)

        return cls(
            error=style("text-error", "red", bold=True),
            warning=style("text-warning", "yellow"),
            success=style("text-success", "green"),
            primary=style("text-primary", "blue"),
            muted=style("foreground-muted", "grey50", MIN_CONTRAST_MUTED),
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


def safe(text: str) -> str:
    """One line of journal text, safe to draw: controls shown as `␛`, `␊` and the like."""
    return visible(text)


def safe_lines(text: str) -> str:
    """As `safe`, keeping line breaks (a toast, a dialog's detail)."""
    return visible_lines(text)


def safe_content(text: str, style: str = "") -> Content:
    """Journal text as a `Content` (never read as markup), safe to draw."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


def safe_text(text: Text) -> Text:
    """`text` with its characters made safe (a copy when any were not); styles are kept, as
    each unsafe character is shown as one other character."""
    plain = text.plain
    shown = visible(plain)
    if shown is plain or shown == plain:
        return text
    out = text.copy()
    out.plain = shown
    return out


def field_value(text: str) -> str:
    """A stored value as a form field shows it: tidied as it would be saved (a field never
    holds what would drive the terminal)."""
    return tidy_line(text)


# Reading more of a text than this many characters per cell of room never changes what is
# drawn (unless it is mostly spaces, and then an ellipsis says there is more): a 50 MB note
# costs no more than a short one.
_CHARS_PER_CELL = 4


def clip(text: str, width: int) -> str:
    """One line of at most `width` cells, safe to draw, with an ellipsis when cut."""
    from rich.cells import cell_len, set_cell_size

    limit = max(width, 1) * _CHARS_PER_CELL + 16
    more = len(text) > limit
    text = safe(" ".join(text[:limit].split()))
    if not more and cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    if more and cell_len(text) <= width - 1:
        return text + "…"
    return set_cell_size(text, width - 1).rstrip() + "…"


def first_line(text: str, width: int) -> str:
    """The first line of a note in at most `width` cells, safe to draw; an ellipsis when
    anything is left out (the rest of the line, or the lines after it). Reads no more of
    the note than the room needs."""
    limit = max(width, 1) * _CHARS_PER_CELL + 16
    line, newline, rest = text[:limit].partition("\n")
    more = len(text) > limit or bool(newline and rest.strip())
    shown = clip(line, width)
    if more and not shown.endswith("…"):
        shown = _with_ellipsis(shown, width)
    return shown


def _with_ellipsis(text: str, width: int) -> str:
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width - 1:
        return text + "…"
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
