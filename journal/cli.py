"""The `journal` command: the app with no command, and the shell commands.

Shell commands never import Textual (or Rich): `journal log ...` must take a blink. Errors a
person can fix (a bad date, a name matching no one, an unreadable journal) are one line on
stderr starting `journal: `, exit 1; bad usage exits 2; never a traceback for those.
"""

from __future__ import annotations

import argparse
import calendar
import errno
import gc
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from journal import fields, insight, rules
from journal import output as out
from journal.cadence import NO_CADENCE_FIELDS
from journal.dates import days_phrase
from journal.fields import FieldError
from journal.model import Contact, Direction, Intent, Kind, Occasion
from journal.paths import ENV_FILE, journal_path
from journal.phrases import cadence_phrase, due_parts, plural
from journal.rules import normalize_name
from journal.storage import DamagedJournal, JournalError, replace_file
from journal.store import Store
from journal.text import visible, visible_lines

ENV_TODAY = "JOURNAL_TODAY"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer cut off by `head`

EPILOG = f"""\
With no command, journal opens the app (--demo: on a throw-away copy of the sample journal).

environment:
  {ENV_FILE}     the journal file when --file is not given
                   (default: journal.json in the user data folder)
  {ENV_TODAY}    pretend today is this date (YYYY-MM-DD), for tests and demos

exit codes: 0 success (an empty list too), 1 an error or a name matching no one
(or more than one person), 2 bad usage.

Run `journal COMMAND --help` for the options of a command."""


class CliError(Exception):
    """A message for the person at the shell, and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


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


# --- today, the store and names ------------------------------------------------------------


def today() -> date:
    """`date.today()`, unless JOURNAL_TODAY freezes it."""
    raw = os.environ.get(ENV_TODAY, "").strip()
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CliError(f'{ENV_TODAY}="{raw}" is not a date: use YYYY-MM-DD, or unset it') from None


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
        store = Store.open(path, write_ahead=write_ahead, today=today)
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
def _writing_stdout() -> Iterator[None]:
    """Turn a failed write to stdout into OutputError (a broken pipe stays one: see `main`)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as e:
        raise OutputError(e) from None


def _print(text: str = "") -> None:
    with _writing_stdout():
        print(visible_lines(text))


def _warn(text: str) -> None:
    if sys.stderr is not None:  # closed (`2>&-`): the exit code says it
        try:
            print(visible_lines(text), file=sys.stderr)
        except OSError:
            pass


def _json(doc: Any) -> None:
    _write_stdout(out.dumps(doc))


def _write_stdout(data: bytes) -> None:
    """Write all of it: a large write to a pipe can take only part (the reader, such as `head`,
    went away), which BufferedWriter reports as a short count, not as an error."""
    with _writing_stdout():
        sys.stdout.flush()
        buffer = sys.stdout.buffer
        view = memoryview(data)
        while view:
            written = buffer.write(view)
            if not written:
                raise BrokenPipeError
            view = view[written:]
        buffer.flush()


def _flush_stdout() -> None:
    with _writing_stdout():
        sys.stdout.flush()


def _name_arg(parts: Sequence[str]) -> str:
    """NAME may be typed without quotes where nothing follows it: `journal show Aiko Tanaka`."""
    return " ".join(parts)


# --- add and edit --------------------------------------------------------------------------


def _tags(values: Sequence[str] | None) -> list[str]:
    """`--tag a --tag b,c` -> [a, b, c] (journal.fields: `Work` and `work` together refused)."""
    return list(fields.parse_tags(values or ()))


