"""What a history means (journal.insight), the birthday letter as a give and the late ratio
(journal.rules), and how the shell shows them (show --json, list --suggest, overdue --json,
birthdays)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from journal_command import command_env, run_in_process

from journal import fields, insight, rules
from journal.cadence import Cadence
from journal.model import Birthday, Contact, Direction, Intent, Interaction, Kind, Occasion
from journal.records import Records
from journal.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday


made = Records()


def person(**fields) -> Contact:
    fields.setdefault("created", datetime(2020, 1, 1))
    return made.contact("Aiko", id="c1", **fields)


def entry(
    day: date,
    direction: Direction = Direction.OUT,
    kind: Kind = Kind.CALL,
    **fields,
) -> Interaction:
    return made.interaction("c1", day, kind, direction=direction, **fields)


def history(*gaps: int, last: date = TODAY) -> list[Interaction]:
    """Interactions with these gaps in days between them, the last one on `last`."""
    days = [last]
    for gap in reversed(gaps):
        days.insert(0, days[0] - timedelta(days=gap))
    return [entry(d) for d in days]


# --- activity by month -----------------------------------------------------------------------


def test_activity_is_24_months_ending_this_month() -> None:
    months = insight.activity([], TODAY)
    assert len(months) == 24
    assert months[0].month == date(2024, 12, 1) and months[-1].month == date(2026, 11, 1)
    assert [m.text for m in months[:2]] == ["2024-12", "2025-01"]  # across the new year
    assert all(m.total == 0 for m in months)  # none at all: every month there, empty


def test_activity_counts_out_in_and_both_apart_by_month() -> None:
    interactions = [
        entry(date(2026, 11, 1)),
        entry(date(2026, 11, 25)),
        entry(date(2026, 11, 20), Direction.IN),
        entry(date(2026, 10, 31), Direction.BOTH, Kind.MEETING),
        entry(date(2024, 12, 1), Direction.IN),  # the first day of the first month
        entry(date(2024, 11, 30)),  # a day too old
        entry(date(2026, 11, 26)),  # future-dated (refused by logging): left out
    ]
    months = insight.activity(interactions, TODAY)
    nov, octo, first = months[-1], months[-2], months[0]
    assert (nov.out, nov.in_, nov.both, nov.total) == (2, 1, 0, 3)
    assert (octo.out, octo.in_, octo.both) == (0, 0, 1)
    assert (first.out, first.in_, first.both) == (0, 1, 0)
    assert sum(m.total for m in months) == 5


def test_activity_of_everything_on_one_day() -> None:
    months = insight.activity([entry(date(2026, 3, 9)) for _ in range(4)], TODAY)
    assert [m.total for m in months if m.total] == [4]
    assert months[15].month == date(2026, 3, 1) and months[15].out == 4


# --- suggested cadence -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "interactions",
    [
        [],  # none at all
        [entry(TODAY)],  # one interaction
        history(7, 7),  # three: two gaps
        [entry(date(2026, 3, 9)) for _ in range(6)],  # all on one day
        history(7, 7, 0),  # four entries, three days: same-day entries are one contact
        history(7, 7, 7, last=TODAY + timedelta(days=7)),  # the fourth in the future
    ],
    ids=["none", "one", "three", "one-day", "same-day", "future"],
)
def test_no_suggestion_with_too_little_history(interactions: list[Interaction]) -> None:
    assert insight.suggested_cadence(interactions, TODAY) is None
    assert not insight.drifting(person(), interactions, TODAY)


def test_suggestion_from_four_days_of_contact() -> None:
    assert insight.suggested_cadence(history(35, 35, 35), TODAY) == Cadence(5, "w")


def test_suggestion_is_the_median_not_the_mean() -> None:
    # one gap of years (mean 394 days) does not move it: still every 5 weeks
    assert insight.suggested_cadence(history(35, 35, 35, 35, 3 * 365), TODAY) == Cadence(5, "w")
    # the median, 31.5 days, is a month; the mean, 26.5, would be 4 weeks
    assert insight.suggested_cadence(history(28, 42, 35, 1), TODAY) == Cadence(1, "m")


def test_suggestion_from_gaps_of_years() -> None:
    assert insight.suggested_cadence(history(1100, 1000, 1200), TODAY) == Cadence(3, "y")
    cadence = insight.suggested_cadence(history(*[20 * 365] * 3, last=date(2025, 1, 1)), TODAY)
    assert cadence == Cadence(10, "y")
    fields.check_cadence(cadence.days, cadence.months)  # one the journal can hold


def test_suggestion_follows_the_rhythm_as_it_is_now() -> None:
    weekly_then_monthly = history(*[7] * 20, *[30] * 12)
    assert insight.suggested_cadence(weekly_then_monthly, TODAY) == Cadence(1, "m")


@pytest.mark.parametrize(
    ("days", "cadence"),
    [
        (0.4, "1d"), (1, "1d"), (7, "1w"), (10, "10d"), (10.6, "2w"), (28, "4w"), (29, "1m"),
        (30, "1m"), (31.5, "1m"), (33, "5w"), (35, "5w"), (55, "8w"),
        (56, "2m"), (91, "3m"), (365, "1y"), (400, "13m"), (547, "18m"), (1000, "3y"),
        (10 * 365, "10y"), (40 * 365, "10y"),  # a cadence is at most 10 years
    ],
)  # fmt: skip
def test_round_cadence(days: float, cadence: str) -> None:
    assert insight.round_cadence(days).text == cadence


def test_rhythm_phrase() -> None:
    assert insight.rhythm_phrase(Cadence(5, "w")) == "you are in touch about every 5 weeks"
    assert insight.rhythm_phrase(Cadence(1, "m")) == "you are in touch about every month"


@pytest.mark.parametrize(
    ("set_", "suggested", "far"),
    [
        ("1w", "2w", True), ("2w", "1w", True), ("1w", "13d", False), ("1m", "2w", True),
        ("5w", "1m", False), ("6m", "3m", True), ("6m", "4m", False), ("1y", "5m", True),
    ],
)  # fmt: skip
def test_far_is_a_factor_of_two_either_way(set_: str, suggested: str, far: bool) -> None:
    from journal.cadence import parse_cadence

    assert insight.far_from(parse_cadence(set_), parse_cadence(suggested)) is far


def test_far_from_suggested_lists_only_the_tracked_far_ones() -> None:
    weekly = history(7, 7, 7, 7)
    pairs = [
        (made.contact("Far", id="a", cadence_days=60, cadence_months=2), weekly),
        (made.contact("Close", id="b", cadence_days=7), weekly),
        (made.contact("Untracked", id="c"), weekly),
        (made.contact("New", id="d", cadence_days=60, cadence_months=2), history(7, 7)),
    ]
    found = insight.far_from_suggested(pairs, TODAY)
    assert [(c.name, s.text) for c, s in found] == [("Far", "1w")]


# --- drifting --------------------------------------------------------------------------------


def test_drifting_when_the_last_two_gaps_are_long() -> None:
    # weekly five times, then 20 and 20 days (usual 7: long is over 14); contact today
    assert insight.drifting(person(), history(7, 7, 7, 7, 7, 20, 20), TODAY)
    # one long gap, then back to the rhythm: not drifting
    assert not insight.drifting(person(), history(7, 7, 7, 7, 7, 20, 7), TODAY)
    # long gaps, then one usual one: the rhythm is back
    assert not insight.drifting(person(), history(7, 7, 7, 7, 7, 20, 20, 7), TODAY)


def test_drifting_when_the_last_gap_and_the_time_since_are_long() -> None:
    last = TODAY - timedelta(days=15)
    assert insight.drifting(person(), history(7, 7, 7, 20, last=last), TODAY)
    assert not insight.drifting(person(), history(7, 7, 7, 20, last=last), TODAY - timedelta(1))
    assert not insight.drifting(person(), history(7, 7, 7, 7, last=last), TODAY)  # one long


def test_drifting_needs_a_rhythm_before_the_long_gaps() -> None:
    # three gaps before the two long ones make a rhythm; two do not
    assert insight.drifting(person(), history(7, 7, 7, 20, 20), TODAY)
    assert not insight.drifting(person(), history(7, 7, 20, 20), TODAY)
    # the last gap and 15 days since: three gaps before them needed
    assert not insight.drifting(person(), history(7, 7, 20, last=TODAY - timedelta(15)), TODAY)


def test_gaps_of_a_week_or_less_never_drift() -> None:
    daily_then_every_few_days = history(*[1] * 10, 6, 7)
    assert not insight.drifting(person(), daily_then_every_few_days, TODAY)
    assert insight.drifting(person(), history(*[1] * 10, 8, 8), TODAY)


def test_a_gap_of_years_in_the_past_does_not_make_anyone_drift() -> None:
    interactions = history(7, 7, 7, 4 * 365, 7, 7, 7, 7)
    assert not insight.drifting(person(), interactions, TODAY)
    assert insight.suggested_cadence(interactions, TODAY) == Cadence(1, "w")


def test_never_merely_drifting_when_overdue() -> None:
    interactions = history(7, 7, 7, 7, 7, 20, last=TODAY - timedelta(days=20))
    assert insight.drifting(person(), interactions, TODAY)  # untracked
    monthly = person(cadence_days=30, cadence_months=1)
    assert insight.drifting(monthly, interactions, TODAY)  # due in 10 days: drifting
    fortnightly = person(cadence_days=14)
    assert rules.status(fortnightly, interactions, TODAY).overdue
    assert not insight.drifting(fortnightly, interactions, TODAY)  # overdue, not drifting
    snoozed = person(cadence_days=14, snoozed_until=TODAY + timedelta(days=3))
    assert not insight.drifting(snoozed, interactions, TODAY)  # past due and snoozed
    assert not insight.drifting(person(snoozed_until=TODAY + timedelta(3)), interactions, TODAY)
    assert not insight.drifting(person(archived=True), interactions, TODAY)


def test_future_dated_entries_change_nothing() -> None:
    interactions = history(7, 7, 7, 7, 7, 20, 20)
    future = [*interactions, entry(TODAY + timedelta(days=1)), entry(TODAY + timedelta(400))]
    assert insight.of(person(), future, TODAY) == insight.of(person(), interactions, TODAY)


def test_insight_of_a_person_with_nothing() -> None:
    found = insight.of(person(), [], TODAY)
    assert (found.suggested, found.drifting, found.rhythm, found.summary) == (None, False, "", "")
    found = insight.of(person(), history(7, 7, 7, 7, 7, 20, 20), TODAY)
    assert found.summary == (
        "you are in touch about every week; drifting: in touch less often than usual lately"
    )


# --- the birthday letter counts as a give ----------------------------------------------------


def birthday_letter(day: date, **fields) -> Interaction:
    return entry(day, kind=Kind.LETTER, occasion=Occasion.BIRTHDAY, **fields)


def test_a_birthday_letter_counts_as_a_give() -> None:
    letter = birthday_letter(date(2026, 11, 1))
    assert rules.intent_of(letter) is Intent.GIVE
    bal = rules.balance([letter], TODAY)
    assert (bal.gives_12m, bal.last_give) == (1, date(2026, 11, 1))


def test_a_birthday_letter_after_an_ask_means_no_give_next() -> None:
    ask = entry(date(2026, 10, 1), intent=Intent.ASK)
    assert rules.give_next([ask], TODAY)
    assert rules.give_next([ask, entry(date(2026, 11, 1))], TODAY)  # a plain call: not a give
    assert not rules.give_next([ask, birthday_letter(date(2026, 11, 1))], TODAY)


@pytest.mark.parametrize(
    "interaction",
    [
        birthday_letter(date(2026, 11, 1), direction=Direction.IN),  # their letter
        entry(date(2026, 11, 1), kind=Kind.CALL, occasion=Occasion.BIRTHDAY),  # a call
        entry(date(2026, 11, 1), kind=Kind.LETTER, occasion=Occasion.SEASON),
        entry(date(2026, 11, 1), kind=Kind.LETTER),
    ],
    ids=["incoming", "call", "season-card", "plain-letter"],
)
def test_only_a_birthday_letter_sent_counts(interaction: Interaction) -> None:
    assert rules.intent_of(interaction) is None
    assert rules.balance([interaction], TODAY).gives_12m == 0


def test_an_intent_set_on_a_birthday_letter_stands() -> None:
    letter = birthday_letter(date(2026, 11, 1), intent=Intent.ASK)
    assert rules.intent_of(letter) is Intent.ASK
    assert rules.balance([letter], TODAY).asks_12m == 1 and rules.give_next([letter], TODAY)
    both = birthday_letter(date(2026, 11, 1), direction=Direction.BOTH)
    assert rules.intent_of(both) is Intent.GIVE


# --- the review explains itself --------------------------------------------------------------


def test_late_ratio_is_what_overdue_orders_by() -> None:
    weekly = made.contact("Weekly", id="w", cadence_days=7, created=datetime(2026, 1, 1))
    yearly = made.contact("Yearly", id="y", cadence_days=365, cadence_months=12,
                          created=datetime(2026, 1, 1))
    untracked = made.contact("Untracked", id="u", created=datetime(2026, 1, 1))
    pairs = [
        (yearly, [entry(date(2025, 11, 15))]),  # 10 days late
        (weekly, [entry(date(2026, 11, 8))]),  # 10 days late
        (untracked, [entry(date(2026, 11, 20), Direction.IN)]),  # owes a reply
    ]
    order = rules.overdue(pairs, TODAY)
    assert [st.contact.name for st in order] == ["Weekly", "Untracked", "Yearly"]
    ratios = [rules.late_ratio(st) for st in order]
    assert ratios[0] == pytest.approx(10 / 7) and ratios[2] == pytest.approx(10 / 365)
    assert ratios[1] is None
    assert [insight.late_percent(st) for st in order] == [143, None, 3]
    assert rules.late_ratio(order[0]) == order[0].urgency
    early = rules.status(weekly, [entry(date(2026, 11, 22))], TODAY)  # due in 4 days
    assert insight.late_percent(early) == -57


@pytest.mark.parametrize(
    ("post_by", "phrase"),
    [
        (date(2026, 11, 24), "post-by passed"),
        (date(2026, 10, 1), "post-by passed"),
        (date(2026, 11, 25), "post today"),
        (date(2026, 11, 26), "post by Thu"),
        (date(2026, 12, 1), "post by Tue"),
        (date(2026, 12, 2), "post by Wed 2 Dec"),  # a week away: Wed alone would be today
        (date(2026, 12, 16), "post by Wed 16 Dec"),
        (date(2027, 1, 4), "post by Mon 4 Jan"),
    ],
)
def test_post_by_phrase(post_by: date, phrase: str) -> None:
    assert insight.post_by_phrase(post_by, TODAY) == phrase


# --- the shell -------------------------------------------------------------------------------


def journal(*args: str, file: Path, today: date = TODAY) -> str:
    env = command_env({"JOURNAL_TODAY": today.isoformat()})
    result = run_in_process([*args, "--file", str(file)], env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def as_json(*args: str, file: Path, today: date = TODAY):
    return orjson.loads(journal(*args, "--json", file=file, today=today))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Aiko: tracked monthly, in touch weekly (far), drifting lately is not her.
    Ben: untracked, weekly then two gaps of 20 days (drifting). Cleo: one call."""
    path = tmp_path / "journal.json"
    store = Store.open(path)
    with store.batch():
        aiko = store.add_contact("Aiko Tanaka", cadence_days=60, cadence_months=2,
                                 birthday=Birthday(12, 1, 1990))  # fmt: skip
        for i, day in enumerate([TODAY - timedelta(days=7 * n) for n in range(5, -1, -1)]):
            direction = Direction.OUT if i % 2 else Direction.IN  # the last one out
            store.add_interaction(aiko.id, Kind.CALL, day, direction=direction)
        ben = store.add_contact("Ben Okafor")
        for day in [date(2026, 9, 1), date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22),
                    date(2026, 10, 12), date(2026, 11, 1)]:  # fmt: skip
            store.add_interaction(ben.id, Kind.MEETING, day, direction=Direction.BOTH)
        cleo = store.add_contact("Cleo", cadence_days=7)
        store.add_interaction(cleo.id, Kind.CALL, date(2026, 11, 10))
    store.close()
    return path


