"""One person's timeline: their details at the top with a chart of contact by month and
their rhythm, every interaction below, newest first.

`enter` reads an entry whole (`screens.entry`), `/` searches the notes and channels, `k`
shows one kind at a time, `c` takes the cadence their history suggests when it is far from
the one set.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from journal import insight
from journal.cadence import Cadence
from journal.matching import entry_matches, fold
from journal.model import Contact, Interaction, Kind
from journal.phrases import cadence_phrase, late_phrase
from journal.queries import Person, person_in
from journal.store import JournalError
from screens.activity import chart
from screens.contacts import FilterInput
from screens.entry import EntryScreen
from screens.messages import (
    CadenceRequested,
    EditRequested,
    EntryDeleteRequested,
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
CHART_BESIDE = 130  # from this width on the chart stands beside the details (they keep 98)
CHART_LEAST_HEIGHT = 24  # below this height the chart leaves its rows to the entries
KINDS = (None, Kind.LETTER, Kind.MEETING, Kind.MESSAGE, Kind.CALL)  # what `k` steps through


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


def offer(contact: Contact, seen: insight.Insight) -> Cadence | None:
    """The suggested cadence, when the one set is far from it (`insight.far_from`)."""
    if seen.suggested is None or contact.cadence is None:
        return None
    return seen.suggested if insight.far_from(contact.cadence, seen.suggested) else None


def rhythm_line(contact: Contact, seen: insight.Insight) -> Content:
    """`drifting: … · you are in touch about every 5 weeks · c sets it (now every 3 months)`;
    empty when their history says nothing yet."""
    parts: list[Content] = []
    if seen.drifting:
        parts.append(Content.styled("drifting", "bold $text-warning")
                     + Content(": in touch less often than usual lately"))
    if seen.suggested is not None:
        parts.append(Content(insight.rhythm_phrase(seen.suggested)))
        suggested = offer(contact, seen)
        if suggested is not None:
            now = contact.cadence.phrase if contact.cadence is not None else ""
            parts.append(Content.styled("c", "bold $text-primary")
                         + Content(f" sets it (now {now})"))
    return Content(" · ").join(parts)


class TimelineScreen(Screen):
    """A person's details and interactions; the entries can be edited and deleted."""

    BINDINGS = [
        # short words for the footer (80 columns); `?` shows the tooltips
        Binding("l", "log", "Log"),
        Binding("enter", "read_entry", "Read", priority=True, key_display="enter",
                tooltip="Read the entry whole"),
        Binding("delete", "delete_entry", "Delete", key_display="del",
                tooltip="Delete the entry"),
        Binding("e", "edit_contact", "Edit person", tooltip="Edit their details"),
        # "/" and "k" are left out of the footer at 80 columns; `?` lists them
        Binding("slash", "search", "Search", key_display="/", show=False,
                tooltip="Search the notes"),
        Binding("k", "kind", "Kind", show=False, tooltip="One kind at a time"),
        Binding("c", "take_cadence", "Cadence", show=False,
                tooltip="Take the suggested cadence"),
        Binding("escape", "back", "Back"),
        Binding("s", "snooze", "Snooze", show=False),
    ]

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self._had_entry: bool | None = None  # an entry under the cursor (for the footer)
        self.kind: Kind | None = None  # only entries of this kind (`k`)
        self._words: list[str] = []  # the folded words searched for (`/`)
        self._offer: Cadence | None = None  # the cadence `c` would set
        self._total = 0  # entries in the timeline, before the search and the kind

    def compose(self) -> ComposeResult:
        yield ViewBar(self.app.current_mode, id="viewbar")
        with Horizontal(id="header"):
            yield Static("", id="details")
            yield Static("", id="chart")
        yield Static("", id="rhythm")
        with Horizontal(id="search-bar"):
            yield FilterInput(placeholder="/ search the notes and channels", id="search",
                              compact=True)
            yield Static("", id="shown")
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
        contact, history = person.contact, list(person.interactions)
        self._show_insight(contact, insight.of(contact, history, person.today))
        self._total = len(history)
        self.query_one("#nothing").display = not history
        self._fill(person)
        self._show_search()
        self._update_keys()

    def _show_insight(self, contact: Contact, seen: insight.Insight) -> None:
        """The chart beside the details (wide) or under them; the rhythm line below."""
        width, height = self.size
        header = self.query_one("#header")
        header.set_class(width < CHART_BESIDE, "stacked")
        box = self.query_one("#chart", Static)
        box.display = height >= CHART_LEAST_HEIGHT or width >= CHART_BESIDE
        box.update(chart(seen.activity))
        line = rhythm_line(contact, seen)
        rhythm = self.query_one("#rhythm", Static)
        rhythm.display = bool(line)
        rhythm.update(line)
        if self._offer != offer(contact, seen):
            self._offer = offer(contact, seen)
            self.refresh_bindings()

    def _show_search(self) -> None:
        """The search bar while searching or showing one kind: what is shown of how many."""
        searching = bool(self._words) or self.kind is not None or isinstance(
            self.focused, Input)
        self.query_one("#search-bar").display = searching and self._total > 0
        shown = len(self.table.keys) if self.table.display else 0
        what = f"{self.kind.value}s (k) · " if self.kind is not None else ""
        count = f"{shown} of {self._total}" if shown else f"none of {self._total} (esc: all)"
        text = what + count
        self.query_one("#shown", Static).update(text)

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
            if not self._shows(i):
                continue
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
        table.display = bool(rows)
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

    def _shows(self, i: Interaction) -> bool:
        """Whether an entry is of the kind shown and holds every word searched for."""
        return (self.kind is None or i.kind is self.kind) and entry_matches(self._words, i)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("read_entry", "delete_entry"):  # enter and del edit the search field
            return self._entry_id() is not None and not isinstance(self.focused, Input)
        if action == "take_cadence":
            return self._offer is not None
        if action in ("search", "kind"):  # "/" and "k" are text in the search field
            return self._total > 0 and not isinstance(self.focused, Input)
        return True

    @on(RowList.Selected, "#timeline")
    def _row_clicked(self) -> None:
        self.action_read_entry()  # a click on the entry under the cursor, as enter

    @on(RowList.Highlighted, "#timeline")
    def _update_keys(self) -> None:
        # only when there comes to be an entry or none: refreshing the bindings rebuilds the
        # footer, which made every move of the cursor twice as slow
        has_entry = self._entry_id() is not None
        if has_entry != self._had_entry:
            self._had_entry = has_entry
            self.refresh_bindings()

    def action_back(self) -> None:
        if self._words or self.kind is not None:  # first escape: every entry again
            self.action_clear_filter()
            return
        self.dismiss()

    # the search field's keys (FilterInput): enter/down to the list, escape clears
    def action_focus_table(self) -> None:
        self.set_focus(self.table)
        self._show_search()

    def action_clear_filter(self) -> None:
        self.kind = None
        self._words = []
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""  # Changed refills
        self.set_focus(self.table)
        self.reload()

    def action_search(self) -> None:
        self.query_one("#search-bar").display = True
        self.set_focus(self.query_one("#search", Input))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._words = fold(event.value).split()
        self.reload()
        self.table.move_cursor(row=0)

    def action_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.reload()
        self.table.move_cursor(row=0)

    def action_take_cadence(self) -> None:
        """Keep in touch as often as their history suggests, saved as any edit is."""
        suggested = self._offer
        if suggested is None:
            return
        self.app.post_message(CadenceRequested(self.contact_id, suggested))

    def action_log(self) -> None:
        self.app.post_message(LogRequested(self.contact_id))

    def action_edit_contact(self) -> None:
        self.app.post_message(EditRequested(self.contact_id))

    def action_snooze(self) -> None:
        self.app.post_message(SnoozeRequested(self.contact_id))

    def action_read_entry(self) -> None:
        entry_id = self._entry_id()
        if entry_id is None:
            return
        ids = list(self.table.keys)

        def back(last: str | None) -> None:
            if last and last in self.table.keys:
                self.table.move_cursor(row=self.table.get_row_index(last))

        self.app.push_screen(EntryScreen(ids, ids.index(entry_id)), back)

    def action_delete_entry(self) -> None:
        if entry_id := self._entry_id():
            self.app.post_message(EntryDeleteRequested(entry_id))  # the app asks first


def _cells_of(cells: list[Text]) -> list[Text]:
    """An entry's row: its cells are made when the timeline is filled."""
    return cells
