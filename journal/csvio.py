"""Contacts CSV import (Google Contacts, old and new headers; Outlook; Thunderbird) and the
interactions CSV export.

Which program wrote a file is told by its header. Rows become `vcard.Card`s, so a CSV row
and a vCard go through the same matching and merging; a row without a name is a `BadCard`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from journal.model import Birthday, Contact, Interaction, several
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
OUTLOOK = "Outlook CSV"


class CsvError(ValueError):
    """The file is CSV but not one of the contact layouts this module reads."""


# --- reading rows ---------------------------------------------------------------------------


SEPARATORS = (",", ";", "\t")  # European Excel and Outlook write `;`, some programs tabs


def delimiter(text: str) -> str:
    """The separator of the header line: the one of `,` `;` tab it holds most of outside
    quotes (a comma on a tie)."""
    header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    return max(SEPARATORS, key=lambda sep: (header.count(sep), sep == ","))


def rows(text: str) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    """The header, and (first line number, cells by column name) for each non-blank row."""
    # No field is longer than the text: a note longer than the csv module's default 128 KB
    # limit is read (then cut to the journal's limit and reported), not refused.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
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
    if {"First Name", "Last Name", "E-mail Address"} <= names:
        return OUTLOOK
    raise CsvError(
        "a CSV file, but not a contacts export this journal reads: its first line should be "
        "the header of a Google Contacts CSV (First Name, Last Name, Labels), an Outlook CSV "
        "(First Name, Last Name, E-mail Address) or a Thunderbird CSV (Display Name, "
        "Primary Email); or export the contacts as a vCard (.vcf) file"
    )


# --- Google ---------------------------------------------------------------------------------


def _cell(row: Row, column: str) -> str:
    return (row.get(column) or "").strip()


def _cells(row: Row, *columns: str) -> tuple[str, ...]:
    """The values of these columns, in this order, blanks and repeats dropped."""
    return several(_cell(row, c) for c in columns)


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


def _all(row: Row, kind: str, value: str = "Value") -> tuple[str, ...]:
    """Every value, the one Google marked primary (`* Home`) first."""
    found = list(_numbered(row, kind, value))
    marked = [v for label, v in found if label.startswith("*")]
    return several([*marked, *(v for _, v in found)])


_GOOGLE_ADDRESS = ("PO Box", "Extended Address", "Street", "City", "Region", "Postal Code",
                   "Country")


def _google_addresses(row: Row) -> tuple[str, ...]:
    """Each `Address N`, as Google formatted it or made from its parts; primary first."""
    found: list[tuple[bool, str]] = []
    n = 1
    while any(f"Address {n} - {p}" in row for p in ("Formatted", *_GOOGLE_ADDRESS)):
        label = _cell(row, f"Address {n} - Type") or _cell(row, f"Address {n} - Label")
        text = _cell(row, f"Address {n} - Formatted") or format_address(
            [_cell(row, f"Address {n} - {p}") for p in _GOOGLE_ADDRESS]
        )
        found.append((not label.startswith("*"), text))
        n += 1
    return several(text for _, text in sorted(found, key=lambda f: f[0]))


def _birthday(text: str) -> tuple[Birthday | None, str]:
    found = parse_birthday(text)
    if isinstance(found, Birthday):
        return found, ""
    return None, birthday_note(found) if found else ""


def _notes(*parts: str) -> str:
    """The parts as lines; a cell's own line breaks (CRLF from Outlook) become newlines."""
    text = "\n".join(p for p in parts if p.strip())
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    nickname = _cell(row, "Nickname")
    name = name or nickname or _cell(row, "File As") or org
    emails = _all(row, "E-mail")
    if not name:
        return BadCard(where, "no name", next(iter(emails), ""))
    reading = reading or reading_from_parts(*(_cell(row, c) for c in yomi), name)
    birthday, birthday_line = _birthday(_cell(row, "Birthday"))
    return Card(
        where=where,
        name=name,
        reading=reading,
        tags=clean_tags(_multi(row.get(groups) or "")),
        birthday=birthday,
        emails=emails,
        phones=_all(row, "Phone"),
        addresses=_google_addresses(row),
        nickname=nickname if nickname != name else "",
        org=org if org != name else "",
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
    emails = _cells(row, "Primary Email", "Secondary Email")
    if not name:
        return BadCard(where, "no name (only an address)" if emails else "no name",
                       next(iter(emails), ""))
    birthday, birthday_line = _thunderbird_birthday(row)
    nickname, org = _cell(row, "Nickname"), _cell(row, "Organization")
    return Card(
        where=where,
        name=name,
        birthday=birthday,
        emails=emails,
        phones=_cells(row, "Mobile Number", "Home Phone", "Work Phone"),
        addresses=several([_thunderbird_address(row, "Home"), _thunderbird_address(row, "Work")]),
        nickname=nickname if nickname != name else "",
        org=org if org != name else "",
        notes=_notes(row.get("Notes") or "", birthday_line),
    )


# --- Outlook --------------------------------------------------------------------------------

# Outlook writes dates in the short format of the computer's region: 3/22/1980 in the US,
# 22/03/1980 in Europe, 1980/03/22 in Japan; "0/0/00" for none.
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_NO_DATE = re.compile(r"0{1,2}[/.-]0{1,2}[/.-]0{2,4}")
MONTH_FIRST, DAY_FIRST = "month first", "day first"


def date_order(cells: Iterable[str]) -> str | None:
    """Whether a file's `a/b/yyyy` dates are month first or day first, when some date shows it
    (a first number over 12 is a day, a second one over 12 is a day); None when none does, or
    when the dates disagree."""
    orders = set()
    for cell in cells:
        if m := _YEAR_LAST.fullmatch(cell.strip()):
            first, second = int(m.group(1)), int(m.group(2))
            if first > 12 >= second:
                orders.add(DAY_FIRST)
            elif second > 12 >= first:
                orders.add(MONTH_FIRST)
    return orders.pop() if len(orders) == 1 else None


def outlook_birthday(text: str, order: str | None) -> tuple[Birthday | None, str]:
    """The birthday of an Outlook cell, or a line for the notes when it cannot be read
    for sure (never a guess between 3 April and 4 March)."""
    text = text.strip()
    if not text or _NO_DATE.fullmatch(text):
        return None, ""
    year = month = day = None
    if m := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _YEAR_LAST.fullmatch(text):
        first, second, year = (int(g) for g in m.groups())
        if first == second or (order is None and (first > 12 or second > 12)):
            order = DAY_FIRST if first > 12 else MONTH_FIRST
        if order == MONTH_FIRST:
            month, day = first, second
        elif order == DAY_FIRST:
            day, month = first, second
        else:
            return None, birthday_note(f"{text} (day and month order unclear)")
    else:
        return _birthday(text)
    try:
        return Birthday(month, day, year), ""
    except ValueError:
        return None, birthday_note(text)


def _outlook_addresses(row: Row) -> tuple[str, ...]:
    found = []
    for kind in ("Home", "Business", "Other"):
        street = "\n".join(
            s for n in ("", " 2", " 3") if (s := _cell(row, f"{kind} Street{n}"))
        )
        parts = [
            _cell(row, f"{kind} Address PO Box"), "", street, _cell(row, f"{kind} City"),
            _cell(row, f"{kind} State"), _cell(row, f"{kind} Postal Code"),
            _cell(row, f"{kind} Country/Region") or _cell(row, f"{kind} Country"),
        ]
        found.append(format_address(parts))
    return several(found)


_OUTLOOK_PHONES = (
    "Mobile Phone", "Primary Phone", "Home Phone", "Home Phone 2", "Business Phone",
    "Business Phone 2", "Company Main Phone", "Car Phone", "Other Phone",
)


def _outlook_card(row: Row, where: str, order: str | None) -> Card | BadCard:
    name = (
        name_from_parts(*(_cell(row, c) for c in ("Last Name", "First Name", "Middle Name",
                                                   "Title", "Suffix")))
        or _cell(row, "Nickname")
        or _cell(row, "E-mail Display Name")
        or _cell(row, "Company")
    )
    emails = _cells(row, "E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
    if not name:
        return BadCard(where, "no name (only an address)" if emails else "no name",
                       next(iter(emails), ""))
    yomi = [_cell(row, c) or _cell(row, alt) for c, alt in (
        ("Surname Yomi", "Yomi Last Name"), ("Given Yomi", "Yomi First Name"),
    )]
    birthday, birthday_line = outlook_birthday(_cell(row, "Birthday"), order)
    org = _cell(row, "Company")
    return Card(
        where=where,
        name=name,
        reading=reading_from_parts(yomi[0], yomi[1], "", name),
        tags=clean_tags(re.split(r"[;,]", row.get("Categories") or "")),
        birthday=birthday,
        emails=emails,
        phones=_cells(row, *_OUTLOOK_PHONES),
        addresses=_outlook_addresses(row),
        nickname=_cell(row, "Nickname") if _cell(row, "Nickname") != name else "",
        org=org if org != name else "",
        notes=_notes(row.get("Notes") or "", birthday_line),
    )


# --- the whole file -------------------------------------------------------------------------


def _reader(kind: str, order: str | None = None) -> Callable[[Row, str], Card | BadCard]:
    if kind == THUNDERBIRD:
        return _thunderbird_card
    if kind == OUTLOOK:
        return lambda row, where: _outlook_card(row, where, order)
    old = kind == GOOGLE_OLD
    return lambda row, where: _google_card(row, where, old)


def parse_contacts(data: bytes) -> tuple[str, Parsed]:
    """(which program wrote it, the rows read); CsvError when the header is not known."""
    guessed: set[str] = set()
    header, body = rows(decode_text(data, guessed))
    kind = layout(header)
    every = list(body)
    order = date_order(row.get("Birthday") or "" for _, row in every) if kind == OUTLOOK else None
    read = _reader(kind, order)
    parsed = Parsed(guessed=guessed)
    for n, (line, row) in enumerate(every, 1):
        item = read(row, f"row {n} (line {line})")
        if isinstance(item, Card):
            parsed.cards.append(item)
        else:
            parsed.bad.append(item)
    return kind, parsed


# --- writing: the interactions export and the card addresses ------------------------------

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP, "CSV Injection"); tab and CR too, which some of them skip before the formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """The cell as text that a spreadsheet shows as text: a leading `'` before a formula
    character (OWASP's advice; the spreadsheet hides the quote)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def render_rows(rows: Iterable[Sequence[str]]) -> bytes:
    """The CSV the journal writes: UTF-8 with a byte order mark (Excel, in Japan too, then
    reads names in any script), CRLF line ends, every cell made safe by `safe_cell`."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


COLUMNS = (
    "date", "name", "kind", "direction", "channel", "note",
    "intent", "occasion", "contact_id", "id",
)


def render_interactions(contacts: Iterable[Contact], interactions: Iterable[Interaction]) -> bytes:
    """Every interaction, oldest first, one row each with the person's name."""
    names = {c.id: c.name for c in contacts}
    rows = (
        [
            i.date.isoformat(), names.get(i.contact_id, ""), i.kind.value, i.direction.value,
            i.channel, i.note, i.intent.value if i.intent else "",
            i.occasion.value if i.occasion else "", i.contact_id, i.id,
        ]
        for i in sorted(interactions, key=lambda i: i.order_key)
    )
    return render_rows([COLUMNS, *rows])


ADDRESS_COLUMNS = ("name", "reading", "address")


def render_addresses(contacts: Iterable[Contact]) -> bytes:
    """Name, reading and preferred postal address of each person, for printing labels."""
    return render_rows([ADDRESS_COLUMNS, *([c.name, c.reading, c.address] for c in contacts)])