def test_show_json_carries_suggestion_drifting_and_activity(path: Path) -> None:
    aiko = as_json("show", "Aiko", file=path)["contact"]
    assert (aiko["cadence"], aiko["suggested_cadence"], aiko["drifting"]) == ("2m", "1w", False)
    activity = aiko["activity"]
    assert len(activity) == 24 and activity[0] == {"month": "2024-12", "out": 0, "in": 0,
                                                    "both": 0}  # fmt: skip
    assert activity[-2:] == [
        {"month": "2026-10", "out": 1, "in": 1, "both": 0},  # 21 and 28 October
        {"month": "2026-11", "out": 2, "in": 2, "both": 0},
    ]
    ben = as_json("show", "Ben", file=path)["contact"]
    assert (ben["suggested_cadence"], ben["drifting"]) == ("1w", True)
    assert [m["both"] for m in ben["activity"][-3:]] == [4, 1, 1]
    cleo = as_json("show", "Cleo", file=path)["contact"]
    assert (cleo["suggested_cadence"], cleo["drifting"]) == (None, False)
    assert sum(m["out"] for m in cleo["activity"]) == 1


def rhythm_line(name: str, path: Path) -> str | None:
    lines = journal("show", name, file=path).splitlines()
    found = [line.split(None, 1)[1] for line in lines if line.startswith("  Rhythm ")]
    return found[0].strip() if found else None


