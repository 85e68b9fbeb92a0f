"""`journal sync`, `merge` and `merge-driver`: the journal on more than one device."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    echo,
    open_store,
    print_json,
    warn,
)


def cmd_sync(args: argparse.Namespace) -> int:
    from journal import vdir

    store = open_store(args)
    folder = Path(args.vdir).expanduser() if args.vdir else vdir.remembered_folder(store)
    if folder is None:
        raise CliError(
            "which address book? Give its folder once (the folder of .vcf cards that "
            "vdirsyncer keeps), e.g. journal sync --vdir ~/.contacts/default"
        )
    report = vdir.sync(store, folder.absolute(), dry_run=args.dry_run)
    for note in report.notes():
        warn(f"journal sync: {note}")
    if args.json:
        print_json(report.to_json())
    else:
        echo(report.summary())
    return EXIT_OK


# --- several devices: merge, merge-driver, delete -------------------------------------------


def cmd_merge(args: argparse.Namespace) -> int:
    from journal import copies

    if not args.files and not args.conflicts:
        raise CliError(
            "say what to merge: journal merge FILE..., or journal merge --conflicts for the "
            "conflict copies a sync engine left beside the journal",
            EXIT_USAGE,
        )
    store = open_store(args)
    files = [Path(f).expanduser() for f in args.files]
    report = copies.merge_files(store, files, dry_run=args.dry_run)
    if args.conflicts:
        found = copies.merge_conflict_copies(store, dry_run=args.dry_run)
        report.counts += found.counts
        report.merged += found.merged
        report.moved, report.left_alone = found.moved, found.left_alone
    if args.json:
        print_json(report.json())
    elif args.conflicts and not report.merged and not report.left_alone:
        echo(f"No conflict copies beside {store.path.name}; nothing to merge.")
    else:
        if report.merged:
            echo(copies.summary(report))
        for copy, moved in report.moved:
            echo(f"  {copy.name} -> {moved.name}")
    for copy, why in report.left_alone:
        warn(f"journal: left alone: {copy.name}: {why}")
    return EXIT_ERROR if report.left_alone else EXIT_OK


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from journal.copies import merge_driver

    merge_driver(Path(args.base), Path(args.ours), Path(args.theirs), args.clock.today)
    return EXIT_OK


