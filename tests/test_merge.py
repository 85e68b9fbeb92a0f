"""Merging two copies of a journal (`journal.merge`): the rules, and their laws under random
divergence (commutative, idempotent, nothing added on one side lost)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.merge import (
    MergeCounts,
    Tables,
    merge_tables,
    utc_stamp,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def stamp(minutes: int) -> str:
    return utc_stamp(T0 + timedelta(minutes=minutes))


def contact(cid: str, name: str, minutes: int = 0, **fields: Any) -> dict:
    return {"id": cid, "name": name, "created": "2026-01-01T00:00:00",
            "changed": stamp(minutes), **fields}  # fmt: skip


def entry(iid: str, cid: str, day: str, minutes: int = 0, note: str = "") -> dict:
    return {"id": iid, "contact_id": cid, "kind": "call", "date": day, "note": note,
            "created": "2026-01-01T00:00:00", "changed": stamp(minutes)}  # fmt: skip


def journal(contacts=(), interactions=(), stones=(), **meta: Any) -> Tables:
    return {
        "meta": {"1": {"schema": 3, **meta}},
        "contacts": {str(n): c for n, c in enumerate(contacts, 1)},
        "interactions": {str(n): i for n, i in enumerate(interactions, 1)},
        "tombstones": {str(n): s for n, s in enumerate(stones, 1)},
    }


def records(tables: Tables) -> dict[str, dict[str, dict]]:
    """The records of each table by their id: what merging must agree on."""
    return {
        name: {doc["id"]: doc for doc in tables[name].values()}
        for name in ("contacts", "interactions", "tombstones")
    }


def test_each_side_adds_and_the_merge_holds_both() -> None:
    base = [contact("a", "Aiko")]
    ours = journal(base + [contact("b", "Ben", 5)], [entry("i1", "a", "2026-12-01", 5)])
    theirs = journal(base + [contact("c", "Chloe", 6)], [entry("i2", "a", "2026-12-02", 6)])
    merged, counts = merge_tables(ours, theirs)
    assert set(records(merged)["contacts"]) == {"a", "b", "c"}
    assert set(records(merged)["interactions"]) == {"i1", "i2"}
    assert counts == MergeCounts(added=2, updated=0, removed=0, unchanged=3)


def test_the_later_change_wins_and_ties_break_the_same_both_ways() -> None:
    ours = journal([contact("a", "Aiko", 1, notes="old")])
    theirs = journal([contact("a", "Aiko", 2, notes="new")])
    assert merge_tables(ours, theirs)[0]["contacts"]["1"]["notes"] == "new"
    assert merge_tables(theirs, ours)[0]["contacts"]["1"]["notes"] == "new"
    tie_a = journal([contact("a", "Aiko", 3, notes="x")])
    tie_b = journal([contact("a", "Aiko", 3, notes="y")])
    assert (merge_tables(tie_a, tie_b)[0]["contacts"]["1"]
            == merge_tables(tie_b, tie_a)[0]["contacts"]["1"])  # fmt: skip


def test_a_tombstone_keeps_an_older_copy_from_bringing_a_record_back() -> None:
    ours = journal(
        [contact("a", "Aiko")],
        [entry("i1", "a", "2026-12-01")],
        [{"id": "i2", "table": "interactions", "deleted": stamp(10)}],
    )
    theirs = journal(
        [contact("a", "Aiko")], [entry("i1", "a", "2026-12-01"), entry("i2", "a", "2026-12-02")]
    )
    merged, counts = merge_tables(ours, theirs)
    assert set(records(merged)["interactions"]) == {"i1"}
    assert set(records(merged)["tombstones"]) == {"i2"}
    assert not counts.changed_anything
    merged, counts = merge_tables(theirs, ours)
    assert set(records(merged)["interactions"]) == {"i1"} and counts.removed == 1


def test_a_deleted_person_takes_their_history_even_entries_logged_elsewhere() -> None:
    ours = journal([], [], [{"id": "a", "table": "contacts", "deleted": stamp(10)}])
    theirs = journal([contact("a", "Aiko")], [entry("i9", "a", "2026-12-03", 20)])
    merged, _ = merge_tables(ours, theirs)
    assert records(merged)["contacts"] == {} and records(merged)["interactions"] == {}


def test_our_records_keep_their_doc_ids_and_new_ones_follow() -> None:
    ours = journal([contact("a", "Aiko"), contact("b", "Ben")])
    theirs = journal([contact("z", "Zoe"), contact("a", "Aiko")])
    merged, _ = merge_tables(ours, theirs)
    assert [(k, d["id"]) for k, d in merged["contacts"].items()] == [
        ("1", "a"), ("2", "b"), ("3", "z")
    ]  # fmt: skip


def test_settings_merge_key_by_key() -> None:
    ours = journal(last_review="2026-11-01", changed={"last_review": stamp(1)}, theme="dark")
    theirs = journal(last_review="2026-12-01", changed={"last_review": stamp(2)}, vdir="/x")
    meta = merge_tables(ours, theirs)[0]["meta"]["1"]
    assert meta["last_review"] == "2026-12-01" and meta["theme"] == "dark"
    assert meta["vdir"] == "/x" and meta["schema"] == 3


def test_the_file_layout_stays_ours_tables_and_settings_in_our_order() -> None:
    ours = journal([contact("a", "Aiko")], last_review="x", changed={"last_review": stamp(1)})
    ours["meta"]["1"] = {"schema": 4, "last_review": "x", "changed": {"last_review": stamp(1)}}
    ours["extra"] = {"1": {"kept": True}}
    theirs = journal([contact("a", "Aiko")], theme="dark")
    merged, _ = merge_tables(ours, theirs)
    # interactions last, where the store appends a logged entry to the file's end
    assert list(merged) == ["meta", "contacts", "tombstones", "extra", "interactions"]
    assert merged["extra"] == {"1": {"kept": True}}
    assert list(merged["meta"]["1"]) == ["schema", "last_review", "changed", "theme"]


def test_inputs_are_not_modified() -> None:
    ours = journal([contact("a", "Aiko", 1)])
    theirs = journal([contact("a", "Aiko", 2, notes="n")])
    before = copy.deepcopy((ours, theirs))
    merge_tables(ours, theirs)
    assert (ours, theirs) == before


# --- laws, on random divergence from a common base -------------------------------------------

NAMES = st.sampled_from(["Aiko", "Ben", "Chloe", "Dan", "Emi"])
OPS = st.lists(
    st.tuples(st.sampled_from(["add", "log", "edit", "unlog", "delete"]), NAMES, st.integers(0, 9)),
    max_size=12,
)


def diverge(base: Tables, ops: list, side: str, start: int) -> tuple[Tables, set[str]]:
    """`base` changed by `ops` on one device; also the ids it added and did not delete."""
    tables = copy.deepcopy(base)
    added: set[str] = set()
    clock = start
    for n, (op, name, pick) in enumerate(ops):
        clock += 1
        people = [d for d in tables["contacts"].values()]
        logs = list(tables["interactions"].values())
        doc_id = str(max(map(int, tables["contacts"] | tables["interactions"]), default=0) + 1)
        if op == "add" or not people:
            rid = f"{side}c{n}"
            tables["contacts"][doc_id] = contact(rid, name, clock)
            added.add(rid)
        elif op == "log":
            rid = f"{side}i{n}"
            who = people[pick % len(people)]["id"]
            tables["interactions"][doc_id] = entry(rid, who, f"2026-12-0{1 + pick % 9}", clock)
            added.add(rid)
        elif op == "edit":  # the notes, or (an odd step) the phones
            doc = people[pick % len(people)]
            field, value = ("phones", [f"+81 {side}{n}"]) if n % 2 else ("notes", f"{side}{n}")
            doc.update({field: value, "changed": stamp(clock)})
        elif op == "unlog" and logs:
            gone = logs[pick % len(logs)]
            _delete(tables, "interactions", gone["id"], clock)
            added.discard(gone["id"])
        elif op == "delete":
            gone = people[pick % len(people)]
            _delete(tables, "contacts", gone["id"], clock)
            added.discard(gone["id"])
            for doc in list(tables["interactions"].values()):
                if doc["contact_id"] == gone["id"]:
                    _delete(tables, "interactions", doc["id"], clock)
                    added.discard(doc["id"])
    return tables, added


def _delete(tables: Tables, table: str, rid: str, clock: int) -> None:
    key = next(k for k, d in tables[table].items() if d["id"] == rid)
    del tables[table][key]
    stones = tables["tombstones"]
    stones[str(len(stones) + 1)] = {"id": rid, "table": table, "deleted": stamp(clock)}


BASE = journal(
    [contact("a", "Aiko"), contact("b", "Ben")],
    [entry("i1", "a", "2026-11-01"), entry("i2", "b", "2026-11-02")],
)


@pytest.mark.parametrize("ancestor", [None, BASE], ids=["copies", "with the ancestor"])
@settings(max_examples=150, deadline=None)
@given(OPS, OPS, st.integers(0, 20))
def test_merging_is_commutative_idempotent_and_keeps_what_each_side_added(
    ancestor: Tables | None, ops_a: list, ops_b: list, offset: int
) -> None:
    a, added_a = diverge(BASE, ops_a, "A", 0)
    b, added_b = diverge(BASE, ops_b, "B", offset)
    ab, _ = merge_tables(a, b, ancestor)
    ba, _ = merge_tables(b, a, ancestor)
    assert records(ab) == records(ba)
    again, counts = merge_tables(ab, b, ancestor)
    assert records(again) == records(ab) and not counts.changed_anything
    assert not merge_tables(ab, ab, ancestor)[1].changed_anything
    kept = set(records(ab)["contacts"]) | set(records(ab)["interactions"])
    deleted = set(records(ab)["tombstones"])
    deleted_people = {s["id"] for s in ab["tombstones"].values() if s["table"] == "contacts"}
    for rid in added_a | added_b:
        owner = next(
            (d["contact_id"] for t in (a, b) for d in t["interactions"].values() if d["id"] == rid),
            None,
        )
        assert rid in kept or rid in deleted or owner in deleted_people, rid
    if ancestor is None:
        return
    # a field only one side changed since the ancestor has that side's value
    was, mine, other = (records(t)["contacts"] for t in (ancestor, a, b))
    for rid, doc in records(ab)["contacts"].items():
        if rid in was and rid in mine and rid in other:
            for field in ("notes", "phones"):
                old = was[rid].get(field)
                va, vb = mine[rid].get(field), other[rid].get(field)
                if va != old and vb == old:
                    assert doc.get(field) == va
                elif vb != old and va == old:
                    assert doc.get(field) == vb


# --- with the common ancestor (git's merge driver) ------------------------------------------


def test_with_the_ancestor_each_side_keeps_the_fields_it_changed() -> None:
    base = journal([contact("a", "Aiko", 0, notes="", phones=["+81 1"])])
    ours = journal([contact("a", "Aiko", 5, notes="", phones=["+81 2"])])  # a new phone
    theirs = journal([contact("a", "Aiko", 9, notes="moved to Kobe", phones=["+81 1"])])
    for first, second in ((ours, theirs), (theirs, ours)):
        merged, counts = merge_tables(first, second, base)
        [aiko] = records(merged)["contacts"].values()
        assert (aiko["phones"], aiko["notes"]) == (["+81 2"], "moved to Kobe")
        assert aiko["changed"] == stamp(9)
    # without the ancestor the later record wins whole: the phone edited earlier is lost
    [aiko] = records(merge_tables(ours, theirs)[0])["contacts"].values()
    assert aiko["phones"] == ["+81 1"]


def test_with_the_ancestor_a_field_both_changed_takes_the_later_value() -> None:
    base = journal([contact("a", "Aiko", 0, notes="old")])
    ours = journal([contact("a", "Aiko", 5, notes="ours")])
    theirs = journal([contact("a", "Aiko", 9, notes="theirs", org="Waseda")])
    for first, second in ((ours, theirs), (theirs, ours)):
        [aiko] = records(merge_tables(first, second, base)[0])["contacts"].values()
        assert (aiko["notes"], aiko["org"]) == ("theirs", "Waseda")


def test_with_the_ancestor_a_tie_on_a_field_both_changed_settles_the_same_every_time() -> None:
    # both changed the phones in the same minute, one also the notes: the tie is broken on the
    # phones' values alone, so both orders agree and merging again changes nothing (breaking it
    # on the whole records let the merged notes tip the next merge the other way)
    base = journal([contact("a", "Aiko", 0)])
    ours = journal([contact("a", "Aiko", 2, phones=["+81 A1"])])
    theirs = journal([contact("a", "Aiko", 2, notes="B0", phones=["+81 B1"])])
    merged, _ = merge_tables(ours, theirs, base)
    assert records(merged) == records(merge_tables(theirs, ours, base)[0])
    for other in (ours, theirs):
        again, counts = merge_tables(merged, other, base)
        assert records(again) == records(merged) and not counts.changed_anything
    [aiko] = records(merged)["contacts"].values()
    assert aiko["notes"] == "B0" and aiko["phones"] == ["+81 B1"]  # "B1" > "A1"


def test_with_the_ancestor_the_side_that_changed_wins_whatever_its_clock_said() -> None:
    # their device's clock is behind: its edit is stamped before the ancestor's last change
    base = journal([contact("a", "Aiko", 10, notes="")])
    ours = copy.deepcopy(base)  # not changed here
    theirs = journal([contact("a", "Aiko", 5, notes="moved to Kobe")])
    for first, second in ((ours, theirs), (theirs, ours)):
        [aiko] = records(merge_tables(first, second, base)[0])["contacts"].values()
        assert aiko["notes"] == "moved to Kobe"
    [aiko] = records(merge_tables(ours, theirs)[0])["contacts"].values()
    assert aiko["notes"] == ""  # without the ancestor, the later stamp wins
