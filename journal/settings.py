"""The user's settings that belong to no journal (the app's theme): a small JSON file in the
platform's config folder (`platformdirs.user_config_dir("journal")`, e.g.
`~/.config/journal/settings.json`), or in `JOURNAL_CONFIG_DIR` when that is set.

Settings are a convenience: a missing, unreadable or damaged file reads as no settings, and
a failed write is reported to the caller, never raised into the app.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from journal.journal_file import write_atomically
from journal.paths import user_folder

ENV_CONFIG_DIR = "JOURNAL_CONFIG_DIR"
SETTINGS_NAME = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024  # a few names; anything bigger is not ours


def settings_path() -> Path:
    if folder := os.environ.get(ENV_CONFIG_DIR):
        return Path(folder).expanduser() / SETTINGS_NAME
    return user_folder("config") / SETTINGS_NAME


def load_settings() -> dict[str, Any]:
    """Every setting saved, or none when there is no file or it cannot be read."""
    path = settings_path()
    try:
        if not path.is_file() or path.stat().st_size > MAX_SETTINGS_BYTES:
            return {}
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return doc if isinstance(doc, dict) else {}


def get_setting(key: str, default: Any = None) -> Any:
    return load_settings().get(key, default)


def save_setting(key: str, value: Any) -> str | None:
    """Keep `key` = `value` beside the other settings; what went wrong, or None."""
    settings = load_settings()
    if settings.get(key) == value:
        return None
    settings[key] = value
    try:
        write_atomically(settings_path(), orjson.dumps(settings, option=orjson.OPT_INDENT_2))
    except OSError as e:
        return f"could not save the settings in {settings_path()}: {e.strerror or e}"
    return None
