"""Contacts CSV import (Google Contacts, old and new headers; Thunderbird) and the interactions
CSV export.

Which program wrote a file is told by its header. Rows become `vcard.Card`s, so a CSV row
and a vCard go through the same matching and merging; a row without a name is a `BadCard`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from journal.model import Birthday, Contact, Interaction
from journal.vcard import (
    BadCard,
    Card,
    Parsed,
    birthday_note,
    clean_tags,
    decode_text,
    format_address,
    name_from_parts,
    parse_birthday,
    reading_from_parts,
)

Row = dict[str, str]

GOOGLE_OLD = "Google Contacts CSV (older format)"
GOOGLE = "Google Contacts CSV"
THUNDERBIRD = "Thunderbird CSV"


class CsvError(ValueError):
    """The file is CSV but not one of the contact layouts this module reads."""


# --- reading rows ---------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return "\t" if header.count("\t") > header.count(",") else ","


def rows(text: str) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    """The header, and (first line number, cells by column name) for each non-blank row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CsvError("the file is empty") from None

    def body() -> Iterator[tuple[int, Row]]:
        start = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                yield start, {h: c for h, c in zip(header, cells, strict=False) if h}
            start = reader.line_num + 1

    return header, body()


def layout(header: Iterable[str]) -> str:
    """Which program wrote this header; CsvError when none we know."""
    names = set(header)
    if {"Given Name", "Family Name"} <= names or {"Name", "Group Membership"} <= names:
        return GOOGLE_OLD
    if {"First Name", "Last Name", "Display Name", "Primary Email"} <= names:
        return THUNDERBIRD
    if {"First Name", "Last Name"} <= names and names & {"Labels", "Phonetic First Name"}:
        return GOOGLE
    raise CsvError(
        "a CSV file, but not a Google Contacts or Thunderbird address book export "
        "(its header has none of: Given Name, Family Name / First Name, Last Name, "
        "Display Name, Primary Email / First Name, Last Name, Labels)"
    )


# --- Google ---------------------------------------------------------------------------------


def _cell(row: Row, column: str) -> str:
    return (row.get(column) or "").strip()


def _multi(cell: str) -> list[str]:
    """Google puts several values in one cell, separated by ` ::: `."""
    return [v.strip() for v in cell.split(":::") if v.strip()]


def _numbered(row: Row, kind: str, value: str) -> Iterator[tuple[str, str]]:
    """(label, value) of `E-mail 1 - Value`, `E-mail 2 - Value`... with their Type or Label."""
    n = 1
    while f"{kind} {n} - {value}" in row:
        label = _cell(row, f"{kind} {n} - Type") or _cell(row, f"{kind} {n} - Label")
        for v in _multi(row[f"{kind} {n} - {value}"]):
            yield label, v
        n += 1


def _primary(row: Row, kind: str, value: str = "Value") -> str:
    """The value Google marked primary (`* Home`), else the first one."""
    found = list(_numbered(row, kind, value))
    marked = [v for label, v in found if label.startswith("*")]
    return (marked or [v for _, v in found] or [""])[0]


def _google_address(row: Row) -> str:
    if formatted := _primary(row, "Address", "Formatted"):
        return formatted
    parts = ["PO Box", "Extended Address", "Street", "City", "Region", "Postal Code", "Country"]
    return format_address([_cell(row, f"Address 1 - {p}") for p in parts])


def _birthday(text: str) -> tuple[Birthday | None, str]:
    found = parse_birthday(text)
    if isinstance(found, Birthday):
        return found, ""
    return None, birthday_note(found) if found else ""


def _notes(*parts: str) -> str:
    return "\n".join(p for p in parts if p.strip())


