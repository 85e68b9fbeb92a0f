"""`journal import` and `journal export` (the work is `journal.import_export`'s)."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal import import_export
from journal.cli.common import EXIT_OK, CliError, echo, open_store, write_output
from journal.phrases import plural


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.source).expanduser()
    if not source.is_file():
        if source.is_dir():
            what = "is a folder"
        elif source.exists():
            what = "is not a file (a device or a pipe)"
        else:
            what = "does not exist"
        raise CliError(f"{source}: {what}; give a .vcf, .csv or .json file to import")
    store = open_store(args)
    if source.resolve() == store.path.resolve():
        raise CliError(f"{source}: that is the journal itself")
    report = import_export.import_file(store, source, dry_run=args.dry_run)
    echo(report.summary())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    today_ = args.clock.today()
    store = open_store(args)
    data = import_export.export(store, args.format, today_)
    written = write_output(args.output, data, store.path)
    if written:
        echo(f"Exported {plural(len(store), 'contact')} as {args.format} to {written}.")
    return EXIT_OK


