"""End-to-end tests of the `journal` command.

Journals are seeded through `Store` and then read and changed through the command line, in
this process through `main(argv)`; the cases that only a real process shows (exit codes of the
script, broken pipes, what is imported) run the real script. Today is frozen with
JOURNAL_TODAY.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import time
import types
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from journal_command import COMMAND, command_env, run_in_process, run_process

from journal import cli
from journal.cli import parser, views
from journal.cli.render import cell_len
from journal.model import Birthday, Direction, Intent, Kind, Occasion
from journal.store import Store

TODAY = date(2026, 11, 25)

CONTACT_FIELDS = {
    "id", "name", "reading", "tags", "birthday", "cadence_days", "cadence", "last_contact",
    "next_due", "email", "phone", "address", "notes", "archived", "snoozed_until", "season_cards",
    "no_cards_until", "no_cards_reason", "letter_lead_days",
    "emails", "phones", "addresses", "nickname", "org",
}  # fmt: skip
INTERACTION_FIELDS = {
    "id", "contact_id", "kind", "direction", "date", "channel", "note", "intent", "occasion",
}  # fmt: skip


def run(
    *args: str,
    file: Path | None = None,
    today: date | None = TODAY,
    env: dict | None = None,
    stdin: str | None = None,
    process: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`journal ARGS` in-process through `main(argv)`; `process=True` runs the real script."""
    environ = command_env(env)
    if today is not None:
        environ.setdefault("JOURNAL_TODAY", today.isoformat())
    argv = list(args)
    if file is not None:
        argv += ["--file", str(file)]
    return (run_process if process else run_in_process)(argv, environ, stdin)


def ok(*args: str, **kw) -> str:
    result = run(*args, **kw)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def as_json(*args: str, **kw):
    return orjson.loads(ok(*args, "--json", **kw))


def fails(code: int, *args: str, **kw) -> str:
    result = run(*args, **kw)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    return result.stderr


def person(store: Store, name: str, created: date = date(2026, 1, 1), **fields):
    c = store.add_contact(name, **fields)
    return store.update_contact(replace(c, created=datetime.combine(created, datetime.min.time())))


def touch(store: Store, contact, on: date, kind: Kind = Kind.MEETING, **fields):
    return store.add_interaction(contact.id, kind, on, **fields)


@pytest.fixture
def seeded(path: Path) -> Path:
    """A small journal: overdue, owed a reply, a birthday soon, a card season, the archived."""
    store = Store.open(path)
    with store.batch():
        aiko = person(
            store,
            "Aiko Tanaka",
            reading="たなか あいこ",
            tags=("friend", "tokyo"),
            cadence_days=30,
            birthday=Birthday(12, 1, 1990),
            season_cards=True,
            addresses=("1-2-3 Shibuya, Tokyo",),
        )
        touch(store, aiko, date(2026, 10, 1), note="coffee")  # due 10-31: 25 days late
        ben = person(store, "Ben Okafor", tags=("work",), cadence_days=7)
        touch(store, ben, date(2026, 11, 10), Kind.CALL, intent=Intent.ASK)  # 8 late
        hana = person(
            store, "田中 花子", reading="たなか はなこ", cadence_days=90, birthday=Birthday(12, 10)
        )
        touch(
            store,
            hana,
            date(2026, 11, 20),
            Kind.LETTER,
            direction=Direction.IN,
            occasion=Occasion.SEASON,
        )  # owed a reply and a card
        carol = person(
            store,
            "Carol Smith",
            season_cards=True,
            no_cards_until=date(2027, 3, 1),
            no_cards_reason="mourning",
        )
        touch(store, carol, date(2025, 12, 20), Kind.LETTER, occasion=Occasion.SEASON)
        dan = person(store, "Dan Archived", cadence_days=7, archived=True)
        touch(store, dan, date(2026, 1, 1))
    return path


def names(docs: list[dict]) -> list[str]:
    return [d["name"] for d in docs]


# --- add, log, show ---------------------------------------------------------------------------


