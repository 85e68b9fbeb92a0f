"""Command palette entries for people: `ctrl+p`, type part of a name (or reading), pick
"Open … timeline" or "Log with …"."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content

from screens.contacts import fold
from screens.text import safe, safe_content

MAX_HITS = 30


class PeopleCommands(Provider):
    """Open anyone's timeline, or log with them, by typing part of their name."""

    async def startup(self) -> None:
        people = self.app.store.contacts()  # type: ignore[attr-defined]
        self.people = [(c.id, c.name, c.reading, fold(f"{c.name} {c.reading}"))
                       for c in people]

    async def search(self, query: str) -> Hits:
        words = fold(query).split()
        wants_log = bool(words) and words[0] in ("log", "l")
        wants_open = bool(words) and words[0] in ("open", "timeline", "o")
        if wants_log or wants_open:
            words = words[1:]
        if not words:
            return
        app = self.app
        current = getattr(self.screen, "current_contact_id", None)
        skip = current() if callable(current) else None  # offered by the app's own commands
        found = 0
        for contact_id, name, reading, text in self.people:
            if contact_id == skip or not all(w in text for w in words):
                continue
            score = 1.0 if text.startswith(words[0]) else 0.8
            label = safe_content(name) + (safe_content(f"  {reading}", "$text-muted")
                                          if reading else Content(""))
            if not wants_log:
                yield Hit(score, Content("Open ") + label,
                          partial(app.open_timeline, contact_id),  # type: ignore[attr-defined]
                          text=f"Open {safe(name)}", help="their timeline and details")
            if not wants_open:
                yield Hit(score * 0.9, Content("Log with ") + label,
                          partial(app.log_for, contact_id),  # type: ignore[attr-defined]
                          text=f"Log with {safe(name)}", help="a letter, meeting, message or call")
            found += 1
            if found >= MAX_HITS:
                return
