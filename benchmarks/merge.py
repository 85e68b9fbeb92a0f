"""How long merging two copies of a large journal takes, and what looking for conflict copies
adds to a command.

    python benchmarks/merge.py [--contacts 2000] [--interactions 20000] [--changes 150]
        [--repeat 11]

Builds one journal with `make_journal`, copies it twice and changes each copy on its own
(`--changes` people edited and as many entries logged on each side, a few deleted), then
times the whole `journal merge OTHER --file OURS` process, spawn to exit: open ours, read
and check theirs, merge under the lock, check, save. Each run starts from the same two
files. Then times
`conflict_hint` (what every command adds: one folder listing, one regular expression) in a
folder of 200 files, with and without a conflict copy in it. Prints medians and spreads.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_journal import make_journal  # noqa: E402

from journal.conflicts import conflict_hint  # noqa: E402
from journal.model import Kind  # noqa: E402
from journal.store import Store  # noqa: E402

TODAY = date(2026, 11, 25)
JOURNAL = [str(Path(sys.executable).with_name("journal"))]


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = os.times()
    return usage.children_user + usage.children_system


def diverge(path: Path, changes: int, seed: int) -> None:
    """Change a copy as a device would between syncs: edits, new entries, a few deletions."""
    rng = random.Random(seed)
    store = Store.open(path, today=lambda: TODAY)
    people = store.contacts(archived=True)
    with store.batch():
        for c in rng.sample(people, changes):
            store.update_contact(replace(c, notes=f"edited on device {seed}"))
        for c in rng.sample(people, changes):
            store.add_interaction(c.id, Kind.CALL, TODAY, note=f"device {seed}")
        history = [i for c in rng.sample(people, 20) for i in store.interactions(c.id)]
        for i in rng.sample(history, min(10, len(history))):
            store.delete_interaction(i.id)


def median_ms(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"median {statistics.median(ms):.2f} ms, min {min(ms):.2f}, max {max(ms):.2f}"


def time_merge(folder: Path, args: argparse.Namespace) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times of the whole `journal merge` process, spawn to exit, as a
    person runs it (CPU time shows the work on a machine busy with other things)."""
    base = folder / "base.json"
    make_journal(base, args.contacts, args.interactions, today=TODAY)
    ours, theirs = folder / "ours.json", folder / "theirs.json"
    shutil.copy2(base, ours)
    shutil.copy2(base, theirs)
    diverge(ours, args.changes, 1)
    diverge(theirs, args.changes, 2)
    pristine = ours.read_bytes()
    times, cpu = [], []
    for _ in range(args.repeat):
        target = folder / "run" / "journal.json"
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir()
        target.write_bytes(pristine)
        start, start_cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            [*JOURNAL, "merge", str(theirs), "--file", str(target)],
            capture_output=True, text=True, env={**os.environ, "JOURNAL_TODAY": str(TODAY)},
        )
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
        assert done.returncode == 0, done.stderr
    print(f"  {done.stdout.strip()}")
    return times, cpu


def time_hint(folder: Path, copy: bool) -> list[float]:
    journal = folder / "journal.json"
    for n in range(200):
        (folder / f"photo-{n}.jpg").touch()
    if copy:
        (folder / "journal (Aiko's conflicted copy 2026-12-06).json").touch()
    times = []
    for _ in range(201):
        start = time.perf_counter()
        conflict_hint(journal)
        times.append(time.perf_counter() - start)
    return times


FIRST_HINT = """
import sys, time
import journal.cli  # what a command has imported before the hint
start = time.perf_counter()
from journal.conflicts import conflict_hint
from journal.paths import journal_path
conflict_hint(journal_path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def time_first_hint(folder: Path) -> list[float]:
    """What a command pays: the module, its pattern compiled, one listing (a fresh process
    that has imported what a command imports)."""
    import subprocess

    journal = str(folder / "journal.json")
    return [
        float(subprocess.run([sys.executable, "-c", FIRST_HINT, journal], capture_output=True,
                             text=True, check=True).stdout)
        for _ in range(21)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=20000)
    parser.add_argument("--changes", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print(f"merge two {args.contacts:,}/{args.interactions:,} copies, each with "
              f"{args.changes} edits, {args.changes} new entries and 10 deletions:")
        wall, cpu = time_merge(folder, args)
        print(f"  journal merge: {median_ms(wall)} ({args.repeat} runs)")
        print(f"  of which CPU: {median_ms(cpu)}")
        for copy in (False, True):
            sub = folder / f"hint-{copy}"
            sub.mkdir()
            what = "with a conflict copy" if copy else "without"
            print(f"conflict_hint, 200 files in the folder, {what}: "
                  f"{median_ms(time_hint(sub, copy))}")
        print(f"  the first in a process (import, pattern, listing): "
              f"{median_ms(time_first_hint(sub))}")


if __name__ == "__main__":
    main()
