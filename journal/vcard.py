"""vCard: a reader for 2.1, 3.0 and 4.0 as real programs write them, and a 3.0 writer.

The reader works on bytes, one card at a time, so that one bad card never costs the rest of
the file. It unfolds lines before decoding them (a fold may split a UTF-8 sequence), joins
quoted-printable soft line breaks, decodes each value with its CHARSET (falling back to
UTF-8, then cp1252), and never decodes PHOTO or other binary data: the journal keeps no
pictures, so a huge or broken photo is simply passed over.

It returns `Card`s (the fields the journal keeps, also produced by `journal.csvio`) and
`BadCard`s (which card, and why it was skipped).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from journal.model import Birthday, Contact, PreferredDetails, several
from journal.text import tidy_line, tidy_lines

# --- what the reader hands back ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card(PreferredDetails):
    """One person read from a vCard or a contacts CSV row: the fields the journal keeps."""

    where: str  # "card 3 (line 27)", "row 4 (line 5)": how the report points at it
    name: str
    reading: str = ""
    tags: tuple[str, ...] = ()
    birthday: Birthday | None = None
    emails: tuple[str, ...] = ()  # the preferred first
    phones: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    nickname: str = ""
    org: str = ""
    notes: str = ""
    uid: str = ""


@dataclass(frozen=True, slots=True)
class BadCard:
    """A card or row that could not be read, and why."""

    where: str
    reason: str
    name: str = ""


@dataclass(slots=True)
class Parsed:
    cards: list[Card] = field(default_factory=list)
    bad: list[BadCard] = field(default_factory=list)
    guessed: set[str] = field(default_factory=set)  # encodings assumed, not declared


# --- bytes to text --------------------------------------------------------------------------

_CHARSET_ALIASES = {
    # Text labelled Latin-1 is, in practice, almost always Windows-1252 (as in browsers).
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    # Japanese phones write Shift_JIS; cp932 is the superset they really use.
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
}


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    name = _CHARSET_ALIASES.get(charset.strip().lower(), charset.strip())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# What a guessed encoding is called in a report.
ENCODING_NAMES = {
    "cp932": "Japanese Shift_JIS (CP932)",
    "cp1252": "Western European Windows-1252",
    "latin-1": "Latin-1",
}


def _is_japanese(ch: str) -> bool:
    """Kana, kanji, Japanese punctuation and full-width forms (not half-width katakana, which
    is also what Windows-1252 accents look like when read as CP932)."""
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF  # punctuation, hiragana, katakana
        or 0x3400 <= code <= 0x9FFF  # kanji
        or 0xFF01 <= code <= 0xFF60  # full-width ASCII
    )


def _is_halfwidth_kana(ch: str) -> bool:
    return 0xFF61 <= ord(ch) <= 0xFF9F


def _reads_as_japanese(text: str) -> bool:
    """Whether text decoded as CP932 is Japanese rather than other bytes read wrongly: its
    other characters are mostly Japanese, not glued inside Latin words (Windows-1252
    `François` read as CP932 is `Fran蜑ise`) nor kanji interleaved with half-width katakana
    (UTF-8 `山田` read as CP932 is `螻ｱ逕ｰ`)."""
    others = [ch for ch in text if not ch.isascii()]
    japanese = sum(map(_is_japanese, others))
    halfwidth = sum(map(_is_halfwidth_kana, others))
    if not japanese or japanese + halfwidth < 0.9 * len(others):
        return False
    runs = odd = 0
    for m in re.finditer(r"[^\x00-\x7f]+", text):
        runs += 1
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        glued = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
        run = m.group()
        mixed = any(map(_is_halfwidth_kana, run)) and any(map(_is_japanese, run))
        odd += glued or mixed
    return odd <= 0.1 * runs


def guess_encoding(raw: bytes) -> tuple[str, bool]:
    """(codec, guessed) for bytes that declare no character set: UTF-8 when they are valid
    UTF-8 (or plain ASCII), not a guess; else CP932 when they are valid CP932 and read as
    Japanese; else Windows-1252; else Latin-1 (which reads any bytes). The last three are
    guesses, which an import reports."""
    try:
        raw.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        if _reads_as_japanese(raw.decode("cp932")):
            return "cp932", True
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252", True
    except UnicodeDecodeError:
        return "latin-1", True  # cp1252 leaves five bytes undefined


def decode_bytes(raw: bytes, charset: str | None = None,
                 guessed: set[str] | None = None) -> str:
    """Decode with the declared charset, else as `guess_encoding` says (never fails); a
    guessed encoding used on bytes that are not ASCII is added to `guessed`."""
    declared = _codec(charset)
    if declared is not None:
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass  # mislabelled: read it as if it said nothing
    codec, is_guess = guess_encoding(raw)
    if is_guess and guessed is not None:
        guessed.add(codec)
    return raw.decode(codec)


def encoding_note(guessed: set[str]) -> str | None:
    """A line for the import report when the text was decoded by a guess, else None."""
    if not guessed:
        return None
    names = " and ".join(sorted(ENCODING_NAMES.get(g, g) for g in guessed))
    return (
        f"the file does not say which character set it is in: its text was read as {names}, "
        "the one its bytes fit; if names look wrong, export the file again as UTF-8"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """'le' or 'be' when the bytes look like BOM-less UTF-16 (ASCII-heavy text), else None."""
    sample = data[:400]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_nuls = sum(1 for b in sample[0::2] if b == 0)
    odd_nuls = sum(1 for b in sample[1::2] if b == 0)
    if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
        return "le"
    if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
        return "be"
    return None


def normalize_bytes(data: bytes) -> bytes:
    """Strip a BOM and turn any UTF-16 (with or without BOM) into UTF-8 bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    order = _utf16_without_bom(data)
    if order is not None:
        return data.decode(f"utf-16-{order}", errors="replace").encode("utf-8")
    return data


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_text(data: bytes, guessed: set[str] | None = None) -> str:
    """A whole text file: BOMs and BOM-less UTF-16 understood. Lines that are valid UTF-8 are
    read as UTF-8; the others in the encoding `guess_encoding` finds for all of them together
    (a guess, added to `guessed`), so one stray byte does not garble the rest of the file."""
    data = normalize_bytes(data)
    if _is_utf8(data):
        return data.decode("utf-8")
    lines = data.splitlines(keepends=True)
    other = FileText.of([line for line in lines if not _is_utf8(line)], guessed)
    return "".join(other.decode(line) for line in lines)


