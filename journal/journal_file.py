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
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

try:
    import fcntl
except ImportError:  # Windows: filelock does the locking
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o600  # a new journal, its lock, temporary files and backups: the owner's alone
# The largest journal read or written: 256 MB is some 700,000 interactions with notes, far
# beyond a person's lifetime of contacts; a larger file is not a journal (or not one that the
# app could open in a reasonable time), and reading it whole would take that much memory.
MAX_JOURNAL_BYTES = 256 * 1024 * 1024
LOCK_POLL_SECONDS = 0.05


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
        return signature_of(os.stat(path))
    except FileNotFoundError:
        return None


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def new_temp_file(path: Path) -> tuple[int, str]:
    """Create a file next to `path`, named `.<name>.<random>.tmp` and readable by its owner
    alone; return it open for writing, and its name. What tempfile.mkstemp does, without the
    4 ms that tempfile takes to import."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = os.path.join(path.parent, f"{temp_prefix(path)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(path.parent))


def encode(tables: Tables) -> bytes:
    return orjson.dumps(tables, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


CLOSING = b"\n  }\n}\n"  # how `encode` ends a file: the last table, then the whole document


def encode_record(table: str, key: str, doc: Any) -> bytes:
    """One record as `encode` writes it inside its table: `\\n    "key": {...}`."""
    whole = orjson.dumps({table: {key: doc}}, option=orjson.OPT_INDENT_2)
    head = len(b'{\n  ' + orjson.dumps(table) + b': {')
    return whole[head:-len(b"\n  }\n}")]


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"


_SPECIAL_FILES = (
    (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
)


def check_readable(path: Path, st: os.stat_result) -> None:
    """JournalError unless `st` is that of a regular file no larger than a journal may be:
    a device or a pipe would be read without end (`/dev/zero`) or wait for a writer."""
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(st.st_mode):
        what = next((name for test, name in _SPECIAL_FILES if test(st.st_mode)), "not a file")
        raise JournalError(
            f"{path}: cannot read it: it is {what}, not a journal file; give the path of a "
            "journal file with --file or JOURNAL_FILE"
        )
    if st.st_size > MAX_JOURNAL_BYTES:
        raise too_large(path, st.st_size)


def too_large(path: Path, size: int) -> JournalError:
    return JournalError(
        f"{path}: cannot read it: the file is {megabytes(size)}, over the "
        f"{megabytes(MAX_JOURNAL_BYTES)} a journal may be; it was left as it is (is it a "
        "journal?)"
    )


def decode(path: Path, raw: bytes) -> Any:
    if not raw or raw.isspace():  # not raw.strip(), which copies the whole file
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


def kept_mode(path: Path) -> int:
    """The permissions a save gives `path`: those it has (a journal made readable by its group
    stays so), or the owner's alone for a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return FILE_MODE


