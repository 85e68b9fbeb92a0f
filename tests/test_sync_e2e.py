"""`journal sync` against the real engines: a Radicale CardDAV server, vdirsyncer moving cards
between it and a vdir, khard reading the vdir. Nothing is mocked; each test has its own
server on its own port and folders, so they run side by side under pytest-xdist."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal import vcard
from journal.model import Birthday
from journal.store import Store
from tests.carddav import Radicale, radicale, run_tool, vdirsyncer_config
from tests.journal_command import command_env, run_in_process

PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJic="
SEED = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:aiko-tanaka-1\r\nFN:Aiko Tanaka\r\n"
    "N:Tanaka;Aiko;;;\r\nTEL;TYPE=CELL:+81 90 1234 5678\r\nTEL;TYPE=HOME:+81 3 9876 5432\r\n"
    f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}\r\nBDAY:1990-03-22\r\nEND:VCARD\r\n"
)


def journal(path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    done = run_in_process(["--file", str(path), *argv], command_env({}))
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Radicale]:
    with radicale(tmp_path / "radicale") as running:
        yield running


def read_server_card(server: Radicale, path: str) -> vcard.Card:
    parsed = vcard.parse(server.request("GET", path))
    assert len(parsed.cards) == 1, parsed
    return parsed.cards[0]


def test_journal_and_carddav_server_stay_in_step_through_vdirsyncer(
    server: Radicale, tmp_path: Path
) -> None:
    book = server.make_address_book("contacts")
    server.request("PUT", book + "aiko.vcf", SEED.encode())
    vdir = tmp_path / "vdir"
    config = vdirsyncer_config(tmp_path, server, vdir)
    run_tool("vdirsyncer", "-c", str(config), "discover", stdin="y\n")  # create the folder
    run_tool("vdirsyncer", "-c", str(config), "sync")
    folder = vdir / "contacts"
    file = tmp_path / "journal.json"

    first = journal(file, "sync", "--vdir", str(folder))
    assert ": 1 added here" in first.stdout
    aiko = Store.open(file).find("Aiko Tanaka")
    assert aiko.birthday == Birthday(3, 22, 1990)
    assert aiko.phones == ("+81 90 1234 5678", "+81 3 9876 5432")
    assert aiko.uid == "aiko-tanaka-1"

    journal(file, "edit", "Aiko Tanaka", "--birthday", "1990-03-25")
    journal(file, "add", "Ben Okafor", "--email", "ben@example.org")
    second = journal(file, "sync")  # the folder is remembered
    assert "1 added there, 1 updated" in second.stdout
    run_tool("vdirsyncer", "-c", str(config), "sync")

    on_server = server.request("GET", book + "aiko.vcf").decode()
    card = read_server_card(server, book + "aiko.vcf")
    assert card.birthday == Birthday(3, 25, 1990)
    assert card.phones == ("+81 90 1234 5678", "+81 3 9876 5432")
    unfolded = on_server.replace("\r\n ", "")
    assert f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}" in unfolded
    assert "TEL;TYPE=CELL:+81 90 1234 5678" in unfolded
    assert "TEL;TYPE=HOME:+81 3 9876 5432" in unfolded

    # a second device syncing the same server gets both people, Ben as the journal wrote him
    other = tmp_path / "other-phone"
    config2 = vdirsyncer_config(tmp_path, server, other, name="laptop")
    run_tool("vdirsyncer", "-c", str(config2), "discover", stdin="y\n")
    run_tool("vdirsyncer", "-c", str(config2), "sync")
    names = set()
    for path in (other / "contacts").glob("*.vcf"):
        parsed = vcard.parse(path.read_bytes())
        names |= {c.name for c in parsed.cards}
        if any(c.name == "Ben Okafor" for c in parsed.cards):
            assert parsed.cards[0].emails == ("ben@example.org",)
    assert names == {"Aiko Tanaka", "Ben Okafor"}

    # in step: nothing to do on either side
    before = file.read_bytes()
    assert journal(file, "sync").stdout.endswith(": nothing changed\n")
    assert file.read_bytes() == before


def khard_config(tmp_path: Path, folder: Path) -> Path:
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[journal]]\npath = {folder}\n\n"
        "[general]\ndebug = no\ndefault_action = list\neditor = true\nmerge_editor = true\n\n"
        "[contact table]\ndisplay = first_name\ngroup_by_addressbook = no\n"
        "show_uids = no\nsort = last_name\n\n"
        "[vcard]\npreferred_version = 3.0\nsearch_in_source_files = no\n"
        "skip_unparsable = no\n",
        encoding="utf-8",
    )
    return config


def test_khard_reads_the_folder_after_a_journal_sync(tmp_path: Path) -> None:
    folder = tmp_path / "contacts"
    folder.mkdir()
    (folder / "aiko.vcf").write_bytes(SEED.encode())
    file = tmp_path / "journal.json"
    journal(file, "add", "Ben Okafor", "--email", "ben@example.org", "--phone", "+44 20 7946")
    journal(file, "edit", "Ben Okafor", "--birthday", "1985-07-01")
    journal(file, "sync", "--vdir", str(folder))
    journal(file, "edit", "Aiko Tanaka", "--email", "aiko@example.jp")
    journal(file, "sync")

    config = khard_config(tmp_path, folder)
    listed = run_tool("khard", "-c", str(config), "list", home=tmp_path).stdout
    assert "Aiko" in listed and "Ben" in listed
    shown = run_tool("khard", "-c", str(config), "show", "Aiko", home=tmp_path).stdout
    assert "aiko@example.jp" in shown and "+81 90 1234 5678" in shown
    birthdays = run_tool("khard", "-c", str(config), "birthdays", "--parsable", home=tmp_path)
    assert birthdays.stdout.splitlines() == ["1990.03.22\tAiko Tanaka", "1985.07.01\tBen Okafor"]
    emails = run_tool("khard", "-c", str(config), "email", "--parsable", home=tmp_path).stdout
    assert "ben@example.org\tBen Okafor" in emails