# --- lines ----------------------------------------------------------------------------------

_BREAK = re.compile(rb"\r\n|\r|\n")
_HEADER = re.compile(rb'(?:[^:"\r\n]|"[^"]*")*')


@dataclass(slots=True)
class FileText:
    """How a file's text that declares no charset is read: UTF-8 where it is valid UTF-8,
    else `codec`, which `guess_encoding` found for the file's other bytes; `guessed`
    collects the guessed encodings that were used."""

    codec: str
    is_guess: bool
    guessed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, not_utf8: list[bytes], guessed: set[str] | None = None) -> FileText:
        """For a file whose parts in `not_utf8` are not valid UTF-8 (unfolded lines)."""
        codec, is_guess = guess_encoding(b"\n".join(not_utf8))
        return cls(codec, is_guess, guessed if guessed is not None else set())

    def decode(self, raw: bytes) -> str:
        if _is_utf8(raw):
            return raw.decode("utf-8")
        try:
            text = raw.decode(self.codec)
        except UnicodeDecodeError:
            return decode_bytes(raw, guessed=self.guessed)  # a guess for these bytes alone
        if self.is_guess:
            self.guessed.add(self.codec)
        return text


@dataclass(slots=True)
class _Prop:
    line: int
    group: str
    name: str  # upper case, group removed
    params: dict[str, list[str]]
    raw: bytes  # the value, still encoded
    file: FileText | None = None  # how the file's text is read where no CHARSET says

    def decode(self, raw: bytes) -> str:
        """Bytes of this property's value as text: its CHARSET, else as the file's text
        (quoted-printable values included, whose bytes may differ from the file's)."""
        declared = _codec(self.param("CHARSET"))
        if declared is not None:
            try:
                return raw.decode(declared)
            except UnicodeDecodeError:
                pass  # mislabelled: read it as if it said nothing
        if self.file is None:
            return decode_bytes(raw)
        return self.file.decode(raw)

    def param(self, key: str) -> str:
        values = self.params.get(key)
        return values[0] if values else ""

    @property
    def types(self) -> set[str]:
        return {t.upper() for t in self.params.get("TYPE", ())}

    @property
    def encoding(self) -> str:
        return self.param("ENCODING").upper()


