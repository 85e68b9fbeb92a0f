"""The app, launched by `journal` with no command: the one place the shell imports it."""

from __future__ import annotations

import argparse

from journal.cli.common import CliError
from journal.paths import journal_path


def run_app_command(args: argparse.Namespace) -> int:
    path = journal_path(args.file)
    try:
        from screens.app import run_app
    except ImportError as e:
        raise CliError(
            f"the app could not be started ({e}); the shell commands still work: journal --help"
        ) from None
    try:
        code = run_app(path, demo=args.demo, clock=args.clock)
    except ImportError as e:  # a part of the app (or the demo) is missing from this install
        raise CliError(f"the app could not be started ({e})") from None
    return int(code or 0)

