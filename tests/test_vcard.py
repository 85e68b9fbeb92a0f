"""The vCard reader and writer (`journal.vcard`) and the contacts CSV reader (`journal.csvio`),
on files written the way real programs write them (tests/fixtures), without a journal."""

from __future__ import annotations

import base64
import time
from datetime import datetime
from pathlib import Path

import pytest

from journal import csvio, vcard
from journal.model import Birthday, Contact
from journal.records import Records
from journal.vcard import BadCard, Card

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> vcard.Parsed:
    return vcard.parse((FIXTURES / name).read_bytes())


def one(data: bytes | str) -> Card:
    if isinstance(data, str):
        data = data.encode("utf-8")
    parsed = vcard.parse(data)
    assert not parsed.bad, parsed.bad
    assert len(parsed.cards) == 1, parsed.cards
    return parsed.cards[0]


def card(*lines: str, version: str = "3.0") -> bytes:
    lines = ("BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD")
    return "".join(line + "\r\n" for line in lines).encode()


def by_name(parsed: vcard.Parsed) -> dict[str, Card]:
    return {c.name: c for c in parsed.cards}


# --- the fixtures, program by program -------------------------------------------------------


def test_google_many_cards_yearless_birthdays_groups_and_phonetic_names() -> None:
    parsed = read("google_contacts.vcf")
    assert not parsed.bad
    cards = by_name(parsed)
    assert list(cards) == ["Jane Doe", "山田 太郎", "Priya Natarajan"]
    jane = cards["Jane Doe"]
    assert jane.birthday == Birthday(4, 15)  # BDAY:--04-15 inside a 3.0 card
    assert jane.tags == ("Friends",)  # myContacts and starred are Google's, not tags
    assert jane.email == "jane.doe@example.com"
    assert jane.phone == "+1 555-0100"
    assert jane.address == "12 Elm Street\nSpringfield, IL 62701\nUS"
    assert jane.notes == (
        "Met at Sam's wedding in 2019. Loves handwritten letters and old stamps, "
        "especially from Japan."
    )  # folded at 75 octets
    taro = cards["山田 太郎"]
    assert taro.reading == "やまだ たろう"  # X-PHONETIC-LAST-NAME then FIRST for a CJK name
    assert taro.birthday == Birthday(3, 22, 1980)
    assert taro.tags == ("Family",)
    assert cards["Priya Natarajan"].birthday == Birthday(2, 29)  # --0229
    assert cards["Priya Natarajan"].tags == ()


def test_apple_macos_omitted_year_item_groups_photo_and_group_card() -> None:
    parsed = read("apple_macos.vcf")
    [johnny] = parsed.cards
    assert johnny.name == "Johnny Appleseed"
    assert johnny.birthday == Birthday(4, 15)  # BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15
    assert johnny.email == "johnny@example.com"  # item1.EMAIL;type=pref
    assert johnny.phone == "+1 (555) 010-0123"  # the pref one, not the first
    assert johnny.address == "1 Orchard Lane\nUnit 4\nCupertino, CA 95014\nUnited States"
    assert johnny.notes == "Planted the trees on the north side."  # not the anniversary
    assert johnny.uid == "8E4B5C2A-1F3D-4E6A-9B7C-0D1E2F3A4B5C"
    [group] = parsed.bad
    assert group == BadCard("card 2 (line 35)", "a contact group, not a person", "Book Club")


def test_apple_ios_value_date_birthday_and_japanese_reading_and_address() -> None:
    hanako = one((FIXTURES / "apple_ios.vcf").read_bytes())
    assert hanako.name == "佐藤 花子"
    assert hanako.reading == "さとう はなこ"
    assert hanako.birthday == Birthday(3, 22, 1980)  # BDAY;VALUE=date:1980-03-22
    assert hanako.phone == "080-9876-5432"
    assert hanako.email == "hanako@example.jp"
    assert hanako.address == "〒150-0001\n東京都渋谷区神宮前1-2-3\n日本"
    assert hanako.notes == "大学の友達\n年賀状を毎年送る"


