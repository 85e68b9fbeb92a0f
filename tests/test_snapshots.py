"""Pictures of every screen at 80x24 on a small journal and a frozen day: a layout that
breaks shows up as a picture diff (pytest-textual-snapshot; `pytest --snapshot-update`
writes them again after a change meant to be seen, to be looked at before committing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import layout_journal
import pytest
from pilot_helpers import press, quiet
from textual.pilot import Pilot
from textual.widgets import Input

from screens.app import JournalApp

SIZE = (80, 24)
Setup = Callable[[Pilot, dict[str, str]], Awaitable[None]]


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, str]]:
    monkeypatch.setenv("JOURNAL_CONFIG_DIR", str(tmp_path / "config"))  # the default theme
    path = tmp_path / "j.json"
    return path, layout_journal.build(path)


async def _settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await quiet(pilot)
    for field in pilot.app.screen.query(Input):  # a blinking cursor makes pictures differ
        field.cursor_blink = False
    await quiet(pilot)


async def _keys(pilot: Pilot, *keys: str) -> None:
    await _settle(pilot)
    await press(pilot, *keys)
    await _settle(pilot)


async def _timeline(pilot: Pilot, ids: dict[str, str], *keys: str) -> None:
    await _settle(pilot)
    pilot.app.screen.select_contact(ids["aiko"])
    await _keys(pilot, "enter", *keys)


SCREENS: dict[str, Setup] = {
    "contacts": lambda pilot, ids: _keys(pilot),
    "timeline": lambda pilot, ids: _timeline(pilot, ids),
    "overdue": lambda pilot, ids: _keys(pilot, "2"),
    "birthdays": lambda pilot, ids: _keys(pilot, "3"),
    "cards": lambda pilot, ids: _keys(pilot, "4"),
    "log_form": lambda pilot, ids: _timeline(pilot, ids, "l"),
    "contact_form": lambda pilot, ids: _timeline(pilot, ids, "e"),
    "help": lambda pilot, ids: _keys(pilot, "question_mark"),
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_at_80x24(name: str, journal: tuple[Path, dict[str, str]],
                         snap_compare: Callable[..., bool]) -> None:
    path, ids = journal
    app: JournalApp = layout_journal.make_app(path)

    async def setup(pilot: Pilot) -> None:
        await SCREENS[name](pilot, ids)

    assert snap_compare(app, terminal_size=SIZE, run_before=setup)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_timeline_header_with_its_chart(size: tuple[int, int],
                                        journal: tuple[Path, dict[str, str]],
                                        snap_compare: Callable[..., bool]) -> None:
    path, ids = journal
    layout_journal.add_history(path, ids["shota"])
    app: JournalApp = layout_journal.make_app(path)

    async def setup(pilot: Pilot) -> None:
        await _settle(pilot)
        pilot.app.screen.select_contact(ids["shota"])
        await _keys(pilot, "enter")

    assert snap_compare(app, terminal_size=size, run_before=setup)
