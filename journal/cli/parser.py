"""The parser of the shell commands, and the readers of their argument values.

Building it imports no command: a command's module is imported when it runs (see
`journal.cli.main`), so `journal log` loads the log command alone."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import IO, Any, NoReturn

from journal import fields
from journal.cli.common import EXIT_USAGE
from journal.clock import ENV_TODAY
from journal.fields import FieldError
from journal.model import Kind, Occasion
from journal.paths import ENV_FILE
from journal.text import quoted, visible_lines

EPILOG = f"""\
With no command, journal opens the app (--demo: on a throw-away copy of the sample journal).

environment:
  {ENV_FILE}     the journal file when --file is not given
                   (default: journal.json in the user data folder)
  {ENV_TODAY}    pretend today is this date (YYYY-MM-DD), for tests and demos

exit codes: 0 success (an empty list too), 1 an error or a name matching no one
(or more than one person), 2 bad usage.

Run `journal COMMAND --help` for the options of a command."""



# --- small readers for argument values ---------------------------------------------------

KIND_ALIASES = {
    "l": Kind.LETTER,
    "m": Kind.MEETING,
    "s": Kind.MESSAGE,
    "c": Kind.CALL,
    "msg": Kind.MESSAGE,
    "text": Kind.MESSAGE,
    "meet": Kind.MEETING,
}
KIND_HINT = "use letter (l), meeting (m), message (s) or call (c)"

OCCASION_ALIASES = {
    "bday": Occasion.BIRTHDAY,
    "new-year": Occasion.SEASON,
    "newyear": Occasion.SEASON,
    "new year": Occasion.SEASON,
    "holiday": Occasion.SEASON,
    "card": Occasion.SEASON,
    "congrats": Occasion.CONGRATULATIONS,
    "thank-you": Occasion.THANKS,
}
OCCASION_HINT = "use " + ", ".join(o.value for o in Occasion)


def _unique_prefix(text: str, names: Sequence[str]) -> list[str]:
    return [n for n in names if n.startswith(text)]


def kind_arg(text: str) -> Kind:
    s = text.strip().lower()
    if s in Kind._value2member_map_:
        return Kind(s)
    if s in KIND_ALIASES:
        return KIND_ALIASES[s]
    found = _unique_prefix(s, [k.value for k in Kind]) if len(s) >= 2 else []
    if len(found) == 1:
        return Kind(found[0])
    hint = KIND_HINT
    if found:
        hint = f"it could be {' or '.join(found)}: {KIND_HINT}"
    raise argparse.ArgumentTypeError(
        f'unknown kind "{text}": {hint} (a name with spaces needs quotes: '
        'journal log "Aiko Tanaka" call)'
    )


def occasion_arg(text: str) -> Occasion:
    s = text.strip().lower()
    if s in Occasion._value2member_map_:
        return Occasion(s)
    if s in OCCASION_ALIASES:
        return OCCASION_ALIASES[s]
    found = _unique_prefix(s, [o.value for o in Occasion]) if s else []
    if len(found) == 1:
        return Occasion(found[0])
    raise argparse.ArgumentTypeError(f'unknown occasion "{text}": {OCCASION_HINT}')


def _int_arg(text: str, what: str, low: int, high: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f'{what} must be a whole number, not "{text}"') from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be from {low} to {high}, not {value}")
    return value


def days_arg(text: str) -> int:
    return _int_arg(text, "the number of days", 0, 3660)


def season_arg(text: str) -> int:
    try:
        return _int_arg(text, "a season", 1901, 9999)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f'a season is the year its cards greet, such as 2027, not "{text}"'
        ) from None


LEAD_DEFAULT = -1  # `--lead-days default`: back to the default


def lead_days_arg(text: str) -> int:
    """`--lead-days N` (journal.fields); `default` or empty: back to the default."""
    try:
        days = fields.parse_lead_days(text)
    except FieldError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return LEAD_DEFAULT if days is None else days


def when_arg(text: str, today_: date) -> date:
    """When an interaction happened (journal.fields)."""
    return fields.parse_interaction_date(text, today_)


def until_arg(text: str, today_: date) -> date:
    """The end of a snooze (journal.fields)."""
    return fields.parse_snoozed_until(text, today_)


NAME_HELP = "who: the name, or a part of it or of the reading that only one person has"


class _Parser(argparse.ArgumentParser):
    def print_help(self, file: IO[str] | None = None) -> None:
        # argparse's own printing drops a failed write (a full disk, a closed stdout) and
        # `--help` would exit 0 having shown nothing: here the failure reaches `main`
        (file or sys.stdout).write(self.format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # the message quotes what was typed, which may hold escape sequences, and be huge
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible_lines(quoted(message, 300))}\n")


def _contact_options(p: argparse.ArgumentParser, *, edit: bool) -> None:
    p.add_argument(
        "--tag", action="append", metavar="T", help="add a tag (repeat, or separate with commas)"
    )
    if edit:
        p.add_argument("--untag", action="append", metavar="T", help="remove a tag")
    p.add_argument("--cadence", metavar="SPAN", help="how often to be in touch: 30d, 2w, 3m, 1y")
    if edit:
        p.add_argument("--no-cadence", action="store_true", help="stop tracking when they are due")
    p.add_argument("--birthday", metavar="DATE", help="YYYY-MM-DD, or MM-DD without the year")
    if edit:
        p.add_argument("--no-birthday", action="store_true", help="forget the birthday")
    p.add_argument("--reading", metavar="R", help="how the name is read (furigana), for sorting")
    several_ = "; repeat for several, the first is the preferred"
    if edit:
        several_ += " (replaces them all)"
    p.add_argument("--email", action="append", metavar="E", help="email address" + several_)
    p.add_argument("--phone", action="append", metavar="P", help="phone number" + several_)
    p.add_argument("--address", action="append", metavar="A", help="postal address" + several_)
    p.add_argument("--nickname", metavar="N", help="what they are called")
    p.add_argument("--org", metavar="O", help="organisation: company, school, club")
    p.add_argument("--notes", metavar="N")
    p.add_argument(
        "--lead-days",
        type=lead_days_arg,
        metavar="N",
        help="days a letter takes to arrive (default 3; 'default' resets)",
    )
    cards = p.add_mutually_exclusive_group()
    cards.add_argument(
        "--cards", action="store_const", const=True, help="put them on the season card list"
    )
    if edit:
        cards.add_argument(
            "--no-cards",
            dest="cards",
            action="store_const",
            const=False,
            help="take them off the season card list",
        )
    p.add_argument(
        "--no-cards-until",
        metavar="DATE",
        help="send no season cards until then (2027-10-01, or a span such as 6m), e.g. in mourning",
    )
    p.add_argument("--reason", metavar="R", help="why no cards (with --no-cards-until)")
    if edit:
        p.add_argument(
            "--resume-cards", action="store_true", help="clear --no-cards-until and its reason"
        )
    p.add_argument("--force", action="store_true", help="allow two people with the same name")


_Command = Callable[..., argparse.ArgumentParser]  # `command` in build_parser


def _add_parser(command: _Command) -> None:
    p = command(
        "add",
        "people.cmd_add",
        "add a contact",
        epilog="Examples:\n"
        '  journal add "Aiko Tanaka" --reading "たなか あいこ" --tag friend --cadence 2w '
        "--birthday 1990-04-15\n"
        "  journal add Ben Carter --tag work,client --cadence 3m --birthday 12-01",
    )
    p.add_argument("name", nargs="+", metavar="NAME", help="their name (quotes optional)")
    _contact_options(p, edit=False)


def _edit_parser(command: _Command) -> None:
    p = command(
        "edit",
        "people.cmd_edit",
        "change a contact",
        epilog="Give an option an empty value to clear it, e.g. --email ''.\n"
        "Examples:\n"
        "  journal edit Aiko --cadence 1m --tag family --untag friend\n"
        '  journal edit Ben --rename "Benjamin Carter" --no-birthday',
    )
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)
    p.add_argument("--rename", metavar="NEW", help="change the name")
    _contact_options(p, edit=True)


def _log_parser(command: _Command) -> None:
    p = command(
        "log",
        "log.cmd_log",
        "log an interaction",
        epilog="KIND: letter (l), meeting (m), message (s) or call (c).\n"
        "WHEN: today, yesterday, 3 days ago, 2w ago, last friday, 2026-11-20, Nov 20, 20 Nov.\n"
        f"OCCASION: {', '.join(o.value for o in Occasion)} (season: New Year and holiday cards).\n"
        'Example: journal log Aiko meeting "coffee, talked about her move" --date yesterday\n'
        "A note of several lines: journal log Aiko letter --note-file - < letter.txt",
    )
    p.add_argument("name", metavar="NAME", help=NAME_HELP + ' (in quotes if it has spaces)')
    p.add_argument("kind", type=kind_arg, metavar="KIND", help="letter, meeting, message or call")
    p.add_argument("note", nargs="*", metavar="NOTE", help="what happened (quotes optional)")
    p.add_argument("--date", default="today", metavar="WHEN", help="when (default: today)")
    p.add_argument(
        "--note-file",
        metavar="FILE",
        help="read the note from FILE (UTF-8; - reads standard input): a note of several lines",
    )
    direction = p.add_mutually_exclusive_group()
    direction.add_argument(
        "--out",
        dest="direction",
        action="store_const",
        const="out",
        help="I reached out (the default)",
    )
    direction.add_argument(
        "--in", dest="direction", action="store_const", const="in", help="they reached out"
    )
    direction.add_argument(
        "--both", dest="direction", action="store_const", const="both", help="both of us"
    )
    p.add_argument("--via", metavar="CHANNEL", help="LINE, Zoom, postcard, email, ...")
    intent = p.add_mutually_exclusive_group()
    intent.add_argument(
        "--give",
        dest="intent",
        action="store_const",
        const="give",
        help="I gave something: help, a gift, an introduction, thanks, news",
    )
    intent.add_argument(
        "--ask",
        dest="intent",
        action="store_const",
        const="ask",
        help="I asked for something: a favour, a sale, money, a referral",
    )
    p.add_argument(
        "--for",
        dest="occasion",
        type=occasion_arg,
        metavar="OCCASION",
        help="birthday, season, thanks, condolence, congratulations",
    )


def _snooze_parser(command: _Command) -> None:
    p = command(
        "snooze",
        "log.cmd_snooze",
        "put off someone who is due",
        epilog="UNTIL: 2w, 10d, 1m, in 3 weeks, tomorrow, next monday, 2026-12-20, Dec 20.\n"
        "Examples: journal snooze Aiko 2w; journal snooze Aiko --clear",
    )
    p.add_argument("name", metavar="NAME", help=NAME_HELP + " (in quotes if it has spaces)")
    p.add_argument("until", nargs="?", metavar="UNTIL", help="a day after today, or a span")
    p.add_argument("--clear", action="store_true", help="end the snooze")


def _archive_parser(command: _Command) -> None:
    p = command("archive", "people.cmd_archive", "hide a person without losing their history")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)


def _unarchive_parser(command: _Command) -> None:
    p = command("unarchive", "people.cmd_unarchive", "bring an archived person back")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)


def _list_parser(command: _Command) -> None:
    p = command("list", "views.cmd_list", "contacts with last contact and due date")
    p.add_argument("--tag", metavar="T", help="only those with this tag")
    p.add_argument("--all", action="store_true", help="include the archived")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--suggest", action="store_true",
                   help="only those whose cadence is far from how often you are in touch")


def _show_parser(command: _Command) -> None:
    p = command("show", "views.cmd_show", "one contact and their timeline, newest first")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)
    p.add_argument(
        "--json", action="store_true", help='print {"contact": {...}, "interactions": [...]}'
    )


def _overdue_parser(command: _Command) -> None:
    p = command("overdue", "views.cmd_overdue", "who to reach out to, most urgent first")
    p.add_argument("--json", action="store_true", help="print a JSON array")


def _birthdays_parser(command: _Command) -> None:
    p = command("birthdays", "views.cmd_birthdays", "upcoming birthdays with post-by dates")
    p.add_argument(
        "--days", type=days_arg, default=60, metavar="N", help="how far ahead to look (default 60)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON array")


def _cards_parser(command: _Command) -> None:
    p = command(
        "cards",
        "views.cmd_cards",
        "the season card list",
        epilog="SEASON is the year the cards greet: from October on, the default is next year's.",
    )
    p.add_argument("season", nargs="?", type=season_arg, metavar="SEASON")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--addresses",
        choices=["csv"],
        help="write name, reading and address of everyone to send to",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="where --addresses writes (- = stdout)")


def _import_parser(command: _Command) -> None:
    p = command(
        "import",
        "import_export.cmd_import",
        "import contacts: vCard, contacts CSV or a JSON export",
        epilog="FILE: a vCard (.vcf) from Google Contacts, Apple Contacts, Outlook, Android or\n"
        "Thunderbird; a contacts CSV from Google, Outlook or Thunderbird; or a backup written\n"
        "by `journal export --format json`, which replaces the whole journal (the journal as\n"
        "it was is kept next to it). People already in the journal are matched and updated,\n"
        "not added twice. Try --dry-run first to see what would change.\n"
        "Example: journal import contacts.vcf --dry-run",
    )
    p.add_argument("source", metavar="FILE", help="the file to import")
    p.add_argument("--dry-run", action="store_true", help="say what would change; save nothing")


def _export_parser(command: _Command) -> None:
    p = command(
        "export",
        "import_export.cmd_export",
        "export the journal",
        epilog="vcf   everyone as vCards: name, reading, birthday, tags and contact details\n"
        "ics   a calendar: each birthday yearly, with an alarm on the day to post a letter,\n"
        "      and each tracked person's next due date (subscribe to the file or import it;\n"
        "      event UIDs stay the same between exports)\n"
        "csv   every interaction, one row each, with the person's name\n"
        "json  a full backup, which `journal import` restores exactly\n"
        "Example: journal export --format ics -o birthdays.ics",
    )
    p.add_argument("--format", required=True, choices=["vcf", "ics", "csv", "json"])
    p.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")


def _sync_parser(command: _Command) -> None:
    p = command(
        "sync",
        "devices.cmd_sync",
        "sync people both ways with an address book folder (a vdir)",
        epilog="DIR: a folder of .vcf cards, one person each, such as vdirsyncer keeps in step\n"
        "with Google, iCloud or Nextcloud (CardDAV). Given once, it is remembered.\n"
        "Cards changed since the last sync update the journal; people changed in the journal\n"
        "update their card (only the lines the journal keeps: photos, extra fields and labels\n"
        "stay as they were); a field changed on both sides keeps the address book's value and\n"
        "the summary says so. New people get a new card; a deleted card archives its person.\n"
        "Example: journal sync --vdir ~/.contacts/default && vdirsyncer sync",
    )
    p.add_argument("--vdir", metavar="DIR", help="the address book folder (remembered)")
    p.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    p.add_argument("--json", action="store_true", help="the whole report as JSON")


def _merge_parser(command: _Command) -> None:
    p = command(
        "merge",
        "devices.cmd_merge",
        "fold other copies of the journal into this one",
        epilog="Per record the later change wins; deletions are final; merging the same copy\n"
        "again changes nothing. --conflicts finds the conflict copies that Syncthing, Dropbox,\n"
        "Nextcloud, OneDrive or iCloud Drive left beside the journal, merges them and moves\n"
        "them into the backups (JOURNAL.merged-TIME-N.bak).\n"
        "Examples: journal merge --conflicts; journal merge ~/laptop/journal.json --dry-run",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="another copy of the journal")
    p.add_argument("--conflicts", action="store_true",
                   help="merge the conflict copies beside the journal")
    p.add_argument("--dry-run", action="store_true", help="say what would change; save nothing")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")


def _merge_driver_parser(command: _Command) -> None:
    p = command(
        "merge-driver",
        "devices.cmd_merge_driver",
        "git merge driver: merge THEIRS into OURS",
        epilog="In .gitattributes:  journal.json merge=journal\n"
        'Then:  git config merge.journal.driver "journal merge-driver %O %A %B"',
    )
    p.add_argument("base", metavar="BASE", help="the common ancestor (%%O; not needed)")
    p.add_argument("ours", metavar="OURS", help="our version (%%A), where the merge is written")
    p.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")


def _delete_parser(command: _Command) -> None:
    p = command(
        "delete",
        "people.cmd_delete",
        "delete a person and their history, or one entry",
        epilog="Asks first unless --yes. To keep the history, archive instead.\n"
        "Examples: journal delete Ben Carter; journal delete --entry 3f2a9c1b7d4e",
    )
    p.add_argument("name", nargs="*", metavar="NAME", help=NAME_HELP)
    p.add_argument("--entry", metavar="ID", help="delete one entry (ids as in show --json)")
    p.add_argument("--yes", action="store_true", help="do not ask")


COMMAND_PARSERS: dict[str, Callable[[_Command], None]] = {
    "add": _add_parser,
    "edit": _edit_parser,
    "log": _log_parser,
    "snooze": _snooze_parser,
    "archive": _archive_parser,
    "unarchive": _unarchive_parser,
    "list": _list_parser,
    "show": _show_parser,
    "overdue": _overdue_parser,
    "birthdays": _birthdays_parser,
    "cards": _cards_parser,
    "import": _import_parser,
    "export": _export_parser,
    "sync": _sync_parser,
    "merge": _merge_parser,
    "merge-driver": _merge_driver_parser,
    "delete": _delete_parser,
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the command `only` alone (the others unknown)."""
    fmt = argparse.RawDescriptionHelpFormatter
    file_help = f"the journal file (wins over {ENV_FILE})"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--file", metavar="PATH", default=argparse.SUPPRESS, help=file_help)

    parser = _Parser(
        prog="journal",
        description="A keyboard-driven contact journal: who have I drifted from, whose "
        "birthday needs a letter, what happened last time.",
        epilog=EPILOG,
        formatter_class=fmt,
    )
    parser.add_argument("--file", metavar="PATH", default=None, help=file_help)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a throw-away copy of the sample journal",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: str, help_: str, **kw: Any) -> argparse.ArgumentParser:
        """A command's parser; `func` is where it is run: `module.function` in journal.cli."""
        p = sub.add_parser(
            name, parents=[common], help=help_, description=help_ + ".", formatter_class=fmt, **kw
        )
        p.set_defaults(func=func)
        return p

    for name, setup in COMMAND_PARSERS.items():
        if only is None or name == only:
            setup(command)
    return parser


# --- main ----------------------------------------------------------------------------------


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse; the words of a log NOTE may also come after options (`log Ben call --ask lend me`)."""
    args, extras = parser.parse_known_args(argv)
    if extras and args.command == "log" and not any(x.startswith("-") for x in extras):
        args.note = [*args.note, *extras]
    elif extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


