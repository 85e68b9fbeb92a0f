"""The season's card list (`4`): who to send New Year cards to, and who has had one.

One table with a label row per group: owed (they sent one, reply soon), to send, skipped
(with the reason) and sent. The label rows are skipped by the cursor. `l` logs a season card
for the person under the cursor, who moves to "sent" at once; `[` and `]` show the season
before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from journal import queries, rules
from journal.model import Contact, Kind, Occasion
from screens.messages import LogRequested
from screens.review import SECTION_PREFIX, ReviewScreen, Row
from screens.text import Palette, day_month


class CardsScreen(ReviewScreen):
    """One season's cards: owed, to send, sent, skipped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log card"),
        Binding("left_square_bracket", "season(-1)", "Prev season"),
        Binding("right_square_bracket", "season(1)", "Next season"),
    ]

    MODE = "cards"
    FLEX_COLUMNS = (0, 3)  # the name gives way first, then the note ("reply soon" matters)
    EMPTY_HINT = (
        "People appear here when they are on the card list (e on the contacts screen),\n"
        "or when a season card went either way in the two seasons before."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.season: int | None = None  # None: the season to work on today

    def columns(self) -> Sequence[str]:
        return ("Name", "Sent", "Received", "Note")

    def rows(self) -> list[Row]:
        today = self.today
        season = self.season if self.season is not None else rules.current_season(today)
        pal = self.palette
        found = queries.card_list(self.store, season)
        cs = found.cards
        groups = [
            ("owed", "Owed", cs.owed, pal.warning),
            ("to-send", "To send", found.to_send_not_owed, pal.primary),
            # the skipped before the sent: a small group, kept in sight on a short screen
            ("skipped", "Skipped", cs.skipped, pal.muted),
            ("sent", "Sent", cs.sent, pal.success),
        ]
        rows: list[Row] = []
        for group, label, people, style in groups:
            if not people:
                continue
            rows.append(
                Row(
                    key=SECTION_PREFIX + group,
                    cells=(Text(f"{label} ({len(people)})", style=style + pal.bold),),
                    section_row=True,
                )
            )
            for contact in people:
                sent, received = found.sent_on(contact), found.received_on(contact)
                rows.append(
                    Row(
                        key=contact.id,
                        section=group,
                        cells=(
                            Text(contact.name),
                            Text(day_month(sent), style=pal.success) if sent else Text(""),
                            Text(day_month(received)) if received else Text(""),
                            self._note(group, contact, pal),
                        ),
                    )
                )
        to_send = f"{len(cs.to_send)} to send"
        if cs.owed:  # the owed are among those to send, listed first
            to_send += f" ({len(cs.owed)} owed)"
        counts = [f"{len(people)} {word}" for people, word in
                  ((cs.skipped, "skipped"), (cs.sent, "sent")) if people]
        self.set_title(f"New Year {season} cards", f"post by {day_month(cs.post_by)}", to_send,
                       *counts)
        self.set_empty(f"No one to send New Year {season} cards to.\n\n{self.EMPTY_HINT}")
        return rows

    @staticmethod
    def _note(group: str, contact: Contact, pal: Palette) -> Text:
        if group == "skipped":
            # the date first: a long reason is what gets cut on a narrow screen
            until = contact.no_cards_until
            reason = contact.no_cards_reason or "no cards"
            if until is not None:
                reason = f"until {until.day} {until:%b %Y}: {reason}"
            return Text(reason, style=pal.muted)
        note = Text("they sent one: reply soon", style=pal.warning) if group == "owed" else Text()
        if group in ("owed", "to-send") and not contact.address.strip():
            note.append(" · " if note else "", style=pal.muted)
            note.append("no postal address", style=pal.muted)
        return note

    def action_log(self) -> None:
        if (cid := self.current_key()) is not None:
            self.app.post_message(LogRequested(cid, Kind.LETTER, Occasion.SEASON))

    def action_season(self, step: int) -> None:
        today = self.today
        current = self.season if self.season is not None else rules.current_season(today)
        self.season = current + step
        if self.season == rules.current_season(today):
            self.season = None
        if self.table.row_count:
            self.table.move_cursor(row=0)  # start at the top of the new list
        self.reload()