def write_atomically(
    path: Path, *payload: bytes | memoryview, mode: int = FILE_MODE, durable: bool = True
) -> Signature:
    """Replace `path` with the payload (given in one piece or several) so that a crash leaves
    the old file or the new one; the new file has `mode`. Not `durable` (a cache): no fsync,
    so a crash may leave an empty or a partial file, never one half old and half new.

    Returns the signature of the file written, taken before it was put in place: whatever
    another program puts there a moment later does not pass for it."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, temp_name = new_temp_file(path)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            for chunk in payload:
                out.write(chunk)
            out.flush()
            if durable:
                os.fsync(out.fileno())
            written = signature_of(os.fstat(out.fileno()))
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    if durable:
        fsync_path(folder)
    return written


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class EarlyWrite:
    """The bulk of the next save, written by a thread while the journal's records are checked.

    A save that only adds records writes the file as it was read, up to its closing braces,
    then the new records (see `AtomicJSONStorage._spliced`). That first part, nearly the whole
    file, is known once the file is parsed: a thread copies it into the save's temporary file
    and fsyncs it meanwhile, on the other core (writes and fsync release the GIL). Started
    after parsing, which it would slow down by competing for memory.
    """

    def __init__(self, path: Path, raw: bytes) -> None:
        self.raw = raw
        self.fd, self.name = new_temp_file(path)
        self._written = False
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def _write(self) -> None:
        try:
            os.fchmod(self.fd, FILE_MODE)
            _write_all(self.fd, memoryview(self.raw)[: -len(CLOSING)])
            os.fsync(self.fd)
        except OSError:
            return  # the save writes everything itself, and reports any error
        self._written = True

    def serves(self, payload: list[bytes | memoryview]) -> bool:
        """Whether the payload is this file's first part and one more piece, once written."""
        head = payload[0]
        fits = (
            len(payload) == 2 and isinstance(head, memoryview) and head.obj is self.raw
            and len(head) == len(self.raw) - len(CLOSING)
        )
        self._thread.join()
        return fits and self._written

    def cancel(self) -> None:
        self._thread.join()
        os.close(self.fd)
        try:
            os.unlink(self.name)
        except FileNotFoundError:
            pass

    def finish(self, path: Path, tail: bytes | memoryview) -> Signature | None:
        """Append the tail and put the file in place of `path`, durably: the signature of the
        file written (see write_atomically), or None if another process's save swept the
        temporary file up as a leftover meanwhile."""
        try:
            _write_all(self.fd, tail)
            os.fchmod(self.fd, kept_mode(path))
            os.fsync(self.fd)
            written = signature_of(os.fstat(self.fd))
        except BaseException:
            self.cancel()
            raise
        os.close(self.fd)
        try:
            os.replace(self.name, path)
        except FileNotFoundError:
            return None
        except BaseException:
            try:
                os.unlink(self.name)
            except FileNotFoundError:
                pass
            raise
        fsync_path(path.parent)
        return written


def keep_copy(source: Path, target: Path) -> None:
    """Make `target` a durable copy of the file `source` as it is now, dated now.

    A hard link where the file system allows one: saves never write into a journal but
    replace it, so the bytes under the link stay as they are, and nothing is written again
    (a copy of a 37 MB journal takes 0.1 s, fsync included). Else a copy, readable by its
    owner alone: so is a journal that others may read (a link shares its permissions, and
    changing them would change the journal's).
    """
    if not source.is_symlink() and kept_mode(source) & 0o077 == 0:
        try:
            os.link(source, target)
        except OSError:
            pass  # no hard links here (or a leftover target): copy instead
        else:  # the link shares the journal's times: a backup's age is read from its name
            fsync_path(target)  # another program may have written it unsynced
            fsync_path(target.parent)
            return
    write_atomically(target, source.read_bytes())


