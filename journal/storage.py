"""A TinyDB storage that keeps the journal in memory and saves it atomically and durably.

TinyDB's stock JSONStorage rewrites the file in place (a crash mid-write leaves broken JSON)
and reads a 0-byte file as an empty database that it then overwrites. This storage parses the
file once, refuses anything that is not a journal, and saves by writing a temporary file in the
same folder, fsyncing it, renaming it over the journal and fsyncing the folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o600


class JournalError(Exception):
    """The journal cannot be read or written; the message names the file and the problem."""


Tables = dict[str, dict[str, Any]]
Signature = tuple[int, int, int]


def file_signature(path: Path) -> Signature | None:
    """What changes whenever anyone saves the file (a save always replaces the inode)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def encode(tables: Tables) -> bytes:
    return orjson.dumps(tables, option=orjson.OPT_INDENT_2) + b"\n"


def decode(path: Path, raw: bytes) -> Any:
    if not raw.strip():
        raise JournalError(f"{path}: the file is empty ({len(raw)} bytes); it is not a journal")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        reason = str(e).split(": line ")[0]
        raise JournalError(
            f"{path}: not valid JSON at line {e.lineno}, column {e.colno}: {reason}"
        ) from None


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves the old file or the new one."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> int:
    """Delete temporary files left by a killed save. Call only while holding the write lock."""
    removed = 0
    for leftover in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
        try:
            leftover.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


class AtomicJSONStorage(Storage):
    """Holds the parsed journal in memory; `write` saves atomically unless writes are held."""

    def __init__(self, path: Path, empty: Tables) -> None:
        self.path = path
        self.data: Tables = empty
        self.signature: Signature | None = None
        self.hold_writes = False
        self.dirty = False

    def load(self) -> Any:
        """Read and parse the file; None when it does not exist yet. Raises JournalError."""
        signature = file_signature(self.path)
        if signature is None:
            self.signature = None
            return None
        try:
            raw = self.path.read_bytes()
        except OSError as e:
            raise JournalError(f"{self.path}: cannot read the file: {e.strerror}") from None
        self.signature = file_signature(self.path)
        return decode(self.path, raw)

    def changed_on_disk(self) -> bool:
        return file_signature(self.path) != self.signature

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.dirty = True
        if not self.hold_writes:
            self.flush()

    def flush(self) -> None:
        if not self.dirty:
            return
        try:
            write_atomically(self.path, encode(self.data))
        except OSError as e:
            raise JournalError(f"{self.path}: cannot save the journal: {e.strerror}") from None
        self.dirty = False
        self.signature = file_signature(self.path)