def contact_changes(args: argparse.Namespace, today_: date, current: Contact | None) -> dict:
    """The fields that `add` sets or `edit` changes, from the options given."""
    changes: dict[str, Any] = {}
    for option, parse in (
        ("reading", fields.parse_reading),
        ("nickname", lambda text: fields.parse_line(text, "nickname")),
        ("org", lambda text: fields.parse_line(text, "org")),
        ("notes", fields.parse_notes),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[option] = parse(value)
    for option, many in (("email", "emails"), ("phone", "phones"), ("address", "addresses")):
        values = getattr(args, option)
        if values is not None:  # given once or more: the whole list, the first preferred
            changes[many] = fields.parse_several(values, option)
    if args.cadence is not None:
        changes.update(fields.parse_cadence(args.cadence).fields())
    if getattr(args, "no_cadence", False):
        changes.update(NO_CADENCE_FIELDS)
    if args.birthday is not None:
        changes["birthday"] = fields.parse_birthday(args.birthday, today_)
    if getattr(args, "no_birthday", False):
        changes["birthday"] = None
    if args.lead_days is not None:
        changes["letter_lead_days"] = None if args.lead_days == LEAD_DEFAULT else args.lead_days
    if args.cards is not None:
        changes["season_cards"] = args.cards
    if args.no_cards_until is not None:
        changes["no_cards_until"] = fields.parse_no_cards_until(args.no_cards_until, today_)
    if args.reason is not None:
        has_pause = changes.get("no_cards_until") or (current and current.no_cards_until)
        if not has_pause:
            raise CliError(
                "--reason goes with --no-cards-until DATE (why no cards until then)",
                EXIT_USAGE,
            )
        changes["no_cards_reason"] = fields.parse_line(args.reason, "no_cards_reason")
    if getattr(args, "resume_cards", False):
        changes["no_cards_until"] = None
        changes["no_cards_reason"] = ""
    added = _tags(args.tag)
    removed = {t.casefold() for t in _tags(getattr(args, "untag", None))}
    if removed & {t.casefold() for t in added}:
        raise CliError("a tag cannot be given to both --tag and --untag", EXIT_USAGE)
    if current is None:
        if added:
            changes["tags"] = tuple(added)
    elif added or removed:
        have = {t.casefold() for t in current.tags}
        if missing := sorted(removed - have):
            tags = ", ".join(current.tags) or "none"
            raise CliError(
                f'{current.name} has no tag "{missing[0]}" (their tags: {tags}); nothing changed'
            )
        tags = [t for t in current.tags if t.casefold() not in removed]
        tags += [t for t in added if t.casefold() not in have]
        changes["tags"] = tuple(tags)
    return changes


def _conflicts(args: argparse.Namespace, pairs: Sequence[tuple[str, str]]) -> None:
    for a, b in pairs:
        if getattr(args, a, None) not in (None, False) and getattr(args, b, None) not in (
            None,
            False,
        ):
            flag = lambda n: "--" + n.replace("_", "-")  # noqa: E731
            raise CliError(f"{flag(a)} and {flag(b)} cannot be used together", EXIT_USAGE)


def _describe(contact: Contact) -> str:
    if contact.cadence is not None:
        return f"{contact.name}, to keep in touch {cadence_phrase(contact.cadence)}"
    return contact.name


def cmd_add(args: argparse.Namespace) -> int:
    name = fields.parse_name(_name_arg(args.name))
    today_ = today()
    changes = contact_changes(args, today_, None)  # before opening: bad input touches nothing
    store = open_store(args)
    twin = same_name(store, name)
    if twin is not None and not args.force:
        where = " (archived)" if twin.archived else ""
        raise CliError(
            f'"{twin.name}"{where} is already in the journal; change them with '
            f'journal edit "{twin.name}" ..., or add a second person of that name with --force'
        )
    with store.batch():
        contact = store.add_contact(name, **changes)
        if os.environ.get(ENV_TODAY, "").strip():
            # With a frozen today, a new contact is created on that day (due dates count from it).
            created = datetime.combine(today_, contact.created.time())
            contact = store.update_contact(replace(contact, created=created))
    _print(f"Added {_describe(contact)}.")
    return EXIT_OK


EDIT_FIELD_NAMES = {
    "reading": "reading",
    "emails": "email",
    "phones": "phone",
    "addresses": "address",
    "nickname": "nickname",
    "org": "organisation",
    "notes": "notes",
    "cadence_days": "cadence",
    "birthday": "birthday",
    "letter_lead_days": "letter lead days",
    "season_cards": "card list",
    "no_cards_until": "no cards until",
    "no_cards_reason": "reason for no cards",
    "tags": "tags",
    "name": "name",
}


def cmd_edit(args: argparse.Namespace) -> int:
    _conflicts(
        args,
        [
            ("cadence", "no_cadence"),
            ("birthday", "no_birthday"),
            ("no_cards_until", "resume_cards"),
            ("reason", "resume_cards"),
        ],
    )
    today_ = today()
    store = open_store(args)
    contact = find(store, _name_arg(args.name))
    changes = contact_changes(args, today_, contact)
    if args.rename is not None:
        new = fields.parse_name(args.rename)
        twin = same_name(store, new, besides=contact.id)
        if twin is not None and not args.force:
            raise CliError(
                f'"{twin.name}" is already in the journal; use --force to have two people '
                "of that name"
            )
        changes["name"] = new
    changed = {k: v for k, v in changes.items() if getattr(contact, k) != v}
    if not changes:
        raise CliError(
            "nothing to change: give an option such as --tag, --cadence or --rename "
            "(see journal edit --help)",
            EXIT_USAGE,
        )
    if not changed:
        _print(f"{contact.name} already has that; nothing changed.")
        return EXIT_OK
    updated = store.update_contact(replace(contact, **changed))
    what = ", ".join(EDIT_FIELD_NAMES.get(k, k) for k in changed)
    before = f" (was {contact.name})" if "name" in changed else ""
    _print(f"Updated {updated.name}{before}: {what}.")
    return EXIT_OK


# --- log, snooze, archive ------------------------------------------------------------------


def _preposition(kind: Kind, direction: Direction) -> str:
    if direction is Direction.IN:
        return "from"
    if direction is Direction.OUT and kind in (Kind.LETTER, Kind.MESSAGE):
        return "to"
    return "with"


def cold_ask_warning(contact: Contact, on: date, today_: date) -> str:
    days = rules.COLD_ASK_DAYS
    span = f"in the last {days} days" if on == today_ else f"in the {days} days before it"
    return (
        f"Note: this is an ask, and you have not given to or reached out to {contact.name} "
        f"{span}. Asking after a long silence can feel cold; consider giving something "
        "first next time."
    )


def cmd_log(args: argparse.Namespace) -> int:
    today_ = today()
    on = when_arg(args.date, today_)  # before opening: a bad date touches nothing
    store = open_store(args, write_ahead=True)
    try:
        return _log(args, store, today_, on)
    finally:
        store.close()


def _log(args: argparse.Namespace, store: Store, today_: date, on: date) -> int:
    contact = find(store, args.name)
    direction = Direction(args.direction or "out")
    intent = Intent(args.intent) if args.intent else None
    note = fields.parse_notes(" ".join(args.note), "note")
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
    prep = _preposition(args.kind, direction)
    _print(
        f"Logged {out.ARTICLE[args.kind]} {prep} {contact.name} on {out.when(on, today_)}{extra}."
    )
    if cold:
        sys.stdout.flush()
        _warn(cold_ask_warning(contact, on, today_))
    if mourning:
        sys.stdout.flush()
        _warn(f"Note: {mourning} The card is logged all the same.")
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
    today_ = today()
    until = until_arg(args.until, today_) if args.until else None
    store = open_store(args)
    contact = find(store, args.name)
    if until is None:
        if contact.snoozed_until is None:
            _print(f"{contact.name} was not snoozed.")
            return EXIT_OK
        store.update_contact(replace(contact, snoozed_until=None))
        _print(f"{contact.name} is no longer snoozed.")
        return EXIT_OK
    store.update_contact(replace(contact, snoozed_until=until))
    _print(f"Snoozed {contact.name} until {out.when(until, today_)}.")
    return EXIT_OK


def _set_archived(args: argparse.Namespace, archived: bool) -> int:
    store = open_store(args)
    name = _name_arg(args.name)
    contact = find(store, name, archived=not archived)
    if contact.archived == archived:
        _print(f"{contact.name} is {'already' if archived else 'not'} archived.")
        return EXIT_OK
    store.update_contact(replace(contact, archived=archived))
    if archived:
        _print(
            f"Archived {contact.name}; their history is kept "
            f'(bring them back with: journal unarchive "{contact.name}").'
        )
    else:
        _print(f"{contact.name} is back in the journal.")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    return _set_archived(args, True)


def cmd_unarchive(args: argparse.Namespace) -> int:
    return _set_archived(args, False)


# --- list and show -------------------------------------------------------------------------


def _has_tag(contact: Contact, tag: str) -> bool:
    key = normalize_name(tag)
    return any(normalize_name(t) == key for t in contact.tags)


def cmd_list(args: argparse.Namespace) -> int:
    today_ = today()
    store = open_store(args)
    pairs = store.latest_pairs(archived=args.all)
    if args.tag is not None:
        pairs = [(c, ii) for c, ii in pairs if _has_tag(c, args.tag)]
    if args.suggest:  # issue 16
        return _list_suggest(args, store, [c for c, _ in pairs], today_)
    statuses = [rules.status(c, ii, today_) for c, ii in pairs]
    if args.json:
        _json([out.contact_json(st.contact, st) for st in statuses])
        return EXIT_OK
    if not statuses:
        if args.tag is not None:
            _print(f'No one is tagged "{args.tag}".')
        elif len(store):
            _print("Everyone is archived (see them with: journal list --all).")
        else:
            _print("No one in the journal yet. Add someone with: journal add NAME")
        return EXIT_OK
    rows = [
        [
            st.contact.name,
            st.contact.reading,
            ", ".join(st.contact.tags),
            out.last_phrase(st, today_),
            out.due_phrase(st, today_),
        ]
        for st in statuses
    ]
    _print(out.table(rows, header=["Name", "Reading", "Tags", "Last contact", "Due"]))
    return EXIT_OK


def _list_suggest(args: argparse.Namespace, store: Store, contacts: list[Contact],
                  today_: date) -> int:
    """`list --suggest` (issue 16): people whose set cadence is far from the one their history
    suggests (`insight.far_from_suggested`)."""
    pairs = [(c, store.interactions(c.id)) for c in contacts]
    found = insight.far_from_suggested(pairs, today_)
    if args.json:
        history = dict((c.id, ii) for c, ii in pairs)
        _json([
            {**out.contact_json(c, rules.status(c, history[c.id], today_)),
             "suggested_cadence": suggested.text}
            for c, suggested in found
        ])
        return EXIT_OK
    if not found:
        _print("No one's cadence is far from how often you are in touch.")
        return EXIT_OK
    rows = [[c.name, cadence_phrase(c.cadence), f"about {s.phrase}"] for c, s in found]
    _print(out.table(rows, header=["Name", "Set", "Suggested"]))
    return EXIT_OK


def _birthday_line(contact: Contact, interactions: Sequence, today_: date) -> str:
    entry = rules.birthday_entry(contact, interactions, today_)
    if entry is None or contact.birthday is None:
        return ""
    b = contact.birthday
    born = b.iso() if b.year is not None else f"{calendar.month_name[b.month]} {b.day}"
    turns = f"turns {entry.age} " if entry.age is not None else "next "
    line = (
        f"{born}; {turns}on {out.when(entry.next_birthday, today_)}; "
        f"post by {entry.post_by.isoformat()}"
    )
    if entry.done:
        line += " (letter sent)"
    return line


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _timeline_row(i, interactions, today_: date) -> list[str]:
    marks = [m.value for m in (rules.intent_of(i), i.occasion) if m is not None]
    if rules.is_cold_ask(i, interactions):
        marks.append("cold ask")
    return [
        i.date.isoformat(),
        i.kind.value,
        i.direction.value,
        f"via {i.channel}" if i.channel else "",
        f"[{', '.join(marks)}]" if marks else "",
        i.note,
    ]


def cmd_show(args: argparse.Namespace) -> int:
    today_ = today()
    store = open_store(args)
    contact = find(store, _name_arg(args.name))
    interactions = store.interactions(contact.id)
    st = rules.status(contact, interactions, today_)
    bal = rules.balance(interactions, today_)
    give_next = rules.give_next(interactions, today_)
    newest_first = list(reversed(interactions))
    ins = insight.of(contact, interactions, today_)  # issue 16
    if args.json:
        doc = out.contact_json(contact, st)
        doc.update(balance=out.balance_json(bal), give_next=give_next, reply_owed=st.reply_owed)
        doc.update(out.insight_json(ins))  # issue 16
        items = []
        for i in newest_first:
            item = out.interaction_json(i)
            item["cold_ask"] = rules.is_cold_ask(i, interactions)
            items.append(item)
        _json({"contact": doc, "interactions": items})
        return EXIT_OK

    rows: list[list[str]] = []
    flags = []
    if contact.archived:
        flags.append("archived")
    if st.reply_owed:
        flags.append("reply owed")
    if give_next:
        flags.append("give next")
    if st.snoozed and contact.snoozed_until:
        flags.append(f"snoozed until {contact.snoozed_until.isoformat()}")
    if flags:
        rows.append(["Status", ", ".join(flags)])
    if contact.tags:
        rows.append(["Tags", ", ".join(contact.tags)])
    if contact.cadence is not None:
        due = cadence_phrase(contact.cadence)
        if st.next_due is not None and st.days_late is not None:
            due += f"; next due {st.next_due.isoformat()} ({out.lateness(st.days_late)})"
        rows.append(["Keep in touch", due])
    rows.append(["Last contact", out.when(st.last_contact, today_) if st.last_contact else "never"])
    if ins.summary:  # issue 16
        rows.append(["Rhythm", ins.summary])
    if contact.birthday:
        rows.append(["Birthday", _birthday_line(contact, interactions, today_)])
    for title, value in (("Nickname", contact.nickname), ("Organisation", contact.org)):
        if value:
            rows.append([title, value])
    for title, values in (("Email", contact.emails), ("Phone", contact.phones)):
        rows += [[title, value] for value in values]  # the preferred first
    rows += [["Address", ", ".join(_lines(a))] for a in contact.addresses]
    if bal.gives_12m or bal.asks_12m or bal.last_give or bal.last_ask:
        text = (
            f"{bal.gives_12m} give{'s' * (bal.gives_12m != 1)}, "
            f"{bal.asks_12m} ask{'s' * (bal.asks_12m != 1)} in the last 12 months"
        )
        lasts = [
            f"last {what} {d.isoformat()}"
            for what, d in (("give", bal.last_give), ("ask", bal.last_ask))
            if d is not None
        ]
        if lasts:
            text += f" ({', '.join(lasts)})"
        rows.append(["Give and ask", text])
    cards = []
    if contact.season_cards:
        cards.append("on the season card list")
    if contact.no_cards_until:
        why = f": {contact.no_cards_reason}" if contact.no_cards_reason else ""
        cards.append(f"no cards until {contact.no_cards_until.isoformat()}{why}")
    if cards:
        rows.append(["Cards", "; ".join(cards)])
    if contact.letter_lead_days is not None:
        rows.append(["Letter lead", days_phrase(contact.letter_lead_days)])
    for n, line in enumerate(_lines(contact.notes)):
        rows.append(["Notes" if n == 0 else "", line])

    _print(visible(contact.label))
    _print(out.table(rows, indent="  "))
    _print()
    if not interactions:
        _print(f'No interactions yet. Log one with: journal log "{contact.name}" call')
        return EXIT_OK
    _print(f"Timeline, newest first ({len(interactions)}):")
    timeline = [_timeline_row(i, interactions, today_) for i in newest_first]
    _print(out.table(timeline, indent="  "))
    return EXIT_OK


# --- overdue, birthdays, cards -------------------------------------------------------------


def cmd_overdue(args: argparse.Namespace) -> int:
    today_ = today()
    store = open_store(args)
    statuses = rules.overdue(store.latest_touches(), today_)
    gives = {
        st.contact.id: rules.give_next_newest_first(store.newest_first(st.contact.id), today_)
        for st in statuses
    }
    if args.json:
        docs = []
        for st in statuses:
            doc = out.contact_json(st.contact, st)
            doc.update(
                days_late=st.days_late,
                reply_owed=st.reply_owed,
                give_next=gives[st.contact.id],
                late_ratio=out.late_ratio_json(st),  # issue 16
            )
            docs.append(doc)
        _json(docs)
        return EXIT_OK
    if not statuses:
        _print("No one is overdue. Well kept!")
        return EXIT_OK
    rows = []
    for st in statuses:
        why = [words for words, _ in due_parts(st, today_)]
        if gives[st.contact.id]:
            why.append("give next")
        cadence = cadence_phrase(st.contact.cadence)
        rows.append([st.contact.name, ", ".join(why), out.last_phrase(st, today_), cadence])
    _print(out.table(rows, header=["Name", "Why", "Last contact", "Cadence"]))
    return EXIT_OK


def _post_phrase(entry: rules.BirthdayEntry, today_: date) -> str:
    """The Letter column: `done`, or `post by Wed` (issue 16: insight.post_by_phrase)."""
    return "done" if entry.done else insight.post_by_phrase(entry.post_by, today_)


def cmd_birthdays(args: argparse.Namespace) -> int:
    today_ = today()
    store = open_store(args)
    pairs = store.pairs()
    by_id = {c.id: ii for c, ii in pairs}
    entries = rules.upcoming_birthdays(pairs, today_, args.days)
    if args.json:
        docs = []
        for e in entries:
            doc = out.contact_json(e.contact, rules.status(e.contact, by_id[e.contact.id], today_))
            doc.update(
                next_birthday=e.next_birthday.isoformat(),
                post_by=e.post_by.isoformat(),
                age=e.age,
                done=e.done,
                days_until=e.days_until,
            )
            docs.append(doc)
        _json(docs)
        return EXIT_OK
    if not entries:
        _print(f"No birthdays in the next {days_phrase(args.days)}.")
        return EXIT_OK
    rows = [
        [
            out.when(e.next_birthday, today_),
            e.contact.name,
            f"turns {e.age}" if e.age is not None else "",
            _post_phrase(e, today_),
        ]
        for e in entries
    ]
    _print(out.table(rows, header=["Birthday", "Name", "Age", "Letter"]))
    return EXIT_OK


def _season_post_by(store: Store, season: int) -> date:
    return rules.season_post_by_setting(season, store.get_meta(rules.SEASON_POST_BY_KEY))


def _write_output(target: str | None, data: bytes, journal: Path) -> str | None:
    """Write to stdout (no target, or `-`) or to a file readable by its owner alone.

    Returns the file written, or None for stdout.
    """
    if target in (None, "-"):
        _write_stdout(data)
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


def cmd_cards(args: argparse.Namespace) -> int:
    if args.output is not None and args.addresses is None:
        raise CliError("-o goes with --addresses csv", EXIT_USAGE)
    if args.addresses is not None and args.json:
        raise CliError("--addresses and --json cannot be used together", EXIT_USAGE)
    today_ = today()
    store = open_store(args)
    pairs = store.pairs(archived=True)
    by_id = {c.id: ii for c, ii in pairs}
    season = args.season if args.season is not None else rules.current_season(today_)
    cs = rules.card_season(pairs, season, _season_post_by(store, season))

    def obj(c: Contact) -> dict:
        return out.contact_json(c, rules.status(c, by_id[c.id], today_))

    if args.addresses is not None:
        from journal import csvio  # only here: other commands need not load the CSV code

        written = _write_output(args.output, csvio.render_addresses(cs.to_send), store.path)
        missing = [c.name for c in cs.to_send if not c.address.strip()]
        if written:
            _print(f"Wrote {plural(len(cs.to_send), 'address', 'addresses')} to {written}.")
        if missing:
            sys.stdout.flush()
            _warn(f"No postal address for {len(missing)}: {', '.join(missing)}")
        return EXIT_OK
    if args.json:
        _json(
            {
                "season": cs.season,
                "post_by": cs.post_by.isoformat(),
                "to_send": [obj(c) for c in cs.to_send],
                "sent": [obj(c) for c in cs.sent],
                "received": [obj(c) for c in cs.received],
                "owed": [obj(c) for c in cs.owed],
                "skipped": [obj(c) for c in cs.skipped],
            }
        )
        return EXIT_OK

    owed = {c.id for c in cs.owed}
    _print(f"Season {cs.season} cards: post by {out.when(cs.post_by, today_)}")
    groups: list[tuple[str, list[list[str]]]] = [
        (
            "To send",
            [
                [
                    c.name,
                    "owed: they sent you one" if c.id in owed else "",
                    "" if c.address.strip() else "no address",
                ]
                for c in cs.to_send
            ],
        ),
        ("Owed (they sent one, you have not)", [[c.name] for c in cs.owed]),
        ("Sent", [[c.name] for c in cs.sent]),
        ("Received", [[c.name] for c in cs.received]),
        (
            "Skipped",
            [
                [
                    c.name,
                    f"no cards until {c.no_cards_until.isoformat()}" if c.no_cards_until else "",
                    c.no_cards_reason,
                ]
                for c in cs.skipped
            ],
        ),
    ]
    if not any(rows for _, rows in groups):
        _print()
        _print(
            "No one on the card list yet. Put someone on it with: journal edit NAME --cards, "
            "or log a card with: journal log NAME letter --for season"
        )
        return EXIT_OK
    for title, rows in groups:
        if not rows:
            continue
        _print()
        _print(f"{title} ({len(rows)}):")
        _print(out.table(rows, indent="  "))
    return EXIT_OK


# --- import and export ---------------------------------------------------------------------


def _transfer() -> Any:
    try:
        from journal import transfer
    except ModuleNotFoundError as e:
        if e.name == "journal.transfer":
            raise CliError("import and export are not available in this version") from None
        raise
    return transfer


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
    transfer = _transfer()
    store = open_store(args)
    if source.resolve() == store.path.resolve():
        raise CliError(f"{source}: that is the journal itself")
    report = transfer.import_file(store, source, dry_run=args.dry_run)
    _print(report.summary())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    transfer = _transfer()
    today_ = today()
    store = open_store(args)
    data = transfer.export(store, args.format, today_)
    written = _write_output(args.output, data, store.path)
    if written:
        _print(f"Exported {plural(len(store), 'contact')} as {args.format} to {written}.")
    return EXIT_OK


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
        _warn(f"journal sync: {note}")
    if args.json:
        _json(report.to_json())
    else:
        _print(report.summary())
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
        _json(report.json())
    elif args.conflicts and not report.merged and not report.left_alone:
        _print(f"No conflict copies beside {store.path.name}; nothing to merge.")
    else:
        if report.merged:
            _print(copies.summary(report))
        for copy, moved in report.moved:
            _print(f"  {copy.name} -> {moved.name}")
    for copy, why in report.left_alone:
        _warn(f"journal: left alone: {copy.name}: {why}")
    return EXIT_ERROR if report.left_alone else EXIT_OK


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from journal.copies import merge_driver

    merge_driver(Path(args.base), Path(args.ours), Path(args.theirs), today)
    return EXIT_OK


def _ask(question: str) -> bool:
    """Ask at the terminal; only `y` or `yes` is a yes."""
    sys.stderr.write(visible(question) + " [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().casefold() in ("y", "yes")


def _has_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def cmd_delete(args: argparse.Namespace) -> int:
    if bool(args.name) == bool(args.entry):
        raise CliError("give a NAME, or --entry ID (ids as in journal show NAME --json)",
                       EXIT_USAGE)
    store = open_store(args)
    if args.entry:
        entry = args.entry.strip()
        try:
            interaction = store.interaction(entry)
        except JournalError:
            raise CliError(
                f"no entry with the id {entry!r} (see the ids with: journal show NAME --json)"
            ) from None
        person = store.contact(interaction.contact_id)
        store.delete_interaction(interaction.id)
        prep = _preposition(interaction.kind, interaction.direction)
        _print(
            f"Deleted {out.ARTICLE[interaction.kind]} {prep} {person.name} "
            f"of {interaction.date.isoformat()}."
        )
        return EXIT_OK
    contact = find(store, _name_arg(args.name))
    count = len(store.interactions(contact.id))
    what = f"{contact.name} and {plural(count, 'entry', 'entries')}"
    if not args.yes:
        if not _has_terminal():
            raise CliError(
                f"not deleting {what}: there is no terminal to ask on; "
                "add --yes to delete without asking"
            )
        if not _ask(f"Delete {what} from the journal? This cannot be undone."):
            _print("Nothing was deleted.")
            return EXIT_OK
    store.delete_contact(contact.id)
    _print(f"Deleted {what}.")
    return EXIT_OK


# --- the app -------------------------------------------------------------------------------


def run_app_command(args: argparse.Namespace) -> int:
    path = journal_path(args.file)
    try:
        from screens.app import run_app
    except ImportError as e:
        raise CliError(
            f"the app could not be started ({e}); the shell commands still work: journal --help"
        ) from None
    try:
        code = run_app(path, demo=args.demo)
    except ImportError as e:  # a part of the app (or the demo) is missing from this install
        raise CliError(f"the app could not be started ({e})") from None
    return int(code or 0)


# --- the parser ----------------------------------------------------------------------------


NAME_HELP = "who: the name, or a part of it or of the reading that only one person has"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # the message quotes what was typed, which may hold escape sequences
        self.exit(EXIT_USAGE, f"{self.prog}: error: {visible_lines(message)}\n")


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


_Command = Callable[..., argparse.ArgumentParser]


def _add_parser(command: _Command) -> None:
    p = command(
        "add",
        cmd_add,
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
        cmd_edit,
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
        cmd_log,
        "log an interaction",
        epilog="KIND: letter (l), meeting (m), message (s) or call (c).\n"
        "WHEN: today, yesterday, 3 days ago, 2w ago, last friday, 2026-11-20, Nov 20, 20 Nov.\n"
        f"OCCASION: {', '.join(o.value for o in Occasion)} (season: New Year and holiday cards).\n"
        'Example: journal log Aiko meeting "coffee, talked about her move" --date yesterday',
    )
    p.add_argument("name", metavar="NAME", help=NAME_HELP + ' (in quotes if it has spaces)')
    p.add_argument("kind", type=kind_arg, metavar="KIND", help="letter, meeting, message or call")
    p.add_argument("note", nargs="*", metavar="NOTE", help="what happened (quotes optional)")
    p.add_argument("--date", default="today", metavar="WHEN", help="when (default: today)")
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
        cmd_snooze,
        "put off someone who is due",
        epilog="UNTIL: 2w, 10d, 1m, in 3 weeks, tomorrow, next monday, 2026-12-20, Dec 20.\n"
        "Examples: journal snooze Aiko 2w; journal snooze Aiko --clear",
    )
    p.add_argument("name", metavar="NAME", help=NAME_HELP + " (in quotes if it has spaces)")
    p.add_argument("until", nargs="?", metavar="UNTIL", help="a day after today, or a span")
    p.add_argument("--clear", action="store_true", help="end the snooze")


def _archive_parser(command: _Command) -> None:
    p = command("archive", cmd_archive, "hide a person without losing their history")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)


