"""Text from files and arguments made safe: it never drives the terminal or fools the eye.

Two directions, one table of what is dangerous:

- On the way in (`tidy_line`, `tidy_lines`), used by every way into the journal (the shell,
  the forms, import, restore): control characters (C0 but newline and tab, DEL, C1) and bidi
  overrides and isolates are dropped, tabs and the odd line separators become plain spaces
  or newlines, invisible format characters that only make two names look alike are removed.
- On the way out (`visible`, `visible_lines`), used by every render, shell and app: whatever
  is still there (an old journal written before tidying) is shown visibly, an escape as `␛`,
  other controls as their control picture or U+FFFD, so nothing reaches the terminal raw.

`drop_invisible` is for keys that compare names (`rules.normalize_name`): a name with a
zero-width space inside cannot pass as a different person.
"""

from __future__ import annotations

import re
from functools import cache

# Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder what
# follows them on screen, so "moc.elgoog" can read as "google.com".
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks other than "\n" that some readers obey: a vCard or ICS reader sees a new line.
ODD_LINE_BREAKS = frozenset("\u2028\u2029\u0085\x0b\x0c\r")
# Format characters with no glyph that make two strings look identical. ZWJ (U+200D) and
# ZWNJ (U+200C) stay in stored text (emoji sequences, Persian, Indic scripts) but not in keys.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u180e\u200e\u200f\u061c")
KEY_INVISIBLE = INVISIBLE | frozenset("\u200c\u200d\u00ad")

_CONTROL = r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"


# Compiled when first needed: most text is printable and never reaches them, and compiling
# all four would be a millisecond of every command's start.
@cache
def _drop_in() -> re.Pattern[str]:
    return re.compile("[" + _CONTROL + "".join(sorted(BIDI_CONTROLS | INVISIBLE)) + "]")


@cache
def _breaks() -> re.Pattern[str]:
    return re.compile("\r\n|[" + "".join(sorted(ODD_LINE_BREAKS)) + "]")


@cache
def _unsafe_out() -> re.Pattern[str]:
    return re.compile(
        "[\x00-\x1f\x7f-\x9f\ud800-\udfff"  # lone surrogates: bytes of a file name not UTF-8
        + "".join(sorted(BIDI_CONTROLS | INVISIBLE | ODD_LINE_BREAKS))
        + "]"
    )


@cache
def _key_drop() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(KEY_INVISIBLE)) + "]")


def tidy_lines(text: str) -> str:
    """Text that may hold several lines (notes), fit to store: controls and bidi overrides
    dropped, every line break a "\\n", tabs spaces, trailing blanks gone."""
    if text.isprintable():  # every character either pattern takes is unprintable
        return text.strip()
    text = _breaks().sub("\n", text).replace("\t", " ")
    return _drop_in().sub("", text).strip()


def tidy_line(text: str) -> str:
    """One line of text (a name, a tag, a channel), fit to store: as `tidy_lines`, with line
    breaks and tabs made single spaces."""
    if text.isprintable():  # every character either pattern takes is unprintable
        return text.strip()
    text = _breaks().sub(" ", text).replace("\n", " ").replace("\t", " ")
    return _drop_in().sub("", text).strip()


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␛ … ␟: the Control Pictures block
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """One line safe to draw: every control, line break, bidi override and invisible format
    character shown as a visible symbol (`␛` for escape, `␊` for a newline, U+FFFD else)."""
    if text.isprintable():
        return text
    return _unsafe_out().sub(_picture, text)


def visible_lines(text: str) -> str:
    """As `visible`, with "\\n" kept as a line break (for notes drawn over several lines)."""
    if "\n" not in text:
        return visible(text)
    return "\n".join(visible(line) for line in text.split("\n"))



def drop_invisible(text: str) -> str:
    """`text` without the zero-width and soft-hyphen characters that make names look alike."""
    return _key_drop().sub("", text)


def quoted(text: object, limit: int = 40) -> str:
    """A value quoted in a message, cut short: a message never repeats a 10 MB name."""
    text = str(text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