def test_outlook_2_1_windows_1252_quoted_printable_and_unescaped_comma_in_fn() -> None:
    cards = by_name(read("outlook.vcf"))
    assert list(cards) == ["Jürgen Müller", "Mr. John Richter, James Doe Sr."]
    juergen = cards["Jürgen Müller"]
    # NOTE has no CHARSET and bytes that are not UTF-8: cp1252; and a soft line break
    assert juergen.notes == "Café owner, met in Köln.\nSends a Christmas card every year."
    assert juergen.birthday == Birthday(3, 22, 1980)  # BDAY:19800322
    assert juergen.email == "juergen@example.de"  # EMAIL;PREF;INTERNET
    assert juergen.address == "Hauptstraße 5\nKöln, 50667\nDeutschland"
    assert juergen.phone == "+49 221 555 0101"
    richter = cards["Mr. John Richter, James Doe Sr."]
    assert richter.birthday == Birthday(11, 8, 1955)


def test_android_2_1_utf8_quoted_printable_soft_breaks_and_two_space_photo_folds() -> None:
    cards = by_name(read("android.vcf"))
    ichiro = cards["鈴木 一郎"]
    assert ichiro.reading == "すずき いちろう"
    assert ichiro.notes == "高校の先輩。毎年お正月に会う。\n手紙が好き。"
    assert ichiro.birthday == Birthday(11, 3, 1975)
    assert ichiro.phone == "070-1111-2222"
    assert ichiro.email == "ichiro@example.jp"
    assert cards["Chidi Okafor"].phone == "+234 803 555 0147"  # the card after the photo


def test_thunderbird_4_0_birthdays_preferred_email_and_text_birthday() -> None:
    cards = by_name(read("thunderbird.vcf"))
    anna = cards["Anna Schmidt"]
    assert anna.birthday == Birthday(3, 22, 1980)  # BDAY;VALUE=DATE:19800322
    assert anna.email == "anna.schmidt@example.org"  # EMAIL;PREF=1
    assert anna.phone == "+49 151 5550 1234"
    assert anna.tags == ("Chor", "Nachbarn")
    assert anna.uid == "0b5b7a6e-6c8e-4f4b-9a52-7d3f7f0c1a10"
    assert cards["Ben Carter"].birthday == Birthday(4, 15)  # --0415
    ada = cards["Ada Lovelace"]
    assert ada.birthday is None  # circa 1800 is not guessed at...
    assert ada.notes == "Great-great-grandmother's pen friend.\nBirthday: circa 1800"  # ...kept


def test_evolution_escaped_commas_in_categories_are_several_tags() -> None:
    marco = one((FIXTURES / "evolution.vcf").read_bytes())
    assert marco.tags == ("Friends", "Book Club", "Work")
    assert marco.notes == 'Owes me a copy of "The Name of the Rose"; lend him Eco next.'
    assert marco.address == "Via Roma 10\nBologna, BO 40121\nItalia"
    assert marco.uid == "pas-id-5F0B5C8200000001"
    assert marco.birthday == Birthday(7, 9, 1981)


def test_utf16_without_bom() -> None:
    zoe = one((FIXTURES / "utf16le_nobom.vcf").read_bytes())
    assert (zoe.name, zoe.email, zoe.birthday) == ("Zoë Martín", "zoe@example.es",
                                                   Birthday(12, 1, 1990))


def test_utf8_bom_mixed_line_endings_and_folds_of_one_and_two_spaces() -> None:
    lea = one((FIXTURES / "bom_mixed_endings.vcf").read_bytes())
    assert lea.name == "Léa Dubois"
    assert lea.notes == (
        "Folded with one space: this note goes on past seventy-five octets so it is "
        "folded, and the writer kept the space it folded at."
    )
    assert lea.address == "5 rue des Lilas\nLyon, 69003\nFrance"
    assert lea.email == "lea.dubois@example.fr"
    assert lea.birthday == Birthday(5, 17, 1985)  # a fold inside the date


def test_n_is_used_when_fn_is_missing() -> None:
    john = one((FIXTURES / "nokia_n_only.vcf").read_bytes())
    assert john.name == "Mr. John Richter Sr."
    assert john.birthday == Birthday(3, 22, 1980)


def test_shift_jis_feature_phone_reading_from_sound() -> None:
    misaki = one((FIXTURES / "docomo_sjis.vcf").read_bytes())
    assert misaki.name == "高橋 美咲"
    assert misaki.reading == "タカハシ ミサキ"  # half-width kana made full width


