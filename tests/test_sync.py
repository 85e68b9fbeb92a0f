"""`journal sync`: the journal's people and a vdir (a folder of .vcf cards) kept in step both
ways. Real journal files and real folders in tmp_path; the command runs in-process through
`journal.cli.main`, and as a real process where its exit code is the point."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pilot_helpers import press, quiet

from journal import cardedit, vcard, vdir
from journal.model import Birthday, Contact, Kind
from journal.store import Store
from tests.journal_command import command_env, run_in_process, run_process

AIKO = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    b"N:Tanaka;Aiko;;;\r\nFN:Aiko Tanaka\r\nORG:Acme Corp;Sales\r\n"
    b"EMAIL;type=INTERNET;type=HOME;type=pref:aiko@example.jp\r\n"
    b"item1.TEL;type=pref:+81 90 1234 5678\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
    b"TEL;type=HOME;type=VOICE:+81 3 9876 5432\r\n"
    b"item2.ADR;type=HOME:;;1-2-3 Shibuya;Tokyo;;150-0002;Japan\r\n"
    b"item2.X-ABADR:jp\r\nBDAY:1990-03-22\r\nCATEGORIES:Friends,Tokyo\r\n"
    b"NOTE:Met at the conference\r\nX-SOCIALPROFILE;type=twitter:x-apple:aiko\r\n"
    b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAABAgMEBQYHCAkKCwwNDg8QERIT\r\n"
    b" FBUWFxgZGhscHR4fICEiIyQlJic=\r\nUID:aiko-1\r\nEND:VCARD\r\n"
)


def card(uid: str, name: str, *lines: str, version: str = "3.0") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:{uid}", f"FN:{name}", *lines,
            "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode()


def run(file: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return run_in_process(["--file", str(file), *argv], command_env({}))


def ok(file: Path, *argv: str) -> str:
    done = run(file, *argv)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "contacts"
    folder.mkdir()
    return folder


@pytest.fixture
def file(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def people(file: Path, archived: bool = True) -> dict[str, Contact]:
    return {c.name: c for c in Store.open(file).contacts(archived=archived)}


def folder_state(folder: Path) -> dict[str, tuple[int, int, int, bytes]]:
    """Every file of the folder with its inode, mtime and size, and its bytes."""
    found = {}
    for path in sorted(folder.iterdir()):
        st = path.stat()
        found[path.name] = (st.st_ino, st.st_mtime_ns, st.st_size, path.read_bytes())
    return found


def touch_later(path: Path) -> None:
    """Give a file a later mtime, as a rewrite a moment later would."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def rewrite(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    touch_later(path)


# --- first sync -----------------------------------------------------------------------------


def test_first_sync_brings_the_cards_in_and_the_journals_people_out(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "add", "Ben Okafor", "--email", "ben@example.org", "--tag", "work")
    line = ok(file, "sync", "--vdir", str(book))
    assert line == f"synced with {book}: 1 added here, 1 added there\n"
    aiko = people(file)["Aiko Tanaka"]
    assert aiko.uid == "aiko-1"
    assert aiko.birthday == Birthday(3, 22, 1990)
    assert aiko.phones == ("+81 90 1234 5678", "+81 3 9876 5432")
    assert aiko.emails == ("aiko@example.jp",)
    assert aiko.tags == ("Friends", "Tokyo")
    assert aiko.notes == "Met at the conference"
    ben = people(file)["Ben Okafor"]
    written = book / f"{ben.uid}.vcf"
    assert written.is_file() and ben.uid
    parsed = vcard.parse(written.read_bytes()).cards
    assert [(c.name, c.emails, c.tags, c.uid) for c in parsed] == [
        ("Ben Okafor", ("ben@example.org",), ("work",), ben.uid)
    ]
    assert b"\r\nVERSION:3.0\r\n" in written.read_bytes()
    assert (book / "aiko-1.vcf").read_bytes() == AIKO  # nothing of the journal's to add