def _google_card(row: Row, where: str, old: bool) -> Card | BadCard:
    if old:
        name = _cell(row, "Name") or name_from_parts(
            *(_cell(row, c) for c in ("Family Name", "Given Name", "Additional Name",
                                      "Name Prefix", "Name Suffix"))
        )
        yomi = ("Family Name Yomi", "Given Name Yomi", "Additional Name Yomi")
        reading = _cell(row, "Yomi Name")
        groups, org = "Group Membership", _cell(row, "Organization 1 - Name")
    else:
        name = name_from_parts(
            *(_cell(row, c) for c in ("Last Name", "First Name", "Middle Name",
                                      "Name Prefix", "Name Suffix"))
        )
        yomi = ("Phonetic Last Name", "Phonetic First Name", "Phonetic Middle Name")
        reading = ""
        groups, org = "Labels", _cell(row, "Organization Name")
    name = name or _cell(row, "Nickname") or _cell(row, "File As") or org
    if not name:
        return BadCard(where, "no name", _primary(row, "E-mail"))
    reading = reading or reading_from_parts(*(_cell(row, c) for c in yomi), name)
    birthday, birthday_line = _birthday(_cell(row, "Birthday"))
    return Card(
        where=where,
        name=name,
        reading=reading,
        tags=clean_tags(_multi(row.get(groups) or "")),
        birthday=birthday,
        email=_primary(row, "E-mail"),
        phone=_primary(row, "Phone"),
        address=_google_address(row),
        notes=_notes(row.get("Notes") or "", birthday_line),
    )


# --- Thunderbird ----------------------------------------------------------------------------


def _thunderbird_birthday(row: Row) -> tuple[Birthday | None, str]:
    year, month, day = (_cell(row, f"Birth {p}") for p in ("Year", "Month", "Day"))
    if not (year or month or day):
        return None, ""
    try:
        return Birthday(int(month), int(day), int(year) if year else None), ""
    except ValueError:
        text = "-".join(p for p in (year, month, day) if p)
        return None, birthday_note(text)


def _thunderbird_address(row: Row, where: str) -> str:
    parts = ["Address 2", "Address", "City", "State", "ZipCode", "Country"]
    return format_address([""] + [_cell(row, f"{where} {p}") for p in parts])


def _thunderbird_card(row: Row, where: str) -> Card | BadCard:
    name = (
        _cell(row, "Display Name")
        or name_from_parts(_cell(row, "Last Name"), _cell(row, "First Name"))
        or _cell(row, "Nickname")
        or _cell(row, "Organization")
    )
    email = _cell(row, "Primary Email") or _cell(row, "Secondary Email")
    if not name:
        return BadCard(where, "no name (only an address)" if email else "no name", email)
    birthday, birthday_line = _thunderbird_birthday(row)
    phones = ("Mobile Number", "Home Phone", "Work Phone")
    return Card(
        where=where,
        name=name,
        birthday=birthday,
        email=email,
        phone=next((p for c in phones if (p := _cell(row, c))), ""),
        address=_thunderbird_address(row, "Home") or _thunderbird_address(row, "Work"),
        notes=_notes(row.get("Notes") or "", birthday_line),
    )


# --- the whole file -------------------------------------------------------------------------


def _reader(kind: str) -> Callable[[Row, str], Card | BadCard]:
    if kind == THUNDERBIRD:
        return _thunderbird_card
    old = kind == GOOGLE_OLD
    return lambda row, where: _google_card(row, where, old)


def parse_contacts(data: bytes) -> tuple[str, Parsed]:
    """(which program wrote it, the rows read); CsvError when the header is not known."""
    header, body = rows(decode_text(data))
    kind = layout(header)
    read = _reader(kind)
    parsed = Parsed()
    for n, (line, row) in enumerate(body, 1):
        item = read(row, f"row {n} (line {line})")
        if isinstance(item, Card):
            parsed.cards.append(item)
        else:
            parsed.bad.append(item)
    return kind, parsed


# --- interactions export --------------------------------------------------------------------

COLUMNS = (
    "date", "name", "kind", "direction", "channel", "note",
    "intent", "occasion", "contact_id", "id",
)


def render_interactions(contacts: Iterable[Contact], interactions: Iterable[Interaction]) -> bytes:
    """Every interaction, oldest first, one row each with the person's name.

    UTF-8 with a byte order mark, so that spreadsheets show names in any script correctly.
    """
    names = {c.id: c.name for c in contacts}
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for i in sorted(interactions, key=lambda i: i.order_key):
        writer.writerow([
            i.date.isoformat(), names.get(i.contact_id, ""), i.kind.value, i.direction.value,
            i.channel, i.note, i.intent.value if i.intent else "",
            i.occasion.value if i.occasion else "", i.contact_id, i.id,
        ])
    return out.getvalue().encode("utf-8-sig")
