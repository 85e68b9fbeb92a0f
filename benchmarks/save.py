"""How long saving one interaction takes, in process: the store's own cost, durably on disk.

    python benchmarks/save.py [--contacts 1000] [--interactions 10000] [--repeat 21]

Builds a journal of that size with `make_journal` in a temporary folder, opens it, and times
`Store.add_interaction` (lock, reread check, TinyDB update, encode, write, fsync, rename,
fsync of the folder). The first save of a process also writes the hourly backup; it is made
before timing so the median is the steady case. Prints the median and the spread.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_journal import make_journal  # noqa: E402

from journal.model import Kind  # noqa: E402
from journal.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--interactions", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        make_journal(path, args.contacts, args.interactions)
        store = Store.open(path)
        people = store.contacts()
        store.add_interaction(people[0].id, Kind.CALL, date(2026, 11, 1), note="warm-up")
        times = []
        for n in range(args.repeat):
            start = time.perf_counter()
            store.add_interaction(people[n % len(people)].id, Kind.CALL, date(2026, 11, 1))
            times.append((time.perf_counter() - start) * 1000)
        size = path.stat().st_size / 1e6
    print(
        f"save one interaction at {args.contacts:,}/{args.interactions:,} ({size:.1f} MB): "
        f"median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f} "
        f"({args.repeat} saves)"
    )


if __name__ == "__main__":
    main()