@pytest.mark.parametrize("how", ["uid", "email", "name"])
def test_first_sync_matches_people_already_in_the_journal(book: Path, file: Path, how: str):
    ok(file, "add", "Aiko Tanaka" if how != "email" else "Aiko T.",
       "--email", "aiko@example.jp" if how != "name" else "old@example.jp")
    ok(file, "log", "Aiko", "meeting", "lunch")
    if how == "uid":  # the journal has the card's UID from an earlier import
        store = Store.open(file)
        store.update_contact(replace(store.find("Aiko"), name="A. Tanaka", uid="aiko-1"))
    (book / "aiko-1.vcf").write_bytes(AIKO)
    line = ok(file, "sync", "--vdir", str(book))
    assert "added here" not in line and "added there" not in line
    everyone = people(file)
    assert list(everyone) == ["Aiko Tanaka"]
    aiko = everyone["Aiko Tanaka"]
    assert aiko.uid == "aiko-1"
    assert len(Store.open(file).interactions(aiko.id)) == 1
    if how == "name":  # the journal's other email is joined, and written to the card
        assert aiko.emails == ("aiko@example.jp", "old@example.jp")
        assert b"EMAIL;TYPE=INTERNET:old@example.jp\r\n" in (book / "aiko-1.vcf").read_bytes()
    assert ok(file, "sync").endswith(": nothing changed\n")


def test_first_sync_reports_the_journals_value_a_card_replaced(book: Path, file: Path):
    ok(file, "add", "Aiko Tanaka", "--birthday", "1990-03-23")
    (book / "aiko-1.vcf").write_bytes(AIKO)
    line = ok(file, "sync", "--vdir", str(book))
    assert "1 conflict (kept the address book's birthday for Aiko Tanaka, not 1990-03-23)" in line
    assert people(file)["Aiko Tanaka"].birthday == Birthday(3, 22, 1990)


def test_two_cards_of_one_name_never_become_one_person(book: Path, file: Path):
    ok(file, "add", "Sam Lee")
    (book / "a.vcf").write_bytes(card("sam-a", "Sam Lee", "EMAIL:a@example.org"))
    (book / "b.vcf").write_bytes(card("sam-b", "Sam Lee", "EMAIL:b@example.org"))
    ok(file, "sync", "--vdir", str(book))
    sams = [c for c in Store.open(file).contacts(archived=True)]
    assert sorted(c.uid for c in sams) == ["sam-a", "sam-b"]
    assert sorted(p.name for p in book.iterdir()) == ["a.vcf", "b.vcf"]
    assert ok(file, "sync").endswith(": nothing changed\n")


# --- nothing changed ------------------------------------------------------------------------