Prop = _Prop  # one content line of a card, as `parse_line` reads it


def _is_qp_header(first_line: bytes) -> bool:
    return b"QUOTED-PRINTABLE" in first_line.split(b":", 1)[0].upper()


def _is_end(line: bytes) -> bool:
    return line.strip().upper() == b"END:VCARD"


def logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(first line number, unfolded line) for each content line; blank lines dropped.

    A line starting with a space or tab continues the previous one (one whitespace character
    is removed, so writers that indent with two spaces keep one, which base64 ignores). A
    quoted-printable value ending in `=` continues on the next line, indented (one whitespace
    character removed, as for a fold) or not.
    """
    parts: list[bytes] = []
    start, qp = 0, False
    for number, line in enumerate(_BREAK.split(data), 1):
        if parts and qp and parts[-1].endswith(b"=") and not _is_end(line):
            parts[-1] = parts[-1][:-1]
            parts.append(line[1:] if line[:1] in (b" ", b"\t") else line)
            continue
        if parts and line[:1] in (b" ", b"\t"):
            parts.append(line[1:])
            continue
        if parts:
            yield start, b"".join(parts)
        parts = [line] if line.strip() else []
        start, qp = number, _is_qp_header(line)
    if parts:
        yield start, b"".join(parts)


def _split_params(header: str) -> list[str]:
    return re.findall(r'(?:[^;"]|"[^"]*")+', header)


_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


def _parse_params(pieces: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for piece in pieces:
        key, sep, value = piece.partition("=")
        if not sep:  # vCard 2.1 bare values: TEL;HOME;VOICE, PHOTO;JPEG;BASE64
            key, value = ("ENCODING" if key.upper() in _BARE_ENCODINGS else "TYPE"), key
        key = key.strip().upper()
        value = value.strip()
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            values = [value[1:-1]]
        else:
            values = value.split(",") if key == "TYPE" else [value]
        params.setdefault(key, []).extend(values)
    return params


def parse_line(number: int, line: bytes, file: FileText | None = None) -> _Prop | None:
    """One unfolded content line; None when it is not `name[;params]:value` (stray data)."""
    header = _HEADER.match(line)
    end = header.end() if header else 0
    if end >= len(line) or line[end : end + 1] != b":" or end == 0:
        return None
    pieces = _split_params(decode_bytes(line[:end]))
    if not pieces:
        return None
    group, _, name = pieces[0].strip().rpartition(".")
    if not re.fullmatch(r"[A-Za-z0-9-]+", name):
        return None
    return _Prop(number, group, name.upper(), _parse_params(pieces[1:]), line[end + 1 :], file)


# --- values ---------------------------------------------------------------------------------

_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}


def unescape(text: str) -> str:
    r"""`\n` `\N` are newlines; `\,` `\;` `\:` `\\` are the character itself."""
    return _UNESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped by a backslash; escapes are kept."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def value_text(prop: _Prop) -> str:
    """The value as text, transfer encoding and charset undone, escapes kept."""
    raw = prop.raw
    if prop.encoding == "QUOTED-PRINTABLE":
        raw = binascii.a2b_qp(raw)
    elif prop.encoding in ("B", "BASE64"):
        try:
            raw = base64.b64decode(re.sub(rb"\s+", b"", raw), validate=False)
        except (binascii.Error, ValueError):
            return ""
    return _newlines(prop.decode(raw))


def text_of(prop: _Prop) -> str:
    return unescape(value_text(prop))


def components(prop: _Prop) -> list[str]:
    """A structured value (N, ADR, SOUND) split on unescaped semicolons, each unescaped."""
    return [unescape(part) for part in split_unescaped(value_text(prop), ";")]


def name_components(prop: _Prop) -> list[str]:
    """N's components, each a list split on its unescaped commas (`Anne,Marie` as middle
    names) joined by spaces; an escaped comma (`Doe\\, Jr.`) stays a comma."""
    return [
        " ".join(v.strip() for v in (unescape(x) for x in split_unescaped(part, ",")) if v.strip())
        for part in split_unescaped(value_text(prop), ";")
    ]


# --- names ----------------------------------------------------------------------------------


def is_cjk(text: str) -> bool:
    """True when the text holds Chinese, Japanese or Korean script (family name first)."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
            return True
    return False