def test_one_broken_card_does_not_cost_the_rest_of_the_file() -> None:
    parsed = read("broken.vcf")
    cards = by_name(parsed)
    assert list(cards) == ["Before Broken", "Broken Photo", "After Broken"]
    # broken base64, not indented: the photo is passed over, the card still read
    assert cards["Broken Photo"].email == "photo@example.com"
    assert cards["Broken Photo"].birthday == Birthday(1, 2, 1970)
    assert cards["After Broken"].notes == "Birthday: 1999-02-30"  # not a date: kept as text
    assert parsed.bad == [
        BadCard("card 3 (line 16)", "no name (no FN, N, ORG or NICKNAME)", "nobody@example.com"),
        BadCard("card 5 (line 26)", "the file ends before END:VCARD", "Cut Short"),
    ]


# --- traps one at a time ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1980-03-22", Birthday(3, 22, 1980)),
        ("BDAY:19800322", Birthday(3, 22, 1980)),
        ("BDAY;VALUE=date:1980-03-22", Birthday(3, 22, 1980)),
        ("BDAY;VALUE=DATE:19800322", Birthday(3, 22, 1980)),
        ("BDAY:1980-03-22T00:00:00Z", Birthday(3, 22, 1980)),
        ("BDAY:--0415", Birthday(4, 15)),
        ("BDAY:--04-15", Birthday(4, 15)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15", Birthday(4, 15)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604;VALUE=date:1604-02-29", Birthday(2, 29)),
        ("BDAY:1604-04-15", Birthday(4, 15)),  # CardBook: 1604 without the marker, no year
    ],
)
def test_birthday_forms(line: str, expected: Birthday) -> None:
    assert one(card("FN:X", line)).birthday == expected


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("BDAY;VALUE=text:circa 1800", "Birthday: circa 1800"),
        ("BDAY:circa 1800", "Birthday: circa 1800"),
        ("BDAY:1980", "Birthday: 1980"),
        ("BDAY:1981-02-29", "Birthday: 1981-02-29"),
    ],
)
def test_text_birthdays_are_kept_in_notes_not_guessed(line: str, note: str) -> None:
    read_card = one(card("FN:X", "NOTE:hello", line))
    assert read_card.birthday is None
    assert read_card.notes == f"hello\n{note}"


def test_unescaped_comma_in_fn_is_one_name_and_escapes_are_undone() -> None:
    assert one(card("FN:Mr. John Richter, James Doe Sr.")).name == "Mr. John Richter, James Doe Sr."
    assert one(card("FN:Doe\\, Jane\\; PhD")).name == "Doe, Jane; PhD"


def test_name_falls_back_to_n_org_then_nickname() -> None:
    assert one(card("N:Doe;Jane;Q.;Dr.;Jr.")).name == "Dr. Jane Q. Doe Jr."
    assert one(card("N:山田;太郎;;;")).name == "山田 太郎"
    assert one(card("N:;;;;", "ORG:Acme Inc.;Sales")).name == "Acme Inc. Sales"
    assert one(card("NICKNAME:Bee")).name == "Bee"


def test_reading_from_sort_string_or_phonetic_parts() -> None:
    assert one(card("FN:Jane Doe", "SORT-STRING:doe jane")).reading == "doe jane"
    both = card("FN:Jane Doe", "X-PHONETIC-FIRST-NAME:jein", "X-PHONETIC-LAST-NAME:dou")
    assert one(both).reading == "jein dou"  # given name first for a Western name
    whole = card("FN:山田 太郎", "X-PHONETIC-LAST-NAME:やまだ たろう", "SORT-STRING:other")
    assert one(whole).reading == "やまだ たろう"  # X-PHONETIC wins over SORT-STRING


def test_categories_are_several_tags_an_escaped_separator_stays_in_its_tag() -> None:
    got = one(card("CATEGORIES:a\\,b,c", "CATEGORIES:C,starred,* myContacts,d;e\\;f", "FN:X"))
    assert got.tags == ("a,b", "c", "d", "e;f")


def test_quoted_printable_without_charset_falls_back_to_cp1252() -> None:
    data = card("FN;ENCODING=QUOTED-PRINTABLE:Ren=E9e Fran=E7ois", version="2.1")
    assert one(data).name == "Renée François"


def test_quoted_printable_without_charset_in_utf8() -> None:
    data = card("FN;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e =E5=B1=B1=E7=94=B0", version="2.1")
    assert one(data).name == "Renée 山田"