def test_a_sync_with_nothing_changed_touches_no_file_and_not_the_journal(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    (book / "broken.vcf").write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n")
    ok(file, "add", "Ben Okafor", "--email", "ben@example.org")
    ok(file, "sync", "--vdir", str(book))
    cards, journal = folder_state(book), file.read_bytes()
    journal_stat = file.stat()
    for _ in range(2):
        done = run(file, "sync")
        assert done.stdout == f"synced with {book}: 1 card skipped\n"
    assert folder_state(book) == cards
    assert file.read_bytes() == journal
    assert (file.stat().st_ino, file.stat().st_mtime_ns) == (
        journal_stat.st_ino, journal_stat.st_mtime_ns)


def test_a_card_touched_but_not_changed_changes_nothing(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    before = people(file)["Aiko Tanaka"]
    touch_later(book / "aiko-1.vcf")
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert people(file)["Aiko Tanaka"] == before
    journal = file.read_bytes()
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert file.read_bytes() == journal  # the new mtime was remembered: not read again


# --- changes on one side --------------------------------------------------------------------


def test_a_card_changed_in_the_address_book_updates_the_journal(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    changed = (
        AIKO.replace(b"FN:Aiko Tanaka", b"FN:Aiko Sato").replace(b"N:Tanaka;", b"N:Sato;")
        .replace(b"BDAY:1990-03-22", b"BDAY:1990-04-01")
        .replace(b"+81 3 9876 5432", b"+81 3 1111 2222")
        .replace(b"CATEGORIES:Friends,Tokyo", b"CATEGORIES:Friends,Osaka")
        .replace(b"NOTE:Met at the conference", b"NOTE:Moved to Osaka")
        .replace(b"1-2-3 Shibuya;Tokyo", b"4-5 Umeda;Osaka")
        .replace(b"aiko@example.jp", b"aiko@example.com")
    )
    rewrite(book / "aiko-1.vcf", changed)
    line = ok(file, "sync")
    assert line == f"synced with {book}: 1 updated\n"
    aiko = people(file)["Aiko Sato"]
    assert aiko.birthday == Birthday(4, 1, 1990)
    assert aiko.phones == ("+81 90 1234 5678", "+81 3 1111 2222")
    assert aiko.emails == ("aiko@example.com",)
    assert aiko.tags == ("Friends", "Osaka")
    assert aiko.notes == "Moved to Osaka"
    assert aiko.addresses == ("4-5 Umeda\nOsaka, 150-0002\nJapan",)
    assert (book / "aiko-1.vcf").read_bytes() == changed  # the journal had nothing to add


def test_a_person_changed_in_the_journal_rewrites_only_their_lines(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--birthday", "1990-03-25", "--phone", "+81 90 1234 5678",
       "--phone", "+81 3 9876 5432", "--phone", "+1 555 0100")
    ok(file, "log", "Aiko", "call", "about the trip")
    ok(file, "snooze", "Aiko", "2w")
    line = ok(file, "sync")
    assert line == f"synced with {book}: 1 updated\n"
    expected = AIKO.replace(b"BDAY:1990-03-22", b"BDAY:1990-03-25").replace(
        b"TEL;type=HOME;type=VOICE:+81 3 9876 5432\r\n",
        b"TEL;type=HOME;type=VOICE:+81 3 9876 5432\r\nTEL;TYPE=VOICE:+1 555 0100\r\n",
    )
    assert (book / "aiko-1.vcf").read_bytes() == expected
    assert ok(file, "sync").endswith(": nothing changed\n")


def test_a_number_removed_in_the_journal_leaves_with_its_label(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--phone", "+81 3 9876 5432")
    ok(file, "sync")
    expected = AIKO.replace(
        b"item1.TEL;type=pref:+81 90 1234 5678\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n", b"")
    assert (book / "aiko-1.vcf").read_bytes() == expected


def test_journal_only_data_never_goes_into_a_card(book: Path, file: Path):
    ok(file, "add", "Ben Okafor", "--cadence", "3w", "--cards", "--lead-days", "9",
       "--no-cards-until", "2020-01-01", "--reason", "mourning")
    ok(file, "log", "Ben", "letter", "--give", "sent the secret book")
    ok(file, "sync", "--vdir", str(book))
    [written] = book.iterdir()
    text = written.read_text()
    for leak in ("secret", "3w", "21", "season", "SEASON", "letter", "mourning", "2020"):
        assert leak not in text.replace(written.stem, "")


# --- both sides -----------------------------------------------------------------------------


def test_a_field_changed_on_both_sides_keeps_the_address_books_value(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--birthday", "1990-03-23", "--notes", "Likes tea")
    rewrite(book / "aiko-1.vcf", AIKO.replace(b"BDAY:1990-03-22", b"BDAY:1990-03-24"))
    line = ok(file, "sync")
    assert line == (
        f"synced with {book}: 1 updated, 1 conflict (kept the address book's birthday for "
        "Aiko Tanaka, not 1990-03-23)\n"
    )
    aiko = people(file)["Aiko Tanaka"]
    assert aiko.birthday == Birthday(3, 24, 1990)
    assert aiko.notes == "Likes tea"  # changed on the journal's side alone: into the card
    data = (book / "aiko-1.vcf").read_bytes()
    assert b"BDAY:1990-03-24\r\n" in data and b"NOTE:Likes tea\r\n" in data
    report = json.loads(ok(file, "sync", "--json"))
    assert report["counts"]["conflicts"] == 0


def test_json_report_names_each_conflict(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--email", "mine@example.org")
    rewrite(book / "aiko-1.vcf", AIKO.replace(b"aiko@example.jp", b"theirs@example.org"))
    report = json.loads(ok(file, "sync", "--json"))
    assert report["conflicts"] == [{
        "name": "Aiko Tanaka", "field": "emails", "journal": "mine@example.org",
        "kept": "theirs@example.org",
    }]
    assert report["updated_here"] == [{"name": "Aiko Tanaka", "fields": ["emails"]}]


# --- deleting -------------------------------------------------------------------------------


def test_a_card_deleted_from_the_folder_archives_its_person(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "log", "Aiko", "meeting", "lunch")
    (book / "aiko-1.vcf").unlink()
    assert ok(file, "sync") == f"synced with {book}: 1 archived\n"
    aiko = people(file)["Aiko Tanaka"]
    assert aiko.archived
    assert len(Store.open(file).interactions(aiko.id)) == 1
    assert list(book.iterdir()) == []  # not written back
    assert ok(file, "sync").endswith(": nothing changed\n")
    ok(file, "unarchive", "Aiko")  # brought back by hand: a card again
    assert ok(file, "sync").endswith(": 1 added there\n")


def test_a_person_deleted_in_the_journal_is_not_brought_back(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    (book / "ben.vcf").write_bytes(card("ben-1", "Ben Okafor"))
    ok(file, "sync", "--vdir", str(book))
    store = Store.open(file)
    ben = store.find("Ben")
    store.restore([c for c in store.contacts(archived=True) if c.id != ben.id], [])
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert sorted(people(file)) == ["Aiko Tanaka"]
    assert (book / "ben.vcf").read_bytes() == card("ben-1", "Ben Okafor")  # stays there
    rewrite(book / "ben.vcf", card("ben-1", "Ben Okafor", "NOTE:changed on the phone"))
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert sorted(people(file)) == ["Aiko Tanaka"]


def test_a_card_renamed_in_the_folder_stays_linked(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    (book / "aiko-1.vcf").rename(book / "renamed.vcf")
    assert ok(file, "sync").endswith(": nothing changed\n")
    assert list(people(file)) == ["Aiko Tanaka"] and not people(file)["Aiko Tanaka"].archived
    ok(file, "edit", "Aiko", "--birthday", "1990-03-25")
    ok(file, "sync")
    assert b"BDAY:1990-03-25" in (book / "renamed.vcf").read_bytes()


# --- writes ---------------------------------------------------------------------------------


def test_a_card_changed_on_disk_after_it_was_read_is_not_overwritten(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--birthday", "1990-03-25")
    store = Store.open(file)
    report, changes, links = vdir.plan(store, book, date.today())
    assert [c.file for c in changes if c.write] == ["aiko-1.vcf"]
    meanwhile = AIKO.replace(b"NOTE:Met at the conference", b"NOTE:Edited on the phone")
    rewrite(book / "aiko-1.vcf", meanwhile)  # vdirsyncer brings a new version
    vdir.apply(store, book, report, changes, links)
    assert report.waiting == [("aiko-1.vcf", "changed on disk while syncing")]
    assert "1 left for the next sync" in report.summary()
    assert (book / "aiko-1.vcf").read_bytes() == meanwhile
    assert [p.name for p in book.iterdir()] == ["aiko-1.vcf"]  # no temporary file left
    line = ok(file, "sync")  # the next sync does both
    assert line == f"synced with {book}: 1 updated\n"
    data = (book / "aiko-1.vcf").read_bytes()
    assert b"NOTE:Edited on the phone" in data and b"BDAY:1990-03-25" in data
    assert people(file)["Aiko Tanaka"].notes == "Edited on the phone"


def test_a_new_card_never_replaces_a_file_that_appeared(book: Path, file: Path):
    ok(file, "add", "Ben Okafor")
    store = Store.open(file)
    report, changes, links = vdir.plan(store, book, date.today())
    [change] = changes
    (book / change.file).write_bytes(b"someone else's")
    vdir.apply(store, book, report, changes, links)
    assert (book / change.file).read_bytes() == b"someone else's"
    assert report.waiting == [(change.file, "a file of that name appeared while syncing")]


def test_write_card_keeps_the_files_permissions(book: Path):
    path = book / "a.vcf"
    path.write_bytes(AIKO)
    path.chmod(0o640)
    got = vdir.read_file(path)
    assert vdir.write_card(path, b"new", got.stat) is not None
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o640


# --- bad cards and folders ------------------------------------------------------------------


def test_broken_cards_are_reported_skipped_and_left_as_they_are(book: Path, file: Path):
    bad = {
        "cut.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n",
        "text.vcf": b"just some notes\n",
        "noname.vcf": card("x", "").replace(b"FN:\r\n", b""),
        "two.vcf": card("a", "A One") + card("b", "B Two"),
    }
    for name, data in bad.items():
        (book / name).write_bytes(data)
    (book / "aiko-1.vcf").write_bytes(AIKO)
    (book / "readme.txt").write_bytes(b"not a card file")
    (book / ".aiko.vcf.tmp").write_bytes(b"a writer's temporary file")
    done = run(file, "sync", "--vdir", str(book))
    assert done.returncode == 0
    assert done.stdout == f"synced with {book}: 1 added here, 4 cards skipped\n"
    assert sorted(done.stderr.splitlines()) == [
        "journal sync: cut.vcf: the file ends before END:VCARD",
        "journal sync: noname.vcf: no name (no FN, N, ORG or NICKNAME)",
        "journal sync: text.vcf: not a vCard",
        "journal sync: two.vcf: holds 2 cards; a vdir keeps one card in each file",
    ]
    assert list(people(file)) == ["Aiko Tanaka"]
    for name, data in bad.items():
        assert (book / name).read_bytes() == data


def test_a_linked_card_that_breaks_is_skipped_and_its_person_kept(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    ok(file, "edit", "Aiko", "--birthday", "1990-03-25")
    broken = AIKO.replace(b"END:VCARD\r\n", b"")
    rewrite(book / "aiko-1.vcf", broken)
    done = run(file, "sync")
    assert done.stdout.endswith(": 1 card skipped\n")
    assert (book / "aiko-1.vcf").read_bytes() == broken
    assert not people(file)["Aiko Tanaka"].archived
    rewrite(book / "aiko-1.vcf", AIKO)  # mended: the journal's birthday goes in now
    ok(file, "sync")
    assert b"BDAY:1990-03-25" in (book / "aiko-1.vcf").read_bytes()


def test_a_folder_that_cannot_be_read_exits_1_and_changes_nothing(tmp_path: Path, file: Path):
    ok(file, "add", "Ben Okafor")
    journal = file.read_bytes()
    missing = run_process(["--file", str(file), "sync", "--vdir", str(tmp_path / "nope")],
                          command_env({}))
    assert missing.returncode == 1
    assert missing.stderr == f"journal: {tmp_path / 'nope'}: there is no such folder\n"
    assert missing.stdout == ""
    a_file = tmp_path / "x.vcf"
    a_file.write_bytes(AIKO)
    done = run(file, "sync", "--vdir", str(a_file))
    assert done.returncode == 1 and "a file, not a folder" in done.stderr
    assert file.read_bytes() == journal
    assert Store.open(file).get_meta(vdir.META_FOLDER) is None


def test_the_parent_of_address_books_is_refused_with_a_hint(tmp_path: Path, file: Path):
    (tmp_path / "vdir" / "default").mkdir(parents=True)
    (tmp_path / "vdir" / "default" / "a.vcf").write_bytes(AIKO)
    done = run(file, "sync", "--vdir", str(tmp_path / "vdir"))
    assert done.returncode == 1
    assert f"sync one of them, e.g. journal sync --vdir {tmp_path}/vdir/default" in done.stderr


def test_without_a_folder_sync_says_how_to_give_one(file: Path):
    done = run(file, "sync")
    assert done.returncode == 1
    assert "journal sync --vdir ~/.contacts/default" in done.stderr


# --- options --------------------------------------------------------------------------------


def test_dry_run_writes_nothing_and_remembers_nothing(book: Path, file: Path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "add", "Ben Okafor")
    journal, cards = file.read_bytes(), folder_state(book)
    line = ok(file, "sync", "--vdir", str(book), "--dry-run")
    assert line == (
        f"synced with {book} (dry run: nothing was written): 1 added here, 1 added there\n"
    )
    assert file.read_bytes() == journal and folder_state(book) == cards
    assert ok(file, "sync", "--vdir", str(book)).endswith(": 1 added here, 1 added there\n")


def test_the_folder_is_remembered_and_json_tells_everything(book: Path, file: Path, tmp_path):
    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "sync", "--vdir", str(book))
    assert Store.open(file).get_meta(vdir.META_FOLDER) == str(book)
    os.chdir(tmp_path)
    ok(file, "add", "Ben Okafor")
    report = json.loads(ok(file, "sync", "--json"))
    assert report["folder"] == str(book)
    assert report["added_there"] == ["Ben Okafor"]
    assert report["counts"] == {"added_here": 0, "added_there": 1, "updated": 0, "archived": 0,
                                "conflicts": 0, "skipped": 0, "waiting": 0}
    assert report["cards"] == 1  # cards in the folder when it was read


def test_a_relative_folder_is_remembered_absolute(book: Path, file: Path, monkeypatch):
    monkeypatch.chdir(book.parent)
    ok(file, "sync", "--vdir", "contacts")
    assert Store.open(file).get_meta(vdir.META_FOLDER) == str(book)


def test_home_is_shown_as_a_tilde(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert vdir.shown(tmp_path / ".contacts" / "default") == "~/.contacts/default"
    assert vdir.shown(Path("/elsewhere/book")) == "/elsewhere/book"


# --- the card editor ------------------------------------------------------------------------


def edited(data: bytes, fields: list[str], **values) -> bytes:
    contact = Contact(id="x", name=values.pop("name", "Aiko Tanaka"), **values)
    return cardedit.edit_card(data, contact, fields)


def test_the_editor_keeps_line_endings_folds_and_unknown_lines():
    lf = AIKO.replace(b"\r\n", b"\n")
    out = edited(lf, ["birthday"], birthday=Birthday(3, 25, 1990))
    assert out == lf.replace(b"BDAY:1990-03-22", b"BDAY:1990-03-25")


def test_the_editor_adds_lines_for_a_card_without_the_field():
    data = card("u", "Aiko Tanaka", "X-CUSTOM;PARAM=1:kept")
    out = edited(data, ["birthday", "tags"], birthday=Birthday(3, 25), tags=("a", "b,c"))
    assert out == data.replace(
        b"END:VCARD", b"BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-25\r\nCATEGORIES:a,b\\,c\r\nEND:VCARD"
    )


def test_the_editor_writes_each_version_as_that_version_reads():
    data = card("u", "Aiko Tanaka", "BDAY:19900322", version="4.0")
    out = edited(data, ["birthday", "emails"], birthday=Birthday(3, 25), emails=("a@b.c",))
    assert b"BDAY:--0325\r\n" in out and b"EMAIL:a@b.c\r\n" in out
    v21 = card("u", "Aiko Tanaka", version="2.1")
    out = edited(v21, ["notes"], notes="café")
    assert "NOTE;CHARSET=UTF-8:café\r\n".encode() in out
    assert vcard.parse(out).cards[0].notes == "café"


def test_the_editor_rewrites_a_list_whose_preferred_value_changed():
    data = card("u", "Aiko Tanaka", "TEL;TYPE=CELL:111", "TEL;TYPE=HOME:222")
    out = edited(data, ["phones"], phones=("222", "111"))
    assert vcard.parse(out).cards[0].phones == ("222", "111")
    same = edited(data, ["phones"], phones=("111", "222"))
    assert same == data


def test_the_editor_renames_and_sets_a_reading():
    data = card("u", "Aiko Tanaka", "N:Tanaka;Aiko;;;", "PHOTO;VALUE=uri:https://x/y.jpg")
    out = edited(data, ["name", "reading"], name="Aiko Sato", reading="さとう あいこ")
    read = vcard.parse(out).cards[0]
    assert (read.name, read.reading) == ("Aiko Sato", "さとう あいこ")
    assert b"PHOTO;VALUE=uri:https://x/y.jpg\r\n" in out


def test_the_editor_refuses_what_is_not_one_card():
    for data in (b"hello", card("a", "A") + card("b", "B"),
                 "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n".encode("utf-16")):
        with pytest.raises(cardedit.CardEditError):
            edited(data, ["notes"], notes="x")


def test_a_journal_without_interactions_gets_its_card_history_kept(book: Path, file: Path):
    ok(file, "add", "Ben Okafor")
    store = Store.open(file)
    store.add_interaction(store.find("Ben").id, Kind.CALL, date.today())
    ok(file, "sync", "--vdir", str(book))
    (next(book.iterdir())).unlink()
    ok(file, "sync")
    ben = people(file)["Ben Okafor"]
    assert ben.archived and len(Store.open(file).interactions(ben.id)) == 1


# --- the app --------------------------------------------------------------------------------


async def test_the_palette_syncs_with_the_remembered_folder(book: Path, file: Path) -> None:
    from screens.app import create_app

    (book / "aiko-1.vcf").write_bytes(AIKO)
    ok(file, "add", "Ben Okafor")
    ok(file, "sync", "--vdir", str(book))
    rewrite(book / "aiko-1.vcf", AIKO.replace(b"BDAY:1990-03-22", b"BDAY:1990-03-24"))
    store = Store.open(file)
    app = create_app(store, today=date.today)
    said: list[str] = []
    app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "ctrl+p", *"sync address book")
        await press(pilot, "enter")
        await quiet(pilot)
        assert said == [f"synced with {book}: 1 updated"]
    assert people(file)["Aiko Tanaka"].birthday == Birthday(3, 24, 1990)


async def test_the_palette_asks_for_a_folder_the_first_time(book: Path, file: Path) -> None:
    from screens.app import create_app

    (book / "aiko-1.vcf").write_bytes(AIKO)
    store = Store.open(file)
    app = create_app(store, today=date.today)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "ctrl+p", *"sync address book")
        await press(pilot, "enter")
        await press(pilot, "ctrl+u", *str(book / "missing"), "enter")
        assert "There is no folder" in str(app.screen.query_one("#error").render())
        await press(pilot, "ctrl+u", *str(book), "enter")
        await quiet(pilot)
    assert list(people(file)) == ["Aiko Tanaka"]
    assert vdir.remembered_folder(Store.open(file)) == book


def test_names_that_are_not_utf8_are_refused_or_passed_over(tmp_path: Path, file: Path):
    odd = os.fsdecode(bytes(tmp_path) + b"/caf\xe9")
    os.mkdir(odd)
    done = run(file, "sync", "--vdir", odd)
    assert done.returncode == 1 and "its path is not UTF-8 text" in done.stderr
    book = tmp_path / "book"
    book.mkdir()
    (book / "aiko-1.vcf").write_bytes(AIKO)
    with open(os.fsencode(book) + b"/\xff.vcf", "wb") as odd_card:
        odd_card.write(card("odd", "Odd Name"))
    assert ok(file, "sync", "--vdir", str(book)).endswith(": 1 added here\n")
    assert list(people(file)) == ["Aiko Tanaka"]
