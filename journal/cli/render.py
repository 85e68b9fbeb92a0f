"""Rendering for the shell: JSON objects for `--json`, and aligned plain-text tables.

Nothing here imports Textual or Rich, so shell commands stay fast. Widths are terminal cells:
wide (CJK) characters take two, combining marks none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from journal import phrases, rules
from journal.dates import ago, days_phrase
from journal.model import Contact, Direction, Interaction, Kind
from journal.phrases import due_parts
from journal.text import visible

if TYPE_CHECKING:  # `journal log` renders neither: their modules load with `show`
    from journal import insight, queries

# --- JSON ----------------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def contact_json(contact: Contact, st: rules.Status) -> dict[str, Any]:
    """The contact object every `--json` output is made of."""
    return {
        "id": contact.id,
        "name": contact.name,
        "reading": contact.reading,
        "tags": list(contact.tags),
        "birthday": contact.birthday.iso() if contact.birthday else None,
        "cadence_days": contact.cadence_days,  # approximate for months: 30 a month
        "cadence": contact.cadence.text if contact.cadence is not None else None,
        "last_contact": _iso(st.last_contact),
        "next_due": _iso(st.next_due),
        "email": contact.email,
        "phone": contact.phone,
        "address": contact.address,
        "emails": list(contact.emails),  # every one, the preferred (`email`) first
        "phones": list(contact.phones),
        "addresses": list(contact.addresses),
        "nickname": contact.nickname,
        "org": contact.org,
        "notes": contact.notes,
        "archived": contact.archived,
        "snoozed_until": _iso(contact.snoozed_until),
        "season_cards": contact.season_cards,
        "no_cards_until": _iso(contact.no_cards_until),
        "no_cards_reason": contact.no_cards_reason,
        "letter_lead_days": contact.letter_lead_days,
    }


def person_json(person: queries.Person) -> dict[str, Any]:
    """`show --json`: the contact object with their balance and flags, and their history
    newest first (what the app's timeline shows)."""
    doc = contact_json(person.contact, person.status)
    doc.update(balance=balance_json(person.balance), give_next=person.give_next,
               reply_owed=person.status.reply_owed)
    items = [{**interaction_json(i), "cold_ask": person.is_cold_ask(i)}
             for i in person.newest_first]
    return {"contact": doc, "interactions": items}


def interaction_json(i: Interaction) -> dict[str, Any]:
    return {
        "id": i.id,
        "contact_id": i.contact_id,
        "kind": i.kind.value,
        "direction": i.direction.value,
        "date": i.date.isoformat(),
        "channel": i.channel,
        "note": i.note,
        "intent": i.intent.value if i.intent else None,
        "occasion": i.occasion.value if i.occasion else None,
    }


def balance_json(b: rules.Balance) -> dict[str, Any]:
    return {
        "gives_12m": b.gives_12m,
        "asks_12m": b.asks_12m,
        "last_give": _iso(b.last_give),
        "last_ask": _iso(b.last_ask),
    }


# --- issue 16: what the history means (journal.insight) ---


def insight_json(ins: insight.Insight) -> dict[str, Any]:
    """`show --json`'s `suggested_cadence` (`5w` or None), `drifting` and `activity` (one
    object a month, oldest first: `{"month": "2026-11", "out": 1, "in": 0, "both": 0}`)."""
    return {
        "suggested_cadence": ins.suggested.text if ins.suggested is not None else None,
        "drifting": ins.drifting,
        "activity": [
            {"month": m.text, "out": m.out, "in": m.in_, "both": m.both} for m in ins.activity
        ],
    }


def late_ratio_json(st: rules.Status) -> float | None:
    """`overdue --json`'s `late_ratio`: days late / cadence days, to 3 places (None untracked)."""
    ratio = rules.late_ratio(st)
    return None if ratio is None else round(ratio, 3)


# Characters that orjson writes raw but some readers take for controls or line breaks: DEL,
# the C1 controls (U+0080-U+009F, a terminal obeys U+009B as ESC [) and U+2028/U+2029 (line
# breaks to JavaScript before ES2019). orjson escapes C0 itself. Matched in the UTF-8 bytes:
# 0xC2 and 0xE2 only ever begin a character, so a match is always a whole one.
_RAW_CONTROLS = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")


def _escaped(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


def dumps(doc: Any) -> bytes:
    """`--json` output: every control character and line separator written as `\\uXXXX`."""
    import orjson

    data = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    if _RAW_CONTROLS.search(data) is None:
        return data
    return _RAW_CONTROLS.sub(_escaped, data)


# --- cells and tables ------------------------------------------------------------------------

_ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Cf"}
# The widest a cell is drawn, in terminal cells; what is longer is cut with an ellipsis. A
# value of any length (a 10 MB name) cannot widen every row of its table, nor flood the
# terminal. The last column is not padded, so it may hold a paragraph of a note.
CELL_MAX = 80
LAST_CELL_MAX = 2000


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    if unicodedata.category(ch) in _ZERO_WIDTH_CATEGORIES or ch == "\u200d":
        return 0
    return 1


def cell_len(text: str) -> int:
    """How many terminal cells `text` takes."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells: as it is, or cut with an ellipsis (looking no further
    than the cut, however long the text)."""
    if text.isascii():
        return text if len(text) <= width else text[: width - 1] + "…"
    used = 0
    for end, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            kept = text[:end]
            while cell_len(kept) > width - 1:  # room for the ellipsis
                kept = kept[:-1]
            return kept + "…"
    return text


def cell(text: str, width: int = CELL_MAX) -> str:
    """A table cell: on one line, every control shown (text.visible), at most `width` cells."""
    return cut(visible(text), width)


def table(
    rows: Sequence[Sequence[str]], header: Sequence[str] | None = None, indent: str = ""
) -> str:
    """Rows as aligned columns (two spaces apart); columns empty in every row are dropped.
    A cell is at most CELL_MAX wide (LAST_CELL_MAX in the last column), cut with an ellipsis."""
    if not rows:
        return ""
    ncols = max(len(r) for r in rows)
    body = [
        [cell(text, CELL_MAX if n < ncols - 1 else LAST_CELL_MAX) for n, text in enumerate(row)]
        for row in rows
    ]
    body = [list(r) + [""] * (ncols - len(r)) for r in body]
    keep = [c for c in range(ncols) if any(r[c] for r in body)]
    lines = []
    if header is not None:
        head = list(header) + [""] * (ncols - len(header))
        body.insert(0, head)
    cells = [[r[c] for c in keep] for r in body]
    lengths = [list(map(cell_len, r)) for r in cells]
    widths = [max(column) for column in zip(*lengths, strict=True)]
    for r, lens in zip(cells, lengths, strict=True):
        padded = [text + " " * (w - n) for text, n, w in zip(r, lens, widths, strict=True)]
        lines.append(indent + "  ".join(padded).rstrip())
    return "\n".join(lines)


# --- phrases ---------------------------------------------------------------------------------

ARTICLE = {
    Kind.LETTER: "a letter",
    Kind.MEETING: "a meeting",
    Kind.MESSAGE: "a message",
    Kind.CALL: "a call",
}


def when(d: date, today: date) -> str:
    """`2026-11-20 (5 days ago)`."""
    return f"{d.isoformat()} ({ago(d, today)})"


def lateness(days_late: int) -> str:
    """`5 days overdue`, `due today`, `due in 3 days`."""
    if days_late > 0:
        return f"{days_phrase(days_late)} overdue"
    if days_late == 0:
        return "due today"
    return f"due in {days_phrase(-days_late)}"


def due_phrase(st: rules.Status, today: date) -> str:
    """What the Due column of `list` says about one contact."""
    words = [w for w, _ in due_parts(st, today)]
    if st.contact.archived:
        words.insert(0, "archived")
    return ", ".join(words)


def last_phrase(st: rules.Status, today: date) -> str:
    return phrases.last_phrase(st.last_contact, today)


def preposition(kind: Kind, direction: Direction) -> str:
    """The word before a name: a letter *to* Ben, a call *with* Ben, a letter *from* Ben."""
    if direction is Direction.IN:
        return "from"
    if direction is Direction.OUT and kind in (Kind.LETTER, Kind.MESSAGE):
        return "to"
    return "with"
