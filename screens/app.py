"""The journal app: its views, global keys, the forms it opens and the saves it runs.

`create_app(store, today)` is the one factory, used by the `journal` command and by the
tests. Messages up, data down (screens/messages.py): screens read the journal through the
store and `journal.queries`, and ask the app for a form or a timeline by posting a request
(`LogRequested`, `EditRequested`, ...), which the app handles here with `@on`; they never
import this module. Forms that answer are awaited in flows (`Asking.ask`). The app saves in
thread workers and then calls `journal_changed()`, which publishes `journal_changed_signal`;
each screen that shows the journal subscribed to it and rereads. A poll notices when another
process saved the file and does the same.
"""

from __future__ import annotations

import gc
import importlib
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.signal import Signal

from journal import queries
from journal.clock import Clock, ClockError
from journal.edits import EditClash, settled
from journal.insight import suggested_cadence
from journal.model import Contact, Interaction, Kind, Occasion
from journal.paths import shell_command
from journal.settings import get_setting, save_setting
from journal.store import JournalError, Store
from screens.asking import Asking
from screens.commands import PeopleCommands
from screens.conflicts import MERGE_KEY, ConflictCopies
from screens.contacts import ContactsScreen
from screens.import_export import ImportExport
from screens.messages import (
    ArchiveRequested,
    CadenceRequested,
    EditRequested,
    EntryDeleteRequested,
    EntryEditRequested,
    JournalChanged,
    LogRequested,
    SnoozeRequested,
    TimelineRequested,
)
from screens.text import OCCASION_WORD, clip, kind_label, long_date, safe, safe_lines
from screens.typeahead import TypeAhead
from screens.undoing import Undoing

if TYPE_CHECKING:  # the forms are imported when first opened: not needed to start
    from textual.theme import Theme

    from screens.forms import LogEntry, LogForm

R = TypeVar("R")

THEME_SETTING = "theme"  # journal.settings: the theme chosen last

POLL_SECONDS = 1.0
REMINDER_TITLE = "Weekly review"
REMINDER_SECONDS = 8  # the weekly-review reminder, unless a key takes it away sooner
SAVED_SECONDS = 4  # "Logged a call with …", unless the next save replaces it

@dataclass(frozen=True)
class _Note:
    """A notification as `JournalApp.notify` was asked for it, and when."""

    message: str
    title: str
    severity: SeverityLevel
    timeout: float
    markup: bool
    since: float


def _lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """Import a view's module only when the view is first opened."""

    def make() -> Screen:
        return getattr(importlib.import_module(module), name)()

    return make


