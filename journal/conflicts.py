"""The conflict copies that sync engines leave beside a journal, found by name.

When two devices change a synced file between syncs, the engine keeps one version under the
file's name and sets the other aside under a name of its own making. For `journal.json`:

| engine                 | conflict copy                                          |
|------------------------|--------------------------------------------------------|
| Syncthing              | `journal.sync-conflict-20261206-011800-ABCDEF7.json`    |
| Dropbox                | `journal (Aiko's conflicted copy 2026-12-06).json`      |
| Nextcloud, ownCloud    | `journal (conflicted copy 2026-12-06 011800).json`      |
| ownCloud (older)       | `journal_conflict-20261206-011800.json`                 |
| OneDrive               | `journal-DESKTOP-AB12CD.json` (the computer's name)     |
| iCloud Drive           | `journal 2.json`                                        |

Finding them is one directory listing and one regular expression: every command does it.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

_ENGINE_SUFFIXES = (
    r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}",  # Syncthing
    r" \(.+'s conflicted copy(?: \d{4}-\d{2}-\d{2})?(?: \(\d+\))?\)",  # Dropbox
    r" \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)",  # Nextcloud, ownCloud
    r"_conflict-\d{8}-\d{6}",  # older ownCloud
    # OneDrive adds the computer's name: Windows names are upper case, at most 15 characters.
    r"-(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{0,14}",
    r" (?:[2-9]|[1-9]\d+)",  # iCloud Drive
)


@lru_cache(maxsize=8)
def _pattern(name: str) -> re.Pattern[str]:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    else:
        suffix = "." + suffix
    engines = "|".join(f"(?:{s})" for s in _ENGINE_SUFFIXES)
    return re.compile(re.escape(stem) + f"(?:{engines})" + re.escape(suffix))


def is_conflict_copy(journal: Path, candidate: str) -> bool:
    """Whether a file name is a sync engine's conflict copy of `journal`."""
    return _pattern(journal.name).fullmatch(candidate) is not None


def conflict_copies(journal: Path) -> list[Path]:
    """The conflict copies beside `journal`, by name, oldest first (by modification time)."""
    stem, dot, suffix = journal.name.rpartition(".")
    if not dot:
        stem, suffix = journal.name, ""
    found: list[tuple[float, str, Path]] = []
    try:
        with os.scandir(journal.parent) as entries:
            # the pattern is compiled (a millisecond) only when a name could be a copy
            candidates = [
                entry for entry in entries
                if entry.name.startswith(stem) and entry.name.endswith(suffix)
                and entry.name != journal.name
            ]
            for entry in candidates:
                if _pattern(journal.name).fullmatch(entry.name) and entry.is_file():
                    found.append((entry.stat().st_mtime, entry.name, Path(entry.path)))
    except OSError:
        return []
    return [path for _, _, path in sorted(found)]


def conflict_hint(journal: Path) -> str | None:
    """The one line a command prints on stderr while conflict copies exist, or None."""
    copies = conflict_copies(journal)
    if not copies:
        return None
    what = "a conflict copy" if len(copies) == 1 else f"{len(copies)} conflict copies"
    return (
        f"journal: {what} of this journal from a sync engine ({copies[0].name}"
        f"{', …' if len(copies) > 1 else ''}): `journal merge --conflicts` folds them in"
    )
