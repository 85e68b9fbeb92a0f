"""The journal's clock: what today is, and what time it is now.

One `Clock` is made at each entry point (the shell's `main`, the app's `run_app`) and passed
down to the store and the commands. It is the real clock, or one frozen on a day by
`JOURNAL_TODAY=YYYY-MM-DD` (demos, tests, benchmarks): then today is that day, and now is that
day at the real time of day, so records made one after another keep their order and a person
added on the frozen day is due from that day, in the shell and in the app alike.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime

ENV_TODAY = "JOURNAL_TODAY"


class ClockError(ValueError):
    """JOURNAL_TODAY is set to something that is not a date."""


class Clock:
    """The real clock, or (with `day`) one frozen on that day. (A plain class: a dataclass
    would be a millisecond of every command's start.)"""

    __slots__ = ("day",)

    def __init__(self, day: date | None = None) -> None:
        self.day = day

    def __repr__(self) -> str:
        return f"Clock({self.day!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Clock) and other.day == self.day

    def __hash__(self) -> int:
        return hash(self.day)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Clock:
        """Frozen on JOURNAL_TODAY when it is set; ClockError when it is not a date."""
        raw = (os.environ if environ is None else environ).get(ENV_TODAY, "").strip()
        if not raw:
            return cls()
        try:
            return cls(date.fromisoformat(raw))
        except ValueError:
            raise ClockError(
                f'{ENV_TODAY}="{raw}" is not a date: use YYYY-MM-DD, or unset it'
            ) from None

    @property
    def frozen(self) -> bool:
        return self.day is not None

    def today(self) -> date:
        return self.day if self.day is not None else date.today()

    def now(self) -> datetime:
        """Local time, to the microsecond (on the frozen day, at the real time of day)."""
        return now_on(self.today())


def now_on(day: date) -> datetime:
    """The real time of day, on `day` (today's: the real now)."""
    real = datetime.now()
    return real if real.date() == day else datetime.combine(day, real.time())
