"""Rewrite the journal's own properties of one vCard and keep every other byte of it.

`journal sync` writes back to cards that phones, Google, iCloud or Nextcloud made. Those cards
hold much the journal does not keep: a PHOTO, an ORG with departments, `item1.` groups with
their labels, X- properties of every kind, the VERSION they were written in. `edit_card` takes
a card's bytes, a contact and the fields the journal changed, and changes only the lines of
those fields: every other line (its folding, its line ending, its parameters) is left as it
was. Lists (EMAIL, TEL, ADR) keep the lines whose value the journal still has, byte for byte,
drop the lines of values it removed (with their group's label) and add lines for new values.

After editing, the card is read back as `journal.vcard` reads it; a field that does not read
as the journal holds it (a new preferred phone, say) has all its lines written anew.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from journal import vcard
from journal.model import Birthday, Contact
from journal.text import tidy_line

# The journal-owned fields a card carries, and the properties that hold each.
FIELD_PROPS: dict[str, tuple[str, ...]] = {
    "name": ("FN", "N"),
    "reading": (
        "X-PHONETIC-FIRST-NAME", "X-PHONETIC-MIDDLE-NAME", "X-PHONETIC-LAST-NAME", "SORT-STRING",
    ),
    "birthday": ("BDAY",),
    "tags": ("CATEGORIES",),
    "nickname": ("NICKNAME",),
    "org": ("ORG",),
    "emails": ("EMAIL",),
    "phones": ("TEL",),
    "addresses": ("ADR", "LABEL"),
    "notes": ("NOTE",),
}
OWNED_FIELDS = tuple(FIELD_PROPS)
_LABELS = {"X-ABLABEL", "X-ABADR"}  # Apple's label lines of an `itemN.` group


class CardEditError(ValueError):
    """The card cannot be edited line by line (not one readable card); it is left alone."""


@dataclass(slots=True)
class _Line:
    """One content line of the card: its bytes as in the file (folds and ending included)."""

    raw: bytes
    prop: vcard.Prop | None  # None for stray text, kept as it is

    @property
    def name(self) -> str:
        return self.prop.name if self.prop else ""

    @property
    def group(self) -> str:
        return self.prop.group.casefold() if self.prop else ""


_ENDING = re.compile(rb"\r\n|\r|\n")


def _split(body: bytes) -> tuple[bytes, list[_Line], bytes]:
    """(the bytes before the first content line, the content lines, the card's line ending)."""
    physical = _ENDING.split(body)
    endings = [m.group() for m in _ENDING.finditer(body)] + [b""]
    raws = [line + end for line, end in zip(physical, endings, strict=True)]
    logical = list(vcard.logical_lines(body))
    if not logical:
        raise CardEditError("no vCard in it")
    starts = [number - 1 for number, _ in logical] + [len(raws)]
    spans = zip(starts[:-1], starts[1:], strict=True)
    lines = [
        _Line(b"".join(raws[start:stop]), vcard.parse_line(start + 1, text))
        for (start, stop), (_, text) in zip(spans, logical, strict=True)
    ]
    newline = endings[0] if endings[0] else b"\r\n"
    return b"".join(raws[: starts[0]]), lines, newline


def _is(line: _Line, name: str, value: bytes) -> bool:
    return line.name == name and line.prop is not None and line.prop.raw.strip().upper() == value


class _Card:
    """A card as lines, with the edits `edit_card` makes."""

    def __init__(self, data: bytes) -> None:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            vcard.normalize_bytes(data) != data and not data.startswith(codecs.BOM_UTF8)
        ):
            raise CardEditError("written in UTF-16, which this journal does not rewrite")
        self.bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        self.head, lines, self.newline = _split(data[len(self.bom) :])
        begins = [i for i, line in enumerate(lines) if _is(line, "BEGIN", b"VCARD")]
        ends = [i for i, line in enumerate(lines) if _is(line, "END", b"VCARD")]
        if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
            raise CardEditError("not one card between BEGIN:VCARD and END:VCARD")
        self.lines = lines
        version = [vcard.text_of(line.prop) for line in lines if line.name == "VERSION"]
        self.version = version[0].strip() if version and version[0].strip() else "3.0"

    def bytes(self) -> bytes:
        return self.bom + self.head + b"".join(line.raw for line in self.lines)

    def encode(self, text: str) -> bytes:
        newline = self.newline.decode("ascii")
        return (vcard.fold(text).replace("\r\n", newline) + newline).encode("utf-8")

    def end(self) -> int:
        return next(i for i, line in enumerate(self.lines) if _is(line, "END", b"VCARD"))

    def indexes(self, names: Iterable[str]) -> list[int]:
        wanted = set(names)
        return [i for i, line in enumerate(self.lines) if line.name in wanted]

    def replace(self, names: tuple[str, ...], texts: list[str]) -> None:
        """Put `texts` where the first line of `names` was (else before END:VCARD) and drop
        every line of `names`, unless they already are exactly those lines."""
        found = self.indexes(names)
        new = [self.encode(t) for t in texts]
        if [self.lines[i].raw for i in found] != new:
            self.splice(found[0] if found else self.end(), new, found)

    def splice(self, at: int, new: list[bytes], dropped: list[int]) -> None:
        """Insert the lines `new` before line `at`, and drop the lines `dropped`."""
        self.lines[at:at] = [_Line(raw, None) for raw in new]
        self.drop([i if i < at else i + len(new) for i in dropped])

    def drop(self, indexes: list[int]) -> None:
        """Drop these lines, and the label lines of a group left with nothing else."""
        gone = set(indexes)
        groups = {self.lines[i].group for i in gone} - {""}
        kept_by_group: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            if i not in gone and line.group in groups:
                kept_by_group.setdefault(line.group, []).append(i)
        for members in kept_by_group.values():
            if all(self.lines[i].name in _LABELS for i in members):
                gone.update(members)
        self.lines = [line for i, line in enumerate(self.lines) if i not in gone]


