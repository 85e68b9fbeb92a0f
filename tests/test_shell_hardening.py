"""The shell under hostile conditions: closed and full output, bytes that are not UTF-8,
devices and pipes for a journal, symlinks and file modes, huge values, raw controls in
`--json`, and the order of entries logged in the same second.

Exit codes, closed stdout, /dev/full, FIFOs and argv bytes run the real command; the rest
runs `main(argv)` in-process.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from journal_command import COMMAND, command_env
from test_cli import TODAY, fails, ok, run

from journal import journal_file
from journal import store as store_module
from journal.cli import render as output
from journal.model import Direction, Intent, Kind
from journal.store import Store


def journal_with(path: Path, *names: str) -> Store:
    store = Store.open(path)
    for name in names:
        store.add_contact(name)
    return store


def shell(script: str, *args: str | bytes, env: dict | None = None, timeout: float = 30):
    """`sh -c SCRIPT journal ARGS...`: "$@" is the journal command with ARGS."""
    environ = command_env({"JOURNAL_TODAY": TODAY.isoformat(), **(env or {})})
    return subprocess.run(
        ["sh", "-c", script, "sh", *COMMAND, *args],
        capture_output=True, env=environ, timeout=timeout,
    )


def stderr_of(result: subprocess.CompletedProcess) -> str:
    text = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text
    return text


# --- 1. no traceback: output that cannot be written -----------------------------------------


def test_a_closed_stdout_is_one_line_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    result = shell('"$@" >&-', "list", "--file", str(path))
    assert result.returncode == 1
    expected = "journal: cannot write the output: standard output is closed"
    assert stderr_of(result).strip() == expected


def test_a_closed_stdout_after_a_save_says_the_change_was_saved(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    result = shell('"$@" >&-', "log", "Aiko", "call", "--file", str(path))
    assert result.returncode == 1
    err = stderr_of(result)
    assert "standard output is closed" in err
    assert f"the change was saved to {path}, so do not run the command again" in err
    assert len(Store.open(path).interactions(Store.open(path).contacts()[0].id)) == 1
    # nothing the command opened took the closed descriptor: the journal is whole JSON
    orjson.loads(path.read_bytes())


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_stdout_is_an_error_and_a_save_before_it_is_told(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    listed = shell('"$@" > /dev/full', "list", "--file", str(path))
    assert listed.returncode == 1
    err = stderr_of(listed)
    assert "cannot write the output: No space left on device" in err
    assert "saved" not in err  # list saves nothing
    logged = shell('"$@" > /dev/full', "log", "Aiko", "call", "--file", str(path))
    assert logged.returncode == 1
    err = stderr_of(logged)
    assert "No space left on device" in err and "the change was saved to" in err
    as_json = shell('"$@" > /dev/full', "show", "Aiko", "--json", "--file", str(path))
    assert as_json.returncode == 1 and "No space left" in stderr_of(as_json)
    store = Store.open(path)
    assert len(store.interactions(store.contacts()[0].id)) == 1  # logged once, not twice


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("words", [["--help"], ["log", "--help"]])
def test_help_that_cannot_be_written_is_an_error(words: list[str], unbuffered: str) -> None:
    # argparse drops a failed write: help to a full disk exited 0 having shown nothing
    full = shell('"$@" > /dev/full', *words, env={"PYTHONUNBUFFERED": unbuffered})
    assert full.returncode == 1
    assert "cannot write the output: No space left on device" in stderr_of(full)
    closed = shell('"$@" >&-', *words, env={"PYTHONUNBUFFERED": unbuffered})
    assert closed.returncode == 1 and "standard output is closed" in stderr_of(closed)
    shown = shell('"$@"', *words)
    assert shown.returncode == 0 and shown.stdout.startswith(b"usage: journal")


@pytest.mark.parametrize("words", [["log", "Aiko", "call", "--date"], ["snooze", "Aiko"],
                                   ["edit", "Aiko", "--no-cards-until"],
                                   ["edit", "Aiko", "--cadence"], ["edit", "Aiko", "--birthday"]])
def test_a_huge_value_is_refused_in_a_short_message(tmp_path: Path, words: list[str]) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    before = path.read_bytes()
    err = fails(1, *words, "x" * 100_000, file=path)
    assert len(err) < 300 and "xxx…" in err  # the value quoted, cut short
    assert path.read_bytes() == before


def test_a_huge_unknown_argument_is_a_short_usage_error(tmp_path: Path) -> None:
    err = fails(2, "list", "--nonsense", "y" * 100_000, file=tmp_path / "j.json")
    assert "unrecognized arguments" in err and len(err) < 600


def test_arguments_that_are_not_utf8_are_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    added = shell('"$@"', "add", b"Bo\xffb", "--file", str(path))
    assert added.returncode == 2
    err = stderr_of(added)
    assert err.startswith("journal add: an argument is not UTF-8 text: ") and "\\xff" in err
    assert not path.exists()
    journal_with(path, "Aiko Tanaka")
    noted = shell('"$@"', "log", "Aiko", "call", b"caf\xe9", "--file", str(path))
    assert noted.returncode == 2 and "not UTF-8" in stderr_of(noted)
    store = Store.open(path)
    assert store.interactions(store.contacts()[0].id) == []
    # a file name may be any bytes: only text to keep must be UTF-8
    folder = os.fsencode(tmp_path)
    other = folder + b"/j\xff.json"
    added = shell('"$@"', "add", "Aiko Tanaka", "--file", other)
    assert added.returncode == 0, stderr_of(added)
    exported = shell(  # to a strict stdout: the name is shown with U+FFFD for the byte
        '"$@"', "export", "--format", "csv", "-o", folder + b"/out\xfe.csv", "--file", other,
        env={"PYTHONIOENCODING": "utf-8"},
    )
    assert exported.returncode == 0, stderr_of(exported)
    assert exported.stdout.endswith("/out\ufffd.csv.\n".encode())
    assert os.path.exists(other) and os.path.exists(folder + b"/out\xfe.csv")


# --- 2. what --file may name -----------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_not_read(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    result = shell('"$@"', "list", "--file", device, timeout=20)
    assert result.returncode == 1
    assert f"{device}: cannot read it: it is a character device, not a journal file" in (
        stderr_of(result)
    )


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for argv in (["list"], ["add", "Aiko"]):
        result = shell('"$@"', *argv, "--file", str(fifo), timeout=20)
        assert result.returncode == 1
        assert "it is a named pipe (FIFO), not a journal file" in stderr_of(result)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]


def test_an_empty_file_option_is_a_usage_error(tmp_path: Path) -> None:
    env = {"JOURNAL_FILE": str(tmp_path / "env.json")}
    for argv in (["--file", "", "list"], ["list", "--file", ""], ["add", "A", "--file", ""]):
        err = fails(2, *argv, env=env)
        assert "--file needs the path of a journal file" in err
    assert list(tmp_path.iterdir()) == []  # not quietly the JOURNAL_FILE one


def test_a_journal_over_the_size_cap_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(journal_file.MAX_JOURNAL_BYTES + 1)  # sparse: no disk used, no byte read
    err = fails(1, "list", file=path)
    assert "over the 256 MB a journal may be" in err
    fails(1, "add", "Aiko", file=path)
    assert path.stat().st_size == journal_file.MAX_JOURNAL_BYTES + 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["huge.json"]


def test_a_save_that_would_pass_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    before = path.read_bytes()
    monkeypatch.setattr(journal_file, "MAX_JOURNAL_BYTES", len(before) + 100)
    err = fails(1, "add", "Someone with a long name", "--notes", "x" * 200, file=path)
    assert "cannot save the journal: it would be" in err and "nothing was saved" in err
    assert path.read_bytes() == before
    assert [c.name for c in Store.open(path).contacts()] == ["Aiko Tanaka"]


# --- 3. symlinks and modes -----------------------------------------------------------------------


def test_a_journal_behind_a_symlink_stays_a_link_to_its_saved_target(tmp_path: Path) -> None:
    target_dir = tmp_path / "synced"
    target_dir.mkdir()
    target = target_dir / "journal.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)  # dangling at first: the first save makes the target
    ok("add", "Aiko Tanaka", file=link)
    ok("add", "Ben Okafor", file=link)  # a second command: backs the journal up first
    ok("log", "Aiko", "call", file=link)  # a save that splices the appended entry
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "synced"]
    names = sorted(p.name for p in target_dir.iterdir())
    assert "journal.json" in names and "journal.json.lock" in names
    assert any(n.startswith("journal.json.2") and n.endswith(".bak") for n in names)
    assert [c.name for c in Store.open(link).contacts()] == ["Aiko Tanaka", "Ben Okafor"]
    assert Store.open(link).path == target


def test_a_relative_symlink_is_followed_from_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "j.json").symlink_to("real.json")
    monkeypatch.chdir(tmp_path)
    ok("add", "Aiko Tanaka", file=Path("data/j.json"))
    assert (tmp_path / "data" / "j.json").is_symlink()
    assert (tmp_path / "data" / "real.json").is_file()
    assert not (tmp_path / "real.json").exists()


@pytest.mark.parametrize("mode", [0o640, 0o644])
def test_a_journal_keeps_its_mode_through_every_kind_of_save(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    os.chmod(path, mode)
    ok("add", "Ben Okafor", file=path)  # a full save, after a backup of the journal
    assert stat.S_IMODE(path.stat().st_mode) == mode
    ok("log", "Aiko", "call", file=path)  # a save written ahead and spliced
    assert stat.S_IMODE(path.stat().st_mode) == mode
    ok("edit", "Aiko", "--notes", "tea", file=path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    for backup in Store(path).backups():  # backups stay the owner's alone
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    old = os.umask(0)
    try:
        fresh = tmp_path / "new.json"
        ok("add", "Aiko Tanaka", file=fresh)
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600  # a new journal is the owner's alone


# --- 4. huge values --------------------------------------------------------------------------


def test_a_huge_cell_is_cut_and_does_not_widen_its_table() -> None:
    name = "N" * 10_000_000
    text = output.table([[name, "today", "not tracked"], ["Aiko", "today", "not tracked"]])
    assert len(text) < 300
    first, second = text.split("\n")
    assert first.startswith("N" * (output.CELL_MAX - 1) + "…")
    assert second.startswith("Aiko" + " " * (output.CELL_MAX - 4) + "  today")


def test_cells_are_cut_by_terminal_width_with_an_ellipsis() -> None:
    wide = "田中" * 100  # two cells each
    cut = output.cut(wide, 9)
    assert cut.endswith("…") and output.cell_len(cut) <= 9
    assert output.cut("短い", 9) == "短い"
    assert output.cut("a" * 50 + "\u0301" * 5, 60) == "a" * 50 + "\u0301" * 5


def test_list_of_a_long_name_stays_within_the_cell_cap(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    long_name = "Maximiliana " * 25  # 300 characters, the longest a name may be
    journal_with(path, long_name.strip(), "Aiko Tanaka")
    listed = ok("list", file=path)
    widths = [output.cell_len(line) for line in listed.splitlines()]
    assert max(widths) < output.CELL_MAX + 40
    assert "…" in listed


# --- 5. controls: --json escapes them, plain text shows them --------------------------------


def hostile_journal(path: Path) -> None:
    """A journal written before text was tidied on the way in: raw controls in its values."""
    store = journal_with(path, "Aiko Tanaka")
    store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2026, 11, 1), note="hi")
    doc = orjson.loads(path.read_bytes())
    (contact,) = doc["contacts"].values()
    contact["notes"] = "a\x85b\u2028c\u2029d\x9b31me\x7f\x1b[2Je"
    (interaction,) = doc["interactions"].values()
    interaction["note"] = "x\x1b]52;c;aGk=\x07y\x9d"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_json_escapes_every_control_and_line_separator(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    hostile_journal(path)
    raw = run("show", "Aiko", "--json", file=path).stdout.encode()
    for forbidden in ("\x85", "\u2028", "\u2029", "\x9b", "\x7f", "\x1b", "\x07", "\x9d"):
        assert forbidden.encode() not in raw, repr(forbidden)
    shown = orjson.loads(raw)  # and the values read back as they are
    assert shown["contact"]["notes"] == "a\x85b\u2028c\u2029d\x9b31me\x7f\x1b[2Je"
    assert shown["interactions"][0]["note"] == "x\x1b]52;c;aGk=\x07y\x9d"
    assert b"\\u0085" in raw and b"\\u2028" in raw and b"\\u009b" in raw
    plain = {"name": "田中 © café", "n": [1, 2]}  # nothing to escape: orjson's own bytes
    assert output.dumps(plain) == orjson.dumps(
        plain, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    )


def test_plain_text_shows_controls_visibly(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    hostile_journal(path)
    shown = ok("show", "Aiko", file=path)
    assert "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown
    assert "␛[2J" in shown and "␛]52;c;aGk=␇y" in shown  # what is there, visibly


# --- 6. the order of entries logged on one day -------------------------------------------------


def test_entries_logged_in_one_second_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = journal_with(path, "Aiko Tanaka")
    aiko = store.contacts()[0]
    logged = [
        store.add_interaction(aiko.id, Kind.MESSAGE, date(2026, 11, 1), note=str(n)).id
        for n in range(30)
    ]
    for reader in (store, Store.open(path)):
        assert [i.id for i in reader.interactions(aiko.id)] == logged
        assert [i.id for i in reader.newest_first(aiko.id)] == logged[::-1]
        assert reader.latest(aiko.id).id == logged[-1]
        assert [i.id for i in reader.all_interactions()] == logged
    shown = orjson.loads(ok("show", "Aiko", "--json", file=path))
    assert [i["note"] for i in shown["interactions"]] == [str(n) for n in range(29, -1, -1)]


def test_two_processes_logging_at_the_same_instant_keep_the_logging_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    one, other = Store.open(path), Store.open(path)  # as two processes hold it
    aiko = one.contacts()[0]
    instant = datetime(2026, 11, 1, 9, 0, 0)
    monkeypatch.setattr(store_module, "clock", lambda: instant)  # a clock that does not move
    monkeypatch.setattr(store_module, "_last_logged", datetime.min)  # nor this process's
    first = one.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1), intent=Intent.GIVE)
    monkeypatch.setattr(store_module, "_last_logged", datetime.min)  # another process
    second = other.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1), intent=Intent.ASK)
    third = one.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1), direction=Direction.IN)
    assert first.created == instant and first.created < second.created < third.created
    fresh = Store.open(path)
    assert [i.id for i in fresh.newest_first(aiko.id)] == [third.id, second.id, first.id]
    assert fresh.latest_touches()[0][1][0].direction is Direction.IN
    shown = orjson.loads(ok("show", "Aiko", "--json", file=path))
    assert [i["id"] for i in shown["interactions"]] == [third.id, second.id, first.id]
    assert shown["contact"]["give_next"] is True  # the latest outgoing one was the ask
    assert shown["contact"]["reply_owed"] is True  # the latest of all came in


def test_a_clock_set_back_does_not_reorder_what_is_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.json"
    store = journal_with(path, "Aiko Tanaka")
    aiko = store.contacts()[0]
    times = iter([datetime(2026, 11, 1, 10), datetime(2026, 11, 1, 9)])  # NTP stepped back
    monkeypatch.setattr(store_module, "clock", lambda: next(times))
    a = store.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1))
    b = store.add_interaction(aiko.id, Kind.CALL, date(2026, 11, 1))
    assert [i.id for i in Store.open(path).newest_first(aiko.id)] == [b.id, a.id]


def test_an_old_file_written_to_the_second_keeps_its_order(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    store = journal_with(path, "Aiko Tanaka")
    cid = store.contacts()[0].id
    doc = orjson.loads(path.read_bytes())
    base = {
        "contact_id": cid, "kind": "call", "date": "2026-10-01", "direction": "out",
        "channel": "", "note": "", "intent": None, "occasion": None,
    }
    rows = [  # as older versions wrote them: seconds only, one day, one second twice
        {**base, "id": "cccc", "created": "2026-10-01 10:00:00", "direction": "in"},  # edited
        {**base, "id": "bbbb", "created": "2026-10-01T09:00:00"},
        {**base, "id": "aaaa", "created": "2026-10-01T09:00:00"},
    ]
    doc["interactions"] = {str(n): row for n, row in enumerate(rows, 1)}
    path.write_bytes(orjson.dumps(doc))
    expected = ["aaaa", "bbbb", "cccc"]  # (date, created, id) as before, times as times
    # each read on a store of its own: none may lean on what another built
    assert Store.open(path).latest(cid).id == "cccc"  # whichever way its time is written
    assert Store.open(path).latest_touches()[0][1][0].direction is Direction.IN
    assert [i.id for i in Store.open(path).newest_first(cid)] == expected[::-1]
    old = Store.open(path)
    assert [i.id for i in old.interactions(cid)] == expected
    new = old.add_interaction(cid, Kind.CALL, date(2026, 10, 1))  # logged today: the newest
    assert [i.id for i in Store.open(path).newest_first(cid)] == [new.id, *expected[::-1]]


# --- import and restore: clear errors, nothing left behind ---------------------------------


def test_a_csv_field_over_the_csv_modules_limit_is_read_and_cut(tmp_path: Path) -> None:
    source = tmp_path / "google.csv"
    note = "n" * 300_000  # over csv's default field limit (131,072) and the journal's notes
    source.write_text(f'First Name,Last Name,Labels,Notes\nAiko,Tanaka,x,"{note}"\n')
    report = ok("import", str(source), file=tmp_path / "j.json")
    assert "added    Aiko Tanaka" in report and "notes cut to 200,000 characters" in report
    (aiko,) = Store.open(tmp_path / "j.json").contacts()
    assert aiko.notes == "n" * 200_000


def test_a_pipe_to_import_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    result = shell('"$@"', "import", str(fifo), "--file", str(tmp_path / "j.json"), timeout=20)
    assert result.returncode == 1 and "is not a file (a device or a pipe)" in stderr_of(result)


def backup_with(tmp_path: Path, change) -> tuple[Path, Path]:
    """A journal, and a JSON backup of it with one record changed by `change`."""
    path = tmp_path / "j.json"
    store = journal_with(path, "Aiko Tanaka", "Ben Okafor")
    store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2026, 11, 1))
    backup = tmp_path / "backup.json"
    ok("export", "--format", "json", "-o", str(backup), file=path)
    doc = orjson.loads(backup.read_bytes())
    change(doc)
    backup.write_bytes(orjson.dumps(doc))
    ok("edit", "Ben", "--notes", "changed since the backup", file=path)
    return path, backup


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["contacts"][0].update(cadence_days=10**12), "a cadence is from 1 day"),
        (lambda d: d["contacts"][1].update(created="2026-01-01T00:00:00+09:00"), "time zone"),
        (lambda d: d["interactions"][0].update(date="9999-01-01"), "interaction"),
    ],
)
def test_a_refused_restore_names_the_backup_and_leaves_nothing(
    tmp_path: Path, change, problem: str
) -> None:
    path, backup = backup_with(tmp_path, change)
    before = path.read_bytes()
    err = fails(1, "import", str(backup), file=path)
    assert err.startswith(f"journal: {backup}: ") and problem in err
    assert "nothing was restored" in err and str(path) not in err
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*before-import*"))


def test_a_restore_whose_save_fails_leaves_no_copy_of_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def grow(doc: dict) -> None:
        doc["contacts"][0]["notes"] = "n" * 5000

    path, backup = backup_with(tmp_path, grow)
    before = path.read_bytes()
    monkeypatch.setattr(journal_file, "MAX_JOURNAL_BYTES", len(before) + 1000)
    err = fails(1, "import", str(backup), file=path)
    assert f"{path}: cannot save the journal" in err
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*before-import*"))


def test_usage_errors_show_the_controls_they_quote(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    journal_with(path, "Aiko Tanaka")
    for argv in (["log", "Aiko", "\x1b[31mred"], ["list", "--bogus", "\x1b]0;title\x07"]):
        err = fails(2, *argv, file=path)
        assert "\x1b" not in err and "\x07" not in err
        assert "␛" in err
