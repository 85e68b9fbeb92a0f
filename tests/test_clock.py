"""One clock (journal.clock): JOURNAL_TODAY means the same in the shell, the app and the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from journal_command import command_env, run_in_process

from journal.clock import Clock, ClockError
from journal.store import Store

DAY = date(2026, 3, 14)


def test_the_clock_is_frozen_by_journal_today() -> None:
    clock = Clock.from_environment({"JOURNAL_TODAY": " 2026-03-14 "})
    assert clock.frozen and clock.today() == DAY
    assert clock.now().date() == DAY
    real = Clock.from_environment({})
    assert not real.frozen and real.today() == date.today()


def test_a_frozen_clocks_now_keeps_moving() -> None:
    clock = Clock(DAY)
    first, second = clock.now(), clock.now()
    assert first.date() == second.date() == DAY and first <= second


def test_a_bad_journal_today_is_refused() -> None:
    with pytest.raises(ClockError, match='JOURNAL_TODAY="2026-13-01" is not a date'):
        Clock.from_environment({"JOURNAL_TODAY": "2026-13-01"})


def test_records_are_created_on_the_stores_today(tmp_path: Path) -> None:
    """The app and the shell both write through a Store on the journal's today: a person
    added on a frozen day is due from that day, whichever front end added them."""
    store = Store.open(tmp_path / "j.json", today=lambda: DAY)
    contact = store.add_contact("Ann Lee")
    assert contact.created.date() == contact.updated.date() == DAY


def test_the_shell_and_the_app_refuse_a_bad_journal_today_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from screens.app import run_app

    path = tmp_path / "j.json"
    env = command_env({"JOURNAL_TODAY": "soon"})
    shell = run_in_process(["list", "--file", str(path)], env)
    monkeypatch.setenv("JOURNAL_TODAY", "soon")
    assert run_app(path) == 1
    app_error = capsys.readouterr().err
    assert shell.returncode == 1
    assert shell.stderr == app_error == (
        'journal: JOURNAL_TODAY="soon" is not a date: use YYYY-MM-DD, or unset it\n'
    )
    assert not path.exists()


def test_the_shell_adds_a_person_on_journal_today(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    env = command_env({"JOURNAL_TODAY": "2026-03-14"})
    done = run_in_process(["add", "Ann Lee", "--file", str(path)], env)
    assert done.returncode == 0, done.stderr
    (contact,) = Store.open(path).contacts()
    assert contact.created.date() == DAY