# --- the lines of each field, as this card's version writes them ---------------------------


def _bday(b: Birthday, version: str) -> str:
    if version.startswith("4"):
        if b.year is None:
            return f"BDAY:--{b.month:02d}{b.day:02d}"
        return f"BDAY:{b.year:04d}{b.month:02d}{b.day:02d}"
    return vcard.birthday_line(b)


def _kind(version: str, v3_params: str) -> str:
    """The parameters of a new line: vCard 3.0's, none in 4.0 (whose TYPE values differ)."""
    return "" if version.startswith("4") else v3_params


def _charset(version: str, text: str) -> str:
    """vCard 2.1 reads values as ASCII unless told: say UTF-8 where it is more."""
    return ";CHARSET=UTF-8" if version.startswith("2") and not text.isascii() else ""


def _line(version: str, head: str, value: str) -> str:
    name, sep, params = head.partition(";")
    return f"{name}{sep}{params}{_charset(version, value)}:{value}"


def field_lines(contact: Contact, field: str, version: str) -> list[str]:
    """The lines a card of `version` holds for one of the contact's fields (none if empty)."""
    e = vcard.escape
    if field == "name":
        family, given = vcard.split_name(contact.name)
        return [
            _line(version, "FN", e(contact.name)),
            _line(version, "N", f"{e(family)};{e(given)};;;"),
        ]
    if field == "reading":
        if not contact.reading:
            return []
        last, first = vcard.split_reading(tidy_line(contact.reading), contact.name)
        lines = [_line(version, "X-PHONETIC-FIRST-NAME", e(first))] if first else []
        return lines + [
            _line(version, "X-PHONETIC-LAST-NAME", e(last)),
            _line(version, "SORT-STRING", e(contact.reading)),
        ]
    if field == "birthday":
        return [_bday(contact.birthday, version)] if contact.birthday else []
    if field == "tags":
        tags = ",".join(e(t) for t in contact.tags)
        return [_line(version, "CATEGORIES", tags)] if tags else []
    if field in ("nickname", "org", "notes"):
        value = getattr(contact, field)
        text = e(value, lines=field == "notes")
        return [_line(version, FIELD_PROPS[field][0], text)] if value else []
    return [_item_line(field, value, version) for value in getattr(contact, field)]


_ITEM_HEADS = {"emails": ("EMAIL", ";TYPE=INTERNET"), "phones": ("TEL", ";TYPE=VOICE"),
               "addresses": ("ADR", ";TYPE=HOME")}


def _item_line(field: str, value: str, version: str) -> str:
    name, params = _ITEM_HEADS[field]
    text = vcard.escape(value, lines=field == "addresses")
    if field == "addresses":
        text = f";;{text};;;;"
    return _line(version, name + _kind(version, params), text)


# --- what a line holds, as the reader reads it ---------------------------------------------


def _key(value: str) -> str:
    return " ".join(value.casefold().split())


def _item_value(field: str, prop: vcard.Prop) -> str:
    if field == "emails":
        return vcard.strip_scheme(vcard.text_of(prop), "mailto:")
    if field == "phones":
        return vcard.strip_scheme(vcard.text_of(prop), "tel:")
    return vcard.format_address(vcard.components(prop))


def _edit_items(card: _Card, field: str, values: tuple[str, ...]) -> None:
    """Keep the lines of values the contact still has; drop the others; add the new ones
    after the last line of the field (else before END:VCARD)."""
    name = _ITEM_HEADS[field][0]
    wanted = {_key(v) for v in values}
    seen: set[str] = set()
    dropped: list[int] = []
    found = card.indexes([name])
    for i in found:
        key = _key(_item_value(field, card.lines[i].prop))
        if key in wanted and key not in seen:
            seen.add(key)
        else:
            dropped.append(i)
    if field == "addresses" and not values:
        dropped += card.indexes(["LABEL"])  # read as addresses when no ADR is left
    new = [_item_line(field, v, card.version) for v in values if _key(v) not in seen]
    card.splice(found[-1] + 1 if found else card.end(), [card.encode(t) for t in new], dropped)


def _reads(data: bytes) -> vcard.Card | None:
    parsed = vcard.parse(data)
    return parsed.cards[0] if len(parsed.cards) == 1 and not parsed.bad else None


def edit_card(
    data: bytes, contact: Contact, fields: Iterable[str],
    reads_as: Callable[[vcard.Card], dict] | None = None,
) -> bytes:
    """The card with the lines of `fields` holding the contact's values, every other line
    as it was. `reads_as(card)` gives the field values a read card stands for (by default
    its attributes); a field whose lines, read back, differ from the contact's value is
    written anew in the journal's order. CardEditError if the card is not one card."""
    fields = [f for f in OWNED_FIELDS if f in set(fields)]
    card = _Card(data)
    for field in fields:
        if field in _ITEM_HEADS:
            _edit_items(card, field, getattr(contact, field))
        else:
            card.replace(FIELD_PROPS[field], field_lines(contact, field, card.version))
    read = _reads(card.bytes())
    if read is None:
        raise CardEditError("the card does not read back as one card")
    values = reads_as(read) if reads_as else {f: getattr(read, f) for f in fields}
    for field in fields:
        if values[field] != getattr(contact, field):
            card.replace(FIELD_PROPS[field], field_lines(contact, field, card.version))
    return card.bytes()
