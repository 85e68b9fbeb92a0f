"""The journal app: its views, global keys, the forms it opens and the saves it runs.

`create_app(store, today)` is the one factory, used by the `journal` command and by the
tests. Screens reach the journal through `app.store` and the rules, and ask the app to open
forms (`log_for`, `edit_contact`, `snooze`, ...). The app saves in thread workers and then
calls `journal_changed()`, which reloads every screen that exists. A poll notices when
another process saved the file and does the same.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from journal.model import Contact, Interaction, Kind, Occasion
from journal.store import JournalError, Store
from screens.commands import PeopleCommands
from screens.contacts import ContactsScreen
from screens.text import OCCASION_WORD, kind_label, long_date
from screens.typeahead import TypeAhead

if TYPE_CHECKING:  # the forms are imported when first opened: not needed to start
    from screens.forms import LogEntry, LogForm, Snooze

POLL_SECONDS = 1.0
REMINDER_TITLE = "Weekly review"
REMINDER_SECONDS = 8  # the weekly-review reminder, unless a key takes it away sooner
SAVED_SECONDS = 4  # "Logged a call with …", unless the next save replaces it
REVIEW_EVERY_DAYS = 7
ENV_TODAY = "JOURNAL_TODAY"

@dataclass(frozen=True)
class _Note:
    """A notification as `JournalApp.notify` was asked for it, and when."""

    message: str
    title: str
    severity: SeverityLevel
    timeout: float
    markup: bool
    since: float


def default_today() -> date:
    """Today, or the day named by JOURNAL_TODAY=YYYY-MM-DD (for demos and tests)."""
    if value := os.environ.get(ENV_TODAY):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    return date.today()


def _lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """Import a view's module only when the view is first opened."""

    def make() -> Screen:
        return getattr(importlib.import_module(module), name)()

    return make


