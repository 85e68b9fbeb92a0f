"""Finding people by what is typed: the one matcher behind the shell's NAME arguments, the
contacts list's `/` filter and the command palette.

Text is folded before it is compared (`fold`): NFKC (full-width letters, half-width kana),
case-folded, katakana as hiragana, no zero-width characters, single spaces; so `aiko`,
`ＡＩＫＯ`, `アイコ` and `あいこ` are the same. A person matches at the best of these ranks:

    EXACT    the whole name or the whole reading             `aiko tanaka`, `たなか あいこ`
    PREFIX   the name begins with it                          `aiko t`
    WORD     a word of the name begins with it                `tanaka`, `花子`
    READING  the reading, or a word of it, begins with it     `たなか`, `アイコ`
    ROMAJI   the romaji of a kana reading (or of a word of it) `shota`, `shouta`, `ito shota`
    TAG      a tag begins with it                             `fam`
    INSIDE   every word typed is inside the name, the reading, its romaji or a tag

Lists show the best match first (then their own order). The shell takes a person only when
no one else matches as well (`pick`): an exact match wins; else the matches that begin with
what was typed (PREFIX to TAG) and, only when there are none, those that hold it (INSIDE)
must be one person, or the candidates are listed, best first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from journal.folding import fold, fold_all
from journal.kana import romaji_forms
from journal.model import Contact, Interaction
from journal.rules import AmbiguousName, NameNotFound


class Rank(IntEnum):
    """How well a person matches; lower is better."""

    EXACT = 0
    PREFIX = 1
    WORD = 2
    READING = 3
    ROMAJI = 4
    TAG = 5
    INSIDE = 6

    @property
    def tier(self) -> int:
        """What the shell tells apart: exact (0), begins with it (1), holds it (2)."""
        return 0 if self is Rank.EXACT else 2 if self is Rank.INSIDE else 1


@dataclass(frozen=True, slots=True)
class Haystack:
    """What one person is found by, folded; made once and kept while the person is unchanged.
    The leading spaces let "begins a word" be one substring test."""

    name: str
    reading: str
    spaced_name: str  # " " + name
    spaced_reading: str
    spaced_romaji: tuple[str, ...]
    tags: tuple[str, ...]
    everything: str  # every field, NUL-separated: a typed word never spans two fields

    @classmethod
    def of(cls, name: str, reading: str, tags: Iterable[str]) -> Haystack:
        """From folded name, reading and tags."""
        romaji = romaji_forms(reading) if reading else ()
        tags = tuple(tags)
        return cls(name, reading, " " + name, " " + reading, tuple(" " + r for r in romaji),
                   tags, "\0".join((name, reading, *romaji, *tags)))


def haystack(contact: Contact) -> Haystack:
    return Haystack.of(fold(contact.name), fold(contact.reading), map(fold, contact.tags))


def haystacks(contacts: Sequence[Contact]) -> list[Haystack]:
    """`haystack` of each contact, names and readings folded all at once (10,000 in 50 ms)."""
    names = fold_all([c.name for c in contacts])
    readings = fold_all([c.reading for c in contacts])
    return [
        Haystack.of(n, r, map(fold, c.tags) if c.tags else ())
        for c, n, r in zip(contacts, names, readings, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Query:
    """What was typed, folded, and its words."""

    text: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, typed: str) -> Query:
        text = fold(typed)
        return cls(text, tuple(text.split()))

    def __bool__(self) -> bool:
        return bool(self.text)


def rank(query: Query, h: Haystack) -> Rank | None:
    """How well a person matches (None: not at all, or an empty query)."""
    everything = h.everything
    for word in query.words:  # every rank implies this: most people stop here
        if word not in everything:
            return None
    text = query.text
    if not text:
        return None
    if text == h.name or text == h.reading:
        return Rank.EXACT
    if h.name.startswith(text):
        return Rank.PREFIX
    word_start = " " + text
    if word_start in h.spaced_name:
        return Rank.WORD
    if word_start in h.spaced_reading:
        return Rank.READING
    for form in h.spaced_romaji:
        if word_start in form:
            return Rank.ROMAJI
    for tag in h.tags:
        if tag.startswith(text):
            return Rank.TAG
    return Rank.INSIDE


def name_order(contact: Contact) -> tuple[str, str, str]:
    """The order of people of the same rank: by reading or name, then name, then id."""
    return (contact.sort_key, contact.name.casefold(), contact.id)


def ranked(
    people: Iterable[tuple[Contact, Haystack]], typed: str
) -> list[tuple[Rank, Contact]]:
    """Everyone who matches, best first, by name within a rank."""
    query = Query.of(typed)
    found = [(r, c) for c, h in people if (r := rank(query, h)) is not None]
    found.sort(key=lambda rc: (rc[0], name_order(rc[1])))
    return found


def pick(found: Sequence[tuple[Rank, Contact]], typed: str) -> Contact:
    """The one person `ranked` results mean (see the module's docstring); AmbiguousName with
    the candidates best first, or NameNotFound."""
    if not found:
        raise NameNotFound(f'no one called "{typed}" in the journal')
    tier = found[0][0].tier
    best = [c for r, c in found if r.tier == tier]
    if len(best) == 1:
        return best[0]
    raise AmbiguousName(typed, best)


def match_name(contacts: Sequence[Contact], typed: str) -> Contact:
    """The one contact a typed name means (`pick` of `ranked`)."""
    return pick(ranked(zip(contacts, haystacks(contacts), strict=True), typed), typed)


# --- entries: the timeline's `/` search ----------------------------------------------------


def entry_matches(words: Sequence[str], interaction: Interaction) -> bool:
    """Whether every folded word (`fold(typed).split()`) is inside the entry's note,
    channel, kind or occasion (folded as names are: `ＬＩＮＥ` finds `line`)."""
    if not words:
        return True
    i = interaction
    text = fold(" ".join((i.note, i.channel, i.kind.value,
                          i.occasion.value if i.occasion is not None else "")))
    return all(w in text for w in words)
