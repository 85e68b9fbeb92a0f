"""`journal log` and `journal snooze`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from journal import fields, rules
from journal.cli import render as out
from journal.cli.common import EXIT_OK, EXIT_USAGE, CliError, echo, find, open_store, warn
from journal.cli.parser import until_arg, when_arg
from journal.cli.render import preposition
from journal.model import Contact, Direction, Intent
from journal.store import Store


def cold_ask_warning(contact: Contact, on: date, today_: date) -> str:
    days = rules.COLD_ASK_DAYS
    span = f"in the last {days} days" if on == today_ else f"in the {days} days before it"
    return (
        f"Note: this is an ask, and you have not given to or reached out to {contact.name} "
        f"{span}. Asking after a long silence can feel cold; consider giving something "
        "first next time."
    )


def note_of(args: argparse.Namespace) -> str:
    """The note: the words after KIND, or what `--note-file` holds (`-`: standard input),
    lines kept; checked as every note is (fields.parse_notes)."""
    if args.note_file is None:
        return fields.parse_notes(" ".join(args.note), "note")
    if args.note:
        raise CliError("give the note either as words or with --note-file, not both",
                       EXIT_USAGE)
    # a note longer than NOTES_MAX is refused whole: read no more than it takes to know
    most = fields.NOTES_MAX * 2 + 1
    name = "standard input" if args.note_file == "-" else args.note_file
    try:
        if args.note_file == "-":
            text = sys.stdin.read(most)
        else:
            with open(args.note_file, encoding="utf-8", newline="") as f:
                text = f.read(most)
    except UnicodeDecodeError:
        raise CliError(f"--note-file {name}: not UTF-8 text; nothing was logged") from None
    except OSError as e:
        raise CliError(f"--note-file {name}: cannot read it ({e.strerror}); nothing was "
                       "logged") from None
    return fields.parse_notes(text, "note")


def cmd_log(args: argparse.Namespace) -> int:
    today_ = args.clock.today()
    on = when_arg(args.date, today_)  # before opening: a bad date touches nothing
    note = note_of(args)  # and a note that cannot be read
    store = open_store(args, write_ahead=True)
    try:
        return _log(args, store, today_, on, note)
    finally:
        store.close()


def _log(args: argparse.Namespace, store: Store, today_: date, on: date, note: str) -> int:
    contact = find(store, args.name)
    direction = Direction(args.direction or "out")
    intent = Intent(args.intent) if args.intent else None
    cold = (
        intent is Intent.ASK
        and direction.is_outgoing
        and rules.would_be_cold_ask(store.interactions(contact.id), on)
    )
    mourning = rules.mourning_card_warning(contact, on, args.occasion, direction)
    store.add_interaction(
        contact.id,
        args.kind,
        on,
        direction=direction,
        channel=fields.parse_line(args.via or "", "channel"),
        note=note,
        intent=intent,
        occasion=args.occasion,
    )
    marks = [m.value for m in (intent, args.occasion) if m is not None]
    extra = f" [{', '.join(marks)}]" if marks else ""
    prep = preposition(args.kind, direction)
    echo(
        f"Logged {out.ARTICLE[args.kind]} {prep} {contact.name} on {out.when(on, today_)}{extra}."
    )
    if cold:
        sys.stdout.flush()
        warn(cold_ask_warning(contact, on, today_))
    if mourning:
        sys.stdout.flush()
        warn(f"Note: {mourning} The card is logged all the same.")
    return EXIT_OK


def cmd_snooze(args: argparse.Namespace) -> int:
    if args.clear and args.until:
        raise CliError("give either UNTIL or --clear, not both", EXIT_USAGE)
    if not args.clear and not args.until:
        raise CliError(
            "say until when: journal snooze NAME 2w (or 1m, 2026-12-20, next monday), "
            "or end a snooze with --clear",
            EXIT_USAGE,
        )
    today_ = args.clock.today()
    until = until_arg(args.until, today_) if args.until else None
    store = open_store(args)
    contact = find(store, args.name)
    if until is None:
        if contact.snoozed_until is None:
            echo(f"{contact.name} was not snoozed.")
            return EXIT_OK
        store.edit_contact(contact, {"snoozed_until": None})
        echo(f"{contact.name} is no longer snoozed.")
        return EXIT_OK
    store.edit_contact(contact, {"snoozed_until": until})
    echo(f"Snoozed {contact.name} until {out.when(until, today_)}.")
    return EXIT_OK