def _unarchive_parser(command: _Command) -> None:
    p = command("unarchive", cmd_unarchive, "bring an archived person back")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)


def _list_parser(command: _Command) -> None:
    p = command("list", cmd_list, "contacts with last contact and due date")
    p.add_argument("--tag", metavar="T", help="only those with this tag")
    p.add_argument("--all", action="store_true", help="include the archived")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--suggest", action="store_true",  # issue 16
                   help="only those whose cadence is far from how often you are in touch")


def _show_parser(command: _Command) -> None:
    p = command("show", cmd_show, "one contact and their timeline, newest first")
    p.add_argument("name", nargs="+", metavar="NAME", help=NAME_HELP)
    p.add_argument(
        "--json", action="store_true", help='print {"contact": {...}, "interactions": [...]}'
    )


def _overdue_parser(command: _Command) -> None:
    p = command("overdue", cmd_overdue, "who to reach out to, most urgent first")
    p.add_argument("--json", action="store_true", help="print a JSON array")


def _birthdays_parser(command: _Command) -> None:
    p = command("birthdays", cmd_birthdays, "upcoming birthdays with post-by dates")
    p.add_argument(
        "--days", type=days_arg, default=60, metavar="N", help="how far ahead to look (default 60)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON array")


def _cards_parser(command: _Command) -> None:
    p = command(
        "cards",
        cmd_cards,
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
        cmd_import,
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
        cmd_export,
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
        cmd_sync,
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
        cmd_merge,
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
        cmd_merge_driver,
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
        cmd_delete,
        "delete a person and their history, or one entry",
        epilog="Asks first unless --yes. To keep the history, archive instead.\n"
        "Examples: journal delete Ben Carter; journal delete --entry 3f2a9c1b7d4e",
    )
    p.add_argument("name", nargs="*", metavar="NAME", help=NAME_HELP)
    p.add_argument("--entry", metavar="ID", help="delete one entry (ids as in show --json)")
    p.add_argument("--yes", action="store_true", help="do not ask")


