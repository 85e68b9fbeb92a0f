"""The contacts view (`1`, the start screen): everyone, filtered as you type.

A row (status and sort key) is made per person once per reload, the words to search on the
first filter, the cells as a row is first drawn. Filtering and sorting only pick rows and
hand them to a `RowList`, which draws only the lines in sight, so each key stays quick with
thousands of people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Static

from journal import insight
from journal.matching import Haystack, Query, haystack, rank
from journal.model import Contact
from journal.rules import Status, status
from journal.settings import get_setting, save_setting
from journal.store import JournalError
from screens.activity import COMPACT_MONTHS, compact
from screens.messages import (
    ArchiveRequested,
    EditRequested,
    Journal,
    JournalChanged,
    LogRequested,
    SnoozeRequested,
    TimelineRequested,
    in_sight,
    journal_of,
    watch_journal,
)
from screens.rowlist import Column, RowList
from screens.text import Palette, clip, due_text, fit, last_text, safe
from screens.widgets import Field, Footer, ViewBar


@dataclass(slots=True, eq=False)
class ContactRow:
    """One person in the list: what sorting needs, made for everyone on each reload; the
    rest is made when first needed (what the filter finds them by, the name order, the cells),
    as most of a long list is never drawn and most starts never filter.

    A changed person gets a new row; a row's fields are never changed once set.
    """

    status: Status
    due: Text
    by_urgency: tuple
    status_width: int  # the cells of the Status column: due, and "drifting" when it may be
    _haystack: Haystack | None = None
    _by_name: tuple | None = None

    @property
    def contact(self) -> Contact:
        return self.status.contact

    @property
    def id(self) -> str:
        return self.status.contact.id

    def haystack(self) -> Haystack:
        if self._haystack is None:
            self._haystack = haystack(self.contact)
        return self._haystack

    def by_name(self) -> tuple:
        if self._by_name is None:
            c = self.contact
            self._by_name = (c.sort_key, c.name.casefold(), c.id)
        return self._by_name


def _urgency_key(st: Status) -> tuple:
    """Who needs attention (most urgent first, as in the overdue view), then who is due
    soonest, then the snoozed, then the untracked; by name within each."""
    c = st.contact
    if st.needs_attention:
        return (0, -st.urgency, c.sort_key, c.id)
    if st.snoozed:
        return (2, 0, c.sort_key, c.id)
    if st.next_due is not None:
        return (1, st.next_due.toordinal(), c.sort_key, c.id)
    return (3, 0, c.sort_key, c.id)


def may_drift(st: Status) -> bool:
    """Whether `insight.drifting` could say yes, from the status alone: in touch before,
    neither past due, snoozed nor archived. Only these rows read their history (as drawn)."""
    late = st.days_late is not None and st.days_late > 0
    return st.last_contact is not None and not (late or st.snoozed or st.contact.archived)


def make_row(st: Status, today: date, pal: Palette) -> ContactRow:
    due = due_text(st, today, pal)
    width = due.cell_len + (len(DRIFTING) if may_drift(st) else 0)
    return ContactRow(st, due, _urgency_key(st), width)


def name_cell(name: str, extras: tuple[tuple[str, Style], ...], width: int) -> Text:
    """`伊藤 翔太  いとう しょうた  #friend` in `width` cells: the name first, then what fits
    of each extra (one left out when only a scrap of it would show)."""
    text = Text(clip(name, width))
    for words, style in extras:
        room = width - text.cell_len - 2
        if not words or room < 4:
            continue
        text.append("  ")
        text.append(clip(words, room), style=style)
    return text


class FilterInput(Field):
    """The filter field: `down` or `enter` goes to the list, `escape` clears the filter."""

    BINDINGS = [
        Binding("enter", "screen.focus_table", "To the list", key_display="enter"),
        Binding("down", "screen.focus_table", "To the list", show=False),
        Binding("escape", "screen.clear_filter", "Clear"),
    ]


class ContactsTable(RowList):
    """The list of people: `enter` opens the timeline of the one under the cursor."""

    # the screen's action, not a Selected message: a key typed right after enter would be
    # read before the timeline opened
    BINDINGS = [Binding("enter", "screen.open_timeline", "Timeline", key_display="enter")]


COLUMNS = ("Name", "Reading", "Tags", "Last contact", "12 months", "Status")
WIDE_COLUMNS = 96  # from this width on, the reading and the tags have columns of their own
MAX_STATUS_WIDTH = 30  # "reply owed · 11 months overdue"
DRIFTING = " · drifting"  # after the status of someone `insight.drifting` names
CHART_SETTING = "contacts_chart"  # the chart column shown (`c`), kept between runs


class ContactsScreen(Screen):
    """Everyone in the journal, most urgent first or by name."""

    BINDINGS = [
        # enter is the list's own key (ContactsTable); listed here for the help screen
        Binding("enter", "open_timeline", "Timeline", show=False, key_display="enter"),
        Binding("l", "log", "Log"),
        Binding("a", "add", "Add", tooltip="Add someone"),
        Binding("e", "edit", "Edit", tooltip="Edit their details"),
        Binding("slash", "filter", "Filter", key_display="/", tooltip="Filter as you type"),
        Binding("d", "archive", "Archive", show=False, tooltip="Archive (asks first)"),
        Binding("s", "snooze", "Snooze", show=False),
        Binding("o", "sort", "Sort", show=False, tooltip="Sort: name / urgency"),
        Binding("c", "chart", "Chart", show=False,
                tooltip="Show / hide contact by month over the last year"),
        Binding("A", "archived", "Archived", show=False, key_display="A",
                tooltip="Show the archived / everyone else"),
        Binding("u", "unarchive", "Unarchive", tooltip="Bring them back into the lists"),
        Binding("escape", "clear_filter", "Clear the filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ContactRow] = []
        self.shown: list[ContactRow] = []
        self.sort_by_name = False
        self.show_archived = False  # the archived people instead of everyone else
        self._widths: tuple[int, ...] = ()
        self._row_cache: dict[Status, ContactRow] = {}
        self._row_cache_for: tuple[date, Palette] | None = None
        self.stale = False  # the journal changed while out of sight: reload when shown
        self._had_rows: bool | None = None
        self._status_width = 0  # the longest status, in cells
        self._muted = self._tag = self._chart_style = self._warning = Style()
        self.show_chart = bool(get_setting(CHART_SETTING, False))
        # what a row's history says (drifting, the chart), read as rows are first drawn
        self._insights: dict[str, tuple[bool, Text | None]] = {}

    def compose(self) -> ComposeResult:
        yield ViewBar("contacts")
        with Horizontal(id="filter-bar"):
            yield FilterInput(placeholder="/ filter by name, reading or tag", id="filter",
                              compact=True)
            yield Static("", id="count")
        yield ContactsTable(self._cells_of, id="contacts")
        yield Static("", id="no-match", markup=False)
        yield Static("", id="greeting")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#greeting").display = False
        self.query_one("#no-match").display = False
        watch_journal(self, self.journal_changed)
        self.reload()
        self.set_focus(self.table)

    @property
    def journal(self) -> Journal:
        return journal_of(self.app)

    def journal_changed(self, change: JournalChanged) -> None:
        """Reread the journal (one person's row, when the change is to one person); out of
        sight, take note and reread when shown again."""
        if not in_sight(self):
            self.stale = True
        elif change.contact_id is not None:
            self.contact_changed(change.contact_id)
        else:
            self.reload()

    @property
    def table(self) -> ContactsTable:
        return self.query_one("#contacts", ContactsTable)

    # -- data --

    def on_screen_resume(self) -> None:
        if self.stale:
            self.reload()

    def reload(self) -> None:
        """Reread everyone from the store and redraw, keeping the cursor on the same person."""
        self.stale = False
        today = self.journal.today()
        pal = Palette.of(self.app)
        # A save changes one or two people: everyone else's row is taken from the last
        # reload (a Status holds the contact, so an edited person is rebuilt).
        known = self._row_cache if self._row_cache_for == (today, pal) else {}
        rows: dict[Status, ContactRow] = {}
        if self.show_archived:
            pairs = [(c, i) for c, i in self.journal.store.latest_pairs(archived=True)
                     if c.archived]
        else:
            pairs = self.journal.latest_pairs()
        for c, i in pairs:  # a status needs only the latest interaction
            st = status(c, i, today)
            row = known.get(st)
            rows[st] = row if row is not None else make_row(st, today, pal)
        self._row_cache, self._row_cache_for = rows, (today, pal)
        self._insights = {}
        self.rows = list(rows.values())
        self._show_rows(pal)

    def waiting(self, today: date) -> int | None:
        """How many need attention (as `rules.overdue` counts them), from this view's
        statuses; None when those are not of today's journal."""
        if (self.stale or self.show_archived or self._row_cache_for is None
                or self._row_cache_for[0] != today):
            return None
        return sum(1 for st in self._row_cache if st.needs_attention)  # archived: not listed

    def contact_changed(self, contact_id: str) -> None:
        """One person changed (a save from this app): update their row only, not everyone's."""
        today = self.journal.today()
        pal = Palette.of(self.app)
        if self.stale or self._row_cache_for != (today, pal):
            self.reload()
            return
        store = self.journal.store
        try:
            contact: Contact | None = store.contact(contact_id)
        except JournalError:
            contact = None  # gone
        cache = dict(self._row_cache)  # a copy keeps each key's hash: a Status hashes slowly
        for gone in [st for st in cache if st.contact.id == contact_id]:
            del cache[gone]
        self._insights.pop(contact_id, None)
        if contact is not None and contact.archived == self.show_archived:
            last = store.latest(contact_id)
            st = status(contact, [last] if last is not None else [], today)
            cache[st] = make_row(st, today, pal)
        self._row_cache = cache
        self.rows = list(cache.values())
        self._show_rows(pal)

    def _show_rows(self, pal: Palette) -> None:
        store = self.journal.store
        self._muted, self._tag = pal.muted, pal.primary
        self._chart_style, self._warning = pal.primary, pal.warning
        self._status_width = max((r.status_width for r in self.rows), default=0)
        empty = len(self.rows) == 0
        self.query_one("#greeting", Static).display = empty
        if empty:
            self.query_one("#greeting", Static).update(self._greeting(len(store)))
        self.query_one("#filter-bar").display = not empty or self.show_archived
        self._refilter()

    def _greeting(self, total: int) -> str:
        if self.show_archived:
            return ("[b]No one is archived.[/b]\n\n"
                    "Press [b $text-primary]A[/] to see everyone else.")
        if total:
            return (
                "[b]Everyone in this journal is archived.[/b]\n\n"
                "Press [b $text-primary]a[/] to add someone, or [b $text-primary]A[/] to "
                "see the archived and [b $text-primary]u[/] to bring someone back."
            )
        return (
            "[b]Welcome to your journal.[/b]\n\n"
            "It keeps the people you care about and every time you were in touch: letters, "
            "meetings, messages and calls. It is empty for now. To begin:\n\n"
            "  press [b $text-primary]a[/]                 to add someone to keep up with\n"
            "  press [b $text-primary]ctrl+p[/], Import    to bring in an address book\n"
            "  or, in the shell:\n"
            "  [b]journal import FILE[/b]     the same (vCard, CSV)\n"
            "  [b]journal --demo[/b]          to try everything on sample data first\n\n"
            "Then, after a call or a coffee: pick the person, press [b $text-primary]l[/], "
            "one key for the kind, a line of note, enter."
        )

    def _refilter(self) -> None:
        """The rows that match the filter (`journal.matching`), the best match first, in the
        list's order within a rank; everyone in the list's order without a filter."""
        query = Query.of(self.query_one("#filter", Input).value)
        order = (lambda r: r.by_name()) if self.sort_by_name else (lambda r: r.by_urgency)
        if query:
            found = [(m, r) for r in self.rows if (m := rank(query, r.haystack())) is not None]
            found.sort(key=lambda mr: (mr[0], order(mr[1])))
            self.shown = [r for _, r in found]
        else:
            self.shown = sorted(self.rows, key=order)
        self._fill()

    def _column_widths(self) -> tuple[int, ...]:
        """Name, reading, tags, last contact, status: fit the screen, share what is left.

        The status column is as wide as the longest status (up to 30 cells), so "reply owed ·
        2 months overdue" is never cut. Below 96 columns the reading and the tags follow the
        name in its column (0 widths for theirs).
        """
        total = max(self.size.width, 60)
        wide = total >= WIDE_COLUMNS
        chart = COMPACT_MONTHS if self.show_chart else 0
        columns = (len(COLUMNS) - 1 if wide else 3) + (1 if chart else 0)
        width = total - 1 - 2 * columns  # scrollbar and padding
        last = 13
        due = min(MAX_STATUS_WIDTH, max(20, width // 4 if wide else 0, self._status_width))
        rest = width - last - due - chart
        if not wide:
            return (rest, 0, 0, last, chart, due)
        name = rest * 2 // 5
        reading = rest * 3 // 10
        return (name, reading, rest - name - reading, last, chart, due)

    def _fill(self) -> None:
        table = self.table
        widths = self._column_widths()
        current = self.current_contact_id()
        index = table.cursor_row
        if widths != self._widths:
            self._widths = widths
            shown = [(label, w) for label, w in zip(COLUMNS, widths, strict=True) if w]
            table.set_columns([Column(label, w) for label, w in shown])
        rows = [(r.id, r) for r in self.shown]
        table.set_rows(rows)
        if current is not None and not self.select_contact(current) and rows:
            # they left the list (archived, filtered out): stay at the same place in it
            table.move_cursor(row=min(index, len(rows) - 1))
        self._update_count()
        if self._had_rows != bool(rows):  # the footer changes only when the list empties
            self._had_rows = bool(rows)
            self.refresh_bindings()

    def _cells_of(self, r: ContactRow) -> tuple[Text, ...]:
        """A row's cells at the current column widths (asked for as the row is drawn)."""
        name_w, reading_w, tags_w, _, chart_w, due_w = self._widths
        c = r.contact
        if reading_w:
            cells = [Text(clip(c.name, name_w)), Text(clip(c.reading, reading_w))]
        else:  # narrow: the reading and the tags follow the name, in what room is left
            hashtags = " ".join(f"#{t}" for t in c.tags)
            cells = [name_cell(c.name, ((c.reading, self._muted), (hashtags, self._tag)),
                               name_w)]
        if tags_w:
            cells.append(Text(clip(", ".join(c.tags), tags_w)))
        today, pal = self._row_cache_for or (self.journal.today(), Palette.of(self.app))
        cells.append(last_text(r.status.last_contact, today, pal))
        drifting, chart = self._insight(r, today, with_chart=bool(chart_w))
        if chart_w:
            cells.append(chart or Text(""))
        due = r.due
        if drifting:
            due = due + Text(DRIFTING, style=self._warning)
        return (*cells, fit(due, due_w))

    def _insight(self, r: ContactRow, today: date, with_chart: bool) -> tuple[bool, Text | None]:
        """Drifting, and the chart when asked for: read from their history once per reload,
        for the rows drawn only (a list of thousands reads a screenful)."""
        kept = self._insights.get(r.id)
        if kept is not None and (kept[1] is not None or not with_chart):
            return kept
        if not (with_chart or may_drift(r.status)):
            return (False, None)
        history = self.journal.store.interactions(r.id)
        drifting = may_drift(r.status) and insight.drifting(r.contact, history, today)
        chart = None
        if with_chart:
            chart = compact(insight.activity(history, today, COMPACT_MONTHS), self._muted,
                            self._chart_style)
        self._insights[r.id] = (drifting, chart)
        return drifting, chart

    def _update_count(self) -> None:
        total, shown = len(self.rows), len(self.shown)
        no_match = self.query_one("#no-match", Static)
        no_match.display = bool(total) and not shown
        self.table.display = bool(shown)
        if not shown:
            typed = self.query_one("#filter", Input).value.strip()
            no_match.update(f'No one matches "{safe(typed)}" (by name, reading or tag). '
                            "esc clears the filter.")
        order = "by name" if self.sort_by_name else "most urgent first"
        people = "1 person" if total == 1 else f"{total} people"
        if self.show_archived:
            people += " archived (A)"
        text = people if shown == total else f"{shown} of {people}"
        self.query_one("#count", Static).update(f"{text} · {order} (o)")

    def on_resize(self) -> None:
        if self.rows and self._column_widths() != self._widths:
            self._fill()

    def current_contact_id(self) -> str | None:
        """The person under the cursor (used by the command palette too)."""
        return self.table.cursor_key

    def select_contact(self, contact_id: str) -> bool:
        """Put the cursor on someone; False when they are not in the list."""
        table = self.table
        try:
            index = table.get_row_index(contact_id)
        except KeyError:  # filtered out or gone
            return False
        table.move_cursor(row=index)
        return True

    # -- keys --

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("archive", "unarchive"):
            if (action == "archive") == self.show_archived:
                return False
            return self.current_contact_id() is not None
        if action in ("log", "edit", "snooze", "open_timeline"):
            return self.current_contact_id() is not None
        if action == "filter":  # hidden while typing in the filter ("/" is text there)
            return bool(self.rows) and not isinstance(self.focused, Input)
        if action == "clear_filter":
            return bool(self.query_one("#filter", Input).value) or isinstance(
                self.focused, Input)
        return True

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._refilter()  # every key: a refill draws only the rows in sight
        self.table.move_cursor(row=0)

    def action_focus_table(self) -> None:
        self.set_focus(self.table)

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#filter", Input))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
        self.set_focus(self.table)

    def action_open_timeline(self) -> None:
        if contact_id := self.current_contact_id():
            self.app.post_message(TimelineRequested(contact_id))

    @on(RowList.Selected)
    def _row_selected(self, event: RowList.Selected) -> None:
        self.app.post_message(TimelineRequested(event.key))

    def action_log(self) -> None:
        if contact_id := self.current_contact_id():
            self.app.post_message(LogRequested(contact_id))

    def action_add(self) -> None:
        self.app.post_message(EditRequested(None))

    def action_edit(self) -> None:
        if contact_id := self.current_contact_id():
            self.app.post_message(EditRequested(contact_id))

    def action_snooze(self) -> None:
        if contact_id := self.current_contact_id():
            self.app.post_message(SnoozeRequested(contact_id))

    def action_sort(self) -> None:
        self.sort_by_name = not self.sort_by_name
        self._refilter()

    def action_chart(self) -> None:
        """Show or hide the column of contact by month over the last year."""
        self.show_chart = not self.show_chart
        save_setting(CHART_SETTING, self.show_chart)
        self._fill()

    def action_archived(self) -> None:
        """Show the archived people instead of everyone else, or back."""
        self.show_archived = not self.show_archived
        self._row_cache_for = None  # other people: no row to reuse
        self.query_one("#filter", Input).value = ""
        self.reload()
        self.table.move_cursor(row=0)
        self.refresh_bindings()

    def action_unarchive(self) -> None:
        if (contact_id := self.current_contact_id()) is not None:
            self.app.post_message(ArchiveRequested(contact_id, archived=False))

    def action_archive(self) -> None:
        if (contact_id := self.current_contact_id()) is not None:
            self.app.post_message(ArchiveRequested(contact_id))  # the app asks first
