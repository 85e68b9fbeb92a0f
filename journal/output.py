"""Rendering for the shell: JSON objects for `--json`, and aligned plain-text tables.

Nothing here imports Textual or Rich, so shell commands stay fast. Widths are terminal cells:
wide (CJK) characters take two, combining marks none.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from journal import phrases, rules
from journal.dates import ago, days_phrase
from journal.model import Contact, Interaction, Kind
from journal.phrases import due_parts

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


def dumps(doc: Any) -> bytes:
    import orjson

    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# --- cells and tables ------------------------------------------------------------------------

_ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Cf"}


def clean(text: str) -> str:
    """One line of text safe to print: control characters (escape codes too) become spaces."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


def safe(text: str) -> str:
    """Text safe to print, lines kept: control characters other than newline become spaces."""
    if text.isprintable():
        return text
    return "\n".join(clean(line) for line in text.split("\n"))


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


def table(
    rows: Sequence[Sequence[str]], header: Sequence[str] | None = None, indent: str = ""
) -> str:
    """Rows as aligned columns (two spaces apart); columns empty in every row are dropped."""
    body = [[clean(cell) for cell in row] for row in rows]
    if not body:
        return ""
    ncols = max(len(r) for r in body)
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
        padded = [cell + " " * (w - n) for cell, n, w in zip(r, lens, widths, strict=True)]
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
