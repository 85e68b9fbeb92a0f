"""Where journal keeps its files by default: what platformdirs says, without importing it on
Linux and the BSDs (journal.paths.user_folder)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from journal.checked import ENV_CACHE_DIR, cache_folder
from journal.paths import ENV_FILE, journal_path, user_folder
from journal.settings import ENV_CONFIG_DIR, settings_path

KINDS = {"data": "XDG_DATA_HOME", "config": "XDG_CONFIG_HOME", "cache": "XDG_CACHE_HOME"}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("xdg", ["set", "unset", "blank"])
def test_each_folder_is_where_platformdirs_puts_it(
    kind: str, xdg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg == "set":
        monkeypatch.setenv(KINDS[kind], str(tmp_path / "xdg"))
    elif xdg == "blank":
        monkeypatch.setenv(KINDS[kind], "  ")
    else:
        monkeypatch.delenv(KINDS[kind], raising=False)
    expected = getattr(platformdirs, f"user_{kind}_dir")("journal", appauthor=False)
    assert user_folder(kind) == Path(expected)
    if xdg == "set" and sys.platform.startswith("linux"):
        assert user_folder(kind) == tmp_path / "xdg" / "journal"


def test_the_defaults_are_in_those_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (ENV_FILE, ENV_CONFIG_DIR, ENV_CACHE_DIR):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for variable in KINDS.values():
        monkeypatch.delenv(variable, raising=False)
    assert journal_path() == user_folder("data") / "journal.json"
    assert settings_path() == user_folder("config") / "settings.json"
    assert cache_folder() == user_folder("cache")
    if sys.platform.startswith("linux"):
        assert journal_path() == tmp_path / ".local" / "share" / "journal" / "journal.json"
