"""One person's timeline: their details at the top, every interaction below, newest first."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from journal.phrases import cadence_phrase, late_phrase
from journal.queries import Person, person_in
from journal.store import JournalError
from screens.messages import (
    EditRequested,
    EntryDeleteRequested,
    EntryEditRequested,
    Journal,
    LogRequested,
    SnoozeRequested,
    journal_of,
    watch_journal,
)
from screens.rowlist import Column, RowList
from screens.text import (
    DIRECTION_MARK,
    KIND_MARK,
    OCCASION_WORD,
    Palette,
    ago,
    clip,
    day_month,
    first_line,
    fit,
    intent_text,
    kind_label,
    long_date,
    safe_content,
)
from screens.widgets import Footer, ViewBar

COLUMNS = (("Date", 12), ("Kind", 10), ("Way", 6), ("Channel", 10), ("Give/ask", 8))
NARROW = 72  # below this width the kind is its mark and the way its arrow: room for the note
NOTE_LEAST = 16  # the note's room before any other column gives way
HEADER_CELLS = 200  # the most of a name, tag list or address the header shows
NOTES_CELLS = 600  # the most of a person's notes the header shows (they wrap)


def details(person: Person, wide: bool = True) -> Content:
    """The header: who, when they are due, birthday, how to reach them, give and ask (what
    `journal show` says too: both render `queries.person`).

    Narrow (`wide=False`) leaves out what repeats, so each line fits 80 columns."""
    c, st, today = person.contact, person.status, person.today
    lines: list[Content] = []

    head = safe_content(clip(c.name, HEADER_CELLS), "bold")
    if c.reading:
        head += Content("  ") + safe_content(clip(c.reading, HEADER_CELLS), "$text-muted")
    if c.nickname:
        head += Content("  ") + safe_content(f"“{clip(c.nickname, HEADER_CELLS)}”")
    if c.org:
        head += Content("  ") + safe_content(clip(c.org, HEADER_CELLS), "italic")
    if c.tags:
        head += Content("   ") + safe_content(
            clip(" ".join(f"#{t}" for t in c.tags), HEADER_CELLS), "$text-primary")
    if c.archived:
        head += Content("   ") + Content.styled("archived", "$text-warning")
    lines.append(head)

    due: list[Content] = []
    if c.cadence is not None:
        due.append(Content(cadence_phrase(c.cadence)))
    if st.last_contact is not None:
        due.append(Content(f"last contact {ago(st.last_contact, today)}"))
    else:
        due.append(Content.styled("never in touch yet", "$text-muted"))
    if st.snoozed and c.snoozed_until is not None:
        due.append(Content.styled(f"snoozed until {long_date(c.snoozed_until)}",
                                  "$text-muted"))
    elif st.next_due is not None and st.days_late is not None:
        if st.days_late > 0:
            late = late_phrase(st.days_late, st.next_due, today)
            due.append(Content.styled(f"{late} overdue", "bold $text-error"))
        elif st.days_late == 0:
            due.append(Content.styled("due today", "$text-warning"))
        else:
            when = ago(st.next_due, today)
            due.append(Content(f"next due {day_month(st.next_due)} ({when})" if wide
                               else f"due {when}"))
    elif c.cadence_days is None:
        due.append(Content.styled("not tracked", "$text-muted"))
    if st.reply_owed:
        due.append(Content.styled("reply owed", "bold $text-warning"))
    lines.append(Content(" · ").join(due))

    entry = person.birthday
    if entry is not None and c.birthday is not None:
        b = c.birthday
        born = f"{b.day} {date(2000, b.month, 1):%b}" + (f" {b.year}" if b.year else "")
        if entry.days_until == 0:
            when = "today"
        else:
            when = f"{day_month(entry.next_birthday)} ({ago(entry.next_birthday, today)})"
        if entry.age is not None:
            text = Content(f"birthday {born} · turns {entry.age} "
                           f"{'' if entry.days_until == 0 else 'on '}{when}")
        elif entry.days_until == 0:
            text = Content(f"birthday {born} · today")
        else:
            text = Content(f"birthday {born} ({ago(entry.next_birthday, today)})")
        if entry.done:
            text += Content.styled(" · letter sent", "$text-success")
        elif entry.days_until <= 60:
            style = "bold $text-warning" if entry.post_due else ""
            text += Content(" · ") + Content.styled(f"post by {day_month(entry.post_by)}",
                                                     style)
        lines.append(text)

    # every email and phone, the preferred first; the preferred address, and how many more
    reach = [*c.emails, *c.phones]
    if c.address.strip():
        more = len(c.addresses) - 1
        reach.append(c.address + (f" (+{more} more)" if more else ""))
    if reach:
        lines.append(Content(" · ").join(safe_content(clip(v, HEADER_CELLS)) for v in reach))

    bal = person.balance
    give = Content(f"gave {bal.gives_12m} · asked {bal.asks_12m} in 12 months")
    if person.give_next:
        give += Content(" · ") + Content.styled("give next", "bold $text-warning")
    if c.season_cards:
        give += Content(" · on the season card list")
    if person.no_cards_now and c.no_cards_until is not None:
        why = f" ({clip(c.no_cards_reason, HEADER_CELLS)})" if c.no_cards_reason else ""
        give += Content.styled(f" · no cards until {long_date(c.no_cards_until)}{why}",
                               "$text-muted")
    lines.append(give)

    if c.notes:  # a few lines at most: a 50 MB note must not be laid out whole
        lines.append(safe_content(clip(c.notes, NOTES_CELLS), "italic"))
    return Content("\n").join(lines)


class TimelineScreen(Screen):
    """A person's details and interactions; the entries can be edited and deleted."""

    BINDINGS = [
        # short words for the footer (80 columns); `?` shows the tooltips
        Binding("l", "log", "Log"),
        Binding("enter", "edit_entry", "Edit", priority=True, key_display="enter",
                tooltip="Edit the entry"),
        Binding("delete", "delete_entry", "Delete", key_display="del",
                tooltip="Delete the entry"),
        Binding("e", "edit_contact", "Edit person", tooltip="Edit their details"),
        Binding("escape", "back", "Back"),
        Binding("s", "snooze", "Snooze", show=False),
    ]

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self._had_entry: bool | None = None  # an entry under the cursor (for the footer)

    def compose(self) -> ComposeResult:
        yield ViewBar(self.app.current_mode, id="viewbar")
        yield Static("", id="details")
        yield RowList(_cells_of, id="timeline")
        yield Static("Nothing logged yet. Press [b $text-primary]l[/] to log a letter, "
                     "meeting, message or call.", id="nothing")
        yield Footer()

    def on_mount(self) -> None:
        watch_journal(self, lambda _change: self.reload())
        self.reload()
        self.set_focus(self.table)

    def current_contact_id(self) -> str | None:
        return self.contact_id

    @property
    def journal(self) -> Journal:
        return journal_of(self.app)

    @property
    def table(self) -> RowList:
        return self.query_one("#timeline", RowList)

    def _entry_id(self) -> str | None:
        return self.table.cursor_key

    def reload(self) -> None:
        try:
            person = person_in(self.journal.store, self.contact_id, self.journal.today())
        except JournalError:
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.query_one("#details", Static).update(details(person, wide=self.size.width >= 100))
        self.query_one("#nothing").display = not person.interactions
        self.table.display = bool(person.interactions)
        self._fill(person)
        self._update_keys()

    def _columns(self) -> list[Column]:
        """Below 100 columns the channel joins the note; below NARROW the kind is its mark
        and the way its arrow. The note takes the room left, and is the last to give way."""
        width = self.size.width
        if width < NARROW:
            widths = {"Kind": 4, "Way": 3}
        else:
            widths = {"Channel": 16 if width >= 130 else 10}
        columns = [Column(label, widths.get(label, w)) for label, w in COLUMNS
                   if label != "Channel" or width >= 100]
        return [*columns, Column("Note", NOTE_LEAST, fill=True)]

    def _fill(self, person: Person) -> None:
        table = self.table
        pal = Palette.of(self.app)
        keep = self._entry_id()
        index = table.cursor_row
        columns = self._columns()
        if columns != list(table.columns):  # too narrow: cut from the right, the note last
            table.set_columns(columns)
        labels = [c.label for c in columns]
        with_channel = "Channel" in labels
        narrow = self.size.width < NARROW
        # what the note can show at most (the table cuts it to its room)
        note_width = max(NOTE_LEAST, self.size.width - sum(c.width + 2 for c in columns[:-1]))
        rows = []
        year = None
        for i in person.newest_first:
            day = f"{i.date:%b} {i.date.day:>2}"
            if i.date.year != year:
                year = i.date.year
                when = Text(f"{year}  ", style=pal.bold) + Text(day)
            else:
                when = Text(f"      {day}")
            words = []
            if i.occasion is not None:
                words.append(OCCASION_WORD[i.occasion])
            if i.channel and not with_channel:
                # a third of the room at most: the note is what the column is for
                words.append(f"via {clip(i.channel, max(8, note_width // 3))}")
            note = Text(" · ".join(words), style=pal.muted)
            if i.note:  # its first line, cut to the room: a huge note costs nothing more
                note.append((" · " if words else "") + first_line(i.note, note_width))
            note = fit(note, note_width)
            kind = KIND_MARK[i.kind] if narrow else kind_label(i.kind)
            way = DIRECTION_MARK[i.direction]
            cells = [when, Text(kind), Text(way.split()[0] if narrow else way)]
            if with_channel:
                cells.append(Text(clip(i.channel, columns[labels.index("Channel")].width)))
            cells += [intent_text(i, person.is_cold_ask(i), pal), note]
            rows.append((i.id, cells))
        table.set_rows(rows)
        if keep is not None and rows:
            try:
                row = table.get_row_index(keep)
            except KeyError:  # the entry was deleted: stay at its place
                row = min(index, len(rows) - 1)
            table.move_cursor(row=row)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.reload()

    # -- keys --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_entry", "delete_entry"):
            return self._entry_id() is not None
        return True

    @on(RowList.Selected, "#timeline")
    def _row_clicked(self) -> None:
        self.action_edit_entry()  # a click on the entry under the cursor, as enter

    @on(RowList.Highlighted, "#timeline")
    def _update_keys(self) -> None:
        # only when there comes to be an entry or none: refreshing the bindings rebuilds the
        # footer, which made every move of the cursor twice as slow
        has_entry = self._entry_id() is not None
        if has_entry != self._had_entry:
            self._had_entry = has_entry
            self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss()

    def action_log(self) -> None:
        self.app.post_message(LogRequested(self.contact_id))

    def action_edit_contact(self) -> None:
        self.app.post_message(EditRequested(self.contact_id))

    def action_snooze(self) -> None:
        self.app.post_message(SnoozeRequested(self.contact_id))

    def action_edit_entry(self) -> None:
        if entry_id := self._entry_id():
            self.app.post_message(EntryEditRequested(entry_id))

    def action_delete_entry(self) -> None:
        if entry_id := self._entry_id():
            self.app.post_message(EntryDeleteRequested(entry_id))  # the app asks first


def _cells_of(cells: list[Text]) -> list[Text]:
    """An entry's row: its cells are made when the timeline is filled."""
    return cells
