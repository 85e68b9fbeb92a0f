"""Every way in is validated the same way (journal/fields.py).

Each field's parse-and-validate function on its own; then the same value through every way in:
the shell (`main(argv)` in-process), the contact and log forms (Pilot), import, a JSON restore
and reading a journal file written by hand.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from journal_command import command_env, run_in_process
from pilot_helpers import press, quiet
from textual.widgets import Input, Static, TextArea

from journal import fields
from journal.fields import FieldError
from journal.import_export import TransferError, export, import_file
from journal.journal_file import JournalError
from journal.model import Birthday, Contact, Interaction, Kind
from journal.store import Store
from screens.app import create_app
from screens.forms import ContactForm, LogForm

TODAY = date(2026, 11, 25)


# --- each field ------------------------------------------------------------------------------


def refused(parse, *args) -> FieldError:  # noqa: ANN001
    with pytest.raises(FieldError) as caught:
        parse(*args)
    return caught.value


def test_name_is_one_tidy_line_not_empty_and_capped() -> None:
    assert fields.parse_name("  Aiko \x1b[31m\u202eTanaka\n ") == "Aiko [31mTanaka"
    assert fields.parse_name("a" * fields.NAME_MAX) == "a" * fields.NAME_MAX
    assert str(refused(fields.parse_name, " \x07 ")) == "a contact needs a name"
    error = refused(fields.parse_name, "a" * (fields.NAME_MAX + 1))
    assert error.field == "name"
    assert str(error) == "a name can be at most 300 characters (this one has 301)"


def test_notes_keep_lines_and_are_capped() -> None:
    assert fields.parse_notes("one\r\ntwo\u2028three\x1b]52;c;eA==\x07\n") == (
        "one\ntwo\nthree]52;c;eA=="
    )
    error = refused(fields.parse_notes, "x" * (fields.NOTES_MAX + 1))
    assert "at most 200,000 characters" in str(error) and error.field == "notes"
    assert refused(fields.parse_notes, "x" * (fields.NOTES_MAX + 1), "note").field == "note"


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("family, work", ("family", "work")),
        ("Work, work, WORK", ("Work",)),  # one tag without case: the first spelling stays
        (["a,b", " c ", "B"], ("a", "b", "c")),
        (" , \u202e,\x1b", ()),
        ("tea  \t time", ("tea time",)),
    ],
)
def test_tags_are_split_tidied_and_merged_without_case(typed, tags) -> None:  # noqa: ANN001
    assert fields.parse_tags(typed) == tags


def test_tags_refuse_a_tag_too_long_or_too_many() -> None:
    assert refused(fields.parse_tags, "x" * 301).field == "tags"
    many = ",".join(f"t{n}" for n in range(fields.TAGS_MAX + 1))
    assert "at most 100 tags" in str(refused(fields.parse_tags, many))


@pytest.mark.parametrize(
    ("typed", "birthday"),
    [
        ("1990-04-12", Birthday(4, 12, 1990)),
        ("04-12", Birthday(4, 12)),
        ("--02-29", Birthday(2, 29)),
        ("1900-01-01", Birthday(1, 1, 1900)),
        ("2026-11-25", Birthday(11, 25, 2026)),  # born today
    ],
)
def test_birthdays_accepted(typed: str, birthday: Birthday) -> None:
    assert fields.parse_birthday(typed, TODAY) == birthday


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-11-26", 'the birthday "2026-11-26" is in the future (today is 2026-11-25)'),
        ("9999-12-31", 'the birthday "9999-12-31" is in the future'),
        ("1899-12-31", 'the birthday "1899-12-31" is before 1900: use YYYY-MM-DD, or MM-DD'),
        ("0000-01-01", 'the birthday "0000-01-01" is not a real date: there is no year 0'),
        ("02-30", "February has no day 30"),
        ("12/01", 'cannot read the birthday "12/01": use YYYY-MM-DD, or MM-DD without a year'),
    ],
)
def test_birthdays_refused(typed: str, message: str) -> None:
    error = refused(fields.parse_birthday, typed, TODAY)
    assert message in str(error) and error.field == "birthday"


@pytest.mark.parametrize(
    ("typed", "days"),
    [("30d", 30), ("2w", 14), ("3m", 90), ("1y", 365), ("1d", 1), ("10y", 3650), ("3660", 3660)],
)
def test_cadences_accepted(typed: str, days: int) -> None:
    assert fields.parse_cadence(typed).days == days


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0d", 'a cadence is from 1 day to 10 years (3660 days), not "0d"'),
        ("11y", 'a cadence is from 1 day to 10 years (3660 days), not "11y"'),
        ("1000000000000", "a cadence is from 1 day to 10 years"),
        ("fortnight", 'cannot read the cadence "fortnight": try 30d, 2w, 3m or 1y'),
    ],
)
def test_cadences_refused(typed: str, message: str) -> None:
    error = refused(fields.parse_cadence, typed)
    assert message in str(error) and error.field == "cadence_days"


def test_letter_lead_days() -> None:
    assert [fields.parse_lead_days(t) for t in ("0", "3", "365", "", "default")] == [
        0, 3, 365, None, None,
    ]
    for typed in ("366", "-1", "1e9", "1000000000", "x", "٣"):
        error = refused(fields.parse_lead_days, typed)
        assert "a whole number from 0 to 365" in str(error), typed
        assert error.field == "letter_lead_days"


def test_no_cards_until_takes_the_same_phrases_as_a_snooze() -> None:
    assert fields.parse_no_cards_until("3w", TODAY) == date(2026, 12, 16)
    assert fields.parse_no_cards_until("2027-10-01", TODAY) == date(2027, 10, 1)
    assert fields.parse_no_cards_until("Dec 20", TODAY) == date(2026, 12, 20)
    assert fields.parse_no_cards_until("2026-01-01", TODAY) == date(2026, 1, 1)  # over already
    assert "YYYY-MM-DD" in str(refused(fields.parse_no_cards_until, "soon", TODAY))
    assert "not from 1900 to 100 years from today" in str(
        refused(fields.parse_no_cards_until, "9999-12-31", TODAY)
    )
    assert fields.parse_snoozed_until("3w", TODAY) == date(2026, 12, 16)
    assert "not from 1900" in str(refused(fields.parse_snoozed_until, "9999-12-31", TODAY))


def test_interaction_dates_are_not_in_the_future_nor_absurdly_old() -> None:
    assert fields.parse_interaction_date("yesterday", TODAY) == date(2026, 11, 24)
    assert "in the future" in str(refused(fields.parse_interaction_date, "tomorrow", TODAY))
    error = refused(fields.parse_interaction_date, "1850-06-01", TODAY)
    assert error.field == "date" and "not from 1900 to today" in str(error)


def test_timestamps_are_naive_local_times() -> None:
    fields.check_timestamp(datetime(2026, 11, 1, 9, 30), "created", TODAY)
    aware = datetime.fromisoformat("2026-11-01T09:30:00+09:00")
    error = refused(fields.check_timestamp, aware, "created", TODAY)
    assert str(error) == (
        'created "2026-11-01T09:30:00+09:00" has a time zone: the journal keeps local times '
        'without one, like "2026-11-01T09:30:00"'
    )
    assert "not from 1900" in str(refused(
        fields.check_timestamp, datetime(1, 1, 1), "updated", TODAY))


def good_contact(**changes: object) -> Contact:
    now = datetime(2026, 11, 1, 9, 0)
    values: dict = dict(id="c1", name="Ann", created=now, updated=now, tags=("a",),
                        birthday=Birthday(3, 4, 1990), cadence_days=30, letter_lead_days=3)
    values.update(changes)
    return Contact(**values)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cadence_days": 10**12}, "cadence_days"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"letter_lead_days": 10**9}, "letter_lead_days"),
        ({"birthday": Birthday(12, 31, 9999)}, "birthday"),
        ({"birthday": Birthday(5, 1, 2030)}, "birthday"),
        ({"snoozed_until": date(9999, 12, 31)}, "snoozed_until"),
        ({"no_cards_until": date(9999, 12, 31)}, "no_cards_until"),
        ({"created": datetime.fromisoformat("2026-11-01T09:00:00+09:00")}, "created"),
        ({"updated": datetime(9999, 1, 1)}, "updated"),
        ({"name": "n" * 301}, "name"),
        ({"notes": "n" * (fields.NOTES_MAX + 1)}, "notes"),
        ({"tags": ("",)}, "tags"),
        ({"cadence_months": 10**12}, "cadence_days"),
        ({"nickname": 7}, "nickname"),
        ({"emails": ("e" * 301,)}, "emails"),
        ({"addresses": ("",)}, "addresses"),
        ({"phones": tuple(f"{n}" for n in range(101))}, "phones"),
    ],
)
def test_check_contact_refuses_what_the_shell_refuses(changes: dict, field: str) -> None:
    fields.check_contact(good_contact(), TODAY)
    assert not fields.contact_in_bounds(good_contact(**changes), TODAY)
    assert refused(fields.check_contact, good_contact(**changes), TODAY).field == field


def test_check_interaction() -> None:
    made = datetime(2026, 11, 1, 9, 0)
    good = Interaction(id="i1", contact_id="c1", kind=Kind.CALL, date=date(2026, 11, 1),
                       created=made)
    fields.check_interaction(good, TODAY)
    for changes, field in [
        ({"date": date(9999, 1, 1)}, "date"),
        ({"date": date(1200, 1, 1)}, "date"),
        ({"created": made.replace(tzinfo=datetime.now().astimezone().tzinfo)}, "created"),
        ({"note": "n" * (fields.NOTES_MAX + 1)}, "note"),
        ({"channel": "c" * 301}, "channel"),
    ]:
        bad = Interaction(**{**{f: getattr(good, f) for f in good.__slots__}, **changes})
        assert refused(fields.check_interaction, bad, TODAY).field == field


def test_the_file_horizon_allows_for_time_zones_and_a_later_journal_today() -> None:
    assert fields.record_horizon() == date.today() + timedelta(days=2)
    later = date.today() + timedelta(days=400)
    assert fields.record_horizon(later) == later + timedelta(days=2)
    assert fields.record_horizon(date(2000, 1, 1)) == date.today() + timedelta(days=2)


# --- the shell and the form say the same -----------------------------------------------------


def shell(*args: str, path: Path) -> tuple[int, str, str]:
    environ = command_env({"JOURNAL_TODAY": TODAY.isoformat()})
    result = run_in_process([*args, "--file", str(path)], environ, None)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


async def form_error(path: Path, values: dict[str, str]) -> tuple[str, Path]:
    """Type `values` into the add form (field id -> text) and press enter: the error shown
    ("" when the form saved)."""
    Store.open(path).add_contact("Someone")
    app = create_app(Store.open(path), today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "a")
        form = app.screen
        assert isinstance(form, ContactForm)
        for field_id, text in values.items():
            form.query_one(f"#{field_id}", Input).focus()
            await quiet(pilot)
            await press(pilot, *text)
        await press(pilot, "enter")
        await quiet(pilot)
        if app.screen is form:
            return str(form.query_one("#error", Static).render()), path
    return "", path


@pytest.mark.parametrize(
    ("option", "field_id", "value", "message"),
    [
        ("--birthday", "birthday", "2030-01-01",
         'the birthday "2030-01-01" is in the future (today is 2026-11-25)'),
        ("--birthday", "birthday", "1850-01-01", 'the birthday "1850-01-01" is before 1900'),
        ("--cadence", "cadence", "11y",
         'a cadence is from 1 day to 10 years (3660 days), not "11y"'),
        ("--no-cards-until", "no_cards_until", "soon", 'no cards until: cannot read "soon"'),
        ("--lead-days", "lead", "400", "letter lead days must be a whole number from 0 to 365"),
    ],
)
async def test_the_shell_and_the_form_refuse_a_bad_value_in_the_same_words(
    tmp_path: Path, option: str, field_id: str, value: str, message: str
) -> None:
    code, _, err = shell("add", "Eve", option, value, path=tmp_path / "shell.json")
    assert code in (1, 2) and message in err
    shown, path = await form_error(tmp_path / "app.json", {"name": "Eve", field_id: value})
    assert message in shown
    # the whole message, word for word: the shell's line is `journal: MESSAGE` (or argparse's)
    assert err.rstrip("\n").endswith(shown)
    assert [c.name for c in Store.open(path).contacts()] == ["Someone"]
    assert not (tmp_path / "shell.json").exists()


async def test_tags_work_and_work_and_no_cards_until_3w_are_taken_alike(tmp_path: Path) -> None:
    code, _, err = shell("add", "Eve", "--tag", "Work,work", "--tag", "WORK",
                         "--no-cards-until", "3w", path=tmp_path / "shell.json")
    assert code == 0, err
    by_shell = Store.open(tmp_path / "shell.json").find("Eve")
    shown, path = await form_error(
        tmp_path / "app.json",
        {"name": "Eve", "tags": "Work, work, WORK", "no_cards_until": "3w"},
    )
    assert shown == ""
    by_form = Store.open(path).find("Eve")
    assert by_shell.tags == by_form.tags == ("Work",)
    assert by_shell.no_cards_until == by_form.no_cards_until == date(2026, 12, 16)


async def test_the_log_form_and_the_shell_tidy_and_refuse_alike(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    Store.open(path).add_contact("Ann")
    code, _, err = shell("log", "Ann", "call", "--date", "1850-06-01", path=path)
    assert code == 1 and 'the date "1850-06-01" is not from 1900 to today' in err
    code, _, err = shell("log", "Ann", "call", "hi\x1b]0;owned\x07 there", "--via",
                         "LI\u202eNE", path=path)
    assert code == 0, err
    app = create_app(Store.open(path), today=lambda: TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "l")
        form = app.screen
        assert isinstance(form, LogForm)
        await press(pilot, "c")  # call; on to the note
        form.query_one("#date", Input).value = "1850-06-01"
        await press(pilot, "enter")
        assert 'the date "1850-06-01" is not from 1900 to today' in str(
            form.query_one("#error", Static).render())
        assert app.focused is form.query_one("#date", Input)
        form.query_one("#date", Input).value = "today"
        form.query_one("#channel", Input).value = "LI\u202eNE"
        form.query_one("#note", TextArea).text = "hi\x1b]0;owned\x07 there"
        await press(pilot, "enter")
        await quiet(pilot)
    logged = Store.open(path).all_interactions()
    assert [(i.note, i.channel) for i in logged] == [("hi]0;owned there", "LINE")] * 2


# --- a journal file written by hand ----------------------------------------------------------


def journal_with(tmp_path: Path, contact: dict | None = None,
                 interaction: dict | None = None) -> Path:
    """A journal of Ann and one call, with `contact`/`interaction` written over them."""
    path = tmp_path / "hand.json"
    store = Store.open(path)
    ann = store.add_contact("Ann", cadence_days=30, birthday=Birthday(3, 4, 1990))
    store.add_interaction(ann.id, Kind.CALL, date(2026, 11, 1))
    doc = orjson.loads(path.read_bytes())
    doc["contacts"]["1"].update(contact or {})
    doc["interactions"]["1"].update(interaction or {})
    path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    return path


BAD_CONTACTS = [
    ({"cadence_days": 10**12}, "a cadence is from 1 day to 10 years"),
    ({"letter_lead_days": 10**9}, "letter lead days must be a whole number from 0 to 365"),
    ({"birthday": "9999-12-31"}, 'the birthday "9999-12-31" is in the future'),
    ({"birthday": "2030-05-01"}, 'the birthday "2030-05-01" is in the future'),
    ({"birthday": "1200-05-01"}, 'the birthday "1200-05-01" is before 1900'),
    ({"snoozed_until": "9999-12-31"}, 'a snooze: "9999-12-31" is not from 1900'),
    ({"no_cards_until": "9999-12-31"}, 'no cards until: "9999-12-31" is not from 1900'),
    ({"created": "2026-11-01T10:00:00+09:00"}, 'created "2026-11-01T10:00:00+09:00" has a time'),
    ({"updated": "9999-01-01T00:00:00"}, 'updated "9999-01-01T00:00:00" is not from 1900'),
    ({"notes": "n" * (fields.NOTES_MAX + 1)}, "notes can be at most 200,000 characters"),
]
BAD_INTERACTIONS = [
    ({"date": "9999-12-31"}, 'the date "9999-12-31" is not from 1900 to today'),
    ({"date": "1200-01-01"}, 'the date "1200-01-01" is not from 1900 to today'),
    ({"created": "2026-11-01T10:00:00+09:00"}, 'created "2026-11-01T10:00:00+09:00" has a time'),
    ({"note": "n" * (fields.NOTES_MAX + 1)}, "a note can be at most 200,000 characters"),
]


@pytest.mark.parametrize(("values", "message"), BAD_CONTACTS)
def test_a_journal_file_with_a_contact_out_of_bounds_is_refused_untouched(
    tmp_path: Path, values: dict, message: str
) -> None:
    path = journal_with(tmp_path, contact=values)
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        Store.open(path)
    assert str(caught.value).startswith(f'{path}: contact #1 ("Ann"): ')
    assert message in str(caught.value)
    for command in (["list"], ["show", "Ann"], ["birthdays"], ["export", "--format", "ics"],
                    ["edit", "Ann", "--cadence", "2w"], []):  # [] starts the app
        code, out, err = shell(*command, path=path)
        assert code == 1, (command, out, err)
        assert f'{path}: contact #1 ("Ann"): ' in err and message in err, command
        assert "left as it is" in err or not command
    assert path.read_bytes() == before


@pytest.mark.parametrize(("values", "message"), BAD_INTERACTIONS)
def test_a_journal_file_with_an_interaction_out_of_bounds_is_refused_untouched(
    tmp_path: Path, values: dict, message: str
) -> None:
    path = journal_with(tmp_path, interaction=values)
    before = path.read_bytes()
    with pytest.raises(JournalError) as caught:
        Store.open(path)
    assert str(caught.value).startswith(f"{path}: interaction #1 (of ")
    assert message in str(caught.value)
    code, _, err = shell("log", "Ann", "call", path=path)
    assert code == 1 and message in err
    assert path.read_bytes() == before


def test_a_journal_with_a_record_dated_on_a_later_journal_today_opens(tmp_path: Path) -> None:
    later = date.today() + timedelta(days=30)
    path = journal_with(tmp_path, contact={"birthday": later.isoformat()},
                        interaction={"date": later.isoformat()})
    with pytest.raises(JournalError, match="in the future"):
        Store.open(path)
    store = Store.open(path, today=lambda: later)  # a demo or a test on a frozen day
    assert store.find("Ann").birthday == Birthday(later.month, later.day, later.year)
    environ = command_env({"JOURNAL_TODAY": later.isoformat()})
    result = run_in_process(["show", "Ann", "--file", str(path)], environ, None)
    assert result.returncode == 0, result.stderr


def test_the_store_refuses_to_write_what_the_file_check_would_refuse(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    ann = store.add_contact("Ann")
    before = path.read_bytes()
    with pytest.raises(FieldError, match="a cadence is from 1 day"):
        store.add_contact("Ben", cadence_days=10**12)
    with pytest.raises(FieldError, match="letter lead days"):
        store.update_contact(Contact(**{**{f: getattr(ann, f) for f in ann.__slots__},
                                        "letter_lead_days": 10**9}))
    with pytest.raises(FieldError, match="not from 1900 to today"):
        store.add_interaction(ann.id, Kind.CALL, date(9999, 1, 1))
    assert path.read_bytes() == before
    assert [c.name for c in Store.open(path).contacts()] == ["Ann"]


# --- restore and import ----------------------------------------------------------------------


@pytest.mark.parametrize(("values", "message"), BAD_CONTACTS[:8])
def test_a_restore_with_a_bad_value_is_refused_naming_the_backup(
    tmp_path: Path, values: dict, message: str
) -> None:
    path = journal_with(tmp_path)
    store = Store.open(path)
    backup = orjson.loads(export(store, "json", TODAY))
    backup["contacts"][0].update(values)
    backup["contacts"][0]["name"] = "Ann B"
    source = tmp_path / "backup.json"
    source.write_bytes(orjson.dumps(backup))
    before = path.read_bytes()
    with pytest.raises(TransferError) as caught:
        import_file(store, source)
    assert str(caught.value).startswith(f'{source}: contact #1 ("Ann B"): ')
    assert message in str(caught.value) and "nothing was restored" in str(caught.value)
    code, _, err = shell("import", str(source), path=path)
    assert code == 1 and str(source) in err and message in err
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))  # no copy "before the restore" was left


def test_a_restore_with_a_bad_interaction_is_refused(tmp_path: Path) -> None:
    path = journal_with(tmp_path)
    store = Store.open(path)
    backup = orjson.loads(export(store, "json", TODAY))
    backup["interactions"][0]["date"] = "9999-12-31"
    source = tmp_path / "backup.json"
    source.write_bytes(orjson.dumps(backup))
    before = path.read_bytes()
    with pytest.raises(TransferError, match=r"backup.json: interaction #1 \(of 9999-12-31\)"):
        import_file(store, source)
    assert path.read_bytes() == before


VCARD_HOSTILE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\n"
    "FN:Mallory \x1b]52;c;cGF5\x07\u202eKing\u200b\r\n"
    "N:King;Mallory;;;\r\n"
    "NOTE:line one\\nline \x1b[2Jtwo\u2066\r\n"
    "CATEGORIES:wo\u202erk,Work,\x1b[31mred\r\n"
    "END:VCARD\r\n"
)


def test_a_vcard_with_controls_and_bidi_overrides_imports_tidied(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = Store.open(path)
    source = tmp_path / "hostile.vcf"
    source.write_bytes(VCARD_HOSTILE.encode())
    report = import_file(store, source)
    assert len(report.added) == 1, report.summary()
    (c,) = Store.open(path).contacts()
    assert c.name == "Mallory ]52;c;cGF5King"
    assert c.notes == "line one\nline [2Jtwo"
    assert c.tags == ("work", "[31mred")
    text = orjson.dumps(orjson.loads(path.read_bytes())).decode()
    for bad in ("\\u001b", "\u202e", "\u2066", "\u200b", "\\u0007"):
        assert bad not in text


def test_an_import_cuts_a_name_and_a_note_over_the_limits_and_says_so(tmp_path: Path) -> None:
    long_name = "N" * 10_000
    long_note = "x" * (fields.NOTES_MAX + 5)
    source = tmp_path / "big.vcf"
    source.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{long_name}\r\nNOTE:{long_note}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Short\r\nBDAY:2030-01-01\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\x1b\u202e\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "j.json"
    code, out, err = shell("import", str(source), path=path)
    assert code == 0, err
    cut_name = "N" * fields.NAME_MAX
    assert f'card 1 (line 1) "{cut_name}": name cut to 300 characters' in out
    assert f'card 1 (line 1) "{cut_name}": notes cut to 200,000 characters' in out
    assert ('card 2 (line 6) "Short": the birthday "2030-01-01" is in the future (today is '
            "2026-11-25); kept in the notes") in out
    assert "no name once its control characters are left out" in out
    people = {c.name: c for c in Store.open(path).contacts()}
    assert set(people) == {cut_name, "Short"}
    assert len(people[cut_name].notes) == fields.NOTES_MAX
    assert people["Short"].birthday is None and "2030-01-01" in people["Short"].notes


def test_several_emails_phones_and_addresses_are_tidied_and_checked() -> None:
    assert fields.parse_several(["a@x.org\u202e", " ", "A@X.org", "b@y.org"], "email") == (
        "a@x.org", "b@y.org",
    )
    assert fields.parse_several(["1 Elm St\r\nSpringfield\x1b"], "address") == (
        "1 Elm St\nSpringfield",
    )
    error = refused(fields.parse_several, ["e" * 301], "email")
    assert error.field == "email" and "an email can be at most 300 characters" in str(error)


# the fast path (`contact_in_bounds`, run on every contact of a file) and the full check
# (`check_contact`, which says what is wrong) must agree on every record
_VALUES = {
    "name": ["Ann", "", " ", "n" * 301, 7],
    "reading": ["", "r" * 301, None],
    "tags": [(), ("a", "B"), ("",), (" ",), ("t" * 301,), (1,), tuple(map(str, range(101)))],
    "birthday": [None, Birthday(3, 4), Birthday(3, 4, 1990), Birthday(5, 1, 2030),
                 Birthday(1, 1, 1899)],
    "cadence_days": [None, 1, 3660, 0, 3661, 10**12, 2.5],
    "cadence_months": [None, 6, 0, 123, 10**12],
    "emails": [(), ("a@x.org",), ("",), ("e" * 301,), (5,)],
    "addresses": [(), ("1 Elm\nSt",), ("a" * 2001,)],
    "letter_lead_days": [None, 0, 365, -1, 366, 10**9],
    "snoozed_until": [None, date(2026, 12, 1), date(9999, 12, 31), date(1850, 1, 1)],
    "no_cards_until": [None, date(2026, 1, 1), date(9999, 12, 31)],
    "notes": ["", "n" * fields.NOTES_MAX, "n" * (fields.NOTES_MAX + 1)],
    "created": [datetime(2026, 11, 1), datetime(1899, 1, 1), datetime(2026, 11, 26),
                datetime.fromisoformat("2026-11-01T00:00:00+00:00")],
}


def test_the_fast_and_the_full_contact_checks_agree() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    # a good contact with one or two fields changed: each rule is met alone, and in pairs
    changes = st.lists(
        st.sampled_from(sorted(_VALUES)).flatmap(
            lambda k: st.tuples(st.just(k), st.sampled_from(_VALUES[k]))),
        max_size=2,
    ).map(dict)

    @settings(max_examples=400, deadline=None)
    @given(changes)
    def agree(values: dict) -> None:
        contact = good_contact(**values)
        try:
            fields.check_contact_in_full(contact, TODAY)
        except FieldError:
            assert not fields.contact_in_bounds(contact, TODAY)
        else:
            assert fields.contact_in_bounds(contact, TODAY)

    agree()