def _join(parts: Iterable[str]) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def name_from_parts(family: str, given: str, middle: str = "", prefix: str = "",
                    suffix: str = "") -> str:
    """A display name: `prefix given middle family suffix`, or `family given` for CJK names.
    A comma inside a part stays (`Smith, John` from a CSV cell)."""
    if is_cjk(family + given):
        return _join([family, given, middle])
    return _join([prefix, given, middle, family, suffix])


def reading_from_parts(family: str, given: str, middle: str, name: str) -> str:
    if is_cjk(name):
        return _join([family, given, middle])
    return _join([given, middle, family])


# --- birthdays ------------------------------------------------------------------------------

NO_YEAR = 1604  # the year Apple writes for a birthday without one
_FULL_DATE = re.compile(
    r"^(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:T[\d:]*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_YEARLESS = re.compile(r"^--(\d{2})-?(\d{2})(?:T[\d:]*Z?)?$")


def parse_birthday(text: str, omit_year: str = "") -> Birthday | str | None:
    """A birthday, or the text to keep in the notes when it is not a date; None if empty.

    `1980-03-22`, `19800322`, `1980-03-22T00:00:00Z`, `1980/3/22` (a CSV saved by Excel
    in Japan), `--0415`, `--04-15`; with Apple's
    `X-APPLE-OMIT-YEAR=1604`, a date in that year has no year. Year 1604 alone means no year
    too: Apple and CardBook write it so (a leap year, so 29 February fits), and no one in a
    contact journal was born then.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if m := _FULL_DATE.match(text):
            year, month, day = (int(g) for g in m.groups())
            if year == NO_YEAR or omit_year.strip() == m.group(1):
                return Birthday(month, day)
            return Birthday(month, day, year)
        if m := _YEARLESS.match(text):
            return Birthday(int(m.group(1)), int(m.group(2)))
    except ValueError:
        pass
    return text


def birthday_note(text: str) -> str:
    return f"Birthday: {text}"


# --- tags -----------------------------------------------------------------------------------

SYSTEM_GROUPS = {"mycontacts", "starred"}


def clean_tags(raw: Iterable[str]) -> tuple[str, ...]:
    """Tags in order, without Google's `* ` mark, system groups, blanks and duplicates."""
    seen: set[str] = set()
    tags: list[str] = []
    for tag in raw:
        tag = tag.strip().removeprefix("* ").strip()
        key = tag.casefold()
        if not tag or key in SYSTEM_GROUPS or key in seen:
            continue
        seen.add(key)
        tags.append(tag)
    return tuple(tags)


def split_categories(text: str, escaped_separate: bool = False) -> list[str]:
    """CATEGORIES: commas (and semicolons) separate tags; an escaped one (`Friends\\, Family`)
    is part of a tag, unless the writer escapes every separator (`escaped_separate`)."""
    if escaped_separate:
        return re.split(r"[,;]", unescape(text))
    return [unescape(t) for part in split_unescaped(text, ";") for t in split_unescaped(part, ",")]


# --- addresses ------------------------------------------------------------------------------


def format_address(parts: list[str]) -> str:
    """ADR components (PO box; extended; street; city; region; postcode; country) as text."""
    box, ext, street, city, region, code, country = ([p.strip() for p in parts] + [""] * 7)[:7]
    if not any((box, ext, city, region, code, country)):
        return street
    if is_cjk("".join(parts)):
        lines = [f"〒{code}" if code else "", f"{region}{city}{street}", ext, box, country]
    else:
        place = ", ".join(p for p in (city, _join([region, code])) if p)
        lines = [street, ext, box, place, country]
    return "\n".join(line for line in lines if line)


# --- one card -------------------------------------------------------------------------------

_PREF = re.compile(r"^\d+$")


def _rank(prop: _Prop) -> int:
    """Lower is preferred: vCard 4.0 PREF=1, TYPE=pref / 2.1 PREF, then file order."""
    pref = prop.param("PREF")
    if _PREF.match(pref):
        return int(pref)
    return 0 if "PREF" in prop.types else 101


def _ranked(props: list[_Prop]) -> list[_Prop]:
    """The properties, the preferred first, else in file order."""
    return [p for _, _, p in sorted((_rank(p), i, p) for i, p in enumerate(props))]


def _every(props: list[_Prop], clean: Callable[[str], str] = str.strip) -> tuple[str, ...]:
    """Every value, the preferred first, blanks and repeats dropped."""
    return several(clean(text_of(p)) for p in _ranked(props))


def _first_text(props: list[_Prop]) -> str:
    for prop in props:
        text = text_of(prop).strip()
        if text:
            return text
    return ""


def strip_scheme(value: str, scheme: str) -> str:
    value = value.strip()
    if value.lower().startswith(scheme):
        value = value[len(scheme) :]
    return value.strip()


class _Card:
    """The properties of one card, by name, with the rules for reading each field."""

    def __init__(self, props: list[_Prop]) -> None:
        self.props: dict[str, list[_Prop]] = {}
        for prop in props:
            self.props.setdefault(prop.name, []).append(prop)

    def get(self, name: str) -> list[_Prop]:
        return self.props.get(name, [])

    def is_group(self) -> bool:
        kinds = self.get("KIND") + self.get("X-ADDRESSBOOKSERVER-KIND")
        return any(text_of(p).strip().lower() == "group" for p in kinds)

    def name(self) -> str:
        if fn := _first_text(self.get("FN")):
            return fn
        for prop in self.get("N"):
            family, given, middle, prefix, suffix = (name_components(prop) + [""] * 5)[:5]
            if name := name_from_parts(family, given, middle, prefix, suffix):
                return name
        for org in self.get("ORG"):
            if name := _join(components(org)):
                return name
        return _first_text(self.get("NICKNAME"))

    def reading(self, name: str) -> str:
        first = _first_text(self.get("X-PHONETIC-FIRST-NAME"))
        middle = _first_text(self.get("X-PHONETIC-MIDDLE-NAME"))
        last = _first_text(self.get("X-PHONETIC-LAST-NAME"))
        if first or middle or last:
            reading = reading_from_parts(last, first, middle, name)
            whole = _first_text(self.get("SORT-STRING"))  # the same, with its own spacing
            return whole if " ".join(whole.split()) == reading else reading
        for prop in self.get("N"):  # vCard 4.0: N;SORT-AS="たなか,あいこ":田中;愛子;;;
            if sort_as := [p.strip() for p in prop.param("SORT-AS").split(",")]:
                family, given = (sort_as + [""])[:2]
                if reading := reading_from_parts(family, given, "", name):
                    return reading
        if sort_string := _first_text(self.get("SORT-STRING")):
            return sort_string
        for sound in self.get("SOUND"):
            if "X-IRMC-N" in sound.types:  # Japanese phones: SOUND;X-IRMC-N:ヤマダ;タロウ;;;
                family, given, middle = (components(sound) + [""] * 3)[:3]
                reading = reading_from_parts(family, given, middle, name)
                return unicodedata.normalize("NFKC", reading)  # their half-width kana
        return ""

    def birthday(self) -> tuple[Birthday | None, str]:
        """The birthday, and a line for the notes when it is text rather than a date."""
        for prop in self.get("BDAY"):  # VALUE=text (`circa 1800`) is text by any reading
            found = parse_birthday(text_of(prop), prop.param("X-APPLE-OMIT-YEAR"))
            if isinstance(found, Birthday):
                return found, ""
            if found:
                return None, birthday_note(found)
        return None, ""

    def tags(self) -> tuple[str, ...]:
        # Evolution escapes every comma between its categories; others escape a comma that
        # belongs to one category's name
        evolution = any(name.startswith("X-EVOLUTION-") for name in self.props)
        raw = [tag for prop in self.get("CATEGORIES")
               for tag in split_categories(value_text(prop), escaped_separate=evolution)]
        return clean_tags(raw)

    def addresses(self) -> tuple[str, ...]:
        found = []
        for prop in _ranked(self.get("ADR")):
            if text := format_address(components(prop)):
                found.append(text)
            elif label := prop.param("LABEL"):  # vCard 4.0 keeps the printed form here
                found.append(unescape(label))
        return several(found) or _every(self.get("LABEL"))

    def org(self) -> str:
        for prop in self.get("ORG"):  # organisation; department; unit
            if org := ", ".join(p.strip() for p in components(prop) if p.strip()):
                return org
        return ""

    def notes(self) -> str:
        return "\n".join(t for p in self.get("NOTE") if (t := text_of(p)).strip())

    def uid(self) -> str:
        if uid := _first_text(self.get("UID")):
            return uid
        return _first_text(self.get("X-ABUID"))


def _where(index: int, line: int) -> str:
    return f"card {index} (line {line})"


def read_card(props: list[_Prop], where: str) -> Card | BadCard:
    card = _Card(props)
    name = card.name()
    if card.is_group():
        return BadCard(where, "a contact group, not a person", name)
    if not name:
        return BadCard(where, "no name (no FN, N, ORG or NICKNAME)", _first_text(card.get("EMAIL")))
    birthday, birthday_line = card.birthday()
    notes = "\n".join(n for n in (card.notes(), birthday_line) if n)
    return Card(
        where=where,
        name=name,
        reading=card.reading(name),
        tags=card.tags(),
        birthday=birthday,
        emails=_every(card.get("EMAIL"), lambda s: strip_scheme(s, "mailto:")),
        phones=_every(card.get("TEL"), lambda s: strip_scheme(s, "tel:")),
        addresses=card.addresses(),
        nickname=", ".join(_every(card.get("NICKNAME"))),
        org=card.org(),
        notes=notes,
        uid=card.uid(),
    )


def _is(prop: _Prop, name: str, value: str) -> bool:
    return prop.name == name and prop.raw.strip().upper() == value.encode()


def parse(data: bytes) -> Parsed:
    """Every card in a vCard file; unreadable ones are reported, never fatal."""
    result = Parsed()
    props: list[_Prop] | None = None
    index = start = 0
    lines = list(logical_lines(normalize_bytes(data)))
    file = FileText.of([line for _, line in lines if not _is_utf8(line)])
    for number, line in lines:
        prop = parse_line(number, line, file)
        if prop is None:
            continue  # stray text, e.g. an unindented line of a broken PHOTO
        if _is(prop, "BEGIN", "VCARD"):
            if props is not None:
                reason = f"no END:VCARD before the next card at line {number}"
                result.bad.append(BadCard(_where(index, start), reason, _Card(props).name()))
            index, start, props = index + 1, number, []
        elif _is(prop, "END", "VCARD") and props is not None:
            _add(result, read_card(props, _where(index, start)))
            props = None
        elif props is not None:
            props.append(prop)
    if props is not None:
        reason = "the file ends before END:VCARD"
        result.bad.append(BadCard(_where(index, start), reason, _Card(props).name()))
    result.guessed = file.guessed
    return result


def _add(result: Parsed, item: Card | BadCard) -> None:
    if isinstance(item, Card):
        result.cards.append(item)
    else:
        result.bad.append(item)


def looks_like_vcard(text: str) -> bool:
    return "BEGIN:VCARD" in text[:65536].upper()


# --- writing vCard 3.0 ----------------------------------------------------------------------

UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://contact-journal.invalid/contact")
PRODID = "-//contact-journal//journal//EN"


def export_uid(contact: Contact) -> str:
    """The contact's own vCard UID, else a stable `urn:uuid:` made from its id."""
    return contact.uid or f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact.id)}"


