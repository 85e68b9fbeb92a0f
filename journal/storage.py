"""A TinyDB storage that keeps the journal in memory and saves it atomically and durably.

TinyDB's stock JSONStorage rewrites the file in place (a crash mid-write leaves broken JSON)
and reads a 0-byte file as an empty database that it then overwrites. This storage parses the
file once, refuses anything that is not a journal, and saves by writing a temporary file in the
same folder, fsyncing it, renaming it over the journal and fsyncing the folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o600


class JournalError(Exception):
    """The journal cannot be read or written; the message names the file and the problem."""


class DamagedJournal(JournalError):
    """The file's content is not a journal this version can read (empty, broken JSON, another
    program's, a bad record): it is left untouched, and the message says what and where."""


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
        raise DamagedJournal(f"{path}: the file is empty ({len(raw)} bytes); it is not a journal")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        reason = str(e).split(": line ")[0]
        line, column = e.lineno, e.colno
        if reason.startswith("str is not valid UTF-8"):
            # orjson checks the encoding first and reports line 1, column 1: find the byte.
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as u:
                line = raw.count(b"\n", 0, u.start) + 1
                column = u.start - raw.rfind(b"\n", 0, u.start)
                reason = f"byte 0x{raw[u.start]:02x} is not UTF-8 text (is it a binary file?)"
        raise DamagedJournal(
            f"{path}: not valid JSON at line {line}, column {column}: {reason}"
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


def replace_file(path: Path, data: bytes) -> None:
    """Write the whole file, then rename it into place: a file a calendar subscribes to is never
    seen half-written. A new file is readable by its owner alone; a file replaced keeps its
    permissions (one served to a calendar stays readable)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o600
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


ELSEWHERE = "keep the journal in another folder with --file or JOURNAL_FILE"


def _not_a_folder(path: Path) -> Path | None:
    """The first of the journal's parents that exists but is not a folder, if any."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def save_problem(path: Path, e: OSError) -> str:
    """One line for a save that failed: which journal, why, and what to do next."""
    folder = path.parent
    head = f"{path}: cannot save the journal"
    code = e.errno
    made = Path(e.filename) if e.filename else None
    if made not in (folder, *folder.parents) or (made is not None and made.is_dir()):
        made = None  # not a folder that could not be made
    if code in (errno.EACCES, errno.EPERM):
        if made is not None:
            why, blocked = f"you may not create the folder {made}", made.parent
        else:
            why, blocked = f"you may not create files in the folder {folder}", folder
        todo = f"make {blocked} writable, or {ELSEWHERE}"
    elif code == errno.EROFS:
        why = f"the folder {folder} is on a read-only file system"
        todo = ELSEWHERE
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        why = "the disk is full"
        todo = "free some space and try again"
    elif code in (errno.ENOTDIR, errno.EEXIST) and (blocker := _not_a_folder(path)):
        why = f"{blocker} is a file, not a folder"
        todo = ELSEWHERE
    elif code == errno.ENOENT and folder.is_dir():
        why = f"files cannot be created in the folder {folder} ({e.strerror})"
        todo = ELSEWHERE
    elif made is not None:
        why = f"cannot create the folder {made} ({e.strerror})"
        todo = ELSEWHERE
    else:
        # Name the file that was the problem, not a temporary file renamed onto it.
        culprit = e.filename
        if culprit and Path(culprit).name.startswith(temp_prefix(path)):
            culprit = e.filename2
        shown = f"{culprit}: " if culprit else ""
        return f"{head}: {shown}{e.strerror or e}; nothing was saved"
    return f"{head}: {why}; nothing was saved ({todo})"


def check_folder(path: Path) -> None:
    """Make the journal's folder if it is missing, and check that a file can be created in it.

    Called before the first lock of a journal whose lock file does not exist yet: where the
    lock file cannot be created (a read-only folder, /proc), the lock would retry until its
    timeout and then blame another process. Raises JournalError naming the folder.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, probe = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=folder)
    except OSError as e:
        raise JournalError(save_problem(path, e)) from None
    os.close(fd)
    try:
        os.unlink(probe)
    except FileNotFoundError:  # a save in another process swept it up as a leftover
        pass


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

    def load(self) -> tuple[Any, Signature | None]:
        """Read and parse the file: (document, signature of exactly the bytes read), or
        (None, None) when it does not exist yet. Raises JournalError.

        Changes nothing held here: the caller adopts the data and the signature only once it
        has checked the document, so a file that fails the checks still reads as changed and
        is never overwritten by a later save.
        """
        try:
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())  # the inode we read, not whatever is there later
                raw = f.read()
        except FileNotFoundError:
            return None, None
        except IsADirectoryError:
            raise JournalError(
                f"{self.path}: cannot read the file: it is a folder; give the path of a journal "
                f"file, such as {self.path / 'journal.json'}"
            ) from None
        except NotADirectoryError:
            blocker = _not_a_folder(self.path) or self.path.parent
            raise JournalError(
                f"{self.path}: cannot read the file: {blocker} is a file, not a folder"
            ) from None
        except OSError as e:
            hint = "; check who owns it and its permissions" if e.errno == errno.EACCES else ""
            raise JournalError(f"{self.path}: cannot read the file: {e.strerror}{hint}") from None
        return decode(self.path, raw), (st.st_ino, st.st_mtime_ns, st.st_size)

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
            raise JournalError(save_problem(self.path, e)) from None
        self.dirty = False
        self.signature = file_signature(self.path)


# --- TinyDB tables that update in place -------------------------------------------------


class _IntKeyView(MutableMapping):
    """A table as TinyDB's updaters see it (int doc ids) over the stored one (str keys)."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, doc_id: int) -> Any:
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def clear(self) -> None:
        self.raw.clear()


class JournalTable(Table):
    """TinyDB's Table, minus two whole-table copies per change.

    Stock `_update_table` copies the table into an int-keyed dict, runs the updater and copies
    it back (two passes over 100,000 interactions for every insert); this one runs the same
    updater on a view of the stored dict. The documents, doc ids and file format are TinyDB's.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        updater(_IntKeyView(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()

    def _get_next_id(self) -> int:
        if self._next_id is None:
            self._next_id = max(map(int, self._read_table()), default=0) + 1
        next_id = self._next_id
        self._next_id = next_id + 1
        return next_id


class JournalDB(TinyDB):
    table_class = JournalTable