_COMMAND_PARSERS: dict[str, Callable[[_Command], None]] = {
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

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help_: str, **kw: Any
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name, parents=[common], help=help_, description=help_ + ".", formatter_class=fmt, **kw
        )
        p.set_defaults(func=func)
        return p

    for name, setup in _COMMAND_PARSERS.items():
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
    _flush_stdout()
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
        hint = conflict_hint(journal_path(args.file))
    except (OSError, ValueError):
        return
    if hint:
        sys.stdout.flush()
        _warn(hint)


def main(argv: list[str] | None = None) -> int:
    _guard_standard_streams()
    words = sys.argv[1:] if argv is None else argv
    # A command named first is all the parser needs to know (setting up all takes 5 ms).
    parser = build_parser(words[0] if words and words[0] in _COMMAND_PARSERS else None)
    args = None
    try:
        with _writing_stdout():
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
        _warn(f"journal: cannot write the output: {e}")
        return EXIT_ERROR
    try:
        check_text_arguments(args)
        if args.command is None:
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
                code = args.func(args)
            finally:
                _conflict_hint(args)
            if program:
                _end_process(code)
        _flush_stdout()
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        if note := saved_note(args):
            _warn(f"journal: the output was cut off{note}")
        return EXIT_BROKEN_PIPE
    except OutputError as e:
        _quiet_stdout()
        _warn(f"journal: cannot write the output: {e}{saved_note(args)}")
        return EXIT_ERROR
    except CliError as e:
        prog = f"journal {args.command}" if e.code == EXIT_USAGE and args.command else "journal"
        _warn(f"{prog}: {e}{saved_note(args)}")
        return e.code
    except (JournalError, ValueError, OSError) as e:
        _warn(f"journal: {_error_text(e)}{saved_note(args)}")
        return EXIT_ERROR
    except Exception as e:  # a bug: one line, never a traceback
        _warn(
            f"journal: unexpected error ({type(e).__name__}: {e}){saved_note(args)}; "
            "please report it"
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