def test_show_says_the_rhythm(path: Path) -> None:
    assert rhythm_line("Aiko", path) == "you are in touch about every week"
    assert rhythm_line("Ben", path) == (
        "you are in touch about every week; drifting: in touch less often than usual lately"
    )
    assert rhythm_line("Cleo", path) is None


def test_list_suggest(path: Path) -> None:
    docs = as_json("list", "--suggest", file=path)
    assert [(d["name"], d["cadence"], d["suggested_cadence"]) for d in docs] == [
        ("Aiko Tanaka", "2m", "1w")
    ]
    lines = journal("list", "--suggest", file=path).splitlines()
    assert lines[0].split() == ["Name", "Set", "Suggested"]
    assert lines[1].split() == ["Aiko", "Tanaka", "every", "2", "months", "about", "every", "week"]
    assert len(lines) == 2
    journal("edit", "Aiko", "--cadence", "13d", file=path)  # within a factor of two now
    assert as_json("list", "--suggest", file=path) == []
    assert journal("list", "--suggest", file=path) == (
        "No one's cadence is far from how often you are in touch.\n"
    )


def test_list_suggest_keeps_tag_and_all(path: Path) -> None:
    assert as_json("list", "--suggest", "--tag", "nobody", file=path) == []
    journal("archive", "Aiko", file=path)
    assert as_json("list", "--suggest", file=path) == []
    assert [d["name"] for d in as_json("list", "--suggest", "--all", file=path)] == [
        "Aiko Tanaka"
    ]


def test_overdue_json_says_how_late_against_the_cadence(path: Path) -> None:
    docs = as_json("overdue", file=path)
    assert [(d["name"], d["days_late"], d["late_ratio"]) for d in docs] == [
        ("Cleo", 8, 1.143)  # 8 days late on a weekly cadence
    ]


def test_birthdays_say_post_by_the_weekday(path: Path) -> None:
    # Aiko's birthday is Tue 1 Dec; post by 3 days before: Sat 28 Nov
    assert "post by Sat\n" in journal("birthdays", file=path)
    assert "post by Sat 28 Nov\n" in journal("birthdays", file=path, today=date(2026, 11, 10))
    assert "post today\n" in journal("birthdays", file=path, today=date(2026, 11, 28))
    assert "post-by passed\n" in journal("birthdays", file=path, today=date(2026, 11, 30))
    journal("log", "Aiko", "letter", "--for", "birthday", file=path)
    text = journal("birthdays", file=path)
    assert "done\n" in text and "post" not in text
    bal = as_json("show", "Aiko", file=path)["contact"]["balance"]
    assert (bal["gives_12m"], bal["last_give"]) == (1, "2026-11-25")  # the letter is a give
    assert "[give, birthday]" in journal("show", "Aiko", file=path)
