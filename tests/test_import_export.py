"""`journal import` and `journal export` (`journal.import_export`) on a real journal file."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from journal import fields, rules, vcard
from journal.import_export import ImportReport, TransferError, export, import_file
from journal.journal_file import JournalError
from journal.model import Birthday, Contact, Direction, Intent, Kind, Occasion, contact_to_doc
from journal.store import Store
from journal.text import tidy_line

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 3, 4, 5, tzinfo=UTC)  # the time of the exports, as UTC

# fixture -> (cards added, cards skipped)
EXPECTED = {
    "android.vcf": (2, 0),
    "apple_ios.vcf": (1, 0),
    "apple_macos.vcf": (1, 1),
    "bom_mixed_endings.vcf": (1, 0),
    "broken.vcf": (3, 2),
    "cardbook_1604.vcf": (1, 0),
    "docomo_sjis.vcf": (1, 0),
    "evolution.vcf": (1, 0),
    "google_comma_name.csv": (1, 0),
    "google_contacts.vcf": (3, 0),
    "google_excel_sjis.csv": (2, 0),
    "google_new.csv": (3, 1),
    "google_old.csv": (3, 1),
    "nokia_n_only.vcf": (1, 0),
    "outlook.csv": (3, 1),
    "outlook.vcf": (2, 0),
    "outlook_jp_sjis.vcf": (1, 0),
    "outlook_semicolon.csv": (2, 0),
    "thunderbird.csv": (2, 1),
    "thunderbird.vcf": (3, 0),
    "utf16le_nobom.vcf": (1, 0),
    "vcard4_sort_as.vcf": (2, 0),
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "journal.json")


def fresh(tmp_path: Path, name: str = "other.json") -> Store:
    return Store.open(tmp_path / name)


def people(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts(archived=True)}


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    c = report.counts
    return c["added"], c["updated"], c["unchanged"], c["skipped"]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- importing every fixture ----------------------------------------------------------------


def test_every_fixture_is_covered() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_then_reimport_changes_nothing(store: Store, name: str) -> None:
    added, skipped = EXPECTED[name]
    first = import_file(store, FIXTURES / name)
    assert counts(first) == (added, 0, 0, skipped), first.summary()
    assert len(store.contacts()) == added
    saved = store.path.read_bytes()

    again = import_file(Store.open(store.path), FIXTURES / name)
    assert counts(again) == (0, 0, added, skipped), again.summary()
    assert store.path.read_bytes() == saved  # nothing was written


def test_imported_fields_reach_the_journal(store: Store) -> None:
    import_file(store, FIXTURES / "google_contacts.vcf")
    import_file(store, FIXTURES / "thunderbird.vcf")
    got = people(Store.open(store.path))
    taro = got["山田 太郎"]
    assert (taro.reading, taro.birthday, taro.tags) == ("やまだ たろう", Birthday(3, 22, 1980),
                                                        ("Family",))
    assert got["Jane Doe"].birthday == Birthday(4, 15)
    assert got["Anna Schmidt"].uid == "0b5b7a6e-6c8e-4f4b-9a52-7d3f7f0c1a10"
    assert got["Ada Lovelace"].birthday is None
    assert got["Ada Lovelace"].notes.endswith("Birthday: circa 1800")


def test_a_shift_jis_file_is_read_as_japanese_and_the_report_says_it_was_a_guess(
    store: Store,
) -> None:
    report = import_file(store, FIXTURES / "outlook_jp_sjis.vcf")
    assert people(store)["田中 愛子"].reading == "タナカ アイコ"
    text = report.summary()
    assert "read as Japanese Shift_JIS (CP932)" in text
    assert "does not say which character set" in text
    utf8 = import_file(fresh(store.path.parent), FIXTURES / "google_contacts.vcf")
    assert "character set" not in utf8.summary()  # UTF-8 is not a guess


def test_imported_extras_reach_the_journal_and_the_next_export(store: Store) -> None:
    import_file(store, FIXTURES / "vcard4_sort_as.vcf")
    ichiro = people(store)["鈴木 一郎"]
    assert ichiro.emails == ("ichiro.suzuki@example.jp", "ichiro@univ.example.jp")
    assert (ichiro.nickname, ichiro.org, ichiro.reading) == ("イチ", "大学, 文学部",
                                                             "すずき いちろう")
    text = export(store, "vcf", TODAY).decode()
    assert "EMAIL;TYPE=INTERNET,pref:ichiro.suzuki@example.jp\r\n" in text
    assert "EMAIL;TYPE=INTERNET:ichiro@univ.example.jp\r\n" in text
    assert "TEL;TYPE=VOICE:+81-3-5555-0200\r\n" in text
    assert "NICKNAME:イチ\r\n" in text and "ORG:大学\\, 文学部\r\n" in text
    assert "X-PHONETIC-FIRST-NAME:いちろう\r\nX-PHONETIC-LAST-NAME:すずき\r\n" in text
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-22\r\n" in text


def test_summary_names_what_happened_and_ends_with_the_counts(store: Store) -> None:
    report = import_file(store, FIXTURES / "broken.vcf")
    text = report.summary()
    assert text.splitlines()[0] == "broken.vcf: vCard, 5 cards"
    assert '  skipped  card 3 (line 16) "nobody@example.com": no name' in text
    assert '  skipped  card 5 (line 26) "Cut Short": the file ends before END:VCARD' in text
    assert "  added    Broken Photo" in text
    assert text.splitlines()[-1] == "added 3, updated 0, unchanged 0, skipped 2"
    assert [e.where for e in report.skipped] == ["card 3 (line 16)", "card 5 (line 26)"]


def test_dry_run_reports_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    report = import_file(store, FIXTURES / "google_contacts.vcf", dry_run=True)
    assert counts(report) == (3, 0, 0, 0)
    assert "dry run: nothing was written" in report.summary()
    assert not store.path.exists()
    assert store.contacts() == []

    import_file(store, FIXTURES / "google_contacts.vcf")
    saved = store.path.read_bytes()
    report = import_file(store, FIXTURES / "google_old.csv", dry_run=True)
    assert counts(report) == (1, 2, 0, 1)  # Grace is new; Jane and Taro gain details
    assert store.path.read_bytes() == saved
    assert len(Store.open(store.path).contacts()) == 3


def test_format_is_told_by_content_not_by_name(store: Store, tmp_path: Path) -> None:
    vcf = shutil.copy(FIXTURES / "evolution.vcf", tmp_path / "contacts.txt")
    csv_file = shutil.copy(FIXTURES / "google_new.csv", tmp_path / "export.vcf")
    assert import_file(store, Path(vcf)).kind == "vCard, 1 card"
    assert import_file(store, Path(csv_file)).kind == "Google Contacts CSV, 4 rows"


# --- matching and merging -------------------------------------------------------------------


def test_same_name_and_email_is_updated_with_the_merge_rule(store: Store) -> None:
    store.add_contact(
        "Jane Doe", emails=("jane.doe@example.com",), phones=("000",), reading="doe jane",
        tags=("Old",), notes="", addresses=(), cadence_days=30,
    )
    report = import_file(store, FIXTURES / "google_contacts.vcf")
    assert counts(report) == (2, 1, 0, 0)
    assert report.updated[0].detail == "tags, birthday, email, phone, address, notes"
    jane = people(store)["Jane Doe"]
    assert jane.emails == ("jane.doe@example.com", "jd@work.example.com")  # both kept
    assert jane.phones == ("+1 555-0100", "000")  # the card's preferred first, none lost
    assert jane.reading == "doe jane"  # the card has none: the journal's is kept
    assert jane.tags == ("Old", "Friends")  # unioned
    assert jane.cadence_days == 30  # not a vCard field: untouched
    assert jane.birthday == Birthday(4, 15)
    assert len(store.contacts()) == 3


def test_same_uid_is_updated_even_when_name_and_email_changed(store: Store, tmp_path: Path) -> None:
    import_file(store, FIXTURES / "thunderbird.vcf")
    anna = people(store)["Anna Schmidt"]
    changed = (FIXTURES / "thunderbird.vcf").read_bytes().replace(
        b"FN:Anna Schmidt", b"FN:Anna Weber"
    ).replace(b"anna.schmidt@example.org", b"anna.weber@example.org")
    report = import_file(store, write(tmp_path, "changed.vcf", changed))
    assert counts(report) == (0, 1, 2, 0)
    assert report.updated[0].detail == "name, email"
    weber = store.contact(anna.id)
    assert (weber.name, weber.email) == ("Anna Weber", "anna.weber@example.org")


def test_a_person_added_by_hand_is_completed_not_duplicated(store: Store) -> None:
    taro = store.add_contact("山田　太郎")  # a full-width space, no email
    report = import_file(store, FIXTURES / "google_contacts.vcf")
    assert counts(report) == (2, 1, 0, 0)
    got = store.contact(taro.id)
    assert got.email == "taro.yamada@example.jp"
    assert got.name == "山田 太郎"


def test_same_name_with_another_email_is_the_same_person_with_both_emails(
    store: Store,
) -> None:
    jane = store.add_contact("Jane Doe", emails=("another.jane@example.com",))
    report = import_file(store, FIXTURES / "google_contacts.vcf")
    assert counts(report) == (2, 1, 0, 0)
    assert [c.name for c in store.contacts()].count("Jane Doe") == 1
    assert store.contact(jane.id).emails == (
        "jane.doe@example.com", "jd@work.example.com", "another.jane@example.com")


def test_a_person_added_by_hand_is_matched_by_exact_name_with_zero_width_and_case(
    store: Store, tmp_path: Path,
) -> None:
    aiko = store.add_contact("Aiko Tanaka", emails=("aiko@home.example",), cadence_days=14)
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:google-aiko-1\r\nFN:aiko\u200b tanaka\r\n"
            "EMAIL:aiko@work.example\r\nNICKNAME:Ai\r\nEND:VCARD\r\n")
    report = import_file(store, write(tmp_path, "aiko.vcf", card))
    assert counts(report) == (0, 1, 0, 0)
    [only] = store.contacts()
    assert only.id == aiko.id and only.cadence_days == 14
    assert only.emails == ("aiko@work.example", "aiko@home.example")
    assert (only.nickname, only.uid) == ("Ai", "google-aiko-1")


def test_a_card_is_matched_by_any_of_its_emails_before_the_name(
    store: Store, tmp_path: Path,
) -> None:
    bob = store.add_contact("Bob Smith", emails=("rob@work.example",))
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Robert Smith\r\nEMAIL:rob@home.example\r\n"
            "EMAIL:ROB@work.example\r\nEND:VCARD\r\n")
    report = import_file(store, write(tmp_path, "rob.vcf", card))
    assert counts(report) == (0, 1, 0, 0)
    assert store.contact(bob.id).name == "Robert Smith"
    assert store.contact(bob.id).emails == ("rob@home.example", "ROB@work.example")


def test_two_cards_of_one_address_book_are_never_joined_by_name_or_a_shared_email(
    store: Store, tmp_path: Path,
) -> None:
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n"
            "EMAIL:smiths@example.com\r\nEND:VCARD\r\n")
    data = (card.format(uid="u-1", name="Sam Smith") + card.format(uid="u-2", name="Sam Smith")
            + card.format(uid="u-3", name="Alex Smith"))
    report = import_file(store, write(tmp_path, "smiths.vcf", data))
    assert counts(report) == (3, 0, 0, 0)
    again = import_file(store, write(tmp_path, "smiths.vcf", data))
    assert counts(again) == (0, 0, 3, 0)


def test_with_several_people_of_that_name_a_card_is_added_and_the_report_says_so(
    store: Store, tmp_path: Path,
) -> None:
    store.add_contact("Jane Doe")
    store.add_contact("Jane Doe", notes="the other one")
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:j@x.example\r\nEND:VCARD\r\n"
    report = import_file(store, write(tmp_path, "jane.vcf", card))
    assert counts(report) == (1, 0, 0, 0)
    assert any("2 people named Jane Doe" in note for note in report.notes)


def test_a_card_without_the_year_keeps_a_known_year(store: Store) -> None:
    jane = store.add_contact("Jane Doe", emails=("jane.doe@example.com",),
                             birthday=Birthday(4, 15, 1980))
    import_file(store, FIXTURES / "google_contacts.vcf")
    assert store.contact(jane.id).birthday == Birthday(4, 15, 1980)


def test_notes_added_to_in_the_journal_survive_a_reimport(store: Store) -> None:
    import_file(store, FIXTURES / "evolution.vcf")
    marco = people(store)["Marco Rossi"]
    store.update_contact(replace(marco, notes=marco.notes + "\nReturned the book in May."))
    report = import_file(store, FIXTURES / "evolution.vcf")
    assert counts(report) == (0, 0, 1, 0)
    assert store.contact(marco.id).notes.endswith("Returned the book in May.")


def test_an_archived_person_is_updated_and_stays_archived(store: Store) -> None:
    import_file(store, FIXTURES / "thunderbird.vcf")
    ben = people(store)["Ben Carter"]
    store.update_contact(replace(ben, archived=True, emails=()))
    report = import_file(store, FIXTURES / "thunderbird.vcf")
    assert counts(report) == (0, 1, 2, 0)
    got = store.contact(ben.id)
    assert got.archived and got.email == "ben@example.net"


def test_a_card_twice_in_one_file_is_one_person(store: Store, tmp_path: Path) -> None:
    data = (FIXTURES / "evolution.vcf").read_bytes() * 2
    report = import_file(store, write(tmp_path, "twice.vcf", data))
    assert counts(report) == (1, 0, 1, 0)
    assert len(store.contacts()) == 1


# --- failures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \r\n", "the file is empty"),
        (b"just some words\n", "not a vCard, a contacts CSV or a journal backup"),
        (b"Foo,Bar\r\n1,2\r\n", "not a contacts export this journal reads"),
        (b"\x7fELF\x02\x01\x01\x00\x00,\x00\x00\n", "a binary file, not a vCard"),
        (b'{"meta": {"1": {"schema": 2}}, "contacts": {}, "interactions": {}}',
         "a journal file, not a backup: open it with --file"),
        (b'{"contacts": [}', "not valid JSON at line 1, column 15"),
        (b'{"hello": 1}', "not a backup written by `journal export`"),
        (b'{"format": "contact-journal", "version": 3, "contacts": [], "interactions": []}',
         "backup version 3"),
        (b'{"format": "contact-journal", "version": 1, "contacts": [{"id": "x"}], '
         b'"interactions": []}', "contact #1 has no 'name' field"),
    ],
)
def test_files_that_cannot_be_imported_are_refused_and_nothing_is_written(
    store: Store, tmp_path: Path, content: bytes, message: str
) -> None:
    import_file(store, FIXTURES / "evolution.vcf")
    saved = store.path.read_bytes()
    path = write(tmp_path, "bad.file", content)
    with pytest.raises(TransferError, match=message) as caught:
        import_file(store, path)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value, JournalError)  # the CLI's exit 1
    assert store.path.read_bytes() == saved


def test_a_missing_file_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="cannot read the file"):
        import_file(store, tmp_path / "nope.vcf")


# --- vCard export ---------------------------------------------------------------------------


def sample_journal(store: Store) -> dict[str, Contact]:
    """People with every field the vCard export carries, and some it does not."""
    store.add_contact("Jane Doe", reading="doe jane", tags=("Friends", "Book Club"),
                      birthday=Birthday(4, 15),
                      emails=("jane@example.com", "jane.doe@work.example"),
                      phones=("+1 555 0100", "+1 555 0199"), nickname="JD", org="Acme, Inc.",
                      addresses=("12 Elm Street\nSpringfield, IL 62701", "PO Box 9, Shelbyville"),
                      notes="Likes; commas, too",
                      cadence_days=30, letter_lead_days=7)
    store.add_contact("山田 太郎", reading="やまだ たろう", birthday=Birthday(3, 22, 1980),
                      addresses=("〒150-0001\n東京都渋谷区神宮前1-2-3",), tags=("Family",))
    store.add_contact("Mr. John Richter, James Doe Sr.", birthday=Birthday(2, 29, 1996),
                      uid="8E4B5C2A-1F3D-4E6A-9B7C-0D1E2F3A4B5C", season_cards=True)
    store.add_contact("Back\\slash", notes="line 1\nline 2 \\ end", archived=True,
                      cadence_days=7)
    store.add_contact("Only Name")
    return people(store)


VCARD_FIELDS = ("name", "reading", "tags", "birthday", "emails", "phones", "addresses",
                "nickname", "org", "notes")


def test_vcf_export_then_import_into_the_same_journal_changes_nothing(store: Store,
                                                                       tmp_path: Path) -> None:
    sample_journal(store)
    saved = store.path.read_bytes()
    path = write(tmp_path, "out.vcf", export(store, "vcf", TODAY))
    report = import_file(store, path)
    assert counts(report) == (0, 0, 5, 0), report.summary()
    assert store.path.read_bytes() == saved


def test_vcf_export_then_import_elsewhere_is_lossless(store: Store, tmp_path: Path) -> None:
    before = sample_journal(store)
    path = write(tmp_path, "out.vcf", export(store, "vcf", TODAY))
    other = fresh(tmp_path)
    assert counts(import_file(other, path)) == (5, 0, 0, 0)
    after = people(other)
    for name, contact in before.items():
        for f in VCARD_FIELDS:
            assert getattr(after[name], f) == getattr(contact, f), (name, f)
        assert after[name].uid == vcard.export_uid(contact)
    # and the copy exports the very same cards
    assert export(other, "vcf", TODAY) == path.read_bytes()
    assert counts(import_file(other, path)) == (0, 0, 5, 0)


def test_vcf_export_is_stable_and_year_less_birthdays_are_as_apple_writes_them(
    store: Store,
) -> None:
    sample_journal(store)
    first = export(store, "vcf", TODAY)
    assert first == export(Store.open(store.path), "vcf", TODAY + timedelta(days=9))
    text = first.decode("utf-8")
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15\r\n" in text  # not --0415 in a 3.0 card
    assert "--04" not in text
    assert "BDAY:1996-02-29\r\n" in text
    assert "UID:8E4B5C2A-1F3D-4E6A-9B7C-0D1E2F3A4B5C\r\n" in text
    assert text.count("BEGIN:VCARD") == 5


# --- iCalendar export -----------------------------------------------------------------------


def calendar_journal(store: Store) -> dict[str, Contact]:
    store.add_contact("Aiko", birthday=Birthday(2, 29, 1996))
    ben = store.add_contact("Ben", birthday=Birthday(4, 15), letter_lead_days=7, cadence_days=30)
    store.add_interaction(ben.id, Kind.CALL, date(2026, 6, 1))
    store.add_contact("Cara", birthday=Birthday(5, 5), archived=True, cadence_days=10)
    store.add_contact("Dan", cadence_days=14)
    store.add_contact("Eve", cadence_days=7, snoozed_until=date(2099, 1, 1))
    store.add_contact("Fay")
    return people(store)


def events(data: bytes) -> dict[str, Event]:
    cal = Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def occurrences(event: Event, count: int) -> list[date]:
    start = datetime.combine(event.decoded("dtstart"), datetime.min.time())
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    return [d.date() for d in rule[:count]]


def test_ics_birthdays_are_yearly_all_day_events_with_a_post_by_alarm(store: Store) -> None:
    who = calendar_journal(store)
    got = events(export(store, "ics", TODAY))
    ben = got[f"birthday-{who['Ben'].id}@contact-journal"]
    assert str(ben["summary"]) == "Birthday: Ben"
    assert ben.decoded("dtstart") == date(2000, 4, 15)  # all day: a date, not a datetime
    assert ben.decoded("dtend") == date(2000, 4, 16)
    assert dict(ben["rrule"]) == {"FREQ": ["YEARLY"]}
    [alarm] = ben.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert str(alarm["description"]) == "Post a letter to Ben"
    assert alarm.decoded("trigger") == timedelta(days=-7)  # his letter lead days
    assert b"TRIGGER:-P7D" in alarm.to_ical()
    [aiko_alarm] = got[f"birthday-{who['Aiko'].id}@contact-journal"].walk("VALARM")
    assert aiko_alarm.decoded("trigger") == timedelta(days=-3)  # the default


def test_ics_29_february_falls_on_28_february_in_other_years(store: Store) -> None:
    who = calendar_journal(store)
    aiko = events(export(store, "ics", TODAY))[f"birthday-{who['Aiko'].id}@contact-journal"]
    assert b"RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in aiko.to_ical()
    assert aiko.decoded("dtstart") == date(1996, 2, 29)
    assert occurrences(aiko, 5) == [date(1996, 2, 29), date(1997, 2, 28), date(1998, 2, 28),
                                    date(1999, 2, 28), date(2000, 2, 29)]


def test_ics_next_due_dates_of_tracked_people(store: Store) -> None:
    who = calendar_journal(store)
    got = events(export(store, "ics", TODAY))
    ben = got[f"due-{who['Ben'].id}@contact-journal"]
    assert str(ben["summary"]) == "Get in touch with Ben"
    assert ben.decoded("dtstart") == date(2026, 7, 1)  # 30 days after the call
    assert "rrule" not in ben
    dan = got[f"due-{who['Dan'].id}@contact-journal"]
    assert dan.decoded("dtstart") == rules.status(who["Dan"], [], TODAY).next_due
    assert got[f"due-{who['Eve'].id}@contact-journal"].decoded("dtstart") == date(2099, 1, 1)
    cara, fay = who["Cara"].id, who["Fay"].id
    assert not [uid for uid in got if cara in uid or fay in uid]  # archived; untracked, no bday
    assert len(got) == 5


def test_ics_exports_are_stable(store: Store) -> None:
    calendar_journal(store)
    first = export(store, "ics", TODAY, now=NOW)
    again = export(Store.open(store.path), "ics", TODAY + timedelta(days=3), now=NOW)
    assert events(first).keys() == events(again).keys()
    assert first == again  # the same `now`, the same bytes


def test_ics_dtstamp_is_the_utc_time_of_the_export(store: Store) -> None:
    calendar_journal(store)
    tokyo = timezone(timedelta(hours=9))
    now = datetime(2026, 6, 15, 9, 30, 0, tzinfo=tokyo)  # 00:30 UTC
    data = export(store, "ics", TODAY, now=now)
    stamps = [line for line in data.decode().split("\r\n") if line.startswith("DTSTAMP")]
    assert stamps and set(stamps) == {"DTSTAMP:20260615T003000Z"}
    for event in events(data).values():
        assert event.decoded("dtstamp") == datetime(2026, 6, 15, 0, 30, tzinfo=UTC)
    # by default, the time of the export itself
    before = datetime.now(UTC).replace(microsecond=0)
    [stamp, *_] = [e.decoded("dtstamp") for e in events(export(store, "ics", TODAY)).values()]
    assert before <= stamp <= datetime.now(UTC)
    with pytest.raises(ValueError, match="timezone-aware"):
        export(store, "ics", TODAY, now=datetime(2026, 6, 15, 9, 30))


# --- CSV export -----------------------------------------------------------------------------


def test_csv_has_one_row_per_interaction_with_the_name_sorted_by_date(store: Store) -> None:
    jane = store.add_contact("Jane Doe")
    taro = store.add_contact("山田 太郎", archived=True)
    store.add_interaction(jane.id, Kind.LETTER, date(2026, 3, 1), note="thanks, and more",
                          intent=Intent.GIVE, occasion=Occasion.THANKS, channel="postcard")
    store.add_interaction(taro.id, Kind.CALL, date(2026, 1, 5), direction=Direction.IN,
                          note="line 1\nline 2")
    store.add_interaction(jane.id, Kind.MEETING, date(2026, 2, 1), intent=Intent.ASK)
    data = export(store, "csv", TODAY)
    assert data.startswith(b"\xef\xbb\xbf")  # so spreadsheets read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["date", "name", "kind", "direction", "channel", "note", "intent",
                             "occasion", "contact_id", "id"]
    assert [(r["date"], r["name"], r["kind"]) for r in rows] == [
        ("2026-01-05", "山田 太郎", "call"),
        ("2026-02-01", "Jane Doe", "meeting"),
        ("2026-03-01", "Jane Doe", "letter"),
    ]
    assert rows[0]["direction"] == "in" and rows[0]["note"] == "line 1\nline 2"
    assert (rows[2]["intent"], rows[2]["occasion"], rows[2]["channel"]) == ("give", "thanks",
                                                                             "postcard")
    assert rows[2]["contact_id"] == jane.id
    assert {r["id"] for r in rows} == {i.id for i in store.all_interactions()}


# --- JSON backup ----------------------------------------------------------------------------


def journal_docs(store: Store) -> tuple[list[dict], list[dict]]:
    doc = orjson.loads(export(store, "json", TODAY))
    return doc["contacts"], doc["interactions"]


def filled(store: Store) -> None:
    who = sample_journal(store)
    store.add_interaction(who["Jane Doe"].id, Kind.LETTER, date(2026, 4, 10), note="birthday",
                          occasion=Occasion.BIRTHDAY, intent=Intent.GIVE)
    store.add_interaction(who["山田 太郎"].id, Kind.MESSAGE, date(2026, 5, 2),
                          direction=Direction.BOTH, channel="LINE")
    jane = store.contact(who["Jane Doe"].id)
    store.update_contact(replace(jane, snoozed_until=date(2026, 7, 1),
                                 no_cards_until=date(2027, 1, 1), no_cards_reason="mourning"))


def test_json_export_has_the_documented_shape(store: Store) -> None:
    filled(store)
    doc = orjson.loads(export(store, "json", TODAY))
    assert (doc["format"], doc["version"]) == ("contact-journal", 2)
    assert len(doc["contacts"]) == 5 and len(doc["interactions"]) == 2
    assert doc["contacts"][0] == contact_to_doc(store.contacts(archived=True)[0])


def test_json_backup_restores_exactly_into_an_empty_journal(store: Store, tmp_path: Path) -> None:
    filled(store)
    path = write(tmp_path, "backup.json", export(store, "json", TODAY))
    other = fresh(tmp_path)
    report = import_file(other, path)
    assert counts(report) == (5, 0, 0, 0)
    assert journal_docs(Store.open(other.path)) == journal_docs(store)


def test_json_reimport_into_the_same_journal_changes_nothing(store: Store, tmp_path: Path) -> None:
    filled(store)
    path = write(tmp_path, "backup.json", export(store, "json", TODAY))
    saved = store.path.read_bytes()
    report = import_file(store, path)
    assert counts(report) == (0, 0, 5, 0)
    assert report.summary().splitlines()[-1] == "added 0, updated 0, unchanged 5, skipped 0"
    assert store.path.read_bytes() == saved


def test_json_restore_replaces_what_changed_since(store: Store, tmp_path: Path) -> None:
    filled(store)
    backup = export(store, "json", TODAY)
    path = write(tmp_path, "backup.json", backup)
    jane = people(store)["Jane Doe"]
    store.update_contact(replace(jane, phones=("999",)))
    newcomer = store.add_contact("Newcomer")
    store.add_interaction(newcomer.id, Kind.CALL, date(2026, 6, 1))

    dry = import_file(store, path, dry_run=True)
    assert counts(dry) == (0, 1, 4, 0)
    assert [e.name for e in dry.removed] == ["Newcomer"]
    assert "Newcomer" in people(store)

    report = import_file(store, path)
    assert "  removed  Newcomer: not in the backup" in report.summary()
    assert "interactions: 2 in the backup (0 new, 0 changed, 1 removed)" in report.summary()
    assert export(Store.open(store.path), "json", TODAY) == backup


def test_a_broken_backup_changes_nothing(store: Store, tmp_path: Path) -> None:
    filled(store)
    doc = orjson.loads(export(store, "json", TODAY))
    doc["interactions"][0]["contact_id"] = "nobody"
    saved = store.path.read_bytes()
    with pytest.raises(TransferError, match="interaction #1 belongs to no known contact"):
        import_file(store, write(tmp_path, "b.json", orjson.dumps(doc)))
    doc = orjson.loads(export(store, "json", TODAY))
    doc["contacts"].append(doc["contacts"][0])
    with pytest.raises(TransferError, match="contact #6 has the id .* of another contact"):
        import_file(store, write(tmp_path, "b.json", orjson.dumps(doc)))
    assert store.path.read_bytes() == saved


def test_unknown_export_format_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="use one of vcf, ics, csv, json"):
        export(store, "xml", TODAY)


def test_exports_of_an_empty_journal(store: Store) -> None:
    assert export(store, "vcf", TODAY) == b""
    assert events(export(store, "ics", TODAY)) == {}
    assert export(store, "csv", TODAY).decode("utf-8-sig").startswith("date,name,kind")
    assert orjson.loads(export(store, "json", TODAY))["contacts"] == []
    assert not store.path.exists()


def test_ics_says_how_many_days_before_to_post(store: Store) -> None:
    one = store.add_contact("One", birthday=Birthday(5, 1), letter_lead_days=1)
    zero = store.add_contact("Zero", birthday=Birthday(5, 2, 1990), letter_lead_days=0)
    got = events(export(store, "ics", TODAY))
    assert str(got[f"birthday-{one.id}@contact-journal"]["description"]) == (
        "Post a letter 1 day before, so it arrives on the day."
    )
    assert str(got[f"birthday-{zero.id}@contact-journal"]["description"]) == (
        "Born 1990. Post a letter on the day."
    )


# --- Outlook CSV ----------------------------------------------------------------------------


def test_outlook_csv_reaches_the_journal(store: Store) -> None:
    report = import_file(store, FIXTURES / "outlook.csv")
    assert report.kind == "Outlook CSV, 4 rows"
    got = people(Store.open(store.path))
    juergen = got["Jürgen Müller"]  # Windows-1252, as Outlook for Windows writes it
    assert juergen.birthday == Birthday(3, 22, 1980)
    assert juergen.tags == ("Friends", "Köln")
    assert juergen.email == "juergen@example.de"
    assert juergen.phone == "+49 170 555 0102"
    assert juergen.address == "Hauptstraße 5\nKöln, 50667\nDeutschland"
    assert juergen.notes == "Café owner.\nSends a Christmas card every year."
    # 11/8/1955 alone could be either; 3/22/1980 in the same file shows month first.
    assert got["Mr. John Richter Sr."].birthday == Birthday(11, 8, 1955)
    shop = got["Corner Bookshop"]  # a company, no person's name: "0/0/00" is no birthday
    assert shop.birthday is None and shop.address.startswith("1 High Street")
    assert report.skipped[0].located() == (
        'row 4 (line 6) "collected@example.com": no name (only an address)'
    )


OUTLOOK_COM_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,Mobile Phone,Home Street,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Birthday,Notes\r\n"
)


def outlook_rows(*rows: str) -> bytes:
    return ("\ufeff" + OUTLOOK_COM_HEADER + "".join(r + "\r\n" for r in rows)).encode("utf-8")


def test_outlook_csv_readings_and_day_first_dates(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "contacts.csv", outlook_rows(
        "花子,,佐藤,,,,はなこ,さとう,hanako@example.jp,,080-1,,,,,,15/04/1990,",
        "Léa,,Dubois,,,,,,lea@example.fr,,,,,,,,03/05/1985,",
        "Kenji,,Mori,,,,,,,,,,,,,,1992/08/30,",
    ))
    import_file(store, path)
    got = people(store)
    hanako = got["佐藤 花子"]
    assert (hanako.reading, hanako.birthday) == ("さとう はなこ", Birthday(4, 15, 1990))
    assert got["Léa Dubois"].birthday == Birthday(5, 3, 1985)  # day first, as 15/04 shows
    assert got["Kenji Mori"].birthday == Birthday(8, 30, 1992)


def test_outlook_csv_never_guesses_between_day_and_month(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "contacts.csv", outlook_rows(
        "Ann,,Lee,,,,,,,,,,,,,,3/4/1980,Likes tea.",
        "Bo,,Kim,,,,,,,,,,,,,,5/5/1981,",
    ))
    import_file(store, path)
    got = people(store)
    assert got["Ann Lee"].birthday is None
    assert got["Ann Lee"].notes == "Likes tea.\nBirthday: 3/4/1980 (day and month order unclear)"
    assert got["Bo Kim"].birthday == Birthday(5, 5, 1981)  # the same either way
    path = write(tmp_path, "more.csv", outlook_rows("Cy,,Ng,,,,,,,,,,,,,,13/13/1980,"))
    import_file(store, path)
    cy = people(store)["Cy Ng"]
    assert cy.birthday is None and cy.notes == "Birthday: 13/13/1980"


def test_outlook_csv_reimport_changes_nothing(store: Store) -> None:
    import_file(store, FIXTURES / "outlook.csv")
    saved = store.path.read_bytes()
    again = import_file(Store.open(store.path), FIXTURES / "outlook.csv")
    assert counts(again) == (0, 0, 3, 1)
    assert store.path.read_bytes() == saved


# --- restoring over a journal -----------------------------------------------------------------


def test_a_restore_keeps_the_journal_as_it_was_and_counts_who_was_removed(
    store: Store, tmp_path: Path
) -> None:
    filled(store)
    path = write(tmp_path, "backup.json", export(store, "json", TODAY))
    store.add_contact("Newcomer")
    before = store.path.read_bytes()
    report = import_file(store, path)
    [kept] = store.path.parent.glob("journal.json.before-import-*.bak")
    assert kept.read_bytes() == before
    assert f"  the journal as it was is kept in {kept.name}" in report.summary()
    assert report.summary().splitlines()[-1] == (
        "added 0, updated 0, unchanged 5, skipped 0, removed 1"
    )
    assert kept not in Store.open(store.path).backups()  # never rotated away


def test_a_restore_into_an_empty_journal_keeps_no_copy(store: Store, tmp_path: Path) -> None:
    filled(store)
    path = write(tmp_path, "backup.json", export(store, "json", TODAY))
    other = fresh(tmp_path)
    report = import_file(other, path)
    assert "kept in" not in report.summary()
    assert list(other.path.parent.glob("*.before-import-*.bak")) == []


# --- hostile text through the exports (issue 12, section 1) --------------------------------

# Characters some reader takes for a line break, controls and bidi overrides.
HOSTILE = "\u2028\u2029\x85\x0b\x0c\x00\x1b[2J\x1b]52;c;aGk=\x07\u202e\r\x7f\x9b"
BREAKING = [b"\x00", b"\x0b", b"\x0c", b"\x1b", b"\x07", b"\x7f", b"\xc2\x85", b"\xc2\x9b",
            b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xe2\x80\xae"]


def hostile_journal(store: Store) -> None:
    """Text written before the journal tidied what comes in, straight into the file."""
    with store.batch():
        store.add_contact("Eve Mallory", reading=f"eve{HOSTILE}mallory", tags=(f"x{HOSTILE}y",),
                          notes=f"first{HOSTILE}second\nthird", birthday=Birthday(5, 6),
                          emails=(f"eve{HOSTILE}@example.com",), nickname=f"E{HOSTILE}v",
                          org=f"Evil{HOSTILE}Corp", addresses=(f"1 Dark St{HOSTILE}Gotham",))
        bob = store.add_contact(f"Bob{HOSTILE}Builder", birthday=Birthday(7, 8, 1970),
                                cadence_days=7)
        store.add_interaction(bob.id, Kind.CALL, date(2026, 6, 1))
    c = people(store)["Eve Mallory"]
    store.update_contact(replace(c, name=f"Eve{HOSTILE}Mallory"))


def content_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    for line in lines:
        assert b"\r" not in line and b"\n" not in line, line  # only CRLF ends a line
        for bad in BREAKING:
            assert bad not in line, (bad, line)
    return lines


def test_vcf_export_of_hostile_text_has_no_extra_line_and_reimports_losslessly(
    store: Store, tmp_path: Path
) -> None:
    hostile_journal(store)
    data = export(store, "vcf", TODAY)
    for line in content_lines(data):
        # every line is a property or the fold of one: no reader sees a line of its own
        assert line.startswith(b" ") or re.match(rb"[A-Z][A-Z0-9-]*[;:]", line), line
    copy = fresh(tmp_path)
    assert counts(import_file(copy, write(tmp_path, "out.vcf", data))) == (2, 0, 0, 0)
    got = {c.id: c for c in copy.contacts()}

    def line(text: str, what: str = "email") -> str:  # the journal's rule for imports
        return fields.fit_line(text, what)[0]

    for held in store.contacts():
        [back] = [c for c in got.values() if c.uid == vcard.export_uid(held)]
        assert back.name == line(held.name, "name")
        assert back.reading == line(held.reading, "reading")
        assert back.notes == fields.fit_notes(held.notes)[0]
        assert back.tags == fields.merge_tags((), held.tags)
        assert back.emails == tuple(line(e) for e in held.emails)
        assert back.addresses == tuple(fields.fit_notes(a)[0] for a in held.addresses)
        assert (back.nickname, back.org) == (line(held.nickname), line(held.org))
        assert back.birthday == held.birthday
    eve = next(c for c in got.values() if c.name.startswith("Eve"))
    assert "\x1b" not in eve.name and eve.notes.endswith("second\nthird")
    # the copy holds the tidy text: its export imports into it again unchanged
    again = write(tmp_path, "again.vcf", export(copy, "vcf", TODAY))
    assert counts(import_file(copy, again)) == (0, 0, 2, 0)
    assert export(copy, "vcf", TODAY) == again.read_bytes()


def test_ics_export_of_hostile_text_has_no_extra_line(store: Store) -> None:
    hostile_journal(store)
    data = export(store, "ics", TODAY, now=NOW)
    for line in content_lines(data):
        assert line.startswith(b" ") or re.match(rb"[A-Z][A-Z0-9-]*[;:]", line), line
    bob, eve = (tidy_line(n) for n in (f"Bob{HOSTILE}Builder", f"Eve{HOSTILE}Mallory"))
    summaries = sorted(str(e["summary"]) for e in events(data).values())
    assert summaries == [f"Birthday: {bob}", f"Birthday: {eve}", f"Get in touch with {bob}"]


def test_an_import_fits_each_card_to_the_journal_rules_and_says_what_it_cut(
    store: Store, tmp_path: Path
) -> None:
    tags = ",".join(f"t{n}" for n in range(fields.TAGS_MAX + 5))
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{'N' * 1000}\r\nBDAY:2999-01-02\r\nCATEGORIES:{tags}\r\n"
            f"EMAIL:{'e' * 400}@example.com\r\nNOTE:{'n' * (fields.NOTES_MAX + 10)}\r\n"
            "END:VCARD\r\n")
    report = import_file(store, write(tmp_path, "big.vcf", card))
    assert counts(report) == (1, 0, 0, 0)
    [big] = store.contacts()
    assert len(big.name) == fields.NAME_MAX and len(big.tags) == fields.TAGS_MAX
    assert len(big.email) == fields.LINE_MAX and big.birthday is None
    assert big.notes.endswith("Birthday: 2999-01-02") and len(big.notes) <= fields.NOTES_MAX
    text = report.summary()
    assert f"name cut to {fields.NAME_MAX} characters" in text
    assert "email cut to" in text and "notes cut to" in text
    assert f"only the first {fields.TAGS_MAX} tags kept" in text
    assert "is in the future" in text and "kept in the notes" in text


def test_a_backup_written_before_several_emails_restores_them(store: Store, tmp_path: Path) -> None:
    old = {"format": "contact-journal", "version": 1, "interactions": [], "contacts": [{
        "id": "c1", "name": "Jane Doe", "reading": "", "tags": [], "birthday": None,
        "cadence_days": None, "snoozed_until": None, "email": "jane@example.com",
        "phone": "+1 555 0100", "address": "1 Main St", "letter_lead_days": None, "notes": "",
        "created": "2024-01-02T03:04:05", "updated": "2024-01-02T03:04:05", "archived": False,
    }]}
    report = import_file(store, write(tmp_path, "old.json", orjson.dumps(old)))
    assert counts(report)[0] == 1
    jane = store.contact("c1")
    assert (jane.emails, jane.phones, jane.addresses) == (
        ("jane@example.com",), ("+1 555 0100",), ("1 Main St",))
    assert orjson.loads(export(store, "json", TODAY))["version"] == 2
