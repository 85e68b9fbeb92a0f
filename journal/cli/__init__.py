"""The `journal` command: the app with no command, and the shell commands.

Shell commands never import Textual (or Rich): `journal log ...` must take a blink. Errors a
person can fix (a bad date, a name matching no one, an unreadable journal) are one line on
stderr starting `journal: `, exit 1; bad usage exits 2; never a traceback for those.

`main` parses the command line (`parser`), then imports the one module that holds the command
(`people`, `log`, `views`, `import_export`, `devices`; `launch` for the app) and runs it.
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import io
import os
import re
import sys
from collections.abc import Callable
from typing import Any

from journal.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliError,
    OutputError,
    flush_stdout,
    warn,
    writing_stdout,
)
from journal.cli.parser import COMMAND_PARSERS, build_parser, parse_args
from journal.clock import Clock
from journal.journal_file import JournalError
from journal.paths import journal_path, real_file


def _error_text(e: BaseException) -> str:
    if isinstance(e, OSError) and e.strerror:
        return f"{e.filename}: {e.strerror}" if e.filename else e.strerror
    return str(e)


class _ClosedStdout(io.RawIOBase):
    """What stdout is when the shell closed it (`journal list >&-`): every write fails, as
    it would on a closed descriptor, until `main` gives the output up."""

    given_up = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.given_up:
            return len(data)
        raise OSError(errno.EBADF, "standard output is closed")


def _guard_standard_streams() -> None:
    """A closed stdin, stdout or stderr descriptor is given /dev/null, so that no file the
    command opens (the journal, its lock) can take its number and receive what is printed;
    a closed stdout still fails every write (see _ClosedStdout), so the output is not lost
    silently."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                devnull = os.open(os.devnull, os.O_RDWR)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)
            except OSError:
                pass
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8")


def _quiet_stdout() -> None:
    """After a failed write, let the output go (to /dev/null) so the exit flush cannot fail
    again."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, _ClosedStdout):
        raw.given_up = True
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _end_process(code: int) -> None:
    """End a command's process now, without freeing the journal record by record on the way
    out (0.05 s at 100,000 interactions): its saves are complete and fsynced, and the output
    is flushed here. Not under a profiler or a coverage tracer, which report at exit."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return
    flush_stdout()
    sys.stderr.flush()
    os._exit(code)


# Arguments that are file names, which may be any bytes; every other is text to keep.
PATH_ARGUMENTS = frozenset({"file", "output", "source", "vdir"})
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


def check_text_arguments(args: argparse.Namespace) -> None:
    """A usage error for an argument that is not UTF-8 text (a name typed in another encoding):
    it could not be saved, and would show as garbage."""
    for name, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if (
                isinstance(item, str) and name not in PATH_ARGUMENTS
                and _UNDECODABLE.search(item)
            ):
                raw = os.fsencode(item).decode("ascii", "backslashreplace")
                raise CliError(
                    f'an argument is not UTF-8 text: "{raw}"; type it in UTF-8 (check the '
                    "encoding of the terminal or the script)",
                    EXIT_USAGE,
                )
    if getattr(args, "file", None) == "":
        raise CliError("--file needs the path of a journal file, not an empty one", EXIT_USAGE)


def saved_note(args: argparse.Namespace | None) -> str:
    """For a command that failed after saving: say so, so a script does not run it twice."""
    store = getattr(args, "store", None)
    if store is None or not store.saves:
        return ""
    return (
        f"; the change was saved to {store.path}, so do not run the command again "
        "(journal show or journal list shows it)"
    )


NO_HINT = ("merge", "merge-driver")  # merge reports the copies itself; git's driver is git's


def _conflict_hint(args: argparse.Namespace) -> None:
    """While a sync engine's conflict copies sit beside the journal, say so (0.1 ms)."""
    if args.command in NO_HINT:
        return
    from journal.conflicts import conflict_hint

    try:
        hint = conflict_hint(real_file(journal_path(args.file)))  # copies sit by the target
    except (OSError, ValueError):
        return
    if hint:
        sys.stdout.flush()
        warn(hint)


def command_function(where: str) -> Callable[[argparse.Namespace], int]:
    """`module.cmd_name` -> the function, importing that command module alone."""
    module, name = where.split(".")
    return getattr(importlib.import_module(f"journal.cli.{module}"), name)


def main(argv: list[str] | None = None) -> int:
    _guard_standard_streams()
    words = sys.argv[1:] if argv is None else argv
    # A command named first is all the parser needs to know (setting up all takes 5 ms).
    parser = build_parser(words[0] if words and words[0] in COMMAND_PARSERS else None)
    args = None
    try:
        with writing_stdout():
            try:
                args = parse_args(parser, argv)
            except SystemExit as e:  # --help, or bad usage
                sys.stdout.flush()
                return e.code if isinstance(e.code, int) else EXIT_USAGE
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as e:  # --help to a closed or full stdout
        _quiet_stdout()
        warn(f"journal: cannot write the output: {e}")
        return EXIT_ERROR
    try:
        check_text_arguments(args)
        args.clock = Clock.from_environment()  # the one clock of this command (JOURNAL_TODAY)
        if args.command is None:
            from journal.cli.launch import run_app_command

            code = run_app_command(args)
        else:
            if args.demo:
                raise CliError("--demo opens the app; it takes no command", EXIT_USAGE)
            # A command lives for a moment and makes no garbage cycles worth collecting; on a
            # large journal the collector's passes over the records cost a tenth of a second.
            program = argv is None  # the program itself, not a call from Python
            if program:
                gc.disable()
            try:
                code = command_function(args.func)(args)
            finally:
                _conflict_hint(args)
            if program:
                _end_process(code)
        flush_stdout()
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        if note := saved_note(args):
            warn(f"journal: the output was cut off{note}")
        return EXIT_BROKEN_PIPE
    except OutputError as e:
        _quiet_stdout()
        warn(f"journal: cannot write the output: {e}{saved_note(args)}")
        return EXIT_ERROR
    except CliError as e:
        prog = f"journal {args.command}" if e.code == EXIT_USAGE and args.command else "journal"
        warn(f"{prog}: {e}{saved_note(args)}")
        return e.code
    except (JournalError, ValueError, OSError) as e:
        warn(f"journal: {_error_text(e)}{saved_note(args)}")
        return EXIT_ERROR
    except Exception as e:  # a bug: one line, never a traceback
        warn(
            f"journal: unexpected error ({type(e).__name__}: {e}){saved_note(args)}; "
            "please report it"
        )
        return EXIT_ERROR