def test_add_log_show_end_to_end(path: Path) -> None:
    out = ok(
        "add",
        "Aiko",
        "Tanaka",
        "--tag",
        "friend,tokyo",
        "--tag",
        "Friend",
        "--cadence",
        "2w",
        "--birthday",
        "1990-12-01",
        "--reading",
        "たなか あいこ",
        "--email",
        "aiko@example.com",
        "--phone",
        "+81 3 1234",
        "--address",
        "Shibuya\nTokyo",
        "--notes",
        "likes tea",
        "--lead-days",
        "5",
        "--cards",
        "--no-cards-until",
        "2027-01-31",
        "--reason",
        "mourning",
        file=path,
        process=True,
    )
    assert out == "Added Aiko Tanaka, to keep in touch every 2 weeks.\n"  # as `show` says it
    out = ok(
        "log",
        "aiko",
        "meeting",
        "coffee,",
        "talked about her move",
        "--date",
        "3 days ago",
        "--via",
        "LINE",
        "--give",
        "--for",
        "thanks",
        file=path,
        process=True,
    )
    assert out == "Logged a meeting with Aiko Tanaka on 2026-11-22 (3 days ago) [give, thanks].\n"
    assert ok("log", "たなか", "l", "--in", file=path) == (
        "Logged a letter from Aiko Tanaka on 2026-11-25 (today).\n"
    )

    doc = as_json("show", "Aiko", file=path)
    assert set(doc) == {"contact", "interactions"}
    contact = doc["contact"]
    assert set(contact) == CONTACT_FIELDS | {
        "balance", "give_next", "reply_owed", "suggested_cadence", "drifting", "activity",
    }  # fmt: skip
    assert contact["name"] == "Aiko Tanaka" and contact["reading"] == "たなか あいこ"
    assert contact["tags"] == ["friend", "tokyo"]
    assert contact["birthday"] == "1990-12-01" and contact["cadence_days"] == 14
    assert contact["last_contact"] == "2026-11-25" and contact["next_due"] == "2026-12-09"
    assert contact["email"] == "aiko@example.com" and contact["phone"] == "+81 3 1234"
    assert contact["address"] == "Shibuya\nTokyo" and contact["notes"] == "likes tea"
    assert contact["letter_lead_days"] == 5 and contact["season_cards"] is True
    assert contact["no_cards_until"] == "2027-01-31" and contact["no_cards_reason"] == "mourning"
    assert contact["archived"] is False and contact["snoozed_until"] is None
    assert contact["balance"] == {
        "gives_12m": 1, "asks_12m": 0, "last_give": "2026-11-22", "last_ask": None,
    }  # fmt: skip
    assert contact["give_next"] is False and contact["reply_owed"] is True
    first, second = doc["interactions"]  # newest first
    assert set(first) == INTERACTION_FIELDS | {"cold_ask"}
    assert first["contact_id"] == contact["id"]
    assert (first["kind"], first["direction"], first["date"]) == ("letter", "in", "2026-11-25")
    assert second == {
        "id": second["id"], "contact_id": contact["id"], "kind": "meeting", "direction": "out",
        "date": "2026-11-22", "channel": "LINE", "note": "coffee, talked about her move",
        "intent": "give", "occasion": "thanks", "cold_ask": False,
    }  # fmt: skip

    text = ok("show", "aiko", "tanaka", file=path)
    assert text.startswith("Aiko Tanaka (たなか あいこ)\n")
    assert "every 2 weeks; next due 2026-12-09" in text and "reply owed" in text
    assert "post by 2026-11-26" in text  # 5 lead days before 1 December
    timeline = text.split("Timeline, newest first (2):\n")[1].splitlines()
    assert timeline[0].split() == ["2026-11-25", "letter", "in"]
    assert "via LINE" in timeline[1] and timeline[1].endswith("coffee, talked about her move")


def test_new_contact_is_due_from_the_frozen_today(path: Path) -> None:
    ok("add", "Eve", "--cadence", "10d", file=path)
    [eve] = as_json("list", file=path)
    assert eve["last_contact"] is None and eve["next_due"] == "2026-12-05"


def test_add_refuses_a_name_already_there_unless_forced(path: Path) -> None:
    ok("add", "Aiko Tanaka", file=path)
    err = fails(1, "add", "aiko  TANAKA", file=path)
    assert "already in the journal" in err and "journal edit" in err and "--force" in err
    ok("add", "aiko tanaka", "--force", file=path)
    assert len(as_json("list", file=path)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cadence", "fortnight"], 'cannot read the cadence "fortnight": try 30d'),
        (["--birthday", "02-30"], "February has no day 30"),
        (["--birthday", "1990-02-29"], "February 1990 has 28 days"),
        (["--birthday", "2030-01-01"], "in the future"),
        (["--birthday", "12/01"], "use YYYY-MM-DD, or MM-DD"),
        (["--no-cards-until", "soon"], "YYYY-MM-DD"),
    ],
)
def test_add_with_a_bad_value_saves_nothing(path: Path, args: list[str], message: str) -> None:
    assert message in fails(1, "add", "Eve", *args, file=path)
    assert not path.exists()


def test_add_usage_errors(path: Path) -> None:
    assert "--no-cards-until" in fails(2, "add", "Eve", "--reason", "why", file=path)
    assert "whole number" in fails(2, "add", "Eve", "--lead-days", "x", file=path)
    assert "a contact needs a name" in fails(1, "add", "  ", file=path)
    assert not path.exists()


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("l", "letter"), ("M", "meeting"), ("s", "message"), ("msg", "message"), ("c", "call"),
     ("mee", "meeting"), ("Letter", "letter")],
)  # fmt: skip
def test_kind_letters_and_prefixes(typed: str, kind: str) -> None:
    assert parser.kind_arg(typed).value == kind


def test_log_kinds(seeded: Path) -> None:
    assert ok("log", "Carol", "s", file=seeded).startswith("Logged a message to Carol Smith ")
    err = fails(2, "log", "Carol", "me", file=seeded)
    assert "meeting or message" in err
    err = fails(2, "log", "Carol", "coffee", file=seeded)
    assert 'unknown kind "coffee"' in err and "letter (l)" in err