def replace_file(path: Path, data: bytes) -> None:
    """Write the whole file, then rename it into place: a file a calendar subscribes to is never
    seen half-written. A new file is readable by its owner alone; a file replaced keeps its
    permissions (one served to a calendar stays readable)."""
    if not path.parent.is_dir():  # an export is never the place to make folders
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
    write_atomically(path, data, mode=kept_mode(path))


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk."""
    fd = os.open(path, os.O_RDONLY)
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
        fd, probe = new_temp_file(path)
    except OSError as e:
        raise JournalError(save_problem(path, e)) from None
    os.close(fd)
    try:
        os.unlink(probe)
    except FileNotFoundError:  # a save in another process swept it up as a leftover
        pass


def remove_stale_temp_files(path: Path, keep: str | None = None) -> int:
    """Delete temporary files left by a killed save, but `keep`. Call only while holding the
    write lock."""
    removed = 0
    for leftover in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
        if str(leftover) == keep:
            continue
        try:
            leftover.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


class AtomicJSONStorage(Storage):
    """Holds the parsed journal in memory; `write` saves atomically unless writes are held.

    It also keeps the file's bytes as last read or saved (`written`, in pieces) while `data`
    holds just what they say plus records appended to the last table since (`appended`): a
    save then writes those bytes with the new records spliced in before the closing braces,
    instead of encoding the whole journal again (which takes 75-100 ms at 100,000 records).
    """

    def __init__(self, path: Path, empty: Tables) -> None:
        self.path = path
        self.data: Tables = empty
        self.signature: Signature | None = None
        self.hold_writes = False
        self.dirty = False
        self.written: list[bytes | memoryview] | None = None
        self.appended: list[str] = []
        self.early: EarlyWrite | None = None

    def load(
        self, write_ahead: bool = False
    ) -> tuple[Any, os.stat_result | None, bytes | None, EarlyWrite | None]:
        """Read and parse the file: (document, the stat of the file whose bytes were read (see
        `signature_of`), the bytes, the next save written ahead if asked for), or Nones when it
        does not exist yet. Raises JournalError.

        Changes nothing held here: the caller adopts the data and the signature only once it
        has checked the document, so a file that fails the checks still reads as changed and
        is never overwritten by a later save.
        """
        try:
            # O_NONBLOCK: opening a FIFO for reading would wait for a writer
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            try:
                st = os.fstat(fd)  # the inode we read, not whatever is there later
                check_readable(self.path, st)
                with open(fd, "rb", closefd=False) as f:
                    raw = f.read(MAX_JOURNAL_BYTES + 1)
            finally:
                os.close(fd)
            if len(raw) > MAX_JOURNAL_BYTES:  # it grew since
                raise too_large(self.path, len(raw))
        except FileNotFoundError:
            return None, None, None, None
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
        doc = decode(self.path, raw)
        early = None
        if write_ahead and raw.endswith(CLOSING):
            try:
                early = EarlyWrite(self.path, raw)
            except OSError:
                pass  # the save will say what is wrong
        return doc, st, raw, early

    def adopt(
        self, data: Tables, signature: Signature | None, raw: bytes | None,
        early: EarlyWrite | None = None,
    ) -> None:
        """Hold `data`, read from the file with this signature; `raw` are the bytes it was
        decoded from, if it is exactly what they say (not migrated or completed), and `early`
        the next save written ahead from them."""
        self.data = data
        self.dirty = False
        self.signature = signature
        self.written = [raw] if raw else None
        self.appended = []
        self.drop_early()
        self.early = early

    def early_name(self) -> str | None:
        """The temporary file the next save is being written ahead into, if any."""
        return self.early.name if self.early is not None else None

    def drop_early(self) -> None:
        """Give up the save written ahead, if there is one."""
        if self.early is not None:
            self.early.cancel()
            self.early = None

    def discard(self) -> None:
        """Forget unsaved changes and what the file holds: the next change rereads it."""
        self.dirty = False
        self.signature = None
        self.written = None
        self.appended = []
        self.drop_early()

    def changed_on_disk(self) -> bool:
        return file_signature(self.path) != self.signature

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.written = None  # any change but an append: the next save encodes everything
        self.drop_early()
        self.dirty = True
        if not self.hold_writes:
            self.flush()

    def append(self, table: str, key: str, doc: dict) -> None:
        """Add a record at the end of a table."""
        records = self.data[table]
        if key in records:
            raise ValueError(f"a record {key} is already in the {table} table")
        records[key] = doc
        if self.written is not None and next(reversed(self.data)) == table:
            self.appended.append(key)
        else:
            self.written = None
        self.dirty = True
        if not self.hold_writes:
            self.flush()

    def flush(self) -> None:
        if not self.dirty:
            return
        payload = self._spliced() or [encode(self.data)]
        size = sum(map(len, payload))
        if size > MAX_JOURNAL_BYTES:
            self.drop_early()
            raise JournalError(
                f"{self.path}: cannot save the journal: it would be {megabytes(size)}, over "
                f"the {megabytes(MAX_JOURNAL_BYTES)} a journal may be; nothing was saved"
            )
        early, self.early = self.early, None
        try:
            if early is None or not early.serves(payload):
                if early is not None:
                    early.cancel()
                written = write_atomically(self.path, *payload, mode=kept_mode(self.path))
            elif (written := early.finish(self.path, payload[1])) is None:
                written = write_atomically(self.path, *payload, mode=kept_mode(self.path))
        except OSError as e:
            raise JournalError(save_problem(self.path, e)) from None
        self.dirty = False
        # the file this save wrote: another program's put there since reads as a change
        self.signature = written
        self.written = payload
        self.appended = []

    def _spliced(self) -> list[bytes | memoryview] | None:
        """The file with the appended records, from the bytes written and only those records
        encoded; None unless it is sure to be what `encode` would write for the end of it."""
        if not self.written or not self.appended:
            return None
        name = next(reversed(self.data))
        records = self.data[name]
        count = len(self.appended)
        keys = list(islice(reversed(records), count + 1))[::-1]
        if keys[1:] != self.appended or len(keys) <= count:
            return None  # the table was empty before, or changed otherwise
        last = keys[0]  # the record that ends the file as written
        tail = encode_record(name, last, records[last]) + CLOSING
        end = memoryview(self.written[-1])
        if end[-len(tail):] != tail or self._ends_elsewhere(name, last):
            return None
        added = b"".join(b"," + encode_record(name, key, records[key]) for key in keys[1:])
        return [*self.written[:-1], end[: -len(CLOSING)], added + CLOSING]

    def _ends_elsewhere(self, name: str, last: str) -> bool:
        """Whether another table ends with the same record, so that the bytes ending the file
        could be that table's (a table named twice in the file: JSON keeps the last one)."""
        for other, records in self.data.items():
            if other != name and isinstance(records, Mapping) and records:
                key = next(reversed(records))
                if key == last and records[key] == self.data[name][last]:
                    return True
        return False


