"""The modal forms: log an interaction, add or edit a contact, snooze someone, confirm.

Each form is a `ModalScreen[Result | None]`: it checks what was typed, shows problems inside
itself, and dismisses with a result to save or `None` to cancel. Forms never save: the
caller (the app) writes in a worker, so typing never waits on the disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from journal import fields
from journal.cadence import NO_CADENCE_FIELDS, Cadence
from journal.edits import Clash
from journal.fields import FieldError
from journal.model import Birthday, Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.queries import LetterNotes, letter_notes
from journal.rules import mourning_card_warning, would_be_cold_ask
from journal.text import tidy_lines
from screens.text import (
    KIND_KEY,
    KIND_MARK,
    clip,
    day_month,
    field_value,
    first_line,
    kind_label,
    long_date,
    safe,
    safe_lines,
)
from screens.widgets import Choice, Field

# --- log an interaction ---------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    """What the log form returns: the fields of an interaction."""

    kind: Kind
    date: date
    direction: Direction = Direction.OUT
    channel: str = ""
    note: str = ""
    intent: Intent | None = None
    occasion: Occasion | None = None

    def fields(self) -> dict[str, Any]:
        """Keyword arguments for `Store.add_interaction` (after kind and date)."""
        return {
            "direction": self.direction,
            "channel": self.channel,
            "note": self.note,
            "intent": self.intent,
            "occasion": self.occasion,
        }


def cold_ask_caution(contact: Contact) -> str:
    return (
        f"It has been a while since you gave {safe(contact.name)} anything or were in touch. "
        "Asking out of the blue can feel cold: maybe start with something for them? "
        "(You can still save.)"
    )


class Row(Horizontal):
    """A label and a field on one line."""


NEWLINE_KEYS = "ctrl+j,shift+enter,alt+enter"
COPY_ADDRESS_KEY = "ctrl+o"
BESIDE_WIDTH = 120  # from this width the letter notes stand beside the fields, not below


class NoteArea(TextArea):
    """The note, on several lines if need be: enter saves the entry; ctrl+j starts a new line
    (every terminal sends it), and so do shift+enter and alt+enter where the terminal tells
    them from enter (kitty's keyboard protocol, most modern terminals)."""

    BINDINGS = [
        Binding("enter", "submit", "Save", show=False, priority=True),
        Binding(NEWLINE_KEYS, "newline", "New line", show=False, priority=True),
    ]

    class Submitted(Message):
        """Enter in the note: save."""

    def action_newline(self) -> None:
        self.insert("\n")

    def action_submit(self) -> None:
        self.post_message(self.Submitted())


def letter_lines(notes: LetterNotes, today: date, width: int = 58) -> str:
    """The letter notes as lines of text (journal text made safe) no wider than `width`."""
    label = "{:<11}".format
    lines = ["For the letter"]
    if b := notes.birthday:
        turns = f": turns {b.age}" if b.age is not None else ""
        when = "today" if b.days_until == 0 else f"in {b.days_until} days"
        lines.append(f"{label('Birthday')}{day_month(b.next_birthday)}{turns}, {when}")
    for n, i in enumerate(notes.recent):
        head = f"{label('Lately') if n == 0 else label('')}{day_month(i.date)} "
        lines.append(head + first_line(i.note, max(8, width - len(head))))
    for title, i in (("They gave", notes.they_gave), ("They asked", notes.they_asked)):
        if i is not None:
            head = f"{label(title)}{day_month(i.date)} "
            lines.append(head + (first_line(i.note, max(8, width - len(head)))
                                 or kind_label(i.kind)))
    if notes.address:
        address = [clip(line, max(8, width - 11)) for line in notes.address.splitlines()]
        lines.append(f"{label('Address')}{address[0]}")
        lines += [label("") + line for line in address[1:]]
        lines.append(f"{label('')}({COPY_ADDRESS_KEY} copies it)")
    else:
        lines.append(f"{label('Address')}none yet (e on their timeline adds one)")
    if len(lines) == 1:
        lines.append("Nothing logged yet to mention.")
    return "\n".join(lines)


class LogForm(ModalScreen[LogEntry | None]):
    """Log an interaction, or edit one (`entry` given).

    A new entry always opens on the kind, chosen already when the screen it came from says
    (a birthday letter, a season card): `l` `m` `s` `c` pick a kind and move on to the note;
    any other letter goes to the note, so the same keys give the same entry from every
    screen and a note typed first loses nothing. An edit opens on the note."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save"),
        Binding(COPY_ADDRESS_KEY, "copy_address", "Copy the address", show=False),
    ]

    def __init__(
        self,
        contact: Contact,
        interactions: Sequence[Interaction],
        today: date,
        *,
        kind: Kind | None = None,
        occasion: Occasion | None = None,
        entry: Interaction | None = None,
        on_entry: Callable[[LogEntry], None] | None = None,
    ) -> None:
        super().__init__(classes="form")
        # given: called with the entry as enter is pressed; the caller closes the form once
        # the entry is saved (`saved`), or shows why not (`not_saved`), so the screen below
        # is not drawn again while the save runs, and a failed save keeps what was typed
        self.on_entry = on_entry
        self.contact = contact
        self.today = today
        self.entry = entry
        # the cold-ask rule looks at the others, never at the entry being edited
        self.others = [i for i in interactions if entry is None or i.id != entry.id]
        self.start_kind = entry.kind if entry else kind
        self.start_occasion = entry.occasion if entry else occasion
        # the note and channel as the fields show them (tidied): an edit saves them only
        # when they were changed
        self.shown_note = tidy_lines(entry.note) if entry else ""  # its lines kept
        self.shown_channel = field_value(entry.channel) if entry else ""
        self.letter = letter_notes(contact, self.others, today)

    def compose(self) -> ComposeResult:
        e = self.entry
        what = {Occasion.SEASON: "a season card", Occasion.BIRTHDAY: "a birthday letter"}.get(
            self.start_occasion) if self.start_kind is Kind.LETTER else None
        name = safe(self.contact.name)
        if e:
            title = f"Edit an entry for {name}"
        elif what:  # opened from the cards or the birthdays: say what is being logged
            title = f"Log {what} for {name}"
        else:
            title = f"Log for {name}"
        with Vertical(id="dialog"):
            yield Label(title, id="title", markup=False)
            with VerticalScroll(id="form-body", can_focus=False):
                with Vertical(id="form-fields"):
                    yield from self._fields(e)
                with VerticalScroll(id="letter", can_focus=True):
                    yield Static(letter_lines(self.letter, self.today), id="letter-text",
                                 markup=False)
            yield Static("", id="caution", classes="caution", markup=False)
            yield Static("", id="error", classes="error", markup=False)
            yield Static("enter save · ctrl+j new line · tab next field · esc cancel",
                         classes="keys")

    def _fields(self, e: Interaction | None) -> ComposeResult:
        """The rows of fields: kind, note, date, direction, channel, give/ask, occasion."""
        with Row():
            yield Label("Kind", classes="label")
            yield Choice(
                [(f"{KIND_MARK[k]} {k.value}", k) for k in Kind],
                self.start_kind,
                id="kind",
                keys=[KIND_KEY[k] for k in Kind],
                advance=True,
                allow_none=True,
                text_to="note",
            )
        with Row():
            yield Label("Note", classes="label")
            yield NoteArea(self.shown_note, id="note", compact=True, soft_wrap=True,
                           placeholder="what happened (ctrl+j: a new line)")
        with Row():
            yield Label("Date", classes="label")
            yield Field(e.date.isoformat() if e else "today", id="date", compact=True,
                        placeholder="today, yesterday, 3 days ago, last friday, Nov 20")
        with Row():
            yield Label("Direction", classes="label")
            yield Choice(
                [("→ I reached out", Direction.OUT), ("← they did", Direction.IN),
                 ("⇄ both", Direction.BOTH)],
                e.direction if e else Direction.OUT,
                id="direction",
                keys=["o", "i", "b"],
            )
        with Row():
            yield Label("Channel", classes="label")
            yield Field(self.shown_channel, id="channel", compact=True,
                        placeholder="LINE, Zoom, postcard, email…")
        with Row():
            yield Label("Give/ask", classes="label")
            yield Choice(
                [("none", None), ("give", Intent.GIVE), ("ask", Intent.ASK)],
                e.intent if e else None,
                id="intent",
                keys=["n", "g", "a"],
            )
        with Row():
            yield Label("Occasion", classes="label")
            yield Choice(
                [("none", None), ("birthday", Occasion.BIRTHDAY),
                 ("season", Occasion.SEASON), ("thanks", Occasion.THANKS),
                 ("condolence", Occasion.CONDOLENCE),
                 ("congrats", Occasion.CONGRATULATIONS)],
                self.start_occasion,
                id="occasion",
            )

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self._update_caution()  # opened for a season card: a mourning shows at once
        self._show_letter()
        self._fit()
        # a new entry starts on the kind, from every screen; an edit, on what it says
        self.set_focus(self.query_one("#note" if self.entry else "#kind"))
        note = self.query_one("#note", NoteArea)
        note.move_cursor(note.document.end)  # an edit goes on from the end of what it says

    # -- reading the fields --

    def _choice(self, name: str) -> Any:
        return self.query_one(f"#{name}", Choice).selected

    def _text(self, name: str) -> str:
        if name == "note":
            return self.query_one("#note", NoteArea).text
        return self.query_one(f"#{name}", Input).value

    # -- the letter notes --

    def _show_letter(self) -> None:
        """The letter notes are shown while the entry is a letter."""
        showing = self._choice("kind") is Kind.LETTER
        self.query_one("#letter").display = showing
        self.set_class(showing, "-letter")

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Beside the fields when wide enough; below them otherwise, the fields and notes
        scrolling together in what room the screen has (tab reaches the notes)."""
        width, height = self.app.size
        beside = width >= BESIDE_WIDTH
        self.set_class(beside, "-beside")
        # the title, the keys and the border take 6 lines; a caution or an error 2-4 more
        self.query_one("#form-body").styles.max_height = max(4, height - 8)
        # the room for a line of notes: the dialog less its border and padding, the fields
        # beside it, the notes' own bar and padding
        room = min(width, 150) - 4 - 74 - 3 if beside else min(width, 76) - 4 - 3 - 1
        self.query_one("#letter-text", Static).update(letter_lines(self.letter, self.today,
                                                                   room))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_address":
            return self._choice("kind") is Kind.LETTER and bool(self.letter.address)
        return True

    def action_copy_address(self) -> None:
        self.app.copy_to_clipboard(self.letter.address)
        self.notify(f"Copied the address of {self.contact.name}.", markup=False)

    def _date_or_none(self) -> date | None:
        try:
            return fields.parse_interaction_date(self.query_one("#date", Input).value, self.today)
        except FieldError:
            return None

    def _update_caution(self) -> None:
        caution = self.query_one("#caution", Static)
        asking = self._choice("intent") is Intent.ASK and self._choice("direction").is_outgoing
        on = self._date_or_none() or self.today
        cold = asking and would_be_cold_ask(self.others, on)
        mourning = mourning_card_warning(self.contact, on, self._choice("occasion"),
                                         self._choice("direction"))
        if cold:
            caution.update(cold_ask_caution(self.contact))
        elif mourning:
            caution.update(safe(f"{mourning} (You can still save.)"))
        caution.display = bool(cold or mourning)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(safe(message))
        error.display = bool(message)

    @on(Choice.Changed)
    def _choice_changed(self, event: Choice.Changed) -> None:
        self._show_error("")
        self._update_caution()
        self._show_letter()

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        self._show_error("")
        self._update_caution()

    @on(Input.Submitted)
    @on(NoteArea.Submitted)
    def _submitted(self, event: Message) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        kind = self._choice("kind")
        if kind is None:
            self._show_error("Pick a kind first: l letter, m meeting, s message, c call.")
            self.set_focus(self.query_one("#kind"))
            return
        try:
            entry = LogEntry(
                kind=kind,
                date=fields.parse_interaction_date(self._text("date"), self.today),
                direction=self._choice("direction"),
                channel=fields.parse_line(self._text("channel"), "channel"),
                note=fields.parse_notes(self._text("note"), "note"),
                intent=self._choice("intent"),
                occasion=self._choice("occasion"),
            )
        except FieldError as e:
            self._show_error(f"Nothing saved: {e}")
            self.set_focus(self.query_one(f"#{e.field}"))
            return
        if self.on_entry is not None:
            self.on_entry(entry)
        else:
            self.dismiss(entry)

    def changes(self, result: LogEntry) -> dict[str, Any]:
        """The fields of the entry being edited that `result` changes (for
        `Store.edit_interaction`): a field left as the form showed it is not among them."""
        e = self.entry
        if e is None:
            raise ValueError("changes() is for a form editing an entry")
        shown = LogEntry(kind=e.kind, date=e.date, direction=e.direction,
                         channel=self.shown_channel.strip(), note=self.shown_note.strip(),
                         intent=e.intent, occasion=e.occasion)
        new = {"kind": result.kind, "date": result.date, **result.fields()}
        old = {"kind": shown.kind, "date": shown.date, **shown.fields()}
        return {name: value for name, value in new.items() if value != old[name]}

    def saved(self) -> None:
        if self.is_active:
            self.dismiss(None)

    def not_saved(self, message: str) -> None:
        self._show_error(f"Nothing saved: {message}")

    def action_cancel(self) -> None:
        """Close without saving; a note typed (or changed) is not thrown away unasked."""
        if self._text("note").strip() == self.shown_note.strip():
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(
            "Throw away the note?", clip(self._text("note").strip(), 120),
            yes="Throw it away", default=False), answered)


