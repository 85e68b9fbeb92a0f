"""Shared for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.checked import ENV_CACHE_DIR
from journal.settings import ENV_CONFIG_DIR


def _own_folder(variable: str, name: str, factory: pytest.TempPathFactory,
                monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = factory.mktemp(name)
    monkeypatch.setenv(variable, str(folder))
    return folder


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                 ) -> Path:
    """Each test its own settings folder: never the user's theme, never written to it."""
    return _own_folder(ENV_CONFIG_DIR, "config", tmp_path_factory, monkeypatch)


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
              ) -> Path:
    """Each test its own cache folder (the seals of checked journals, journal.checked)."""
    return _own_folder(ENV_CACHE_DIR, "cache", tmp_path_factory, monkeypatch)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where a test's journal lives."""
    return tmp_path / "j.json"
