"""`journal add`, `edit`, `archive`, `unarchive` and `delete`: the people in the journal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from journal import fields
from journal.cadence import NO_CADENCE_FIELDS
from journal.cli import render as out
from journal.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    echo,
    find,
    name_arg,
    open_store,
    same_name,
)
from journal.cli.parser import LEAD_DEFAULT
from journal.cli.render import preposition
from journal.journal_file import JournalError
from journal.model import Contact
from journal.phrases import cadence_phrase, plural
from journal.text import visible

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


def refuse_together(args: argparse.Namespace, pairs: Sequence[tuple[str, str]]) -> None:
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
    name = fields.parse_name(name_arg(args.name))
    today_ = args.clock.today()
    changes = contact_changes(args, today_, None)  # before opening: bad input touches nothing
    store = open_store(args)
    twin = same_name(store, name)
    if twin is not None and not args.force:
        where = " (archived)" if twin.archived else ""
        raise CliError(
            f'"{twin.name}"{where} is already in the journal; change them with '
            f'journal edit "{twin.name}" ..., or add a second person of that name with --force'
        )
    contact = store.add_contact(name, **changes)  # created now, by the journal's clock
    echo(f"Added {_describe(contact)}.")
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
    refuse_together(
        args,
        [
            ("cadence", "no_cadence"),
            ("birthday", "no_birthday"),
            ("no_cards_until", "resume_cards"),
            ("reason", "resume_cards"),
        ],
    )
    today_ = args.clock.today()
    store = open_store(args)
    contact = find(store, name_arg(args.name))
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
        echo(f"{contact.name} already has that; nothing changed.")
        return EXIT_OK
    updated = store.edit_contact(contact, changed)  # onto the record as it is now
    what = ", ".join(EDIT_FIELD_NAMES.get(k, k) for k in changed)
    before = f" (was {contact.name})" if "name" in changed else ""
    echo(f"Updated {updated.name}{before}: {what}.")
    return EXIT_OK


# --- log, snooze, archive ------------------------------------------------------------------

def _set_archived(args: argparse.Namespace, archived: bool) -> int:
    store = open_store(args)
    name = name_arg(args.name)
    contact = find(store, name, archived=not archived)
    if contact.archived == archived:
        echo(f"{contact.name} is {'already' if archived else 'not'} archived.")
        return EXIT_OK
    store.edit_contact(contact, {"archived": archived})
    if archived:
        echo(
            f"Archived {contact.name}; their history is kept "
            f'(bring them back with: journal unarchive "{contact.name}").'
        )
    else:
        echo(f"{contact.name} is back in the journal.")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    return _set_archived(args, True)


def cmd_unarchive(args: argparse.Namespace) -> int:
    return _set_archived(args, False)


# --- list and show -------------------------------------------------------------------------

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
        prep = preposition(interaction.kind, interaction.direction)
        echo(
            f"Deleted {out.ARTICLE[interaction.kind]} {prep} {person.name} "
            f"of {interaction.date.isoformat()}."
        )
        return EXIT_OK
    contact = find(store, name_arg(args.name))
    count = len(store.interactions(contact.id))
    what = f"{contact.name} and {plural(count, 'entry', 'entries')}"
    if not args.yes:
        if not _has_terminal():
            raise CliError(
                f"not deleting {what}: there is no terminal to ask on; "
                "add --yes to delete without asking"
            )
        if not _ask(f"Delete {what} from the journal? This cannot be undone."):
            echo("Nothing was deleted.")
            return EXIT_OK
    store.delete_contact(contact.id)
    echo(f"Deleted {what}.")
    return EXIT_OK


# --- the app -------------------------------------------------------------------------------