def test_quoted_printable_soft_break_across_an_indented_line() -> None:
    data = card("NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:caf=C3=", " =A9 ok", "FN:X")
    assert one(data).notes == "café ok"


def test_a_dangling_soft_break_does_not_swallow_end_vcard() -> None:
    data = card("FN:X", "NOTE;ENCODING=QUOTED-PRINTABLE:last=", version="2.1") + card("FN:Y")
    assert [c.name for c in vcard.parse(data).cards] == ["X", "Y"]


def test_raw_8bit_cp1252_line_and_utf8_line_in_one_file() -> None:
    data = card("FN:X", "NOTE:caf") + card("FN:Y") + card("FN:Zoë")
    data = data.replace(b"NOTE:caf", "NOTE:café".encode("cp1252"))
    cards = vcard.parse(data).cards
    assert [c.notes for c in cards] == ["café", "", ""]
    assert cards[2].name == "Zoë"


def test_a_fold_inside_a_utf8_sequence_is_restored() -> None:
    raw = "FN:山田".encode()
    data = b"BEGIN:VCARD\r\nVERSION:4.0\r\n" + raw[:5] + b"\r\n " + raw[5:] + b"\r\nEND:VCARD\r\n"
    assert one(data).name == "山田"


def test_vcard_4_value_uri_telephone_and_label_parameter() -> None:
    got = one(card(
        "FN:X",
        "TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-0100",
        'ADR;LABEL="1 Main St\\nAnytown";TYPE=home:;;;;;;',
        "EMAIL:mailto:x@example.com",
        version="4.0",
    ))
    assert (got.phone, got.address, got.email) == ("+1-555-555-0100", "1 Main St\nAnytown",
                                                   "x@example.com")


def test_lowercase_begin_end_and_lines_outside_cards_are_ignored() -> None:
    data = b"garbage\r\nbegin:vcard\r\nversion:3.0\r\nfn:Low Case\r\nend:vcard\r\nmore\r\n"
    assert one(data).name == "Low Case"


def test_a_card_interrupted_by_the_next_begin_is_reported() -> None:
    data = b"BEGIN:VCARD\r\nFN:First\r\n" + card("FN:Second")
    parsed = vcard.parse(data)
    assert [c.name for c in parsed.cards] == ["Second"]
    assert parsed.bad == [
        BadCard("card 1 (line 1)", "no END:VCARD before the next card at line 3", "First")
    ]


def test_a_big_photo_is_skipped_quickly() -> None:
    blob = base64.b64encode(bytes(range(256)) * 12_000).decode()  # about 4 MB of base64
    folded = "\r\n ".join(blob[i : i + 74] for i in range(0, len(blob), 74))
    data = card("FN:Big Photo", "PHOTO;ENCODING=b;TYPE=JPEG:" + folded, "EMAIL:big@example.com")
    start = time.perf_counter()
    got = one(data)
    assert time.perf_counter() - start < 5
    assert got.email == "big@example.com"


def test_an_empty_file_or_one_without_cards_has_nothing() -> None:
    assert vcard.parse(b"") == vcard.Parsed()
    assert vcard.parse(b"hello\r\nworld\r\n") == vcard.Parsed()


# --- contacts CSV ---------------------------------------------------------------------------


def test_google_csv_older_header_utf16() -> None:
    kind, parsed = csvio.parse_contacts((FIXTURES / "google_old.csv").read_bytes())
    assert kind == csvio.GOOGLE_OLD
    cards = by_name(parsed)
    jane = cards["Jane Doe"]
    assert jane.tags == ("Friends",)  # `* myContacts ::: * starred ::: Friends`
    assert jane.email == "jane.doe@example.com"  # the one marked `* Home`
    assert jane.phone == "+1 555-0100"  # the first of `a ::: b`
    assert jane.address == "12 Elm Street\nSpringfield, IL 62701\nUS"
    assert jane.birthday == Birthday(3, 22, 1980)
    taro = cards["山田 太郎"]
    assert (taro.reading, taro.birthday) == ("やまだ たろう", Birthday(4, 15))
    assert cards["Grace Hopper"].birthday == Birthday(12, 9)  # ` --12-09`: no Name column value
    assert parsed.bad == [BadCard("row 4 (line 7)", "no name", "noname@example.com")]


