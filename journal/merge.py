"""Folding two copies of one journal together, record by record.

Sync engines (Syncthing, Dropbox, git...) move the journal file between devices but cannot merge
it: when two devices change it between syncs, one copy is set aside. `merge_tables` folds such
a copy in. It works on the file's tables as read, before records are built, so it needs no more
of a record than what every record carries for it:

- `id`: stable across copies;
- `changed`: the UTC time of its last change (ISO 8601, `Z`, microseconds), kept by the store;
- a deletion leaves a tombstone `{"id", "table", "deleted"}` in the `tombstones` table.

Rules, chosen so that merging is commutative (A into B and B into A give the same records) and
idempotent (merging a copy again changes nothing), and so that nothing added on one side is
lost:

- a record on one side only is kept, unless a tombstone names it (deletion is final: an older
  copy cannot bring a deleted record back);
- a record on both sides: the later `changed` wins; equal times are broken by the record's
  canonical bytes (the larger wins), so both orders choose the same;
- with the copies' common ancestor (`base`: git gives its merge driver one), a record only one
  side changed takes that side's version, whatever the two clocks said; a record both sides
  changed is merged field by field: a field only one side changed takes that side's value, a
  field both changed the value of the later change, so a phone number edited on one device
  and a note on the other are both kept;
- the interactions of a deleted person go with them;
- tombstones are united, the later deletion time kept; settings merge key by key by the same
  rule as records, each key with its own change time in `meta["changed"]`.

Records kept from our side keep their doc ids (so a `git diff` shows only what changed); added
records get the next ids, in a deterministic order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson

Tables = dict[str, dict[str, Any]]

RECORD_TABLES = ("contacts", "interactions")
TOMBSTONES = "tombstones"
META = "meta"
META_DOC_ID = "1"
META_CHANGED = "changed"  # in the meta document: {setting: UTC time of its last change}
UNKNOWN = ""  # the change time of a record from before change times: older than any


def utc_stamp(moment: datetime | None = None) -> str:
    """`2026-12-06T01:20:00.123456Z`: the change times records carry (sortable as text)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class MergeCounts(NamedTuple):  # not a dataclass: a millisecond less of every start
    """What a merge did to our side."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.added + other.added,
            self.updated + other.updated,
            self.removed + other.removed,
            self.unchanged + other.unchanged,
        )

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def canonical(doc: Any) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


def _later(a: Any, a_changed: str, b: Any, b_changed: str) -> Any:
    """The later of two versions of one thing; equal times give the larger canonical form."""
    if a_changed != b_changed:
        return a if a_changed > b_changed else b
    if a == b:  # the common case of a record neither side changed: no need to encode it
        return a
    return a if canonical(a) >= canonical(b) else b


def changed_of(doc: dict) -> str:
    value = doc.get("changed")
    return value if isinstance(value, str) else UNKNOWN


def _by_id(table: dict[str, Any]) -> dict[str, dict]:
    """{record id: record} of a table."""
    return {doc["id"]: doc for doc in table.values()}


def merge_tombstones(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, dict]:
    """{record id: tombstone} of both sides; a record deleted on both keeps the later time."""
    merged: dict[str, dict] = {}
    for stone in (*ours.values(), *theirs.values()):
        have = merged.get(stone["id"])
        if have is None or _later(stone, stone["deleted"], have, have["deleted"]) is stone:
            merged[stone["id"]] = stone
    return merged


def _merge_meta(ours: dict, theirs: dict) -> dict:
    """Settings key by key: the later change of each wins. The schema is ours (the caller
    brings their copy to our schema first)."""
    ours_changed = ours.get(META_CHANGED) or {}
    theirs_changed = theirs.get(META_CHANGED) or {}
    # our keys in our order (a stable file), then theirs that we lack
    merged: dict[str, Any] = dict.fromkeys(ours)
    merged["schema"] = ours.get("schema")
    changed: dict[str, str] = {}
    own = {META_CHANGED, "schema"}
    keys = [k for k in ours if k not in own] + sorted(set(theirs) - set(ours) - own)
    for key in keys:
        ours_has, theirs_has = key in ours, key in theirs
        if ours_has and theirs_has:
            a, b = ours[key], theirs[key]
            ta, tb = ours_changed.get(key, UNKNOWN), theirs_changed.get(key, UNKNOWN)
            merged[key] = _later(a, ta, b, tb)
            when = max(ta, tb)
        elif ours_has:
            merged[key], when = ours[key], ours_changed.get(key, UNKNOWN)
        else:
            merged[key], when = theirs[key], theirs_changed.get(key, UNKNOWN)
        if when:
            changed[key] = when
    if changed:
        merged[META_CHANGED] = changed
    else:
        merged.pop(META_CHANGED, None)
    return merged


_ABSENT = object()  # a field a version of a record lacks


def _later_value(a: Any, a_changed: str, b: Any, b_changed: str) -> Any:
    """`_later` for one field's two values (either may be _ABSENT: the field removed, which
    loses a tie to any value)."""
    if a_changed == b_changed and (a is _ABSENT or b is _ABSENT):
        return b if a is _ABSENT else a
    return _later(a, a_changed, b, b_changed)


def _field_by_field(a: dict, b: dict, base: dict) -> dict:
    """One record changed on both sides since `base`: each field one side changed takes that
    side's value; a field both changed, the value of the later change (equal times: the
    larger value, so that both orders, and merging again, agree)."""
    ta, tb = changed_of(a), changed_of(b)
    later = _later(a, ta, b, tb)
    merged: dict[str, Any] = {}
    for key in [*later, *sorted((a.keys() | b.keys()) - later.keys())]:
        va, vb, vo = a.get(key, _ABSENT), b.get(key, _ABSENT), base.get(key, _ABSENT)
        if va == vb or vb == vo:
            value = va
        elif va == vo:
            value = vb
        else:
            value = _later_value(va, ta, vb, tb)
        if value is not _ABSENT:
            merged[key] = value
    merged["changed"] = max(ta, tb)
    return merged


def _merge_records(
    ours: dict[str, Any], theirs: dict[str, Any], gone: Iterable[str],
    base: dict[str, Any] | None = None,
) -> dict[str, dict]:
    """{record id: the winning record} of one table, without the deleted ids."""
    mine, other = _by_id(ours), _by_id(theirs)
    ancestor = _by_id(base) if base else {}
    gone = set(gone)
    merged = {rid: doc for rid, doc in other.items() if rid not in mine and rid not in gone}
    for rid, a in mine.items():
        if rid in gone:
            continue
        b = other.get(rid)
        # the same on both sides, the common case, is settled by one comparison in C
        if b is None or a == b:
            merged[rid] = a
        elif (o := ancestor.get(rid)) is not None:
            merged[rid] = b if o == a else a if o == b else _field_by_field(a, b, o)
        else:
            merged[rid] = _later(a, changed_of(a), b, changed_of(b))
    return merged


def _new_doc_ids(table: dict[str, Any]) -> Iterable[str]:
    n = max(map(int, table), default=0)
    while True:
        n += 1
        yield str(n)


def _placed(
    ours_table: dict[str, Any], merged: dict[str, dict], order_key: Any
) -> tuple[dict[str, dict], MergeCounts]:
    """The merged records as a table: ours at their doc ids, new ones after them."""
    table: dict[str, dict] = {}
    added = updated = unchanged = 0
    kept_ids: set[str] = set()
    for doc_id, doc in ours_table.items():
        winner = merged.get(doc["id"])
        if winner is None:
            continue
        kept_ids.add(doc["id"])
        table[doc_id] = winner
        if winner is doc or winner == doc:
            unchanged += 1
        else:
            updated += 1
    fresh = sorted((d for rid, d in merged.items() if rid not in kept_ids), key=order_key)
    for doc_id, doc in zip(_new_doc_ids(ours_table), fresh, strict=False):
        table[doc_id] = doc
        added += 1
    removed = len(ours_table) - len(kept_ids)
    return table, MergeCounts(added, updated, removed, unchanged)


def _contact_order(doc: dict) -> tuple:
    return (doc.get("created") or "", doc["id"])


def _interaction_order(doc: dict) -> tuple:
    return (doc.get("date") or "", doc.get("created") or "", doc["id"])


def merge_tables(ours: Tables, theirs: Tables, base: Tables | None = None
                 ) -> tuple[Tables, MergeCounts]:
    """Our tables with theirs folded in, and what changed on our side. None is modified.
    `base`, when known, is the copies' common ancestor (see the module's rules)."""
    base = base or {}
    stones = merge_tombstones(ours.get(TOMBSTONES, {}), theirs.get(TOMBSTONES, {}))
    contacts = _merge_records(ours.get("contacts", {}), theirs.get("contacts", {}), stones,
                              base.get("contacts"))
    orphans = {
        doc["id"]
        for table in (ours.get("interactions", {}), theirs.get("interactions", {}))
        for doc in table.values()
        if doc.get("contact_id") not in contacts
    }
    interactions = _merge_records(
        ours.get("interactions", {}), theirs.get("interactions", {}), stones.keys() | orphans,
        base.get("interactions"),
    )
    result: Tables = {
        META: {META_DOC_ID: _merge_meta(ours[META][META_DOC_ID], theirs[META][META_DOC_ID])}
    }
    result["contacts"], counts = _placed(ours.get("contacts", {}), contacts, _contact_order)
    result[TOMBSTONES] = _placed_stones(ours.get(TOMBSTONES, {}), stones)
    # any other table is ours as it is; interactions last, where the store appends
    result.update((name, table) for name, table in ours.items() if name not in result)
    result.pop("interactions", None)
    result["interactions"], table_counts = _placed(
        ours.get("interactions", {}), interactions, _interaction_order
    )
    return result, counts + table_counts


def _placed_stones(ours: dict[str, Any], stones: dict[str, dict]) -> dict[str, dict]:
    table, _ = _placed(ours, stones, lambda s: (s["deleted"], s["id"]))
    return table
