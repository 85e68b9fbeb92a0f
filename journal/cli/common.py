"""What every shell command uses: its errors and exit codes, the store, a name typed,
and writing to stdout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from journal import rules
from journal.cli import render as out
from journal.journal_file import DamagedJournal, replace_file
from journal.model import Contact
from journal.paths import journal_path
from journal.store import Store
from journal.text import visible, visible_lines

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer cut off by `head`


class CliError(Exception):
    """A message for the person at the shell, and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


# --- the store and names ------------------------------------------------------------


CANDIDATES_SHOWN = 8


def find(store: Store, query: str, *, archived: bool = False) -> Contact:
    """The contact a typed name means; on a tie between archived and not, `archived` decides."""
    if not query.strip():
        raise CliError("NAME is empty: give a name, or a part of one", EXIT_USAGE)
    try:
        return store.find(query, archived=True)
    except rules.AmbiguousName as e:
        preferred = [c for c in e.candidates if c.archived == archived]
        if len(preferred) == 1:
            return preferred[0]
        shown = e.candidates[:CANDIDATES_SHOWN]
        names = ", ".join(
            visible(c.label) + (" (archived)" if c.archived else "") for c in shown
        )
        if len(e.candidates) > len(shown):
            names += f" and {len(e.candidates) - len(shown)} more"
        raise CliError(
            f'"{query}" matches more than one person: {names}; type more of the name, '
            "or all of it in quotes"
        ) from None
    except rules.NameNotFound:
        hint = "see who is there with: journal list --all"
        if len(store) == 0:
            hint = "the journal is empty; add someone with: journal add NAME"
        raise CliError(f'no one called "{query}" in the journal ({hint})') from None


def same_name(store: Store, name: str, *, besides: str | None = None) -> Contact | None:
    """Someone (archived too) already called `name`, but for case, width and spacing."""
    return store.same_name(name, besides)


def open_store(args: argparse.Namespace, *, write_ahead: bool = False) -> Store:
    path = journal_path(args.file)
    try:
        store = Store.open(path, write_ahead=write_ahead, today=args.clock.today)
    except DamagedJournal as e:
        raise CliError(f"{e}{damaged_hint(path)}") from None
    args.store = store  # held until the process ends: see `main`
    return store


def damaged_hint(path: Path) -> str:
    """What to do about a journal that cannot be read (it is never overwritten)."""
    backups = Store(path).backups()
    if backups:
        return (
            f"; the file was left as it is: repair it, or copy the newest backup "
            f"({backups[-1].name}) over it"
        )
    return "; the file was left as it is: repair it, or move it aside to start a new journal"


class OutputError(Exception):
    """Standard output could not be written (closed, or the disk behind it full)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))


@contextmanager
def writing_stdout() -> Iterator[None]:
    """Turn a failed write to stdout into OutputError (a broken pipe stays one: see `main`)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as e:
        raise OutputError(e) from None


def echo(text: str = "") -> None:
    with writing_stdout():
        print(visible_lines(text))


def warn(text: str) -> None:
    if sys.stderr is not None:  # closed (`2>&-`): the exit code says it
        try:
            print(visible_lines(text), file=sys.stderr)
        except OSError:
            pass


def print_json(doc: Any) -> None:
    write_stdout(out.dumps(doc))


def write_stdout(data: bytes) -> None:
    """Write all of it: a large write to a pipe can take only part (the reader, such as `head`,
    went away), which BufferedWriter reports as a short count, not as an error."""
    with writing_stdout():
        sys.stdout.flush()
        buffer = sys.stdout.buffer
        view = memoryview(data)
        while view:
            written = buffer.write(view)
            if not written:
                raise BrokenPipeError
            view = view[written:]
        buffer.flush()


def flush_stdout() -> None:
    with writing_stdout():
        sys.stdout.flush()


def name_arg(parts: Sequence[str]) -> str:
    """NAME may be typed without quotes where nothing follows it: `journal show Aiko Tanaka`."""
    return " ".join(parts)

def write_output(target: str | None, data: bytes, journal: Path) -> str | None:
    """Write to stdout (no target, or `-`) or to a file readable by its owner alone.

    Returns the file written, or None for stdout.
    """
    if target in (None, "-"):
        write_stdout(data)
        return None
    path = Path(target).expanduser()
    if path.resolve() == journal.resolve():
        raise CliError(f"{path}: that is the journal itself; choose another file with -o")
    if path.is_dir():
        raise CliError(f"{path}: is a folder; give -o a file name, such as {path / 'export'}")
    if not path.parent.is_dir():
        raise CliError(f"{path}: cannot write it: the folder {path.parent} does not exist")
    try:
        replace_file(path, data)
    except OSError as e:
        raise CliError(f"{path}: cannot write it: {e.strerror or e}; nothing was written") from None
    return str(path)