def escape(text: str, lines: bool = False) -> str:
    """A TEXT value, tidied first so no reader sees an extra line: a one-line field by
    `text.tidy_line` (every kind of line break a space), one of several `lines` (notes,
    addresses) by `tidy_lines` (every kind of line break, U+2028, U+2029, NEL, VT and FF
    included, one newline, written as the escape `\\n`); NUL and other controls dropped.
    Then backslash, `;` and `,` escaped."""
    text = tidy_lines(text) if lines else tidy_line(text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (RFC 6350 3.2), never inside a UTF-8 sequence."""
    if len(line.encode("utf-8")) <= limit:
        return line
    pieces, current, size = [], [], 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for N: the last word is the family name, or the first for CJK names."""
    words = name.split()
    if len(words) < 2:
        return "", name
    if is_cjk(name):
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def birthday_line(b: Birthday) -> str:
    """BDAY in 3.0, whose dates have years: a year-less birthday as Apple writes it (year
    1604, marked X-APPLE-OMIT-YEAR), which Apple, Google and this journal read as year-less."""
    if b.year is None:
        return f"BDAY;X-APPLE-OMIT-YEAR={NO_YEAR}:{NO_YEAR}-{b.month:02d}-{b.day:02d}"
    return f"BDAY:{b.iso()}"


def split_reading(reading: str, name: str) -> tuple[str, str]:
    """(family, given) parts of a reading, split as `split_name` splits the name; a reading of
    one word is all family (what phones sort by)."""
    if len(reading.split()) < 2:
        return reading.strip(), ""
    words = reading.split()
    if is_cjk(name):
        return words[0], " ".join(words[1:])
    return words[-1], " ".join(words[:-1])


def _several(head: str, value: str, values: tuple[str, ...], lines: bool = False) -> list[str]:
    """A line per value; with more than one, the first is marked as the preferred."""
    return [
        f"{head}{',pref' if n == 0 and len(values) > 1 else ''}:{value.format(escape(v, lines))}"
        for n, v in enumerate(values)
    ]


def card_lines(contact: Contact) -> list[str]:
    family, given = split_name(contact.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"PRODID:{PRODID}",
        f"UID:{escape(export_uid(contact))}",
        f"FN:{escape(contact.name)}",
        f"N:{escape(family)};{escape(given)};;;",
    ]
    if contact.reading:
        last, first = split_reading(tidy_line(contact.reading), contact.name)
        lines += [f"X-PHONETIC-FIRST-NAME:{escape(first)}"] if first else []
        lines += [
            f"X-PHONETIC-LAST-NAME:{escape(last)}",
            f"SORT-STRING:{escape(contact.reading)}",
        ]
    if contact.birthday:
        lines.append(birthday_line(contact.birthday))
    if contact.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in contact.tags))
    if contact.nickname:
        lines.append(f"NICKNAME:{escape(contact.nickname)}")
    if contact.org:
        lines.append(f"ORG:{escape(contact.org)}")
    lines += _several("EMAIL;TYPE=INTERNET", "{}", contact.emails)
    lines += _several("TEL;TYPE=VOICE", "{}", contact.phones)
    lines += _several("ADR;TYPE=HOME", ";;{};;;;", contact.addresses, lines=True)
    if contact.notes:
        lines.append(f"NOTE:{escape(contact.notes, lines=True)}")
    lines.append("END:VCARD")
    return lines


def render(contacts: Iterable[Contact]) -> str:
    """A vCard 3.0 file, CRLF line endings, lines folded at 75 octets."""
    return "".join(fold(line) + "\r\n" for c in contacts for line in card_lines(c))
