"""Contact over time as block characters: the timeline header's chart (`journal.insight.
activity`: one cell a month, a row for each way) and the contacts list's compact one.

Bars are eighth blocks scaled to the busiest month shown; a month without contact is a muted
dot, so the months stay countable. The rows are labelled `out` and `in` (a meeting, both
ways, counts in both), and the year stands under its first month: the chart reads the same
without colour. Colours are the theme's (`$text-primary` out, `$text-success` in).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.content import Content

from journal.insight import MonthActivity

BARS = "▁▂▃▄▅▆▇█"
EMPTY = "·"
LABEL = 4  # "out " / "in  "
COMPACT_MONTHS = 12  # the contacts list's column: the last year


def bar(count: int, most: int) -> str:
    """One month: a dot for none, else an eighth block, the busiest month a full one (any
    contact at all is at least the lowest block, however busy the busiest month)."""
    if count <= 0 or most <= 0:
        return EMPTY
    return BARS[max(0, min(len(BARS) - 1, round(count * len(BARS) / most) - 1))]


def outgoing(m: MonthActivity) -> int:
    return m.out + m.both


def incoming(m: MonthActivity) -> int:
    return m.in_ + m.both


def _row(counts: Sequence[int], most: int, style: str) -> Content:
    cells = Content()
    for n in counts:
        cells += Content.styled(bar(n, most), style if n else "$text-muted")
    return cells


def axis(months: Sequence[MonthActivity]) -> str:
    """Each year under its January, and the first month's year at the start when there is
    room for it before the next January."""
    cells = [" "] * len(months)
    starts = [k for k, m in enumerate(months) if m.month.month == 1]
    if months and (not starts or starts[0] > 4):
        starts.insert(0, 0)
    for k in starts:
        label = str(months[k].month.year)
        if k + len(label) <= len(cells):
            cells[k:k + len(label)] = list(label)
    return "".join(cells).rstrip()


def chart(months: Sequence[MonthActivity]) -> Content:
    """Three lines: `out` bars, `in` bars, the years; `LABEL` + one cell a month wide."""
    outs = [outgoing(m) for m in months]
    ins = [incoming(m) for m in months]
    most = max([*outs, *ins, 0])
    lines = [
        Content.styled("out ", "$text-muted") + _row(outs, most, "$text-primary"),
        Content.styled("in  ", "$text-muted") + _row(ins, most, "$text-success"),
        Content.styled(" " * LABEL + axis(months), "$text-muted"),
    ]
    return Content("\n").join(lines)


def compact(months: Sequence[MonthActivity], muted: Style, style: Style) -> Text:
    """The last `COMPACT_MONTHS` months in one line, every contact either way (the list's
    column: whether they have been in touch and how much, not who started it)."""
    last = months[-COMPACT_MONTHS:]
    totals = [m.total for m in last]
    most = max(totals, default=0)
    text = Text()
    for n in totals:
        text.append(bar(n, most), style=style if n else muted)
    return text
