"""Shared for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.checked import ENV_CACHE_DIR
from journal.settings import ENV_CONFIG_DIR


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                 ) -> Path:
    """Each test its own settings folder: never the user's theme, never written to it."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(ENV_CONFIG_DIR, str(folder))
    return folder


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
              ) -> Path:
    """Each test its own cache folder (the seals of checked journals, journal.checked)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv(ENV_CACHE_DIR, str(folder))
    return folder


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where a test's journal lives."""
    return tmp_path / "j.json"
