"""Command palette entries for people: `ctrl+p`, type part of a name, its reading, its romaji
or a tag, pick "Open …" (their timeline) or "Log with …". People are found by
`journal.matching`, as by the `/` filter and the shell, the best match first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.message import Message

from journal.matching import Haystack, Rank, ranked
from journal.model import Contact
from journal.text import visible
from screens.messages import LogRequested, Request, TimelineRequested, journal_of

MAX_PEOPLE = 15  # each offered twice: open and log
OPEN_WORDS = ("open", "timeline", "o")
LOG_WORDS = ("log", "l")


class PeopleCommands(Provider):
    """Open anyone's timeline, or log with them, by typing part of their name."""

    async def startup(self) -> None:
        store = journal_of(self.app).store
        self.people: list[tuple[Contact, Haystack]] = [
            (c, h) for c, h in store.haystacks() if not c.archived]

    def _current(self) -> Contact | None:
        """The person under the cursor of the screen below, if any."""
        current = getattr(self.screen, "current_contact_id", None)
        contact_id = current() if callable(current) else None
        return next((c for c, _ in self.people if c.id == contact_id), None)

    async def discover(self) -> Hits:
        """Before anything is typed: the person under the cursor."""
        if (contact := self._current()) is not None:
            for verb, action, text, help_text in self._commands(contact):
                yield DiscoveryHit(Content(verb) + _label(contact), action, text=text,
                                   help=help_text)

    async def search(self, query: str) -> Hits:
        words = query.split()
        verb = words[0].casefold() if words else ""
        wants_log, wants_open = verb in LOG_WORDS, verb in OPEN_WORDS
        typed = " ".join(words[1:] if wants_log or wants_open else words)
        if not typed:
            return
        # Above Textual's fuzzy scores for the app's own commands when the person's name (or
        # reading, romaji, tag) begins with what was typed: the best match is a person then.
        top = self.matcher(typed).match(typed)
        for n, (rank, contact) in enumerate(ranked(self.people, typed)[:MAX_PEOPLE]):
            score = top * (1.5 - rank / 10) - n / 1000
            for verb_text, action, text, help_text in self._commands(contact):
                is_log = verb_text.startswith("Log")
                if (wants_log and not is_log) or (wants_open and is_log):
                    continue
                yield Hit(score - (0.0005 if is_log else 0),
                          Content(verb_text) + _label(contact, rank), action, text=text,
                          help=help_text)

    def _commands(self, contact: Contact) -> list[tuple[str, partial, str, str]]:
        ask = self.app.post_message  # the app acts on the request (screens.messages)
        return [
            ("Open ", partial(_ask, ask, TimelineRequested, contact.id),
             f"Open {visible(contact.name)}", "their timeline and details"),
            ("Log with ", partial(_ask, ask, LogRequested, contact.id),
             f"Log with {visible(contact.name)}", "a letter, meeting, message or call"),
        ]


def _ask(post: Callable[[Message], bool], request: Callable[[str], Request],
         contact_id: str) -> None:
    post(request(contact_id))


def _label(contact: Contact, rank: Rank | None = None) -> Content:
    """`伊藤 翔太  いとう しょうた`, with the tags when a tag is what matched."""
    label = Content(visible(contact.name))
    if contact.reading:
        label += Content.styled(f"  {visible(contact.reading)}", "$text-muted")
    if rank is Rank.TAG or (rank is Rank.INSIDE and contact.tags):
        tags = " ".join(f"#{visible(t)}" for t in contact.tags)
        label += Content.styled(f"  {tags}", "$text-muted")
    return label