class JournalApp(TypeAhead):
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
    ]

    def __init__(self, store: Store, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.store = store
        self._today = today or default_today
        self._poll_failed = False
        self._shown_day = self._today()
        self._reminder_shown = False  # the weekly-review toast may be on screen
        self._said_saved: set[str] = set()  # the last "Saved" toast, replaced by the next
        self._latest_read: list[tuple[Contact, list[Interaction]]] | None = None
        self._views: dict[str, Screen] = {}  # the base screen of each view, once opened
        self._shown_notes: list[_Note] = []  # what `notify` put on screen (see `_take_away`)
        for mode, make in self.VIEWS.items():
            self.add_mode(mode, self._view_maker(mode, make))

    def _view_maker(self, mode: str, make: Callable[[], Screen]) -> Callable[[], Screen]:
        def made() -> Screen:
            screen = self._views[mode] = make()
            return screen

        return made

    def key_read(self, event: events.Key) -> None:
        self.dismiss_reminder()  # it covers the lists: out of the way at the first key

    # -- the API screens use --

    def today(self) -> date:
        return self._today()

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
        """Open the log form for someone; on enter, save the entry and reload every screen."""
        try:
            contact = self.store.contact(contact_id)
        except JournalError as e:
            self.notify(str(e), severity="error", markup=False)
            return
        from screens.forms import LogForm

        form = LogForm(contact, self.store.interactions(contact_id), self.today(),
                       kind=kind, occasion=occasion,
                       on_entry=lambda entry: self.save_log(contact_id, entry, form))
        self.push_screen(form)

    def edit_interaction(self, interaction_id: str) -> None:
        """Open the log form on an existing entry; on enter, save the changes."""
        try:
            entry = self.store.interaction(interaction_id)
            contact = self.store.contact(entry.contact_id)
        except JournalError as e:
            self.notify(str(e), severity="error", markup=False)
            return
        from screens.forms import LogForm

        form = LogForm(contact, self.store.interactions(contact.id), self.today(), entry=entry)

        def done(result: LogEntry | None) -> None:
            if result is None:
                return
            changed = replace(entry, kind=result.kind, date=result.date, **result.fields())
            self.save(
                lambda: self.store.update_interaction(changed),
                f"Saved the {result.kind.value} with {contact.name}",
            )

        self.push_screen(form, done)

    def delete_interaction(self, interaction_id: str) -> None:
        """Delete an entry (the caller has asked first)."""
        try:
            contact_id: str | None = self.store.interaction(interaction_id).contact_id
        except JournalError:
            contact_id = None  # the save says what is wrong
        self.save(lambda: self.store.delete_interaction(interaction_id), "Deleted the entry",
                  contact_id=contact_id)

    def edit_contact(self, contact_id: str | None) -> None:
        """Open the contact form: add someone (None) or edit them."""
        contact = None
        if contact_id is not None:
            try:
                contact = self.store.contact(contact_id)
            except JournalError as e:
                self.notify(str(e), severity="error", markup=False)
                return

        def done(fields: dict[str, Any] | None) -> None:
            if fields is None:
                return
            if contact is None:
                name = fields.pop("name")
                self.save(lambda: self.store.add_contact(name, **fields), f"Added {name}",
                          then=self._select_new_contact)
            else:  # applied to the contact as it is now (another process may have changed it)
                self.save(lambda: self.store.update_contact(
                    replace(self.store.contact(contact.id), **fields)), f"Saved {fields['name']}")

        from screens.forms import ContactForm

        self.push_screen(ContactForm(contact, self.today()), done)

    def snooze(self, contact_id: str) -> None:
        """Ask until when, then snooze (or end a snooze)."""
        try:
            contact = self.store.contact(contact_id)
        except JournalError as e:
            self.notify(str(e), severity="error", markup=False)
            return

        def done(result: Snooze | None) -> None:
            if result is None:
                return
            if result.until is None:
                message = f"{contact.name} is no longer snoozed"
            else:
                message = f"Snoozed {contact.name} until {long_date(result.until)}"
            self.save(lambda: self.store.update_contact(
                replace(self.store.contact(contact_id), snoozed_until=result.until)), message)

        from screens.forms import SnoozeForm

        self.push_screen(SnoozeForm(contact, self.today()), done)

    def archive(self, contact_id: str) -> None:
        """Archive someone (the caller has asked first)."""
        try:
            name = self.store.contact(contact_id).name
        except JournalError as e:
            self.notify(str(e), severity="error", markup=False)
            return
        self.save(lambda: self.store.update_contact(
            replace(self.store.contact(contact_id), archived=True)),
            f"Archived {name}. To bring them back: journal unarchive {name}")

    def save_log(self, contact_id: str, entry: LogEntry, form: LogForm | None = None) -> None:
        """Save a log entry; with the `form` it came from, close that once it is saved (keys
        typed meanwhile wait), or leave it open with the reason it was not."""
        name = self.store.contact(contact_id).name
        article = "an" if entry.kind.value[0] in "aeiou" else "a"
        what = kind_label(entry.kind)
        if entry.occasion is not None:
            what += f" ({OCCASION_WORD[entry.occasion]})"
        if form is None:
            saved = failed = None
        else:
            release = self.hold_keys()

            def saved(_: object) -> None:
                form.saved()
                release()

            def failed(message: str) -> None:
                form.not_saved(message)
                release()

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
             failed: Callable[[str], None] | None = None) -> None:
        """Apply a change to the store in a thread worker; then reload and say so.

        The change is to one person: `contact_id`, or the one of the Contact or Interaction
        the change returns; the screens then update just that person. `then` is given the
        result; `failed`, if given, is told why nothing was saved instead of a notification.
        """
        self._save_worker(change, message, then, contact_id, failed)

    @work(thread=True, group="save")
    def _save_worker(self, change: Callable[[], object], message: str,
                     then: Callable[[object], None] | None,
                     contact_id: str | None = None,
                     failed: Callable[[str], None] | None = None) -> None:
        try:
            result = change()
        except (JournalError, ValueError, OSError) as e:
            self.call_from_thread(self._save_failed, str(e), failed)
            return
        if contact_id is None:
            if isinstance(result, Contact):
                contact_id = result.id
            elif isinstance(result, Interaction):
                contact_id = result.contact_id
        self.call_from_thread(self._saved, message, result, then, contact_id)

    def _saved(self, message: str, result: object,
               then: Callable[[object], None] | None, contact_id: str | None = None) -> None:
        self.journal_changed(contact_id=contact_id)
        if then is not None:
            then(result)
        # one "Saved" at a time: working down a list, each log used to stack another toast
        # over the rows still to do
        self._take_away(lambda note: note.message in self._said_saved)
        self._said_saved = {message}
        self.notify(message, timeout=SAVED_SECONDS, markup=False)

    def _save_failed(self, message: str, failed: Callable[[str], None] | None = None) -> None:
        self.journal_changed()  # a failed save rereads the file: show what is really there
        if failed is not None:
            failed(message)
            return
        self.notify(f"Nothing was saved: {message}", severity="error", timeout=10,
                    markup=False)

    def _select_new_contact(self, contact: object) -> None:
        contacts = self._mode_screen("contacts")
        if contacts is not None and hasattr(contact, "id"):
            contacts.select_contact(contact.id)

    def screens_alive(self) -> Iterator[Screen]:
        """Every screen that exists: the base screen of each opened view and the screens over
        the current one (a view out of sight has none over it: see `action_view`)."""
        seen: set[int] = set()
        for screen in [*self._views.values(), *self.screen_stack]:
            if id(screen) not in seen:
                seen.add(id(screen))
                yield screen

    def _mode_screen(self, mode: str) -> Any:
        return self._views.get(mode)

    def journal_changed(self, contact_id: str | None = None) -> None:
        """The journal changed: every screen that shows data rereads it.

        The views of other modes (out of sight) only take note, and reread when they are
        shown again: on a big journal each reload is a pause after every save. When the
        change is known to be to one person (`contact_id`), a screen that can update just
        that person (`contact_changed`) does so.
        """
        in_sight = {id(screen) for screen in self.screen_stack}
        for screen in list(self.screens_alive()):
            if id(screen) not in in_sight and hasattr(screen, "stale"):
                screen.stale = True
                continue
            reload = getattr(screen, "reload", None)
            if contact_id is not None and callable(getattr(screen, "contact_changed", None)):
                reload = lambda screen=screen: screen.contact_changed(contact_id)  # noqa: E731
            if callable(reload) and screen.is_mounted:
                try:
                    reload()
                except JournalError as e:
                    self.notify(f"Could not show the latest journal: {e}", severity="error",
                                timeout=10, markup=False)

    def _poll(self) -> None:
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
        self.switch_mode("contacts")
        self.set_interval(POLL_SECONDS, self._poll, name="poll journal file")
        self.call_after_refresh(self.remind_review)

    def review_reminder(self) -> str | None:
        """What to say on start when the weekly review is due, or None."""
        from journal.rules import overdue
        from screens.birthdays import letters_due

        today = self.today()
        last = self.store.get_meta("last_review")
        since: int | None = None
        if last:
            try:
                since = (today - date.fromisoformat(str(last)[:10])).days
            except ValueError:
                since = None
        if since is not None and since <= REVIEW_EVERY_DAYS:
            return None
        contacts = self._mode_screen("contacts")
        waiting = contacts.waiting(today) if contacts is not None else None
        if waiting is None:  # statuses need only the latest interaction
            waiting = len(overdue(self.store.latest_pairs(), today))
        # the same letters as the birthdays view counts
        letters = letters_due(self.store, today)
        if not waiting and not letters:
            return None
        parts = []
        if waiting:
            n = waiting
            parts.append(f"{n} {'person is' if n == 1 else 'people are'} waiting")
        if letters:
            n = len(letters)
            parts.append(f"{n} birthday {'letter needs' if n == 1 else 'letters need'} "
                         "posting this week")
        keys = " and ".join(
            k for k, show in (("2 (overdue)", waiting), ("3 (birthdays)", letters)) if show
        )
        head = (f"It's been {since} days since your weekly review"
                if since is not None else "Time for a weekly review")
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
        """`App.notify`, remembering what is shown, so that one toast can be taken away."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self._shown_notes.append(
            _Note(message, title, severity, timeout, markup, time.monotonic()))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

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

    def import_contacts(self) -> None:
        _transfer().start_import(self)

    def export_journal(self, fmt: str) -> None:
        _transfer().start_export(self, fmt)

    @staticmethod
    def export_formats() -> dict[str, tuple[str, str]]:
        return _transfer().EXPORTS

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
        current = getattr(screen, "current_contact_id", None)
        contact_id = current() if callable(current) else None
        if contact_id:
            name = self.store.contact(contact_id).name
            yield SystemCommand(f"Log with {name}", "Log a letter, meeting, message or call",
                                lambda: self.log_for(contact_id))
            yield SystemCommand(f"Edit {name}", "Change their details",
                                lambda: self.edit_contact(contact_id))
            yield SystemCommand(f"Snooze {name}", "Leave them out of the overdue list for a while",
                                lambda: self.snooze(contact_id))
            yield SystemCommand(f"Timeline of {name}", "Every interaction, newest first",
                                lambda: self.open_timeline(contact_id))
        yield SystemCommand("Import contacts", "From a vCard or contacts CSV file, or a backup",
                            self.import_contacts)
        for fmt in ("vcf", "ics", "csv", "json"):
            yield SystemCommand(f"Export {fmt}", f"Write the {self.export_formats()[fmt][0]}",
                                lambda fmt=fmt: self.export_journal(fmt))
        yield SystemCommand("Keys (?)", "Every key of this screen", self.action_help)
        # Textual's own "Keys" opens a side panel that says less than `?`: one is enough
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")


def _transfer() -> Any:
    import screens.transfer

    return screens.transfer


def create_app(store: Store, today: Callable[[], date] | None = None) -> JournalApp:
    """The one way to build the app: the CLI and the tests both use it."""
    return JournalApp(store, today)


def run_app(path: Path, demo: bool = False) -> int:
    """Open the journal at `path` (or a throw-away demo copy) and run the app; exit code."""
    today = default_today
    with tempfile.TemporaryDirectory(prefix="journal-demo-") as scratch:
        try:
            if demo:  # a re-dated copy in a folder that goes when the app closes
                from journal.demo import open_demo

                path = open_demo(today(), Path(scratch))
            store = Store.open(path, today=today)
        except JournalError as e:
            print(f"journal: {e}", file=sys.stderr)
            return 1
        create_app(store, today).run()
    return 0