class JournalApp(ConflictCopies, ImportExport, Asking, Undoing, TypeAhead):
    """The keyboard-driven contact journal."""

    CSS_PATH = ["app.tcss", "review.tcss"]
    TITLE = "journal"

    # the views, one app mode each (added in __init__, so that the app knows their screens)
    VIEWS: dict[str, Callable[[], Screen]] = {
        "contacts": ContactsScreen,
        "overdue": _lazy_screen("screens.overdue", "OverdueScreen"),
        "birthdays": _lazy_screen("screens.birthdays", "BirthdaysScreen"),
        "cards": _lazy_screen("screens.cards", "CardsScreen"),
    }
    DEFAULT_MODE = "contacts"
    COMMANDS = App.COMMANDS | {PeopleCommands}

    BINDINGS = [
        Binding("1", "view('contacts')", "Contacts", show=False, id="view.contacts"),
        Binding("2", "view('overdue')", "Overdue", show=False, id="view.overdue"),
        Binding("3", "view('birthdays')", "Birthdays", show=False, id="view.birthdays"),
        Binding("4", "view('cards')", "Cards", show=False, id="view.cards"),
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("q", "quit", "Quit", show=False, id="quit"),
        Binding(MERGE_KEY, "merge_conflicts", "Merge copies", show=False, id="merge"),
    ]

    def __init__(self, store: Store, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.store = store
        self._today = today or store.today  # the journal's clock (journal.clock)
        self._poll_failed = False
        self._shown_day = self._today()
        self._reminder_shown = False  # the weekly-review toast may be on screen
        self._said_saved: set[str] = set()  # the last "Saved" toast, replaced by the next
        self._latest_read: list[tuple[Contact, list[Interaction]]] | None = None
        self._views: dict[str, Screen] = {}  # the base screen of each view, once opened
        self._shown_notes: list[_Note] = []  # what `notify` put on screen (see `_take_away`)
        for mode, make in self.VIEWS.items():
            self.add_mode(mode, self._view_maker(mode, make))
        self._theme_kept = self._saved_theme()
        # screens subscribe (screens.messages.watch_journal); `journal_changed` publishes
        self.journal_changed_signal: Signal[JournalChanged] = Signal(self, "journal-changed")

    def _view_maker(self, mode: str, make: Callable[[], Screen]) -> Callable[[], Screen]:
        def made() -> Screen:
            screen = self._views[mode] = make()
            return screen

        return made

    # -- the theme, kept between runs (journal.settings) --

    def _saved_theme(self) -> str:
        """Switch to the theme chosen last time, if it still exists; the theme in use."""
        name = get_setting(THEME_SETTING)
        if isinstance(name, str) and name in self.available_themes:
            self.theme = name
        return self.theme

    def _theme_changed(self, theme: Theme) -> None:
        """A new theme: keep it for next time, and draw the lists in its colours."""
        if theme.name != self._theme_kept:
            self._theme_kept = theme.name
            if problem := save_setting(THEME_SETTING, theme.name):
                self.notify(f"The theme is not kept: {problem}", severity="warning",
                            markup=False)
        self.journal_changed()  # cells are coloured as they are made: make them again

    def key_read(self, event: events.Key) -> None:
        self.dismiss_reminder()  # it covers the lists: out of the way at the first key

    # -- what screens read (screens.messages.Journal) --

    def today(self) -> date:
        return self._today()

    # -- what screens ask for (screens.messages): handled before the next key is read --

    @on(TimelineRequested)
    def _timeline_requested(self, request: TimelineRequested) -> None:
        self.open_timeline(request.contact_id)

    @on(LogRequested)
    def _log_requested(self, request: LogRequested) -> None:
        self.log_for(request.contact_id, kind=request.kind, occasion=request.occasion)

    @on(EditRequested)
    def _edit_requested(self, request: EditRequested) -> None:
        self.edit_contact(request.contact_id)

    @on(SnoozeRequested)
    def _snooze_requested(self, request: SnoozeRequested) -> None:
        self.snooze(request.contact_id)

    @on(ArchiveRequested)
    def _archive_requested(self, request: ArchiveRequested) -> None:
        if request.archived:
            self.start(self._ask_to_archive(request.contact_id, self.hold_keys()))
        else:
            self.archive(request.contact_id, archived=False)

    @on(CadenceRequested)
    def _cadence_requested(self, request: CadenceRequested) -> None:
        if (contact := self.record_or_say(self.store.contact, request.contact_id)) is None:
            return
        cadence = request.cadence
        self.save_edit(contact, cadence.fields(),
                       f"{contact.name}: keep in touch {cadence.phrase}", contact.name)

    @on(EntryEditRequested)
    def _entry_edit_requested(self, request: EntryEditRequested) -> None:
        self.edit_interaction(request.interaction_id)

    @on(EntryDeleteRequested)
    def _entry_delete_requested(self, request: EntryDeleteRequested) -> None:
        self.start(self._ask_to_delete(request.interaction_id, self.hold_keys()))

    # -- forms and questions --

    def record_or_say(self, read: Callable[[str], R], record_id: str) -> R | None:
        """The record `read` finds, or None once a toast has said why it cannot be read (it
        was deleted meanwhile: by another process, a merge)."""
        try:
            return read(record_id)
        except JournalError as e:
            self.notify(str(e), severity="error", markup=False)
            return None

    def open_timeline(self, contact_id: str) -> None:
        from screens.timeline import TimelineScreen

        self.push_screen(TimelineScreen(contact_id))

    def log_for(
        self,
        contact_id: str,
        *,
        kind: Kind | None = None,
        occasion: Occasion | None = None,
    ) -> None:
        """Open the log form for someone; on enter, save the entry and reload every screen
        (the form stays open until the entry is saved, and says why when it is not)."""
        if (contact := self.record_or_say(self.store.contact, contact_id)) is None:
            return
        from screens.forms import LogForm

        form = LogForm(contact, self.store.interactions(contact_id), self.today(),
                       kind=kind, occasion=occasion,
                       on_entry=lambda entry: self.save_log(contact_id, entry, form))
        self.push_screen(form)

    def edit_interaction(self, interaction_id: str) -> None:
        """Open the log form on an existing entry; on enter, save the changes."""
        self.start(self._edit_entry(interaction_id, self.hold_keys()))

    async def _edit_entry(self, interaction_id: str, opening: Callable[[], None]) -> None:
        try:
            if (entry := self.record_or_say(self.store.interaction, interaction_id)) is None:
                return
            if (contact := self.record_or_say(self.store.contact, entry.contact_id)) is None:
                return
            from screens.forms import LogForm

            form = LogForm(contact, self.store.interactions(contact.id), self.today(),
                           entry=entry)
            result = await self.ask(form, opening)
        finally:
            opening()
        if result is not None:
            self.save_edit(entry, form.changes(result),
                                 f"Saved the {result.kind.value} with {contact.name}",
                                 what=f"The {entry.kind.value} of {long_date(entry.date)}")

    async def _ask_to_delete(self, interaction_id: str, opening: Callable[[], None]) -> None:
        """Ask, then delete an entry."""
        try:
            if (i := self.record_or_say(self.store.interaction, interaction_id)) is None:
                return
            from screens.forms import ConfirmDialog

            what = f"the {i.kind.value} of {long_date(i.date)}"
            detail = f'"{clip(i.note, 60)}"' if i.note else ""
            yes = await self.ask(ConfirmDialog(f"Delete {what}?", detail, yes="Delete",
                                               default=False), opening)
        finally:
            opening()
        if yes:
            self.delete_interaction(interaction_id)

    def delete_interaction(self, interaction_id: str) -> None:
        """Delete an entry (the caller has asked first)."""
        try:
            entry = self.store.interaction(interaction_id)
            contact_id: str | None = entry.contact_id
            what = (f"Deleted the {entry.kind.value} of {long_date(entry.date)} with "
                    f"{self.store.contact(entry.contact_id).name}")
        except JournalError:
            contact_id, what = None, "Deleted the entry"  # the save says what is wrong
        self.save(lambda: self.store.delete_interaction(interaction_id), what,
                  contact_id=contact_id)

    def edit_contact(self, contact_id: str | None) -> None:
        """Open the contact form: add someone (None) or edit them."""
        self.start(self._contact_form(contact_id, self.hold_keys()))

    async def _contact_form(self, contact_id: str | None, opening: Callable[[], None]) -> None:
        contact = None
        try:
            if contact_id is not None:
                if (contact := self.record_or_say(self.store.contact, contact_id)) is None:
                    return
            from screens.forms import ContactForm

            suggested = None  # the cadence their history keeps, offered beside the field
            if contact is not None:
                suggested = suggested_cadence(self.store.interactions(contact.id), self.today())
            fields: dict[str, Any] | None = await self.ask(
                ContactForm(contact, self.today(), suggested), opening)
        finally:
            opening()
        if fields is None:
            return
        if contact is None:
            name = fields.pop("name")
            if await self._new_name_kept(name, None):
                self.save(lambda: self.store.add_contact(name, **fields), f"Added {name}",
                          then=self._select_new_contact)
            return
        # only the fields changed, onto the contact as it is now
        name = fields.get("name", contact.name)
        if "name" not in fields or await self._new_name_kept(name, contact.id):
            self.save_edit(contact, fields, f"Saved {name}", what=contact.name)

    async def _new_name_kept(self, name: str, contact_id: str | None) -> bool:
        """True at once, or after asking when someone else already has the name (as
        `journal add` refuses without --force)."""
        twin = self.store.same_name(name, besides=contact_id)
        if twin is None:
            return True
        from screens.forms import ConfirmDialog

        where = " (archived)" if twin.archived else ""
        verb = "Add" if contact_id is None else "Keep"
        if await self.ask(ConfirmDialog(
                f"{twin.name}{where} is already in the journal.",
                f"{verb} a second person named {name}?", yes=f"{verb} them")):
            return True
        self.notify("Nothing was saved.", timeout=SAVED_SECONDS, markup=False)
        return False

    def save_edit(self, base: Contact | Interaction, changes: dict[str, Any], message: str,
                  what: str, undo_as: str = "") -> None:
        """Save the `changes` made to `base` (as a form showed it) onto the record as it is
        now (`Store.edit_contact`/`edit_interaction`). Where a field was also changed
        meanwhile by another process, ask which to keep; `what` names the record."""
        if not changes:
            self.notify("Nothing changed.", timeout=SAVED_SECONDS, markup=False)
            return
        edit: Callable[[Any, dict[str, Any]], object] = (
            self.store.edit_contact if isinstance(base, Contact) else self.store.edit_interaction)
        self.save(lambda: edit(base, changes), message, undo_as=undo_as,
                  clashed=lambda e: self.start(self._settle_clash(
                      base, changes, message, what, e, self.hold_keys(), undo_as)))

    async def _settle_clash(self, base: Contact | Interaction, changes: dict[str, Any],
                            message: str, what: str, e: EditClash,
                            opening: Callable[[], None], undo_as: str = "") -> None:
        """Ask whose change to keep where a field changed both ways, then save that."""
        from screens.forms import ClashDialog

        try:
            keep = await self.ask(ClashDialog(what, e.clashes), opening)
        finally:
            opening()
        if keep is None:
            self.notify("Nothing was saved.", timeout=SAVED_SECONDS, markup=False)
            return
        theirs = {c.field for c in e.clashes}
        mine = changes if keep == "mine" else {
            k: v for k, v in changes.items() if k not in theirs}
        if not mine:
            self.notify("Kept what was saved meanwhile.", timeout=SAVED_SECONDS, markup=False)
            return
        self.save_edit(settled(base, e.clashes), mine, message, what, undo_as)

    def snooze(self, contact_id: str) -> None:
        """Ask until when, then snooze (or end a snooze)."""
        self.start(self._snooze_form(contact_id, self.hold_keys()))

    async def _snooze_form(self, contact_id: str, opening: Callable[[], None]) -> None:
        try:
            if (contact := self.record_or_say(self.store.contact, contact_id)) is None:
                return
            from screens.forms import SnoozeForm

            result = await self.ask(SnoozeForm(contact, self.today()), opening)
        finally:
            opening()
        if result is None:
            return
        if result.until is None:
            message = f"{contact.name} is no longer snoozed"
        else:
            message = f"Snoozed {contact.name} until {long_date(result.until)}"
        self.save_edit(contact, {"snoozed_until": result.until}, message, contact.name)

    async def _ask_to_archive(self, contact_id: str, opening: Callable[[], None]) -> None:
        """Ask, then archive someone: they leave every list, their history stays."""
        try:
            if (c := self.record_or_say(self.store.contact, contact_id)) is None:
                return
            from screens.forms import ConfirmDialog

            yes = await self.ask(ConfirmDialog(
                f"Archive {c.name}?",
                "They leave every list; their history is kept. "
                + self.unarchive_hint(c.name), yes="Archive"), opening)
        finally:
            opening()
        if yes:
            self.archive(contact_id)

    def archive(self, contact_id: str, archived: bool = True) -> None:
        """Archive someone (the caller has asked first), or bring them back."""
        if (contact := self.record_or_say(self.store.contact, contact_id)) is None:
            return
        if archived:
            message = f"Archived {contact.name}. {self.unarchive_hint(contact.name)}"
        else:
            message = f"{contact.name} is back in the lists"
        self.save_edit(contact, {"archived": archived}, message, contact.name,
                       undo_as=f"{'Archived' if archived else 'Unarchived'} {contact.name}")

    def unarchive_hint(self, name: str) -> str:
        """How to bring someone archived back, in the app and in a shell."""
        return ("To bring them back: A on the contacts list shows the archived, u unarchives; "
                f"or in a shell: {shell_command(self.store.path, 'unarchive', name)}")

    def save_log(self, contact_id: str, entry: LogEntry, form: LogForm | None = None) -> None:
        """Save a log entry; with the `form` it came from, close that once it is saved (keys
        typed meanwhile wait), or leave it open with the reason it was not."""
        try:
            name = self.store.contact(contact_id).name
        except JournalError as e:  # deleted meanwhile (another process, a merge)
            if form is not None:
                form.not_saved(str(e))
            else:
                self.notify(str(e), severity="error")
            return
        article = "an" if entry.kind.value[0] in "aeiou" else "a"
        what = kind_label(entry.kind)
        if entry.occasion is not None:
            what += f" ({OCCASION_WORD[entry.occasion]})"
        saved = failed = None
        if form is not None:

            def saved(_: object) -> None:
                form.saved()

            def failed(message: str) -> None:
                form.not_saved(message)

        self.save(
            lambda: self.store.add_interaction(contact_id, entry.kind, entry.date,
                                               **entry.fields()),
            f"Logged {article} {what} with {name}",
            then=saved, failed=failed,
        )

    # -- saving and reloading --

    def save(self, change: Callable[[], object], message: str,
             then: Callable[[object], None] | None = None,
             contact_id: str | None = None,
             failed: Callable[[str], None] | None = None,
             clashed: Callable[[EditClash], None] | None = None,
             undo_as: str | None = "") -> None:
        """Apply a change to the store in a thread worker; then reload and say so.

        The change is to one person: `contact_id`, or the one of the Contact or Interaction
        the change returns; the screens then update just that person. `then` is given the
        result; `failed`, if given, is told why nothing was saved instead of a notification;
        `clashed`, if given, is given an `EditClash` the change raised.

        Keys typed meanwhile wait until the screens show the change (and `then` has run):
        `s w s w` on the overdue list snoozes the person the second `s` was typed on.

        The change goes into the undo log (screens.undoing) named `undo_as`, or the message
        when that is empty; None keeps it out (an undo itself).
        """
        if undo_as is not None:
            change = self.undoable(change, undo_as or message)
        release = self.hold_keys()

        def done(result: object) -> None:
            try:
                if then is not None:
                    then(result)
            finally:
                release()

        def not_done(why: str) -> None:
            try:
                if failed is not None:
                    failed(why)
                else:
                    self._say_not_saved(why)
            finally:
                release()

        def clash(e: EditClash) -> None:
            try:
                if clashed is not None:
                    clashed(e)
                else:
                    self._say_not_saved(str(e))
            finally:
                release()

        self._save_worker(change, message, done, contact_id, not_done, clash)

    @work(thread=True, group="save")
    def _save_worker(self, change: Callable[[], object], message: str,
                     then: Callable[[object], None],
                     contact_id: str | None,
                     failed: Callable[[str], None],
                     clashed: Callable[[EditClash], None]) -> None:
        try:
            result = change()
        except EditClash as e:
            self.call_from_thread(self._save_clashed, e, clashed)
            return
        except (JournalError, ValueError, OSError) as e:
            self.call_from_thread(self._save_failed, str(e), failed)
            return
        except BaseException:
            self.call_from_thread(failed, "an unexpected error")
            raise
        if contact_id is None:
            if isinstance(result, Contact):
                contact_id = result.id
            elif isinstance(result, Interaction):
                contact_id = result.contact_id
        self.call_from_thread(self._saved, message, result, then, contact_id)

    def _saved(self, message: str, result: object,
               then: Callable[[object], None], contact_id: str | None = None) -> None:
        try:
            self.journal_changed(contact_id=contact_id)
        finally:
            then(result)
        # one "Saved" at a time: working down a list, each log used to stack another toast
        # over the rows still to do
        self._take_away(lambda note: note.message in self._said_saved)
        self._said_saved = {safe_lines(message)}
        self.notify(message, timeout=SAVED_SECONDS, markup=False)

    def _save_failed(self, message: str, failed: Callable[[str], None]) -> None:
        try:
            self.journal_changed()  # a failed save rereads the file: show what is really there
        finally:
            failed(message)

    def _save_clashed(self, e: EditClash, clashed: Callable[[EditClash], None]) -> None:
        try:
            self.journal_changed()  # the other process's change, on screen under the question
        finally:
            clashed(e)

    def _say_not_saved(self, message: str) -> None:
        self.notify(f"Nothing was saved: {message}", severity="error", timeout=10,
                    markup=False)

    def _select_new_contact(self, contact: object) -> None:
        contacts = self._mode_screen("contacts")
        if contacts is not None and hasattr(contact, "id"):
            contacts.select_contact(contact.id)

    def _mode_screen(self, mode: str) -> Any:
        """The base screen of a view, once it has been opened."""
        return self._views.get(mode)

    def journal_changed(self, contact_id: str | None = None) -> None:
        """The journal changed: tell the screens (`journal_changed_signal`), each of which
        rereads what it shows (`contact_id`: just that person, where it can), or, out of
        sight, rereads when it is shown again."""
        self.journal_changed_signal.publish(JournalChanged(contact_id))

    def look_at_the_file(self) -> None:
        """What the once-a-second look does: conflict copies, a new day, and a file changed
        by another process (reread in a worker)."""
        self.notice_conflict_copies()
        today = self.today()
        if today != self._shown_day:  # past midnight: "due today" and ages move on
            self._shown_day = today
            self.journal_changed()
        if self._refreshing():
            return
        try:
            changed = self.store.changed_on_disk()
        except OSError:
            return
        if changed:
            self._refresh_worker()

    def _refreshing(self) -> bool:
        return any(w.group in ("refresh", "save") and not w.is_finished
                   for w in self.workers)

    @work(thread=True, group="refresh", exclusive=True)
    def _refresh_worker(self) -> None:
        try:
            changed = self.store.refresh()
        except JournalError as e:
            self.call_from_thread(self._refresh_failed, str(e))
            return
        if changed:
            # what every status needs, read here rather than on the UI thread (at 10k people
            # building each latest interaction takes a tenth of a second)
            latest = self.store.latest_pairs()
            self.call_from_thread(self._refreshed, latest)

    def _refreshed(self, latest: list[tuple[Contact, list[Interaction]]] | None = None) -> None:
        self._poll_failed = False
        self._latest_read = latest
        try:
            self.journal_changed()
        finally:
            self._latest_read = None

    def latest_pairs(self) -> list[tuple[Contact, list[Interaction]]]:
        """`store.latest_pairs()`, or what the refresh worker read of it for this reload."""
        if self._latest_read is not None:
            return self._latest_read
        return self.store.latest_pairs()

    def _refresh_failed(self, message: str) -> None:
        if not self._poll_failed:
            self._poll_failed = True
            self.notify(f"The journal changed on disk but cannot be read: {message}",
                        severity="error", timeout=15, markup=False)

    # -- start --

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.switch_mode("contacts")
        self.set_interval(POLL_SECONDS, self.look_at_the_file, name="poll journal file")
        self.call_after_refresh(self.remind_review)
        self.call_after_refresh(self.notice_conflict_copies)

    def review_reminder(self) -> str | None:
        """What to say on start when the weekly review is due (`queries.weekly_review`), or
        None."""
        today = self.today()
        contacts = self._mode_screen("contacts")
        review = queries.weekly_review(
            self.store, today, contacts.waiting(today) if contacts is not None else None)
        if review is None:
            return None
        parts = []
        if n := review.waiting:
            parts.append(f"{n} {'person is' if n == 1 else 'people are'} waiting")
        if n := review.letters:
            parts.append(f"{n} birthday {'letter needs' if n == 1 else 'letters need'} "
                         "posting this week")
        keys = " and ".join(k for k, show in (("2 (overdue)", review.waiting),
                                              ("3 (birthdays)", review.letters)) if show)
        head = (f"It's been {review.since} days since your weekly review"
                if review.since is not None else "Time for a weekly review")
        return f"{head}: {' and '.join(parts)}. Press {keys}."

    def remind_review(self) -> None:
        try:
            message = self.review_reminder()
        except JournalError:
            return
        if message:
            self._reminder_shown = True
            self.notify(message, title=REMINDER_TITLE, timeout=REMINDER_SECONDS)

    def dismiss_reminder(self) -> None:
        """Take the weekly-review reminder away: the person has started doing something."""
        if not self._reminder_shown:
            return
        self._reminder_shown = False
        self._take_away(lambda note: note.title == REMINDER_TITLE)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast (screens' too: theirs come here) shows names and paths safely; what
        is shown is remembered, so that one toast can be taken away (`_take_away`)."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self._shown_notes.append(
            _Note(message, title, severity, timeout, markup, time.monotonic()))
        super().notify(safe_lines(message), title=safe_lines(title), severity=severity,
                       timeout=timeout, markup=markup)

    def _take_away(self, which: Callable[[_Note], bool]) -> None:
        """Remove the notifications on screen that `which` picks. Textual can only clear
        every toast: the others are shown again for the rest of their time."""
        now = time.monotonic()
        shown = [n for n in self._shown_notes if now < n.since + n.timeout]
        keep = [n for n in shown if not which(n)]
        self._shown_notes = shown
        if len(keep) == len(shown):
            return
        self.clear_notifications()
        self._shown_notes = []
        for n in keep:
            self.notify(n.message, title=n.title, severity=n.severity,
                        timeout=n.since + n.timeout - now, markup=n.markup)

    # -- global keys --

    def action_view(self, mode: str) -> None:
        """Show a view's list (`1`-`4`). A timeline open over the view is closed first: a view
        left with one would bring it back later, stale, when its number is pressed."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if mode != self.current_mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def toggle_archived(self) -> None:
        """The contacts list shows the archived people, or everyone else again."""
        self.switch_mode("contacts")
        contacts = self._mode_screen("contacts")
        if contacts is not None:
            contacts.action_archived()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for key, mode, label in (("1", "contacts", "Contacts"), ("2", "overdue", "Overdue"),
                                 ("3", "birthdays", "Birthdays"), ("4", "cards", "Cards")):
            help_text = {
                "contacts": "everyone, with last contact and when they are due",
                "overdue": "who to reach out to, most urgent first",
                "birthdays": "upcoming birthdays and when to post a letter",
                "cards": "this season's New Year and holiday card list",
            }[mode]
            yield SystemCommand(f"{label} ({key})", f"Show {help_text}",
                                lambda mode=mode: self.action_view(mode))
        yield SystemCommand("Add someone", "Add a contact to the journal",
                            lambda: self.edit_contact(None))
        yield SystemCommand("Archived people (A)", "Show the archived, to bring someone back",
                            self.toggle_archived)
        current = getattr(screen, "current_contact_id", None)
        contact_id = current() if callable(current) else None
        if contact_id:  # open and log with them: PeopleCommands, for anyone
            name = safe(self.store.contact(contact_id).name)
            yield SystemCommand(f"Edit {name}", "Change their details",
                                lambda: self.edit_contact(contact_id))
            yield SystemCommand(f"Snooze {name}", "Leave them out of the overdue list for a while",
                                lambda: self.snooze(contact_id))
        yield SystemCommand("Import contacts", "From a vCard or contacts CSV file, or a backup",
                            self.import_contacts)
        yield SystemCommand("Sync address book",
                            "Two-way sync with the folder of .vcf cards vdirsyncer keeps "
                            "(journal sync)", self.sync_address_book)
        for fmt in ("vcf", "ics", "csv", "json"):
            yield SystemCommand(f"Export {fmt}", f"Write the {self.export_formats()[fmt][0]}",
                                lambda fmt=fmt: self.export_journal(fmt))
        yield from self.conflict_commands()
        yield SystemCommand("Keys (?)", "Every key of this screen", self.action_help)
        # Textual's own "Keys" opens a side panel that says less than `?`: one is enough
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")


def create_app(store: Store, today: Callable[[], date] | None = None) -> JournalApp:
    """The one way to build the app: the CLI and the tests both use it."""
    return JournalApp(store, today)


@contextmanager
def long_lived() -> Iterator[None]:
    """What is made inside (the journal read at start, the app) lives as long as the app:
    no cycle collection while it is made, and none ever walks it afterwards (gc.freeze,
    which also takes in the modules). A full pass over a 2,000-person journal took 20-70 ms,
    in the middle of a save or of the first frame. What is dropped later is still freed by
    its reference count; a process that makes many apps (the tests) must not use this."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def run_app(path: Path, demo: bool = False, clock: Clock | None = None) -> int:
    """Open the journal at `path` (or a throw-away demo copy) and run the app; exit code.
    `clock`: the journal's (default: the real one, or JOURNAL_TODAY's frozen day)."""
    try:
        clock = clock or Clock.from_environment()
    except ClockError as e:
        print(f"journal: {e}", file=sys.stderr)
        return 1
    today = clock.today
    with tempfile.TemporaryDirectory(prefix="journal-demo-") as scratch:
        with long_lived():
            try:
                if demo:  # a re-dated copy in a folder that goes when the app closes
                    from journal.demo import open_demo

                    path = open_demo(today(), Path(scratch))
                store = Store.open(path, today=today)
            except JournalError as e:
                print(f"journal: {e}", file=sys.stderr)
                return 1
            app = create_app(store, today)
        app.run()
    return 0
