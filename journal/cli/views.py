"""`journal list`, `show`, `overdue`, `birthdays` and `cards`: what the journal holds, read only.

`journal.queries` and `journal.insight` are imported by the commands that use them: the
others, `overdue` first, start 5 ms sooner without them.
"""

from __future__ import annotations

import argparse
import calendar
import sys
from datetime import date
from typing import TYPE_CHECKING

from journal import rules
from journal.cli import render as out
from journal.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    echo,
    find,
    name_arg,
    open_store,
    print_json,
    warn,
    write_output,
)
from journal.dates import days_phrase
from journal.model import Contact
from journal.phrases import cadence_phrase, due_parts, plural
from journal.rules import normalize_name
from journal.store import Store
from journal.text import visible

if TYPE_CHECKING:
    from journal import queries


def _has_tag(contact: Contact, tag: str) -> bool:
    key = normalize_name(tag)
    return any(normalize_name(t) == key for t in contact.tags)


def cmd_list(args: argparse.Namespace) -> int:
    today_ = args.clock.today()
    store = open_store(args)
    pairs = store.latest_pairs(archived=args.all)
    if args.tag is not None:
        pairs = [(c, ii) for c, ii in pairs if _has_tag(c, args.tag)]
    if args.suggest:  # issue 16
        return _list_suggest(args, store, [c for c, _ in pairs], today_)
    statuses = [rules.status(c, ii, today_) for c, ii in pairs]
    if args.json:
        print_json([out.contact_json(st.contact, st) for st in statuses])
        return EXIT_OK
    if not statuses:
        if args.tag is not None:
            echo(f'No one is tagged "{args.tag}".')
        elif len(store):
            echo("Everyone is archived (see them with: journal list --all).")
        else:
            echo("No one in the journal yet. Add someone with: journal add NAME")
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
    echo(out.table(rows, header=["Name", "Reading", "Tags", "Last contact", "Due"]))
    return EXIT_OK


def _list_suggest(args: argparse.Namespace, store: Store, contacts: list[Contact],
                  today_: date) -> int:
    """`list --suggest`: people whose set cadence is far from the one their history suggests
    (`insight.far_from_suggested`)."""
    pairs = [(c, store.interactions(c.id)) for c in contacts]
    from journal import insight

    found = insight.far_from_suggested(pairs, today_)
    if args.json:
        history = dict((c.id, ii) for c, ii in pairs)
        print_json([
            {**out.contact_json(c, rules.status(c, history[c.id], today_)),
             "suggested_cadence": suggested.text}
            for c, suggested in found
        ])
        return EXIT_OK
    if not found:
        echo("No one's cadence is far from how often you are in touch.")
        return EXIT_OK
    rows = [[c.name, cadence_phrase(c.cadence), f"about {s.phrase}"] for c, s in found]
    echo(out.table(rows, header=["Name", "Set", "Suggested"]))
    return EXIT_OK


def _birthday_line(contact: Contact, entry: rules.BirthdayEntry | None, today_: date) -> str:
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


def _timeline_row(i, person: queries.Person) -> list[str]:
    marks = [m.value for m in (rules.intent_of(i), i.occasion) if m is not None]
    if person.is_cold_ask(i):
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
    from journal import insight, queries

    today_ = args.clock.today()
    store = open_store(args)
    contact = find(store, name_arg(args.name))
    person = queries.person_in(store, contact.id, today_)  # what the timeline header shows too
    interactions, st, bal, give_next = (
        person.interactions, person.status, person.balance, person.give_next)
    ins = insight.of(contact, interactions, today_)
    if args.json:
        doc = out.person_json(person)
        doc["contact"].update(out.insight_json(ins))
        print_json(doc)
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
    if ins.summary:
        rows.append(["Rhythm", ins.summary])
    if contact.birthday:
        rows.append(["Birthday", _birthday_line(contact, person.birthday, today_)])
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

    echo(visible(contact.label))
    echo(out.table(rows, indent="  "))
    echo()
    if not interactions:
        echo(f'No interactions yet. Log one with: journal log "{contact.name}" call')
        return EXIT_OK
    echo(f"Timeline, newest first ({len(interactions)}):")
    timeline = [_timeline_row(i, person) for i in person.newest_first]
    echo(out.table(timeline, indent="  "))
    return EXIT_OK


# --- overdue, birthdays, cards -------------------------------------------------------------


def cmd_overdue(args: argparse.Namespace) -> int:
    today_ = args.clock.today()
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
                late_ratio=out.late_ratio_json(st),
            )
            docs.append(doc)
        print_json(docs)
        return EXIT_OK
    if not statuses:
        echo("No one is overdue. Well kept!")
        return EXIT_OK
    rows = []
    for st in statuses:
        why = [words for words, _ in due_parts(st, today_)]
        if gives[st.contact.id]:
            why.append("give next")
        cadence = cadence_phrase(st.contact.cadence)
        rows.append([st.contact.name, ", ".join(why), out.last_phrase(st, today_), cadence])
    echo(out.table(rows, header=["Name", "Why", "Last contact", "Cadence"]))
    return EXIT_OK


def _post_phrase(entry: rules.BirthdayEntry, today_: date) -> str:
    """The Letter column: `done`, or `post by Wed` (insight.post_by_phrase)."""
    from journal import insight

    return "done" if entry.done else insight.post_by_phrase(entry.post_by, today_)


def cmd_birthdays(args: argparse.Namespace) -> int:
    today_ = args.clock.today()
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
        print_json(docs)
        return EXIT_OK
    if not entries:
        echo(f"No birthdays in the next {days_phrase(args.days)}.")
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
    echo(out.table(rows, header=["Birthday", "Name", "Age", "Letter"]))
    return EXIT_OK



def cmd_cards(args: argparse.Namespace) -> int:
    from journal import queries

    if args.output is not None and args.addresses is None:
        raise CliError("-o goes with --addresses csv", EXIT_USAGE)
    if args.addresses is not None and args.json:
        raise CliError("--addresses and --json cannot be used together", EXIT_USAGE)
    today_ = args.clock.today()
    store = open_store(args)
    pairs = store.pairs(archived=True)
    by_id = {c.id: ii for c, ii in pairs}
    season = args.season if args.season is not None else rules.current_season(today_)
    cs = queries.card_list(store, season, pairs).cards  # what the cards view lists too

    def obj(c: Contact) -> dict:
        return out.contact_json(c, rules.status(c, by_id[c.id], today_))

    if args.addresses is not None:
        from journal import csvio  # only here: other commands need not load the CSV code

        written = write_output(args.output, csvio.render_addresses(cs.to_send), store.path)
        missing = [c.name for c in cs.to_send if not c.address.strip()]
        if written:
            echo(f"Wrote {plural(len(cs.to_send), 'address', 'addresses')} to {written}.")
        if missing:
            sys.stdout.flush()
            warn(f"No postal address for {len(missing)}: {', '.join(missing)}")
        return EXIT_OK
    if args.json:
        print_json(
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
    echo(f"Season {cs.season} cards: post by {out.when(cs.post_by, today_)}")
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
        echo()
        echo(
            "No one on the card list yet. Put someone on it with: journal edit NAME --cards, "
            "or log a card with: journal log NAME letter --for season"
        )
        return EXIT_OK
    for title, rows in groups:
        if not rows:
            continue
        echo()
        echo(f"{title} ({len(rows)}):")
        echo(out.table(rows, indent="  "))
    return EXIT_OK


# --- import and export ---------------------------------------------------------------------