# --- the lock ----------------------------------------------------------------------------


class LockTimeout(Exception):
    """Another process held the lock for the whole timeout."""


_NO_FLOCK = {errno.ENOSYS, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
_CONTENDED = {errno.EAGAIN, errno.EACCES, getattr(errno, "EWOULDBLOCK", errno.EAGAIN)}


class FileLock:
    """An exclusive lock across processes, held on a sidecar file that stays in place.

    `fcntl.flock` where the system has it (what filelock does there too, and filelock takes
    25 ms to import); filelock where it does not (Windows) or the file system refuses flock.
    Not reentrant: acquire, then release, once at a time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._fallback: Any = None  # filelock's lock, once flock is found missing

    def acquire(self, timeout: float) -> None:
        """Wait up to `timeout` seconds; raises LockTimeout, or OSError if the lock file
        cannot be opened."""
        if fcntl is None or self._fallback is not None:
            self._acquire_fallback(timeout)
            return
        fd, created = self._open()
        try:
            locked = self._wait_for_flock(fd, timeout)
        except BaseException:
            os.close(fd)
            raise
        if locked:
            self._fd = fd
            return
        os.close(fd)
        if created:  # filelock's fallback takes a lock file that is there for held
            self.path.unlink(missing_ok=True)
        self._acquire_fallback(timeout)

    def _open(self) -> tuple[int, bool]:
        """The lock file, open, and whether this call created it."""
        while True:
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, FILE_MODE), True
            except FileExistsError:
                pass
            try:
                return os.open(self.path, os.O_RDWR), False
            except FileNotFoundError:
                continue  # removed in between: make it

    def _wait_for_flock(self, fd: int, timeout: float) -> bool:
        """True once locked; False where the file system has no flock."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError as e:
                if e.errno in _NO_FLOCK:
                    return False
                if e.errno not in _CONTENDED:
                    raise
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))
            time.sleep(LOCK_POLL_SECONDS)

    def _acquire_fallback(self, timeout: float) -> None:
        import filelock

        if self._fallback is None:
            self._fallback = filelock.FileLock(str(self.path), mode=FILE_MODE)
        try:
            self._fallback.acquire(timeout=timeout)
        except filelock.Timeout:
            raise LockTimeout(str(self.path)) from None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)  # closing alone would release it too
        elif self._fallback is not None:
            self._fallback.release()


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


def largest_doc_id(keys: Iterable[str]) -> int:
    """The largest of a table's doc ids (0 for none). They are whole numbers written without
    leading zeros (`check_tables`), so the largest is the greatest of the longest: found
    with C-level calls, three times as fast as converting 100,000 keys to int."""
    by_length = sorted(keys, key=len)
    if not by_length:
        return 0
    longest = bisect_left(by_length, len(by_length[-1]), key=len)
    return int(max(by_length[longest:]))


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

    def append(self, document: Mapping) -> int:
        """`insert`, with the record added at the end of the table in the storage's own way
        (see `AtomicJSONStorage.append`)."""
        doc_id = self._get_next_id()
        self._storage.append(self.name, str(doc_id), dict(document))
        self.clear_cache()
        return doc_id

    def _get_next_id(self) -> int:
        if self._next_id is None:
            self._next_id = largest_doc_id(self._read_table()) + 1
        next_id = self._next_id
        self._next_id = next_id + 1
        return next_id


class JournalDB(TinyDB):
    table_class = JournalTable