def test_google_csv_newer_header() -> None:
    kind, parsed = csvio.parse_contacts((FIXTURES / "google_new.csv").read_bytes())
    assert kind == csvio.GOOGLE
    cards = by_name(parsed)
    jane = cards["Jane Doe"]
    assert jane.email == "jane.doe@example.com"  # `* Home` is E-mail 2
    assert jane.notes == "Met at Sam's wedding.\nLoves letters."
    assert jane.where == "row 1 (line 2)"
    hanako = cards["佐藤 花子"]
    assert hanako.reading == "さとう はなこ"
    assert hanako.birthday == Birthday(4, 15)
    assert hanako.where == "row 2 (line 6)"  # row 1 spans four lines
    assert hanako.address == "〒150-0001\n東京都渋谷区神宮前1-2-3"
    assert cards["Corner Bookshop"].tags == ("Shops",)
    assert parsed.bad == [BadCard("row 4 (line 8)", "no name")]


def test_thunderbird_csv_in_windows_1252() -> None:
    kind, parsed = csvio.parse_contacts((FIXTURES / "thunderbird.csv").read_bytes())
    assert kind == csvio.THUNDERBIRD
    cards = by_name(parsed)
    francois = cards["François Lefèvre"]
    assert francois.birthday == Birthday(7, 14, 1979)
    assert francois.phone == "+33 6 55 55 01 02"  # mobile first
    assert francois.address == "3 place de l'Église\nRennes, 35000\nFrance"
    assert francois.notes == "Café au lait."
    assert cards["Tom Baker"].birthday == Birthday(2, 29)  # month and day, no year
    assert parsed.bad == [
        BadCard("row 3 (line 4)", "no name (only an address)", "collected@example.com")
    ]


def test_unknown_csv_header_is_refused() -> None:
    with pytest.raises(csvio.CsvError, match="not a contacts export this journal reads") as e:
        csvio.parse_contacts(b"Foo,Bar\r\n1,2\r\n")
    message = str(e.value)
    assert "Google Contacts CSV" in message and "Outlook CSV" in message
    assert "Thunderbird CSV" in message and "vCard" in message


# --- writing --------------------------------------------------------------------------------


made = Records()


def contact(**kw) -> Contact:
    kw.setdefault("id", "c1")
    kw.setdefault("created", datetime(2026, 1, 1, 9, 0))
    return made.contact(kw.pop("name"), **kw)


def test_written_card_looks_like_vcard_3() -> None:
    text = vcard.render([contact(
        name="Jane Doe", reading="jayn doh", birthday=Birthday(4, 15), tags=("Friends", "Work"),
        emails=("jane@example.com",), phones=("+1 555",), addresses=("12 Elm St\nSpringfield",),
        notes="a, b; c\\d",
    )])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    lines = text.split("\r\n")
    assert "FN:Jane Doe" in lines
    assert "N:Doe;Jane;;;" in lines
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15" in lines
    assert "CATEGORIES:Friends,Work" in lines
    # the reading split as the name is: given names first, the family name last
    assert "X-PHONETIC-FIRST-NAME:jayn" in lines and "X-PHONETIC-LAST-NAME:doh" in lines
    assert "SORT-STRING:jayn doh" in lines
    assert "ADR;TYPE=HOME:;;12 Elm St\\nSpringfield;;;;" in lines
    assert "NOTE:a\\, b\\; c\\\\d" in lines
    assert f"UID:{vcard.export_uid(contact(name='x'))}" in lines
    assert text.endswith("END:VCARD\r\n")


def test_export_uid_is_the_card_uid_or_stable_from_the_id() -> None:
    assert vcard.export_uid(contact(name="x", uid="abc")) == "abc"
    made = vcard.export_uid(contact(name="x", id="0123abcd"))
    assert made.startswith("urn:uuid:")
    assert made == vcard.export_uid(contact(name="y", id="0123abcd"))
    assert made != vcard.export_uid(contact(name="x", id="0123abce"))