def test_log_note_words_may_follow_options(seeded: Path) -> None:
    ok("log", "Carol", "call", "--both", "--via", "Zoom", "caught", "up", file=seeded)
    [latest, *_] = as_json("show", "Carol", file=seeded)["interactions"]
    assert (latest["note"], latest["direction"], latest["channel"]) == ("caught up", "both", "Zoom")
    assert "unrecognized arguments: --bogus" in fails(
        2, "log", "Carol", "c", "--bogus", file=seeded
    )


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("fridya", 'cannot read "fridya" as a date: try today, yesterday'),
        ("tomorrow", '"tomorrow" is 2026-11-26, which is in the future: interactions are'),
        ("next monday", '"next monday" is 2026-11-30, which is in the future'),
        ("in 3 days", '"in 3 days" is 2026-11-28, which is in the future'),
        ("next week", "cannot read"),
        ("3 days", 'cannot read "3 days" as a date: did you mean "3 days ago" (2026-11-22)?'),
        ("2026-11-26", '"2026-11-26" is in the future: interactions are logged for today'),
        ("2026-02-30", "February 2026 has 28 days"),
    ],
)
def test_log_with_a_bad_or_future_date_saves_nothing(seeded: Path, when: str, message: str) -> None:
    before = seeded.read_bytes()
    assert message in fails(1, "log", "Carol", "call", "--date", when, file=seeded)
    assert seeded.read_bytes() == before


def test_log_dates_people_type(seeded: Path) -> None:
    for typed, iso in [
        ("yesterday", "2026-11-24"),
        ("last friday", "2026-11-20"),
        ("20 Dec", "2025-12-20"),
    ]:
        assert f"on {iso} (" in ok("log", "Carol", "call", "--date", typed, file=seeded)


def test_cold_ask_warns_on_stderr_and_is_saved(seeded: Path) -> None:
    result = run("log", "Carol", "message", "could you lend me the van", "--ask", file=seeded)
    assert result.returncode == 0
    assert result.stdout.startswith("Logged a message to Carol Smith on 2026-11-25 (today) [ask]")
    assert result.stderr.startswith("Note: this is an ask, and you have not given to or reached")
    assert "Carol Smith in the last 90 days" in result.stderr and "feel cold" in result.stderr
    [latest, *_] = as_json("show", "Carol", file=seeded)["interactions"]
    assert latest["intent"] == "ask" and latest["cold_ask"] is True
    assert latest["note"] == "could you lend me the van"

    # After a give, an ask is warm: no warning.
    ok("log", "Carol", "call", "--give", "--date", "yesterday", file=seeded)
    warm = run("log", "Carol", "call", "--ask", file=seeded)
    assert warm.returncode == 0 and warm.stderr == ""
    # An incoming ask is theirs, not mine: no warning either.
    theirs = run("log", "Carol", "call", "--ask", "--in", file=seeded)
    assert theirs.returncode == 0 and theirs.stderr == ""


def test_unknown_and_ambiguous_names_exit_1(seeded: Path) -> None:
    err = fails(1, "log", "Zed", "call", file=seeded, process=True)
    assert 'no one called "Zed"' in err
    err = fails(1, "show", "たなか", file=seeded)
    assert "matches more than one person" in err
    assert "Aiko Tanaka (たなか あいこ)" in err and "田中 花子 (たなか はなこ)" in err
    fails(1, "show", "Nobody", file=seeded)
    fails(1, "snooze", "Nobody", "2w", file=seeded)
    fails(1, "archive", "Nobody", file=seeded)


