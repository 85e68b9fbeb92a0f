"""Unit tests for journal.rules."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from journal import rules
from journal.dates import months_between
from journal.matching import match_name
from journal.model import (
    Birthday,
    Contact,
    Direction,
    Intent,
    Interaction,
    Kind,
    Occasion,
    Touch,
)
from journal.records import Records

TODAY = date(2026, 6, 15)


made = Records()


def person(name: str = "Aiko", **kw) -> Contact:
    kw.setdefault("created", datetime(2026, 1, 1, 9, 0))
    return made.contact(name, **kw)


def touch(
    d: date,
    kind: Kind = Kind.MEETING,
    direction: Direction = Direction.OUT,
    intent: Intent | None = None,
    occasion: Occasion | None = None,
    contact_id: str = "c",
) -> Interaction:
    """Made at noon of its day, after every touch made before it."""
    return made.interaction(contact_id, d, kind, direction=direction, intent=intent,
                            occasion=occasion)


def ordered(*items: Interaction) -> list[Interaction]:
    return sorted(items, key=lambda i: i.order_key)


def ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


# --- last contact and status --------------------------------------------------------------


def test_last_contact_any_direction():
    assert rules.last_contact([]) is None
    hist = ordered(touch(ago(10)), touch(ago(3), direction=Direction.IN))
    assert rules.last_contact(hist) == ago(3)


def test_due_after_last_interaction():
    c = person(cadence_days=30)
    st = rules.status(c, [touch(ago(31))], TODAY)
    assert st.next_due == ago(1)
    assert st.days_late == 1
    assert st.overdue and st.needs_attention
    assert st.urgency == pytest.approx(1 / 30)


def test_due_exactly_today_is_not_overdue():
    st = rules.status(person(cadence_days=30), [touch(ago(30))], TODAY)
    assert st.days_late == 0
    assert not st.overdue and not st.needs_attention


def test_not_yet_due_has_negative_days_late():
    st = rules.status(person(cadence_days=30), [touch(ago(20))], TODAY)
    assert st.days_late == -10
    assert not st.overdue


def test_due_counts_from_created_without_interactions():
    c = person(cadence_days=14, created=datetime(2026, 5, 1, 23, 59))
    st = rules.status(c, [], TODAY)
    assert st.last_contact is None
    assert st.next_due == date(2026, 5, 15)
    assert st.days_late == 31
    assert st.overdue


def test_untracked_contact():
    st = rules.status(person(), [touch(ago(400))], TODAY)
    assert st.next_due is None and st.days_late is None
    assert not st.overdue and not st.needs_attention
    assert st.urgency == 0.0


def test_reply_owed_when_latest_came_in():
    hist = ordered(touch(ago(20)), touch(ago(5), kind=Kind.MESSAGE, direction=Direction.IN))
    st = rules.status(person(cadence_days=90), hist, TODAY)
    assert st.reply_owed and not st.overdue and st.needs_attention
    assert st.urgency == pytest.approx(5 / 7)


def test_no_reply_owed_after_later_outgoing():
    hist = ordered(touch(ago(5), direction=Direction.IN), touch(ago(2)))
    assert not rules.status(person(), hist, TODAY).reply_owed


def test_both_direction_settles_reply():
    hist = ordered(touch(ago(5), direction=Direction.IN), touch(ago(2), direction=Direction.BOTH))
    assert not rules.status(person(), hist, TODAY).reply_owed


def test_reply_owed_same_day_follows_log_order():
    d = ago(1)
    out_then_in = [touch(d), touch(d, direction=Direction.IN)]
    in_then_out = [touch(d, direction=Direction.IN), touch(d)]
    assert rules.status(person(), ordered(*out_then_in), TODAY).reply_owed
    assert not rules.status(person(), ordered(*in_then_out), TODAY).reply_owed


def test_snooze_hides_until_the_date_and_back_on_it():
    until = date(2026, 6, 20)
    c = person(cadence_days=7, snoozed_until=until)
    hist = [touch(ago(30))]
    before = rules.status(c, hist, until - timedelta(days=1))
    assert before.snoozed and not before.overdue and not before.needs_attention
    assert rules.overdue([(c, hist)], until - timedelta(days=1)) == []
    on = rules.status(c, hist, until)
    assert not on.snoozed and on.overdue and on.needs_attention
    assert [s.contact for s in rules.overdue([(c, hist)], until)] == [c]


def test_snooze_hides_reply_owed_too():
    c = person(snoozed_until=TODAY + timedelta(days=3))
    st = rules.status(c, [touch(ago(2), direction=Direction.IN)], TODAY)
    assert st.reply_owed and not st.needs_attention


# --- overdue list -------------------------------------------------------------------------


def test_overdue_sorted_by_relative_lateness():
    weekly = person("Weekly", cadence_days=7)
    yearly = person("Yearly", cadence_days=365)
    monthly = person("Monthly", cadence_days=30)
    pairs = [
        (yearly, [touch(ago(375))]),
        (monthly, [touch(ago(40))]),
        (weekly, [touch(ago(17))]),
    ]
    result = rules.overdue(pairs, TODAY)
    assert [s.contact.name for s in result] == ["Weekly", "Monthly", "Yearly"]
    assert all(s.days_late == 10 for s in result)


def test_overdue_includes_reply_owed_before_due_and_untracked():
    fresh = person("Fresh", cadence_days=365)
    untracked = person("Loose")
    quiet = person("Quiet", cadence_days=365)
    pairs = [
        (fresh, [touch(ago(14), direction=Direction.IN)]),
        (untracked, [touch(ago(7), direction=Direction.IN)]),
        (quiet, [touch(ago(3))]),
    ]
    result = rules.overdue(pairs, TODAY)
    assert [s.contact.name for s in result] == ["Fresh", "Loose"]
    assert [s.urgency for s in result] == [2.0, 1.0]
    assert all(s.reply_owed and not s.overdue for s in result)


def test_overdue_ties_broken_by_name_and_reading():
    b = person("Bob", cadence_days=10)
    a = person("Zed", reading="aaa", cadence_days=10)
    c = person("Cat", cadence_days=10)
    pairs = [(c, [touch(ago(20))]), (b, [touch(ago(20))]), (a, [touch(ago(20))])]
    assert [s.contact.name for s in rules.overdue(pairs, TODAY)] == ["Zed", "Bob", "Cat"]


def test_overdue_excludes_archived():
    gone = person("Gone", cadence_days=7, archived=True)
    owes = person("Owes", archived=True)
    pairs = [(gone, [touch(ago(100))]), (owes, [touch(ago(1), direction=Direction.IN)])]
    assert rules.overdue(pairs, TODAY) == []


# --- birthdays ----------------------------------------------------------------------------


def test_next_birthday_later_this_year_and_next_year():
    b = Birthday(7, 1, 1990)
    assert rules.next_birthday(b, TODAY) == date(2026, 7, 1)
    assert rules.next_birthday(Birthday(6, 14), TODAY) == date(2027, 6, 14)


def test_next_birthday_today():
    assert rules.next_birthday(Birthday(6, 15), TODAY) == TODAY


def test_next_birthday_across_year_end():
    assert rules.next_birthday(Birthday(1, 2), date(2026, 12, 31)) == date(2027, 1, 2)
    assert rules.next_birthday(Birthday(12, 31), date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 10), date(2027, 2, 28)),  # non-leap: 28 February
        (date(2027, 2, 28), date(2027, 2, 28)),  # the day itself
        (date(2027, 3, 1), date(2028, 2, 29)),  # next year is leap
        (date(2028, 2, 28), date(2028, 2, 29)),  # leap year: the real day
        (date(2028, 3, 1), date(2029, 2, 28)),
    ],
)
def test_next_birthday_29_february(today, expected):
    assert rules.next_birthday(Birthday(2, 29, 2000), today) == expected
    assert rules.next_birthday(Birthday(2, 29), today) == expected


def test_birthday_entry_none_without_birthday():
    assert rules.birthday_entry(person(), [], TODAY) is None


def test_birthday_entry_fields():
    c = person(birthday=Birthday(6, 25, 1980))
    e = rules.birthday_entry(c, [], TODAY)
    assert e is not None
    assert e.next_birthday == date(2026, 6, 25)
    assert e.post_by == date(2026, 6, 22)
    assert e.age == 46
    assert e.days_until == 10
    assert not e.done and not e.post_due


def test_birthday_entry_yearless_has_no_age():
    e = rules.birthday_entry(person(birthday=Birthday(6, 25)), [], TODAY)
    assert e is not None and e.age is None


def test_birthday_today_age_and_post_due():
    e = rules.birthday_entry(person(birthday=Birthday(6, 15, 2000)), [], TODAY)
    assert e is not None
    assert e.days_until == 0 and e.age == 26
    assert e.post_due


def test_post_by_uses_lead_days():
    c = person(birthday=Birthday(6, 25), letter_lead_days=10)
    e = rules.birthday_entry(c, [], TODAY)
    assert e is not None and e.post_by == TODAY and e.post_due
    later = rules.birthday_entry(c, [], TODAY - timedelta(days=1))
    assert later is not None and not later.post_due


def test_post_by_passed_is_due_until_done():
    c = person(birthday=Birthday(6, 17))
    e = rules.birthday_entry(c, [], TODAY)
    assert e is not None and e.post_by < TODAY and e.post_due
    letter = touch(ago(0), kind=Kind.LETTER, occasion=Occasion.BIRTHDAY)
    done = rules.birthday_entry(c, [letter], TODAY)
    assert done is not None and done.done and not done.post_due


@pytest.mark.parametrize(("before", "done"), [(0, True), (30, True), (31, False)])
def test_letter_window_30_days(before, done):
    bday = date(2026, 7, 10)
    c = person(birthday=Birthday(7, 10))
    letter = touch(bday - timedelta(days=before), kind=Kind.LETTER)
    e = rules.birthday_entry(c, [letter], TODAY)
    assert e is not None and e.done is done


def test_only_outgoing_letters_mark_done():
    c = person(birthday=Birthday(6, 20))
    not_letter = touch(ago(1), kind=Kind.CALL, occasion=Occasion.BIRTHDAY)
    incoming = touch(ago(1), kind=Kind.LETTER, direction=Direction.IN)
    e = rules.birthday_entry(c, ordered(not_letter, incoming), TODAY)
    assert e is not None and not e.done
    both = touch(ago(1), kind=Kind.LETTER, direction=Direction.BOTH, occasion=Occasion.THANKS)
    e = rules.birthday_entry(c, [both], TODAY)
    assert e is not None and e.done


def test_last_years_letter_does_not_mark_next_birthday_done():
    c = person(birthday=Birthday(6, 10))
    letter = touch(date(2026, 6, 8), kind=Kind.LETTER)
    e = rules.birthday_entry(c, [letter], TODAY)
    assert e is not None and e.next_birthday == date(2027, 6, 10) and not e.done


def test_upcoming_birthdays_window_order_and_archived():
    a = person("Ann", birthday=Birthday(7, 1))
    b = person("Ben", birthday=Birthday(6, 20))
    z = person("Zoe", birthday=Birthday(6, 20))
    edge = person("Edge", birthday=Birthday(8, 14))  # today + 60
    far = person("Far", birthday=Birthday(8, 15))  # today + 61
    today_ = person("Now", birthday=Birthday(6, 15))
    gone = person("Gone", birthday=Birthday(6, 16), archived=True)
    none = person("None")
    pairs = [(c, []) for c in (a, z, b, edge, far, today_, gone, none)]
    names = [e.contact.name for e in rules.upcoming_birthdays(pairs, TODAY)]
    assert names == ["Now", "Ben", "Zoe", "Ann", "Edge"]
    assert names_in(rules.upcoming_birthdays(pairs, TODAY, days=4)) == ["Now"]
    assert names_in(rules.upcoming_birthdays(pairs, TODAY, days=5)) == ["Now", "Ben", "Zoe"]


def names_in(entries: list[rules.BirthdayEntry]) -> list[str]:
    return [e.contact.name for e in entries]


def test_upcoming_birthdays_across_year_end():
    today = date(2026, 12, 20)
    jan = person("Jan", birthday=Birthday(1, 5))
    dec = person("Dec", birthday=Birthday(12, 30))
    pairs = [(jan, []), (dec, [])]
    result = rules.upcoming_birthdays(pairs, today, days=30)
    assert [(e.contact.name, e.next_birthday) for e in result] == [
        ("Dec", date(2026, 12, 30)),
        ("Jan", date(2027, 1, 5)),
    ]


# --- give and ask -------------------------------------------------------------------------


def test_balance_counts_outgoing_within_12_months():
    hist = ordered(
        touch(date(2025, 6, 15), intent=Intent.GIVE),  # exactly 12 months ago: counts
        touch(date(2025, 6, 14), intent=Intent.GIVE),  # a day earlier: does not
        touch(date(2026, 3, 1), intent=Intent.ASK),
        touch(date(2026, 4, 1), intent=Intent.ASK, direction=Direction.IN),  # theirs
        touch(date(2026, 5, 1), intent=Intent.GIVE, direction=Direction.BOTH),
    )
    b = rules.balance(hist, TODAY)
    assert b == rules.Balance(
        gives_12m=2, asks_12m=1, last_give=date(2026, 5, 1), last_ask=date(2026, 3, 1)
    )


def test_balance_last_over_all_history():
    b = rules.balance([touch(date(2020, 1, 1), intent=Intent.ASK)], TODAY)
    assert b == rules.Balance(0, 0, None, date(2020, 1, 1))
    assert rules.balance([], TODAY) == rules.Balance(0, 0, None, None)


def test_balance_12_months_from_month_end():
    today = date(2026, 2, 28)
    hist = ordered(
        touch(date(2025, 2, 27), intent=Intent.ASK), touch(date(2025, 2, 28), intent=Intent.ASK)
    )
    assert rules.balance(hist, today).asks_12m == 1


def test_cold_ask_without_recent_outgoing():
    ask = touch(TODAY, intent=Intent.ASK)
    hist = ordered(touch(ago(91)), touch(ago(10), direction=Direction.IN), ask)
    assert rules.is_cold_ask(ask, hist)


def test_warm_ask_at_exactly_90_days():
    ask = touch(TODAY, intent=Intent.ASK)
    hist = ordered(touch(ago(90)), ask)
    assert not rules.is_cold_ask(ask, hist)
    hist = ordered(touch(ago(91)), ask)
    assert rules.is_cold_ask(ask, hist)


def test_earlier_asks_do_not_warm_an_ask():
    ask = touch(TODAY, intent=Intent.ASK)
    hist = ordered(touch(ago(5), intent=Intent.ASK), ask)
    assert rules.is_cold_ask(ask, hist)


def test_same_day_and_later_contact_does_not_warm_an_ask():
    ask = touch(TODAY, intent=Intent.ASK)
    hist = ordered(touch(TODAY, intent=Intent.GIVE), ask, touch(TODAY + timedelta(days=1)))
    assert rules.is_cold_ask(ask, hist)


def test_outgoing_give_or_both_warms_an_ask():
    ask = touch(TODAY, intent=Intent.ASK)
    assert not rules.is_cold_ask(ask, ordered(touch(ago(30), intent=Intent.GIVE), ask))
    assert not rules.is_cold_ask(ask, ordered(touch(ago(30), direction=Direction.BOTH), ask))


def test_only_outgoing_asks_can_be_cold():
    their_ask = touch(TODAY, intent=Intent.ASK, direction=Direction.IN)
    give = touch(TODAY, intent=Intent.GIVE)
    assert not rules.is_cold_ask(their_ask, [their_ask])
    assert not rules.is_cold_ask(give, [give])


def test_would_be_cold_ask():
    hist = ordered(touch(ago(90)), touch(ago(2), intent=Intent.ASK))
    assert not rules.would_be_cold_ask(hist, TODAY)
    assert rules.would_be_cold_ask(hist, TODAY + timedelta(days=1))
    assert rules.would_be_cold_ask([], TODAY)


def test_give_next():
    assert not rules.give_next([], TODAY)
    more_asks = ordered(
        touch(ago(50), intent=Intent.ASK),
        touch(ago(40), intent=Intent.ASK),
        touch(ago(30), intent=Intent.GIVE),
        touch(ago(1)),
    )
    assert rules.give_next(more_asks, TODAY)
    last_was_ask = ordered(
        touch(ago(50), intent=Intent.GIVE),
        touch(ago(40), intent=Intent.GIVE),
        touch(ago(2), intent=Intent.ASK),
        touch(ago(1), direction=Direction.IN),
    )
    assert rules.give_next(last_was_ask, TODAY)
    settled = ordered(
        touch(ago(50), intent=Intent.ASK), touch(ago(40), intent=Intent.GIVE), touch(ago(1))
    )
    assert not rules.give_next(settled, TODAY)


def test_give_next_old_asks_do_not_count():
    hist = ordered(touch(date(2024, 1, 1), intent=Intent.ASK), touch(ago(3)))
    assert not rules.give_next(hist, TODAY)


# --- card seasons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "season"),
    [
        (date(2026, 9, 30), 2026),
        (date(2026, 10, 1), 2027),
        (date(2026, 12, 31), 2027),
        (date(2027, 1, 1), 2027),
        (date(2027, 1, 15), 2027),
    ],
)
def test_season_of_and_current_season(d, season):
    assert rules.season_of(d) == season
    assert rules.current_season(d) == season


def test_season_dates():
    assert rules.season_start(2027) == date(2026, 10, 1)
    assert rules.season_post_by(2027) == date(2026, 12, 25)
    assert rules.season_post_by(2027, 12, 21) == date(2026, 12, 21)


def card(d: date, direction: Direction = Direction.OUT) -> Interaction:
    return touch(d, kind=Kind.LETTER, direction=direction, occasion=Occasion.SEASON)


def names(contacts: list[Contact]) -> list[str]:
    return [c.name for c in contacts]


def test_card_season_lists():
    listed = person("Listed", season_cards=True)
    sent = person("Sent", season_cards=True)
    owed = person("Owed")
    both = person("Both")
    lapsed = person("Lapsed")  # a card two seasons ago
    old = person("Old")  # a card three seasons ago
    stranger = person("Stranger")
    pairs = [
        (listed, []),
        (sent, [card(date(2026, 12, 1))]),
        (owed, [card(date(2027, 1, 2), Direction.IN)]),
        (both, ordered(card(date(2026, 12, 20)), card(date(2027, 1, 1), Direction.IN))),
        (lapsed, [card(date(2025, 1, 1), Direction.IN)]),
        (old, [card(date(2024, 1, 1))]),
        (stranger, [touch(date(2026, 12, 1))]),
    ]
    cs = rules.card_season(pairs, 2027)
    assert cs.season == 2027 and cs.post_by == date(2026, 12, 25)
    assert names(cs.to_send) == ["Owed", "Lapsed", "Listed"]
    assert names(cs.sent) == ["Both", "Sent"]
    assert names(cs.received) == ["Both", "Owed"]
    assert names(cs.owed) == ["Owed"]
    assert cs.skipped == []


def test_card_season_boundary_30_sep_1_oct():
    c = person("Early")
    pairs = [(c, [card(date(2026, 9, 30))])]
    assert names(rules.card_season(pairs, 2026).sent) == ["Early"]
    assert rules.card_season(pairs, 2027).sent == []
    pairs = [(c, [card(date(2026, 10, 1))])]
    assert names(rules.card_season(pairs, 2027).sent) == ["Early"]
    assert rules.card_season(pairs, 2026).sent == []


def test_card_season_previous_season_card_puts_on_list():
    c = person("Last")
    pairs = [(c, [card(date(2025, 12, 28))])]  # season 2026
    assert names(rules.card_season(pairs, 2027).to_send) == ["Last"]
    assert names(rules.card_season(pairs, 2028).to_send) == ["Last"]
    assert rules.card_season(pairs, 2029).to_send == []


def test_card_season_skipped_by_no_cards_until():
    mourning = person(
        "Mourning", season_cards=True, no_cards_until=date(2026, 12, 31), no_cards_reason="mourning"
    )
    owed = person("OwedButMourning", no_cards_until=date(2026, 10, 2))
    ended = person("Ended", season_cards=True, no_cards_until=date(2026, 10, 1))
    pairs = [(mourning, []), (owed, [card(date(2027, 1, 1), Direction.IN)]), (ended, [])]
    cs = rules.card_season(pairs, 2027)
    assert names(cs.skipped) == ["Mourning", "OwedButMourning"]
    assert cs.skipped[0].no_cards_reason == "mourning"
    assert names(cs.to_send) == ["Ended"]
    assert cs.owed == []
    assert names(cs.received) == ["OwedButMourning"]


def test_card_season_archived_left_out():
    gone = person("Gone", season_cards=True, archived=True)
    pairs = [(gone, [card(date(2026, 12, 1)), card(date(2027, 1, 1), Direction.IN)])]
    cs = rules.card_season(pairs, 2027)
    assert cs.to_send == cs.sent == cs.received == cs.owed == cs.skipped == []


def test_card_season_custom_post_by_and_sort_by_reading():
    a = person("山田 花子", reading="やまだ はなこ", season_cards=True)
    b = person("Aiko", season_cards=True)
    c = person("伊藤", reading="いとう", season_cards=True)
    cs = rules.card_season([(a, []), (b, []), (c, [])], 2027, post_by=date(2026, 12, 20))
    assert cs.post_by == date(2026, 12, 20)
    assert names(cs.to_send) == ["Aiko", "伊藤", "山田 花子"]


# --- names --------------------------------------------------------------------------------


@pytest.fixture
def people() -> list[Contact]:
    return [
        person("Aiko Tanaka", reading="たなか あいこ"),
        person("Aina Sato"),
        person("山田 花子", reading="やまだ はなこ"),
        person("山田 太郎", reading="やまだ たろう"),
        person("Bob"),
        person("Bobby Jones"),
        person("Christopher Lee"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bob", "Bob"),  # exact beats the prefix of Bobby
        ("BOBBY", "Bobby Jones"),
        ("aiko", "Aiko Tanaka"),  # unique prefix
        ("tanaka", "Aiko Tanaka"),  # prefix of a word of the name
        ("たなか", "Aiko Tanaka"),  # prefix of the reading
        ("はなこ", "山田 花子"),  # a word of the reading
        ("やまだ はなこ", "山田 花子"),  # exact reading
        ("山田 花", "山田 花子"),
        ("山田\u3000花子", "山田 花子"),  # ideographic space
        ("花子", "山田 花子"),
        ("stop", "Christopher Lee"),  # unique substring
        ("ｂｏｂ", "Bob"),  # full-width letters
    ],
)
def test_match_name(people, query, expected):
    assert match_name(people, query).name == expected


def test_match_name_prefix_beats_substring(people):
    extra = [*people, person("Mina"), person("Ina")]
    assert match_name(extra, "in").name == "Ina"


@pytest.mark.parametrize("query", ["ai", "やまだ", "山田", "a"])
def test_match_name_ambiguous(people, query):
    with pytest.raises(rules.AmbiguousName) as err:
        match_name(people, query)
    assert len(err.value.candidates) >= 2


def test_ambiguous_message_lists_names_and_readings(people):
    with pytest.raises(rules.AmbiguousName) as err:
        match_name(people, "やまだ")
    assert {c.name for c in err.value.candidates} == {"山田 花子", "山田 太郎"}
    message = str(err.value)
    assert "山田 花子 (やまだ はなこ)" in message
    assert "山田 太郎 (やまだ たろう)" in message


def test_two_exact_matches_are_ambiguous():
    twins = [person("Ken"), person("Ken"), person("Kenji")]
    with pytest.raises(rules.AmbiguousName) as err:
        match_name(twins, "ken")
    assert len(err.value.candidates) == 2


def test_exact_reading_match_wins():
    contacts = [person("山田 花子", reading="やまだ"), person("山田 太郎", reading="やまだ たろう")]
    assert match_name(contacts, "やまだ").name == "山田 花子"


@pytest.mark.parametrize("query", ["Zed", "", "   "])
def test_match_name_not_found(people, query):
    with pytest.raises(rules.NameNotFound) as err:
        match_name(people, query)
    assert isinstance(err.value, LookupError)
    if query == "Zed":
        assert str(err.value) == 'no one called "Zed" in the journal'


def test_match_name_empty_journal():
    with pytest.raises(rules.NameNotFound):
        match_name([], "Aiko")


def test_normalize_names_is_normalize_name_of_each():
    # NFKC and case folding done on all the names at once must not join them across the NUL:
    # half-width kana and their sound marks, combining accents, ligatures, odd spaces.
    pieces = [
        "a", "B", " ", "\t", "\u3000", "ｶ", "ﾞ", "ﾟ", "\u0301", "\u0308", "ß", "ﬁ", "Σ", "ς",
        "İ", "\u200b", "가", "\u1100", "\u1161", "①", "Ａ", "\u00a0", "\n", "\x1c",
    ]  # fmt: skip
    rng = random.Random(1)
    for _ in range(3000):
        count = rng.randint(0, 6)
        texts = ["".join(rng.choices(pieces, k=rng.randint(0, 6))) for _ in range(count)]
        assert rules.normalize_names(texts) == [rules.normalize_name(t) for t in texts], texts
    assert rules.normalize_names(["a\0b", "C"]) == ["a\0b", "c"]


# --- what the rules compute fast, against how they are defined -------------------------------


def _give_next_by_definition(interactions, today):
    latest_out = next((i for i in reversed(interactions) if i.direction.is_outgoing), None)
    if latest_out is None:
        return False
    if latest_out.intent is Intent.ASK:
        return True
    b = rules.balance(interactions, today)
    return b.asks_12m > b.gives_12m


def test_give_next_reads_only_as_far_back_as_it_must_and_agrees():
    rng = random.Random(2)
    for _ in range(3000):
        history = sorted(
            (
                touch(
                    TODAY + timedelta(days=rng.randint(-800, 20)),
                    direction=rng.choice(list(Direction)),
                    intent=rng.choice([None, Intent.GIVE, Intent.ASK]),
                )
                for _ in range(rng.randint(0, 10))
            ),
            key=lambda i: i.order_key,
        )
        expected = _give_next_by_definition(history, TODAY)
        assert rules.give_next(history, TODAY) == expected
        assert rules.give_next_newest_first(iter(history[::-1]), TODAY) == expected


def test_needs_attention_agrees_with_status():
    rng = random.Random(3)
    for _ in range(3000):
        c = person(
            cadence_days=rng.choice([None, 0, 1, 7, 30, 365]),
            snoozed_until=rng.choice([None, TODAY, TODAY + timedelta(days=3), date(2026, 1, 1)]),
            created=datetime(2026, rng.randint(1, 6), 1, 9, 0),
        )
        on = TODAY - timedelta(days=rng.randint(-2, 90))
        history = rng.choice([[], [touch(on, direction=rng.choice(list(Direction)))]])
        st = rules.status(c, history, TODAY)
        assert rules.needs_attention(c, history, TODAY) == st.needs_attention
        touches = [Touch(i.date, i.direction) for i in history]  # what a store keeps of them
        assert rules.status(c, touches, TODAY) == st
        assert rules.overdue([(c, touches)], TODAY) == rules.overdue([(c, history)], TODAY)


def test_year_before_is_twelve_calendar_months():
    day = date(2001, 1, 1)
    while day < date(2030, 1, 1):
        assert rules.year_before(day) == day - relativedelta(months=12), day
        day += timedelta(days=1)


def test_months_between_counts_as_relativedelta_does():
    rng = random.Random(4)
    month_starts = [date(2023 + m // 12, m % 12 + 1, 1) for m in range(24)]
    starts = [s + timedelta(days=d) for s in month_starts for d in (0, 14)]
    starts += [s - timedelta(days=d) for s in month_starts[1:] for d in (1, 2, 3)]  # month ends
    for early in starts:
        for late in [early + timedelta(days=rng.randint(0, 1500)) for _ in range(40)]:
            between = relativedelta(late, early)
            assert months_between(early, late) == between.years * 12 + between.months, (early, late)