def test_long_lines_fold_at_75_octets_never_inside_a_character() -> None:
    name = "山田太郎" * 30
    text = vcard.render([contact(name=name)])
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert one(text).name == name


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Jane Doe"},
        {"name": "Mr. John Richter, James Doe Sr.", "tags": ("a", "b c")},
        {"name": "山田 太郎", "reading": "やまだ たろう", "birthday": Birthday(3, 22, 1980)},
        {"name": "Leap", "birthday": Birthday(2, 29), "emails": ("l@example.com",)},
        {"name": "Back\\slash; semi", "notes": "line 1\nline 2, with; all \\ of it",
         "addresses": ("〒150-0001\n東京都渋谷区神宮前1-2-3",), "phones": ("+81 3-5555-0000",)},
        {"name": "Jo Many", "emails": ("jo@home.example", "jo@work.example"),
         "phones": ("+44 20 7946 0000", "07700 900000"), "nickname": "Jojo",
         "org": "Acme, Ltd.", "addresses": ("1 High St\nLondon", "2 Low Rd, Leeds")},
    ],
)
def test_written_cards_read_back_the_same(fields: dict) -> None:
    written = contact(**fields)
    got = one(vcard.render([written]))
    assert got.name == written.name
    assert got.reading == written.reading
    assert got.tags == written.tags
    assert got.birthday == written.birthday
    assert (got.emails, got.phones, got.addresses) == (
        written.emails, written.phones, written.addresses)
    assert (got.nickname, got.org) == (written.nickname, written.org)
    assert got.notes == written.notes
    assert got.uid == vcard.export_uid(written)


# --- real programs: encodings, separators, readings, birthdays (issue 12, section 5) -------


def test_outlook_on_japanese_windows_shift_jis_vcard_without_charset() -> None:
    parsed = vcard.parse((FIXTURES / "outlook_jp_sjis.vcf").read_bytes())
    [aiko] = parsed.cards
    assert aiko.name == "田中 愛子"
    assert aiko.reading == "タナカ アイコ"  # SOUND;X-IRMC-N in half-width kana
    assert aiko.org == "株式会社さくら, 営業部"
    assert aiko.emails == ("aiko.tanaka@example.jp", "aiko@sakura.example.co.jp")
    assert aiko.phones == ("090-1234-5678", "03-5555-0100")
    assert aiko.address == "〒150-0001\n東京都渋谷区神宮前1-2-3\n日本"
    assert aiko.birthday == Birthday(4, 15, 1990)
    assert parsed.guessed == {"cp932"}  # said in the report: nothing declared it
    note = vcard.encoding_note(parsed.guessed)
    assert note is not None and "Japanese Shift_JIS (CP932)" in note


def test_google_csv_saved_by_excel_in_japan_is_shift_jis_with_slashed_dates() -> None:
    kind, parsed = csvio.parse_contacts((FIXTURES / "google_excel_sjis.csv").read_bytes())
    assert kind == csvio.GOOGLE and parsed.guessed == {"cp932"}
    taro, hanako = parsed.cards
    assert (taro.name, taro.reading) == ("山田 太郎", "やまだ たろう")
    assert taro.birthday == Birthday(3, 22, 1980)  # Excel rewrote it as 1980/3/22
    assert taro.tags == ("家族",) and taro.notes == "高校の同級生"
    assert taro.emails == ("taro.yamada@example.jp", "yamada@yamadashoten.example")
    assert taro.phones == ("090-1111-2222", "03-3333-4444")
    assert (taro.nickname, taro.org) == ("たろちゃん", "山田商店")
    assert taro.address == "〒150-0001 東京都渋谷区神宮前1-2-3"
    assert (hanako.name, hanako.email) == ("佐藤 花子", "hanako.sato@example.jp")


def test_european_outlook_csv_separated_by_semicolons_with_home_country() -> None:
    kind, parsed = csvio.parse_contacts((FIXTURES / "outlook_semicolon.csv").read_bytes())
    assert kind == csvio.OUTLOOK and parsed.guessed == {"cp1252"} and not parsed.bad
    juergen, elodie = parsed.cards
    assert juergen.name == "Jürgen Müller" and juergen.tags == ("Friends", "Köln")
    assert juergen.address == "Hauptstraße 5\nKöln, 50667\nDeutschland"  # Home Country
    assert juergen.birthday == Birthday(3, 22, 1980)  # 22.03.1980: day first
    assert juergen.emails == ("juergen@example.de", "j.mueller@baeckerei.example")
    assert juergen.org == "Bäckerei Müller"
    assert elodie.name == "Élodie Durand" and elodie.birthday == Birthday(11, 5, 1991)
    assert elodie.address.endswith("\nFrance")


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_the_csv_separator_is_sniffed_from_the_header(sep: str) -> None:
    text = sep.join(["First Name", "Last Name", "E-mail Address", "Home Street"]) + "\r\n"
    text += sep.join(["Ann", "Lee", "ann@example.com", '"1 Main St, Apt 2; rear"']) + "\r\n"
    _, parsed = csvio.parse_contacts(text.encode())
    [ann] = parsed.cards
    assert (ann.name, ann.email, ann.address) == ("Ann Lee", "ann@example.com",
                                                  "1 Main St, Apt 2; rear")


