"""The chart's cells (screens/activity.py) and the timeline search's matching
(journal.matching.entry_matches): pure functions, no app."""

from __future__ import annotations

from datetime import date

from rich.style import Style

from journal.insight import MonthActivity, activity
from journal.matching import entry_matches, fold
from journal.model import Direction, Interaction, Kind, Occasion
from journal.records import Records
from screens.activity import BARS, EMPTY, axis, bar, chart, compact

made = Records()


def entry(day: date, direction: Direction = Direction.OUT, note: str = "", channel: str = "",
          kind: Kind = Kind.CALL, occasion: Occasion | None = None) -> Interaction:
    return made.interaction("c", day, kind, direction=direction, channel=channel, note=note,
                            occasion=occasion)


def test_a_month_without_contact_is_a_dot_and_any_contact_is_a_block() -> None:
    assert bar(0, 9) == EMPTY and bar(0, 0) == EMPTY
    assert bar(1, 100) == BARS[0]  # one call in a busy person's quiet month still shows
    assert bar(9, 9) == BARS[-1]
    assert [bar(n, 8) for n in range(1, 9)] == list(BARS)


def test_a_meeting_counts_in_both_rows_and_the_years_stand_under_january() -> None:
    today = date(2026, 11, 25)
    months = activity([entry(date(2026, 11, 2), Direction.BOTH),
                       entry(date(2025, 1, 5), Direction.IN),
                       entry(date(2025, 1, 9), Direction.IN)], today)
    out, in_, years = chart(months).plain.split("\n")
    assert out.startswith("out ") and in_.startswith("in  ")
    assert out[4:] == EMPTY * 23 + BARS[3]  # the meeting: half the busiest month
    assert in_[4:] == EMPTY * 1 + BARS[-1] + EMPTY * 21 + BARS[3]
    assert years == "    " + " 2025" + " " * 8 + "2026"


def test_the_axis_names_the_first_year_only_when_it_fits_before_january() -> None:
    def months(last: date) -> list[MonthActivity]:
        return list(activity([], last))

    assert axis(months(date(2026, 11, 1)))[:5] == " 2025"  # Dec 2024 first: no room for 2024
    assert axis(months(date(2026, 5, 1))).startswith("2024")  # Jun 2024 first


def test_compact_is_the_last_twelve_months_either_way() -> None:
    today = date(2026, 11, 25)
    months = activity([entry(date(2026, 10, 1), Direction.IN), entry(date(2025, 11, 1))], today)
    cells = compact(months, Style(), Style())
    assert cells.plain == EMPTY * 10 + BARS[-1] + EMPTY


def test_entry_search_folds_width_case_and_kana_and_needs_every_word() -> None:
    i = entry(date(2026, 1, 1), note="Lunch at the カフェ\nsecond line", channel="LINE",
              kind=Kind.MEETING, occasion=Occasion.THANKS)
    assert entry_matches(fold("ｌｉｎｅ").split(), i)
    assert entry_matches(fold("かふぇ lunch").split(), i)
    assert entry_matches(fold("second meeting thanks").split(), i)
    assert not entry_matches(fold("lunch dinner").split(), i)
    assert entry_matches([], i)
