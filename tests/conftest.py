"""Shared for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.settings import ENV_CONFIG_DIR


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                 ) -> Path:
    """Each test its own settings folder: never the user's theme, never written to it."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(ENV_CONFIG_DIR, str(folder))
    return folder


def _finer_pilot_waits() -> None:
    """Pilot waits for the app to be idle after every key, sleeping 1/50 s at a time until a
    sleep passes with the process idle, and screens repaint at most 60 times a second. A
    test reads the screen once it is idle and painted: slices of 1/200 s and repaints up to
    400 times a second tell the same, several times sooner. (Textual has no public setting
    for these; the app itself never changes them.)"""
    from textual import _wait, screen

    _wait.SLEEP_GRANULARITY = 1 / 200
    _wait.SLEEP_IDLE = _wait.SLEEP_GRANULARITY / 20
    screen.UPDATE_PERIOD = 1 / 400


_finer_pilot_waits()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where a test's journal lives."""
    return tmp_path / "j.json"
