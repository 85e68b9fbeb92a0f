"""Journal files already checked: a file this program checked in full, or wrote from records
it had checked, opens again without checking each record while it stays as it was.

Opening a journal checks every record against what the shell and the forms accept
(`journal.fields`); at 2,000 people and 20,000 interactions that is a fifth of a command's
time. A seal remembers, for one journal, the identity of the file that passed (device, inode,
size, modification and change times: a save replaces the inode, and any other write moves the
change time, which no program can set back), the code that checked it and the latest day its
records were held to. The store trusts a file only while all three still hold.

Seals are a cache, kept in the user's cache folder (`~/.cache/journal/checked/`, or
`JOURNAL_CACHE_DIR`): a missing, unreadable, damaged or stale seal only means that the next
opening checks every record again, and a seal that cannot be written is passed over.
"""

from __future__ import annotations

import os
from binascii import crc32
from datetime import date
from functools import lru_cache
from pathlib import Path

import orjson

from journal.journal_file import write_atomically
from journal.paths import user_folder

ENV_CACHE_DIR = "JOURNAL_CACHE_DIR"
SEALS = "checked"
MAX_SEAL_BYTES = 4096  # a seal is a few numbers; anything bigger is not one

Identity = tuple[int, int, int, int, int]


def identity(st: os.stat_result) -> Identity:
    """What tells one state of a file from any other (see the module's docstring)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def cache_folder() -> Path:
    """The user's cache folder for journal, or JOURNAL_CACHE_DIR."""
    if folder := os.environ.get(ENV_CACHE_DIR):
        return Path(folder).expanduser()
    return user_folder("cache")


def seal_path(journal: Path) -> Path:
    """Where the seal of the journal at this (real, absolute) path is kept. Two journals
    whose paths share a checksum take turns in one seal (each sealed as its own path)."""
    return cache_folder() / SEALS / f"{crc32(os.fsencode(journal)):08x}.json"


def _name(journal: Path) -> str:
    return os.fsencode(journal).decode(errors="backslashreplace")  # a file name is any bytes


PACKAGE = Path(__file__).parent


@lru_cache(maxsize=4)
def checking_code(folder: Path = PACKAGE) -> str:
    """The code that checks records, as a stamp: the name, size and modification time of
    every module of the package. Any change to it (an upgrade, an edit) makes every seal
    stale."""
    try:
        modules = sorted(
            (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
            for entry in os.scandir(folder) if entry.name.endswith(".py")
        )
    except OSError:
        return ""  # no stamp, no seals: each opening checks in full
    stamp = repr(modules).encode()
    return f"{len(stamp)}-{crc32(stamp):08x}"


def is_sealed(journal: Path, file: Identity, horizon: date) -> bool:
    """Whether the file at `journal`, as `file` identifies it, passed every check of this code
    with records held to no later a day than `horizon`: so they would pass again."""
    code = checking_code()
    if not code:
        return False
    try:
        with open(seal_path(journal), "rb") as f:
            seal = orjson.loads(f.read(MAX_SEAL_BYTES + 1))
        return (
            isinstance(seal, dict)
            and seal.get("journal") == _name(journal)
            and seal.get("code") == code
            and seal.get("file") == list(file)
            and date.fromisoformat(seal["horizon"]) <= horizon
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def seal(journal: Path, file: Identity, horizon: date) -> None:
    """Remember that the file at `journal`, as `file` identifies it, passed every check with
    records held to `horizon`. Passed over when the cache cannot be written."""
    code = checking_code()
    if not code:
        return
    doc = {"journal": _name(journal), "file": list(file), "horizon": horizon.isoformat(),
           "code": code}
    try:
        write_atomically(seal_path(journal), orjson.dumps(doc), durable=False)
    except (OSError, ValueError):
        pass

