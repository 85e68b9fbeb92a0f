"""The `journal` command in a test: in-process through `main(argv)`, or as a real process."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from journal import cli
from journal.checked import ENV_CACHE_DIR
from journal.settings import ENV_CONFIG_DIR

JOURNAL = shutil.which("journal", path=str(Path(sys.executable).parent)) or ""
COMMAND = [JOURNAL] if JOURNAL else [sys.executable, "-m", "journal.cli"]


# the test's own settings and cache folders (conftest): never the user's
KEPT = (ENV_CONFIG_DIR, ENV_CACHE_DIR)


def command_env(env: dict[str, str] | None) -> dict[str, str]:
    """This process's environment without any JOURNAL_ variable but the test's own folders,
    plus `env`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_") or k in KEPT}
    environ.update(env or {})
    return environ


@contextmanager
def _environment(environ: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _text_stream(data: bytes = b"") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", errors="replace")  # type: ignore[attr-defined]


def run_in_process(
    argv: Sequence[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`journal ARGV` through `cli.main(argv)` in this process, with its own environment,
    standard streams and exit code: the same answers as the real command, a hundred times
    sooner. What only a process shows (signals, `os._exit`, imports) stays in subprocesses."""
    streams = _text_stream((stdin or "").encode()), _text_stream(), _text_stream()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = streams
    try:
        with _environment(env):
            code = cli.main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return subprocess.CompletedProcess(
        list(argv), code, stdout=_read(streams[1]), stderr=_read(streams[2])
    )


def run_process(
    argv: Sequence[str], env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`journal ARGV` as a real process."""
    return subprocess.run(
        [*COMMAND, *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        input=stdin,
    )