# --- add or edit a contact ------------------------------------------------------------------


SHORT_SCREEN = 22  # rows: below this the contact form's fields scroll to keep its keys in sight


class SuggestedCadence(Static):
    """Under the cadence field: the cadence their history suggests (`insight.
    suggested_cadence`), and the key that takes it (a click takes it too)."""

    def __init__(self, suggested: Cadence, id: str) -> None:  # noqa: A002 - Textual's name
        super().__init__(Content.styled(f"history: {suggested.phrase} (", "$text-muted")
                         + Content.styled("ctrl+g", "bold $text-primary")
                         + Content.styled(")", "$text-muted"), id=id)

    async def on_click(self) -> None:
        await self.screen.run_action("take_suggestion")


def birthday_text(b: Birthday | None) -> str:
    if b is None:
        return ""
    return b.iso() if b.year is not None else f"{b.month:02d}-{b.day:02d}"


class ContactForm(ModalScreen[dict[str, Any] | None]):
    """Add a contact (`contact` None) or edit one; returns the fields to save: every field
    for someone new, only the fields changed in the form for someone edited (so a change
    another process saved meanwhile to another field is not undone)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Save"),
        Binding("ctrl+g", "take_suggestion", "Suggested cadence", show=False,
                tooltip="Keep in touch as often as their history says"),
    ]

    FIELDS = (
        # id, label, placeholder
        ("name", "Name", "required"),
        ("reading", "Reading", "how the name is read, for sorting and search (furigana)"),
        ("tags", "Tags", "comma separated: family, work"),
        ("cadence", "Keep in touch", "every 30d, 2w, 3m or 1y; empty = not tracked"),
        ("birthday", "Birthday", "YYYY-MM-DD, or MM-DD without the year"),
        ("email", "Email", ""),
        ("phone", "Phone", ""),
        ("address", "Address", "postal address, for letters and cards"),
        ("notes", "Notes", ""),
        ("lead", "Letter lead", "days a letter takes to arrive; empty = 3"),
    )

    # the record fields each form field sets (a field not listed sets the one of its name)
    FIELD_ATTRS: dict[str, tuple[str, ...]] = {
        "cadence": ("cadence_days", "cadence_months"),
        "email": ("emails",),
        "phone": ("phones",),
        "address": ("addresses",),
        "lead": ("letter_lead_days",),
        "no_cards_until": ("no_cards_until", "no_cards_reason"),
    }

    def __init__(self, contact: Contact | None, today: date,
                 suggested: Cadence | None = None) -> None:
        super().__init__(classes="form")
        self.contact = contact
        self.today = today
        self.suggested = suggested  # the cadence their history keeps (`insight`), if any
        self.shown: dict[str, Any] = {}  # what each field showed when the form opened

    def _initial(self) -> dict[str, str]:
        c = self.contact
        if c is None:
            return {}
        return {
            "name": field_value(c.name),
            "reading": field_value(c.reading),
            "tags": field_value(", ".join(c.tags)),
            "cadence": c.cadence.text if c.cadence is not None else "",
            "birthday": birthday_text(c.birthday),
            "email": field_value(c.email),
            "phone": field_value(c.phone),
            "address": field_value(c.address),
            "notes": field_value(c.notes),
            "lead": "" if c.letter_lead_days is None else str(c.letter_lead_days),
            "no_cards_until": c.no_cards_until.isoformat() if c.no_cards_until else "",
            "no_cards_reason": field_value(c.no_cards_reason),
        }

    def compose(self) -> ComposeResult:
        values = self._initial()
        c = self.contact
        self.shown = {**values, "season_cards": c.season_cards if c else False}
        with Vertical(id="dialog"):
            yield Label(f"Edit {safe(c.name)}" if c else "Add someone", id="title",
                        markup=False)
            # not a tab stop of its own: tab goes from the last field back to the name
            with VerticalScroll(id="fields", can_focus=False):
                for field_id, label, placeholder in self.FIELDS:
                    with Row():
                        yield Label(label, classes="label")
                        yield Field(values.get(field_id, ""), placeholder=placeholder,
                                    id=field_id, compact=True)
                    if field_id == "cadence" and self.suggested is not None:
                        with Row():
                            yield Label("", classes="label")
                            yield SuggestedCadence(self.suggested, id="suggested")
                with Row():
                    yield Label("Season cards", classes="label")
                    yield Choice([("no", False), ("yes: on the New Year / holiday card list",
                                                  True)],
                                 c.season_cards if c else False, id="season_cards",
                                 keys=["n", "y"])
                with Row():
                    yield Label("No cards until", classes="label")
                    yield Field(values.get("no_cards_until", ""), id="no_cards_until",
                                compact=True,
                                placeholder="a date or a span: 2027-10-01, 6m (mourning)")
                with Row():
                    yield Label("  because", classes="label")
                    yield Field(values.get("no_cards_reason", ""), id="no_cards_reason",
                                compact=True, placeholder="the reason, e.g. mourning")
            yield Static("", id="error", classes="error", markup=False)
            yield Static("enter save · tab next field · esc cancel", classes="keys")

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.set_focus(self.query_one("#name", Input))
        self.on_resize()

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_SCREEN, "-short")

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def action_take_suggestion(self) -> None:
        """Fill the cadence field with the cadence their history suggests."""
        if self.suggested is not None:
            field = self.query_one("#cadence", Input)
            field.value = self.suggested.text
            self.set_focus(field)

    def _fail(self, field_id: str, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(safe(message))
        error.display = True
        self.set_focus(self.query_one(f"#{field_id}"))

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#error").display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        fields = self.read_fields()
        if fields is not None:
            self.dismiss(fields if self.contact is None else self.changed(fields))

    def changed(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Of the checked `fields`, those of the form fields changed since the form opened."""
        now = {field_id: self._value(field_id) for field_id in self.shown
               if field_id != "season_cards"}
        now["season_cards"] = bool(self.query_one("#season_cards", Choice).selected)
        touched = [f for f, value in now.items()
                   if value != (self.shown[f].strip() if isinstance(self.shown[f], str)
                                else self.shown[f])]
        attrs = {a for f in touched for a in self.FIELD_ATTRS.get(f, (f,))}
        return {name: value for name, value in fields.items() if name in attrs}

    def read_fields(self) -> dict[str, Any] | None:
        """The checked fields (journal.fields, as the shell checks them), or None after
        showing what is wrong, in the same words as the shell, on the field at fault."""
        try:
            return self._parse()
        except FieldError as e:
            self._fail(self.INPUTS.get(e.field, e.field), str(e))
            return None

    # the input of each field that journal.fields names in its errors
    INPUTS = {"cadence_days": "cadence", "letter_lead_days": "lead"}

    def _parse(self) -> dict[str, Any]:
        text = self._raw
        c = self.contact
        parsed = {
            "name": fields.parse_name(text("name")),
            "reading": fields.parse_reading(text("reading")),
            "tags": fields.parse_tags(text("tags")),
            **(fields.parse_cadence(text("cadence")).fields() if self._value("cadence")
               else NO_CADENCE_FIELDS),
            "birthday": (
                fields.parse_birthday(text("birthday"), self.today)
                if self._value("birthday") else None
            ),
            # the form shows the preferred one of each; the others are kept
            "emails": fields.parse_several([text("email"), *(c.emails[1:] if c else ())],
                                           "email"),
            "phones": fields.parse_several([text("phone"), *(c.phones[1:] if c else ())],
                                           "phone"),
            "addresses": fields.parse_several(
                [text("address"), *(c.addresses[1:] if c else ())], "address"),
            "notes": fields.parse_notes(text("notes")),
            "letter_lead_days": fields.parse_lead_days(text("lead")),
            "season_cards": bool(self.query_one("#season_cards", Choice).selected),
            "no_cards_until": None,
            "no_cards_reason": "",
        }
        if self._value("no_cards_until"):
            parsed["no_cards_until"] = fields.parse_no_cards_until(
                text("no_cards_until"), self.today)
            parsed["no_cards_reason"] = fields.parse_line(
                text("no_cards_reason"), "no_cards_reason")
        return parsed

    def _raw(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- snooze ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snooze:
    """Snooze until a date; `until=None` ends a snooze."""

    until: date | None


class SnoozeForm(ModalScreen[Snooze | None]):
    """Snooze someone: 1 week, 2 weeks, 1 month, or until a typed date."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("w", "pick('1w')", "1 week", show=False),
        Binding("2", "pick('2w')", "2 weeks", show=False),
        Binding("m", "pick('1m')", "1 month", show=False),
        Binding("c", "pick('clear')", "End the snooze", show=False),
    ]

    def __init__(self, contact: Contact, today: date) -> None:
        super().__init__(classes="form")
        self.contact = contact
        self.today = today
        self.spans = {
            "1w": today + timedelta(weeks=1),
            "2w": today + timedelta(weeks=2),
            "1m": today + relativedelta(months=1),
        }

    def compose(self) -> ComposeResult:
        t = self.today
        options = [
            Option(f"w  1 week    until {long_date(self.spans['1w'])}", id="1w"),
            Option(f"2  2 weeks   until {long_date(self.spans['2w'])}", id="2w"),
            Option(f"m  1 month   until {long_date(self.spans['1m'])}", id="1m"),
        ]
        until = self.contact.snoozed_until
        if until is not None and until > t:
            options.append(Option(f"c  end the snooze (now until {long_date(until)})",
                                  id="clear"))
        with Vertical(id="dialog"):
            yield Label(f"Snooze {safe(self.contact.name)}", id="title", markup=False)
            yield OptionList(*options, id="spans")
            with Row():
                yield Label("Or until", classes="label")
                yield Field(id="until", compact=True,
                            placeholder="Dec 20, next monday, 3w, 2026-12-20")
            yield Static("", id="error", classes="error", markup=False)
            yield Static("enter snooze · tab to type a date · esc cancel", classes="keys")

    def on_mount(self) -> None:
        self.query_one("#error").display = False
        self.set_focus(self.query_one("#spans"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick" and isinstance(self.focused, Input):
            return False  # letters typed into the date field are text
        return True

    def action_pick(self, span: str) -> None:
        if span == "clear":
            if self.contact.snoozed_until is not None:
                self.dismiss(Snooze(None))
            return
        self.dismiss(Snooze(self.spans[span]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option.id or "1w")

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        try:
            until = fields.parse_snoozed_until(event.value, self.today)
        except FieldError as e:
            error = self.query_one("#error", Static)
            error.update(safe(str(e)))
            error.display = True
            return
        self.dismiss(Snooze(until))

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- confirm --------------------------------------------------------------------------------


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that takes a thing away. `y`: yes; `n`, esc: no; enter:
    `default` (yes, unless the thing is hard to get back: a deletion says no on enter)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("enter", "default", "The default", show=False),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes",
                 default: bool = True) -> None:
        super().__init__(classes="form confirm")
        self.question = safe(question)  # they name people and files: shown safely
        self.detail = safe_lines(detail)
        self.yes = yes
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, id="title", markup=False)
            if self.detail:
                yield Static(self.detail, classes="detail", markup=False)
            if self.default:
                keys = f"y / enter  {self.yes}   ·   n / esc  keep it as it is"
            else:
                keys = f"y  {self.yes}   ·   n / esc / enter  Cancel: keep it"
            yield Static(keys, classes="keys")

    def action_default(self) -> None:
        self.dismiss(self.default)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


# --- changed meanwhile ----------------------------------------------------------------------

FIELD_LABELS = {
    **{attr: label for attr, label, _ in ContactForm.FIELDS},
    "cadence_days": "Keep in touch",
    "cadence_months": "Keep in touch",
    "emails": "Email",
    "phones": "Phone",
    "addresses": "Address",
    "letter_lead_days": "Letter lead",
    "season_cards": "Season cards",
    "no_cards_until": "No cards until",
    "no_cards_reason": "No cards because",
    "snoozed_until": "Snoozed until",
    "archived": "Archived",
    "kind": "Kind",
    "date": "Date",
    "direction": "Direction",
    "channel": "Channel",
    "note": "Note",
    "intent": "Give/ask",
    "occasion": "Occasion",
}


def value_text(value: Any) -> str:
    """A field's value in a few words, safe to draw."""
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        value = ", ".join(map(str, value))
    if isinstance(value, Birthday):
        value = birthday_text(value)
    return clip(str(value), 40)


class ClashDialog(ModalScreen[str | None]):
    """Fields the person changed that another process changed too, meanwhile: keep mine
    (`m`), keep theirs (`t`), or save nothing (esc). Returns "mine", "theirs" or None."""

    BINDINGS = [
        Binding("m", "answer('mine')", "Keep mine"),
        Binding("t", "answer('theirs')", "Keep theirs"),
        Binding("escape", "answer(None)", "Save nothing"),
    ]

    def __init__(self, what: str, clashes: Sequence[Clash]) -> None:
        super().__init__(classes="form confirm")
        self.what = what
        self.clashes = tuple(clashes)

    def compose(self) -> ComposeResult:
        lines = []
        for c in self.clashes:
            label = FIELD_LABELS.get(c.field, c.field)
            lines.append(f"{label}: yours {value_text(c.mine)}\n"
                         f"{' ' * len(label)}  saved {value_text(c.theirs)}")
        with Vertical(id="dialog"):
            yield Label(f"{safe(self.what)} was changed meanwhile, elsewhere", id="title",
                        markup=False)
            yield Static("\n".join(lines), classes="detail", markup=False)
            yield Static("m or t saves your other changes too; esc saves nothing.",
                         classes="detail", markup=False)
            yield Static("m  keep mine   ·   t  keep theirs   ·   esc  save nothing",
                         classes="keys")

    def action_answer(self, keep: str | None) -> None:
        self.dismiss(keep)