@pytest.mark.parametrize(
    "args",
    [
        ["log"],
        ["log", "Carol"],
        ["frobnicate"],
        ["list", "--nope"],
        ["log", "Carol", "call", "--in", "--out"],
        ["log", "Carol", "call", "--give", "--ask"],
        ["log", "Carol", "call", "--for", "picnic"],
        ["birthdays", "--days", "-1"],
        ["cards", "next"],
        ["export"],
        ["export", "--format", "pdf"],
        ["snooze", "Carol"],
        ["--demo", "list"],
    ],
)
def test_bad_usage_exits_2(
    seeded: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = seeded.read_bytes()
    assert cli.main([*args, "--file", str(seeded)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(("usage: journal", "journal ")) and "Traceback" not in err
    assert seeded.read_bytes() == before


def test_bad_usage_from_the_shell(seeded: Path) -> None:
    err = fails(2, "log", "Carol", "call", "--in", "--both", file=seeded, process=True)
    assert err.startswith("usage: journal log") and "not allowed with argument" in err


def test_help_exits_0() -> None:
    out = ok("--help", today=None, process=True)
    assert "JOURNAL_TODAY" in out and "JOURNAL_FILE" in out
    assert "cards" in out and "birthdays" in out


def test_bad_journal_today_is_an_error(seeded: Path) -> None:
    assert "JOURNAL_TODAY" in fails(1, "list", file=seeded, env={"JOURNAL_TODAY": "soon"})


# --- list, overdue, birthdays -----------------------------------------------------------------


def test_list_json_and_text(seeded: Path) -> None:
    docs = as_json("list", file=seeded)
    assert names(docs) == ["Ben Okafor", "Carol Smith", "Aiko Tanaka", "田中 花子"]
    assert all(set(d) == CONTACT_FIELDS for d in docs)
    aiko = docs[2]
    assert aiko["last_contact"] == "2026-10-01" and aiko["next_due"] == "2026-10-31"
    assert aiko["birthday"] == "1990-12-01" and docs[3]["birthday"] == "--12-10"

    assert names(as_json("list", "--tag", "TOKYO", file=seeded)) == ["Aiko Tanaka"]
    everyone = as_json("list", "--all", file=seeded)
    assert "Dan Archived" in names(everyone)
    assert [d["archived"] for d in everyone if d["name"] == "Dan Archived"] == [True]

    lines = ok("list", file=seeded).splitlines()
    assert lines[0].split() == ["Name", "Reading", "Tags", "Last", "contact", "Due"]
    row = {line.split()[0]: line for line in lines[1:]}
    assert "3 weeks overdue" in row["Aiko"] and "7 weeks ago" in row["Aiko"]
    assert "reply owed" in row["田中"]
    # Wide characters line up: each column starts at the same cell in every line.
    starts = {
        cell_len(line[: line.index(word)])
        for line, word in zip(
            lines,
            ["Last contact", "2 weeks ago", "11 months ago", "7 weeks ago", "5 days ago"],
            strict=True,
        )
    }
    assert len(starts) == 1


def test_empty_lists_succeed_with_a_friendly_line(path: Path) -> None:
    assert (
        ok("list", file=path) == "No one in the journal yet. Add someone with: journal add NAME\n"
    )
    assert ok("overdue", file=path) == "No one is overdue. Well kept!\n"
    assert ok("birthdays", file=path) == "No birthdays in the next 60 days.\n"
    assert as_json("list", file=path) == []
    assert as_json("overdue", file=path) == []
    assert as_json("birthdays", file=path) == []
    assert not path.exists()  # reading an empty journal creates nothing


def test_overdue(seeded: Path) -> None:
    docs = as_json("overdue", file=seeded)
    # Ben is 8 days late on a weekly cadence, Aiko 25 on a monthly one; Hana owes a reply.
    assert names(docs) == ["Ben Okafor", "Aiko Tanaka", "田中 花子"]
    extra = {"days_late", "reply_owed", "give_next", "late_ratio"}
    assert all(set(d) == CONTACT_FIELDS | extra for d in docs)
    ben, aiko, hana = docs
    assert (ben["days_late"], ben["reply_owed"], ben["give_next"]) == (8, False, True)
    assert (aiko["days_late"], aiko["reply_owed"], aiko["give_next"]) == (25, False, False)
    assert hana["reply_owed"] is True and hana["days_late"] < 0
    text = ok("overdue", file=seeded).splitlines()
    assert text[0].split()[:2] == ["Name", "Why"]
    assert "8 days overdue, give next" in text[1] and "reply owed" in text[3]


def test_birthdays(seeded: Path) -> None:
    docs = as_json("birthdays", file=seeded)
    assert names(docs) == ["Aiko Tanaka", "田中 花子"]
    extra = {"next_birthday", "post_by", "age", "done"}
    assert all(set(d) >= CONTACT_FIELDS | extra for d in docs)
    aiko, hana = docs
    assert (aiko["next_birthday"], aiko["post_by"], aiko["age"], aiko["done"]) == (
        "2026-12-01", "2026-11-28", 36, False,
    )  # fmt: skip
    assert (hana["next_birthday"], hana["post_by"], hana["age"]) == (
        "2026-12-10",
        "2026-12-07",
        None,
    )
    assert as_json("birthdays", "--days", "5", file=seeded) == []

    ok("log", "Aiko", "letter", "--for", "birthday", file=seeded)
    aiko = as_json("birthdays", file=seeded)[0]
    assert aiko["done"] is True
    text = ok("birthdays", file=seeded)
    assert "2026-12-01 (in 6 days)" in text and "turns 36" in text and "done" in text
    late = ok("birthdays", file=seeded, today=date(2026, 12, 9))
    assert "post-by passed" in late  # Hana's post-by date was 2026-12-07


# --- snooze, archive, edit --------------------------------------------------------------------


def test_snooze_and_clear(seeded: Path) -> None:
    assert ok("snooze", "Ben", "2w", file=seeded) == (
        "Snoozed Ben Okafor until 2026-12-09 (in 2 weeks).\n"
    )
    assert "Ben Okafor" not in names(as_json("overdue", file=seeded))
    [ben] = [d for d in as_json("list", file=seeded) if d["name"] == "Ben Okafor"]
    assert ben["snoozed_until"] == "2026-12-09"
    assert "snoozed until Dec 9" in ok("list", file=seeded)
    ok("snooze", "Ben", "Dec 20", file=seeded)
    assert as_json("show", "Ben", file=seeded)["contact"]["snoozed_until"] == "2026-12-20"
    assert "no longer snoozed" in ok("snooze", "Ben", "--clear", file=seeded)
    assert "Ben Okafor" in names(as_json("overdue", file=seeded))
    assert "not in the future" in fails(1, "snooze", "Ben", "2026-11-01", file=seeded)
    fails(2, "snooze", "Ben", file=seeded)
    fails(2, "snooze", "Ben", "2w", "--clear", file=seeded)


def test_archive_and_unarchive(seeded: Path) -> None:
    assert ok("archive", "Ben", "Okafor", file=seeded).startswith("Archived Ben Okafor;")
    assert "Ben Okafor" not in names(as_json("list", file=seeded))
    assert "Ben Okafor" not in names(as_json("overdue", file=seeded))
    assert "already archived" in ok("archive", "Ben", file=seeded)
    ok("unarchive", "Ben", file=seeded)
    assert "Ben Okafor" in names(as_json("list", file=seeded))
    ok("unarchive", "Dan", file=seeded)
    assert "Dan Archived" in names(as_json("list", file=seeded))


def test_edit(seeded: Path) -> None:
    out = ok(
        "edit",
        "Aiko",
        "--rename",
        "Aiko Sato",
        "--tag",
        "family",
        "--untag",
        "tokyo",
        "--no-cadence",
        "--no-birthday",
        "--email",
        "a@example.com",
        "--no-cards",
        "--resume-cards",
        file=seeded,
    )
    assert out.startswith("Updated Aiko Sato (was Aiko Tanaka): ")
    aiko = as_json("show", "Aiko Sato", file=seeded)["contact"]
    assert aiko["tags"] == ["friend", "family"] and aiko["email"] == "a@example.com"
    assert aiko["cadence_days"] is None and aiko["birthday"] is None
    assert aiko["season_cards"] is False and aiko["no_cards_until"] is None
    assert aiko["no_cards_reason"] == "" and aiko["next_due"] is None
    ok("edit", "Aiko", "--email", "", "--lead-days", "default", "--cadence", "3m", file=seeded)
    aiko = as_json("show", "Aiko", file=seeded)["contact"]
    assert (aiko["email"], aiko["letter_lead_days"], aiko["cadence_days"]) == ("", None, 90)
    assert "nothing to change" in fails(2, "edit", "Aiko", file=seeded)
    assert 'has no tag "nope"' in fails(1, "edit", "Aiko", "--untag", "nope", file=seeded)
    fails(2, "edit", "Aiko", "--cadence", "2w", "--no-cadence", file=seeded)
    assert "already in the journal" in fails(
        1, "edit", "Aiko", "--rename", "ben okafor", file=seeded
    )


# --- cards ------------------------------------------------------------------------------------


def test_cards(seeded: Path, tmp_path: Path) -> None:
    doc = as_json("cards", file=seeded)
    assert set(doc) == {"season", "post_by", "to_send", "sent", "received", "owed", "skipped"}
    assert (doc["season"], doc["post_by"]) == (2027, "2026-12-25")
    assert names(doc["to_send"]) == ["田中 花子", "Aiko Tanaka"]  # the owed first
    assert names(doc["owed"]) == ["田中 花子"] and names(doc["received"]) == ["田中 花子"]
    assert doc["sent"] == []
    [carol] = doc["skipped"]
    assert set(carol) == CONTACT_FIELDS
    assert (carol["name"], carol["no_cards_until"], carol["no_cards_reason"]) == (
        "Carol Smith", "2027-03-01", "mourning",
    )  # fmt: skip

    text = ok("cards", file=seeded)
    assert text.startswith("Season 2027 cards: post by 2026-12-25 (in 4 weeks)\n")
    assert "To send (2):" in text and "owed: they sent you one" in text
    assert "Skipped (1):" in text and "no cards until 2027-03-01" in text and "mourning" in text

    ok("log", "Aiko", "letter", "--for", "season", file=seeded)
    doc = as_json("cards", "2027", file=seeded)
    assert names(doc["sent"]) == ["Aiko Tanaka"] and names(doc["to_send"]) == ["田中 花子"]
    # The season that began on 1 October 2025: Carol's card went out then.
    assert names(as_json("cards", "2026", file=seeded)["sent"]) == ["Carol Smith"]

    result = run("cards", "--addresses", "csv", file=seeded)
    assert result.returncode == 0
    assert result.stdout.startswith("\ufeff")  # a BOM, as in every CSV the journal writes
    assert list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")))) == [
        ["name", "reading", "address"], ["田中 花子", "たなか はなこ", ""],
    ]  # fmt: skip
    assert "No postal address for 1: 田中 花子" in result.stderr
    labels = tmp_path / "labels.csv"
    assert "Wrote 1 address to" in ok("cards", "--addresses", "csv", "-o", str(labels), file=seeded)
    assert labels.read_bytes().split(b"\r\n")[1] == "田中 花子,たなか はなこ,".encode()
    assert labels.stat().st_mode & 0o077 == 0
    fails(2, "cards", "-o", str(labels), file=seeded)
    assert "the journal itself" in fails(
        1, "cards", "--addresses", "csv", "-o", str(seeded), file=seeded
    )


def test_cards_addresses_of_everyone_to_send(seeded: Path) -> None:
    result = run("cards", "--addresses", "csv", "-o", "-", file=seeded, today=date(2027, 2, 1))
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [r["name"] for r in rows] == ["田中 花子", "Aiko Tanaka"]
    assert rows[1] == {
        "name": "Aiko Tanaka",
        "reading": "たなか あいこ",
        "address": "1-2-3 Shibuya, Tokyo",
    }


# --- files -----------------------------------------------------------------------------------


def test_file_flag_wins_over_environment_before_or_after_the_command(tmp_path: Path) -> None:
    env_file, flag_file = tmp_path / "env.json", tmp_path / "flag.json"
    env = {"JOURNAL_FILE": str(env_file)}
    ok("add", "Via Env", env=env)
    result = run("--file", str(flag_file), "add", "Before", env=env)
    assert result.returncode == 0, result.stderr
    ok("add", "After", file=flag_file, env=env)
    assert names(as_json("list", env=env)) == ["Via Env"]
    assert names(as_json("list", file=flag_file, env=env)) == ["After", "Before"]


BAD_FILES = {
    "empty": (b"", "empty"),
    "truncated": (b'{"meta": {"1": {"schema": 2}}, "contacts": {', "not valid JSON at line 1"),
    "nul bytes": (b"\x00\x00\x00\x00", "not valid JSON"),
    "foreign": (b'{"_default": {}}\n', "not a journal"),
    "a list": (b"[1, 2, 3]\n", "not a journal"),
    "newer schema": (
        b'{"meta": {"1": {"schema": 999}}, "contacts": {}, "interactions": {}}',
        "newer version",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_unreadable_journal_exits_1_and_is_left_untouched(tmp_path: Path, case: str) -> None:
    raw, message = BAD_FILES[case]
    bad = tmp_path / "bad.json"
    bad.write_bytes(raw)
    for args in (["log", "Aiko", "call"], ["list", "--json"]):
        result = run(*args, file=bad)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.startswith(f"journal: {bad}: ")
        assert message in result.stderr and "Traceback" not in result.stderr
        assert bad.read_bytes() == raw
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "bad.json"
    ]


def test_a_folder_as_journal_is_an_error(tmp_path: Path) -> None:
    err = fails(1, "list", file=tmp_path)
    assert err == (
        f"journal: {tmp_path}: cannot read the file: it is a folder; give the path of a journal "
        f"file, such as {tmp_path / 'journal.json'}\n"
    )


def test_broken_pipe_is_quiet(seeded: Path) -> None:
    environ = {**os.environ, "JOURNAL_TODAY": TODAY.isoformat()}
    proc = subprocess.Popen(
        [*COMMAND, "list", "--file", str(seeded)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `head` exiting before journal writes
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) in (0, cli.EXIT_BROKEN_PIPE)
    assert err == b""


def test_a_large_json_output_cut_off_by_head_exits_141_quietly(path: Path) -> None:
    store = Store.open(path)
    with store.batch():
        for n in range(400):
            store.add_contact(f"Person {n:03}", notes="x" * 300)
    for args in (["list", "--json"], ["export", "--format", "json"]):
        reader = subprocess.Popen(
            ["head", "-c", "100"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        assert reader.stdin is not None
        writer = subprocess.run(
            [*COMMAND, *args, "--file", str(path)], stdout=reader.stdin, stderr=subprocess.PIPE
        )
        reader.stdin.close()
        reader.wait(timeout=60)
        # A short write to the closed pipe used to pass for success: exit 0, output cut.
        assert writer.returncode == cli.EXIT_BROKEN_PIPE, args
        assert writer.stderr == b""


# --- speed: the shell commands do not load the app ------------------------------------------


def test_log_does_not_import_textual(seeded: Path) -> None:
    code = (
        "import sys\n"
        "from journal.cli import main\n"
        f"rc = main(['log', 'Carol', 'call', '--file', {str(seeded)!r}])\n"
        "print(rc, 'textual' in sys.modules, 'rich' in sys.modules)\n"
        "print(*sorted(m for m in sys.modules if m.startswith(('journal.cli.', 'icalendar',"
        " 'screens'))))\n"
    )
    environ = {**os.environ, "JOURNAL_TODAY": TODAY.isoformat()}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, timeout=60
    )
    *_, answer, loaded = result.stdout.splitlines()
    assert answer == "0 False False", result.stderr
    # the log command's module alone: not the other commands, the calendar writer or the app
    assert loaded.split() == [
        "journal.cli.common", "journal.cli.log", "journal.cli.parser", "journal.cli.render"
    ]


# --- in-process: the app, interrupts --------------------------------------------------------


def test_no_command_runs_the_app(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    calls = []
    fake = types.ModuleType("screens.app")
    fake.run_app = lambda p, demo=False, clock=None: calls.append((p, demo)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "screens.app", fake)
    assert cli.main(["--file", str(path)]) == 0
    assert cli.main(["--demo", "--file", str(path)]) == 0
    assert calls == [(path, False), (path, True)]


def test_app_missing_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "screens.app", None)  # import raises ImportError
    assert cli.main(["--file", str(path)]) == 1
    assert "the app could not be started" in capsys.readouterr().err


def test_interrupt_exits_130_quietly(
    monkeypatch: pytest.MonkeyPatch, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(views, "cmd_list", interrupted)
    assert cli.main(["list", "--file", str(path)]) == 130
    assert capsys.readouterr().err == ""


# --- import and export ------------------------------------------------------------------------

transfer = pytest.importorskip("journal.import_export")


def test_export_and_import_round_trip(seeded: Path, tmp_path: Path) -> None:
    dump = tmp_path / "backup.json"
    assert "Exported 5 contacts as json" in ok(
        "export", "--format", "json", "-o", str(dump), file=seeded
    )
    assert dump.stat().st_mode & 0o077 == 0
    vcf = ok("export", "--format", "vcf", file=seeded)
    assert "BEGIN:VCARD" in vcf and "Aiko Tanaka" in vcf
    fresh = tmp_path / "fresh.json"
    assert "dry run" in ok("import", str(dump), "--dry-run", file=fresh)
    assert not fresh.exists()
    ok("import", str(dump), file=fresh)
    assert as_json("list", "--all", file=fresh) == as_json("list", "--all", file=seeded)
    assert "the journal itself" in fails(
        1, "export", "--format", "csv", "-o", str(seeded), file=seeded
    )
    assert "does not exist" in fails(1, "import", str(tmp_path / "nope.vcf"), file=fresh)
    not_contacts = tmp_path / "notes.txt"
    not_contacts.write_text("hello\n")
    fails(1, "import", str(not_contacts), file=fresh)


# --- messages a person can act on -----------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_journal_where_no_file_can_be_made_fails_fast(tmp_path: Path) -> None:
    started = time.monotonic()
    err = fails(1, "add", "Bob", file=Path("/proc/journal-test.json"))
    assert time.monotonic() - started < 5  # it used to wait out the 10 s lock timeout
    assert err == (
        "journal: /proc/journal-test.json: cannot save the journal: files cannot be created in "
        "the folder /proc (No such file or directory); nothing was saved (keep the journal in "
        "another folder with --file or JOURNAL_FILE)\n"
    )


def test_a_damaged_journal_says_what_to_do_next(tmp_path: Path) -> None:
    bad = tmp_path / "j.json"
    bad.write_bytes(b'{"meta": {"1": {"schema": 2}}, "contacts": {')
    err = fails(1, "list", file=bad)
    assert err == (
        f"journal: {bad}: not valid JSON at line 1, column 45: unexpected end of data; the file "
        "was left as it is: repair it, or move it aside to start a new journal\n"
    )
    backup = tmp_path / "j.json.20261120-090000.bak"
    backup.write_bytes(b"{}")
    err = fails(1, "log", "Aiko", "call", file=bad)
    assert err.endswith(
        "the file was left as it is: repair it, or copy the newest backup "
        "(j.json.20261120-090000.bak) over it\n"
    )
    assert err.count("\n") == 1


def test_an_ambiguous_name_is_one_line_listing_who_it_could_be(seeded: Path) -> None:
    err = fails(1, "show", "たなか", file=seeded)
    assert err == (
        'journal: "たなか" matches more than one person: Aiko Tanaka (たなか あいこ), '
        "田中 花子 (たなか はなこ); type more of the name, or all of it in quotes\n"
    )


def test_an_empty_name_is_bad_usage(seeded: Path) -> None:
    before = seeded.read_bytes()
    for args in (["show", ""], ["log", " ", "call"], ["snooze", "", "2w"], ["archive", ""]):
        err = fails(2, *args, file=seeded)
        assert err.endswith("NAME is empty: give a name, or a part of one\n"), err
    assert seeded.read_bytes() == before


def test_snooze_to_a_past_day_says_it_is_past(seeded: Path) -> None:
    before = seeded.read_bytes()
    err = fails(1, "snooze", "Aiko", "yesterday", file=seeded)
    assert err == (
        'journal: "yesterday" is 2026-11-24, which is not in the future: pick a day after today '
        "(2026-11-25), such as 2w, 1m, next monday or a date\n"
    )
    assert "cannot read" in fails(1, "snooze", "Aiko", "someday", file=seeded)
    assert seeded.read_bytes() == before


def test_a_birthday_in_year_0_is_not_a_real_date(path: Path) -> None:
    err = fails(1, "add", "Zero", "--birthday", "0000-01-01", file=path)
    assert err == 'journal: the birthday "0000-01-01" is not a real date: there is no year 0\n'
    assert not path.exists()


def test_export_to_a_missing_folder_or_a_folder_is_a_clear_error(
    seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "b.ics"
    err = fails(1, "export", "--format", "ics", "-o", str(target), file=seeded)
    assert err == f"journal: {target}: cannot write it: the folder {target.parent} does not exist\n"
    err = fails(1, "export", "--format", "ics", "-o", str(tmp_path), file=seeded)
    assert err == (
        f"journal: {tmp_path}: is a folder; give -o a file name, such as {tmp_path / 'export'}\n"
    )
    err = fails(1, "cards", "--addresses", "csv", "-o", str(target), file=seeded)
    assert "does not exist" in err


def test_export_replaces_a_file_whole_and_keeps_its_permissions(
    seeded: Path, tmp_path: Path
) -> None:
    served = tmp_path / "birthdays.ics"  # a calendar served to subscribers, readable by all
    served.write_bytes(b"old")
    served.chmod(0o644)
    old_inode = served.stat().st_ino
    ok("export", "--format", "ics", "-o", str(served), file=seeded)
    assert served.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(served.stat().st_mode) == 0o644
    assert served.stat().st_ino != old_inode  # renamed into place, never half-written
    fresh = tmp_path / "new.ics"
    ok("export", "--format", "ics", "-o", str(fresh), file=seeded)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_restoring_a_backup_over_a_journal_keeps_the_journal_as_it_was(
    seeded: Path, tmp_path: Path
) -> None:
    dump = tmp_path / "backup.json"
    other = tmp_path / "other.json"
    ok("add", "Only Here", file=other)
    ok("export", "--format", "json", "-o", str(dump), file=seeded)
    before = other.read_bytes()
    out = ok("import", str(dump), file=other)
    assert "  removed  Only Here: not in the backup" in out
    assert out.splitlines()[-1] == "added 5, updated 0, unchanged 0, skipped 0, removed 1"
    [kept] = tmp_path.glob("other.json.before-import-*.bak")
    assert f"the journal as it was is kept in {kept.name}" in out
    assert kept.read_bytes() == before
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert as_json("list", "--all", file=other) == as_json("list", "--all", file=seeded)


def test_importing_a_journal_file_says_how_to_use_it(seeded: Path, tmp_path: Path) -> None:
    err = fails(1, "import", str(seeded), file=tmp_path / "other.json")
    assert f"{seeded}: a journal file, not a backup: open it with --file {seeded}" in err


def test_help_of_each_command_has_its_examples() -> None:
    for command, example in (
        ("add", 'journal add "Aiko Tanaka" --reading'),
        ("edit", "journal edit Aiko --cadence 1m"),
        ("log", 'journal log Aiko meeting "coffee, talked about her move" --date yesterday'),
        ("snooze", "journal snooze Aiko 2w"),
        ("import", "journal import contacts.vcf --dry-run"),
        ("export", "journal export --format ics -o birthdays.ics"),
    ):
        assert example in ok(command, "--help"), command


def test_log_finds_a_name_typed_in_full_before_anyone_it_begins(path: Path) -> None:
    store = Store.open(path)
    with store.batch():
        ann = person(store, "Ann")
        person(store, "Anna Lee", reading="あんな")
        person(store, "Ken")
        person(store, "KEN")
    assert ok("log", "ann", "call", file=path).startswith("Logged a call with Ann on")
    assert ok("log", "ＡＮＮＡ  lee", "call", file=path).startswith("Logged a call with Anna Lee")
    assert ok("log", "あんな", "call", file=path).startswith("Logged a call with Anna Lee")
    err = fails(1, "log", "ken", "call", file=path)  # two exact matches: neither is guessed
    assert "matches more than one person" in err and "Ken" in err and "KEN" in err
    assert [i.kind for i in Store.open(path).interactions(ann.id)] == [Kind.CALL]


def test_log_keeps_the_journal_in_its_pretty_format(seeded: Path) -> None:
    ok("log", "Aiko Tanaka", "call", "a note", file=seeded)
    ok("log", "Ben", "letter", "--in", file=seeded)
    data = seeded.read_bytes()
    assert data == orjson.dumps(orjson.loads(data), option=orjson.OPT_INDENT_2) + b"\n"
    store = Store.open(seeded)
    assert store.interactions(store.find("aiko").id)[-1].note == "a note"


def test_log_leaves_no_temporary_file_whether_it_saves_or_not(seeded: Path) -> None:
    ok("log", "Carol", "call", file=seeded)
    fails(1, "log", "Nobody", "call", file=seeded)
    fails(1, "log", "Carol", "call", "--date", "tomorrow", file=seeded)
    assert sorted(p.name for p in seeded.parent.glob(".*.tmp")) == []


# --- several emails, phones and addresses ---------------------------------------------------


def test_several_emails_phones_and_addresses_nickname_and_org(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNAL_TODAY", TODAY.isoformat())
    assert cli.main([
        "add", "Jo March", "--email", "jo@home.example", "--email", "jo@work.example",
        "--phone", "+1 555 0100", "--phone", "+1 555 0199", "--address", "Orchard House",
        "--nickname", "Jo", "--org", "Plumfield School", "--file", str(path),
    ]) == 0
    capsys.readouterr()
    assert cli.main(["show", "Jo March", "--json", "--file", str(path)]) == 0
    jo = orjson.loads(capsys.readouterr().out)["contact"]
    assert jo["emails"] == ["jo@home.example", "jo@work.example"]
    assert jo["email"] == "jo@home.example"  # the preferred, as before
    assert jo["phones"] == ["+1 555 0100", "+1 555 0199"] and jo["phone"] == "+1 555 0100"
    assert jo["addresses"] == ["Orchard House"] and jo["address"] == "Orchard House"
    assert (jo["nickname"], jo["org"]) == ("Jo", "Plumfield School")
    assert cli.main(["show", "Jo March", "--file", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "jo@work.example" in shown and "+1 555 0199" in shown and "Plumfield School" in shown
    # edit replaces the whole list; an empty value clears it
    assert cli.main(["edit", "Jo", "--email", "jo@new.example", "--phone", "",
                     "--file", str(path)]) == 0
    assert "Updated Jo March: email, phone." in capsys.readouterr().out
    jo = Store.open(path).contacts()[0]
    assert (jo.emails, jo.phones, jo.addresses) == (("jo@new.example",), (), ("Orchard House",))


# --- CSV that spreadsheets open (issue 12, section 4) -------------------------------------


HOSTILE_CELLS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0",
                 "-2+3", "@SUM(1,2)", "\tTab", "\rCR"]


def test_csv_exports_write_formula_cells_as_text(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOURNAL_TODAY", TODAY.isoformat())
    store = Store.open(path)
    with store.batch():
        for n, cell in enumerate(HOSTILE_CELLS):
            c = store.add_contact(cell, reading=cell, addresses=(cell,), season_cards=True)
            store.add_interaction(c.id, Kind.LETTER, date(2026, 1, 1 + n), channel=cell,
                                  note=cell)
        store.add_contact("Plain Name", addresses=("1 Main St",), season_cards=True)
    interactions, labels = tmp_path / "i.csv", tmp_path / "labels.csv"
    assert cli.main(["export", "--format", "csv", "-o", str(interactions),
                     "--file", str(path)]) == 0
    assert cli.main(["cards", "--addresses", "csv", "-o", str(labels), "--file", str(path)]) == 0
    for written in (interactions, labels):
        data = written.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF ends, no bare newline
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        cells = [cell for row in rows[1:] for cell in row]
        # no cell a spreadsheet would take for a formula
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        for cell in HOSTILE_CELLS:  # each is there, as text
            assert "'" + cell in cells
    labelled = list(csv.DictReader(io.StringIO(labels.read_bytes().decode("utf-8-sig"))))
    assert {"name": "Plain Name", "reading": "", "address": "1 Main St"} in labelled