def test_cardbook_1604_birthday_is_year_less_and_escaped_commas_stay_in_one_tag() -> None:
    lena = one((FIXTURES / "cardbook_1604.vcf").read_bytes())
    assert lena.birthday == Birthday(9, 12)
    assert lena.tags == ("Friends, Family", "Climbing")
    assert lena.nickname == "Leni"


def test_vcard_4_sort_as_gives_the_reading_and_pref_orders_emails_and_phones() -> None:
    parsed = vcard.parse((FIXTURES / "vcard4_sort_as.vcf").read_bytes())
    ichiro, john = parsed.cards
    assert (ichiro.name, ichiro.reading) == ("鈴木 一郎", "すずき いちろう")
    assert ichiro.emails == ("ichiro.suzuki@example.jp", "ichiro@univ.example.jp")  # PREF=1
    assert ichiro.phones == ("+81-90-5555-0100", "+81-3-5555-0200")
    assert (ichiro.nickname, ichiro.org) == ("イチ", "大学, 文学部")
    assert ichiro.birthday == Birthday(7, 22)
    assert john.name == "John Doe, Jr."


def test_an_escaped_comma_in_n_stays_a_comma_and_an_unescaped_one_separates_names() -> None:
    assert one(card("N:Doe\\, Jr.;John;;;", version="2.1")).name == "John Doe, Jr."
    assert one(card("N:Doe;John;Paul,George;;", version="2.1")).name == "John Paul George Doe"


def test_google_csv_first_name_with_a_comma_keeps_it() -> None:
    _, parsed = csvio.parse_contacts((FIXTURES / "google_comma_name.csv").read_bytes())
    assert [c.name for c in parsed.cards] == ["Smith, John"]


def test_x_phonetic_first_and_last_name_are_both_read() -> None:
    got = one(card("FN:山田 太郎", "X-PHONETIC-FIRST-NAME:たろう", "X-PHONETIC-LAST-NAME:やまだ"))
    assert got.reading == "やまだ たろう"


@pytest.mark.parametrize(
    ("name", "reading", "first", "last"),
    [
        ("山田 太郎", "やまだ たろう", "たろう", "やまだ"),
        ("Anne Marie Dupont", "an ma dupon", "an ma", "dupon"),
        ("森", "もり", "", "もり"),
    ],
)
def test_the_reading_is_written_split_into_phonetic_first_and_last_names(
    name: str, reading: str, first: str, last: str
) -> None:
    lines = vcard.render([contact(name=name, reading=reading)]).split("\r\n")
    assert (f"X-PHONETIC-FIRST-NAME:{first}" in lines) == bool(first)
    assert f"X-PHONETIC-LAST-NAME:{last}" in lines
    assert one(vcard.render([contact(name=name, reading=reading)])).reading == reading


def test_accented_latin_is_not_taken_for_shift_jis() -> None:
    data = card("FN:François Ärger", "NOTE:café crème").replace(b"\r\n", b"\n")
    data = data.decode().encode("cp1252")  # valid CP932 too: `Fran蜑ise ﾄrger`
    parsed = vcard.parse(data)
    assert parsed.cards[0].name == "François Ärger"
    assert parsed.guessed == {"cp1252"}


def test_a_utf8_file_is_not_a_guess() -> None:
    parsed = vcard.parse(card("FN:山田 太郎", "NOTE:Zoë"))
    assert parsed.guessed == set() and vcard.encoding_note(parsed.guessed) is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_csv_in_utf16_with_or_without_a_bom_reads_as_utf8(codec: str) -> None:
    text = (FIXTURES / "google_new.csv").read_bytes().decode("utf-8")
    kind, parsed = csvio.parse_contacts(text.encode(codec))
    _, utf8 = csvio.parse_contacts(text.encode())
    assert kind == csvio.GOOGLE and parsed.cards == utf8.cards and not parsed.guessed
