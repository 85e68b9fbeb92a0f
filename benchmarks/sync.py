"""Benchmark of `journal sync` with a 2,000-card vdir.

    python benchmarks/sync.py [--cards 2000] [--repeat 5]

Cards are generated as phones write them (seed 0): two phones, an email, an address, a
birthday for most, categories, an `item1.` group with its label, and a photo on one in four.
Each measure runs on a fresh copy, `repeat` times, and prints the median and the spread:

- first sync, cards in: an empty journal and the folder of cards (every card read, matched,
  added); the whole `journal sync` process, spawn to exit.
- first sync, people out: a journal of the same people and an empty folder (a card written,
  fsynced and renamed into place for each).
- no-change sync: the second sync of the first measure, nothing changed on either side; the
  whole process, and `vdir.sync` in-process on an open store.
- one card changed: the same, after one card was edited on the phone side.

Targets (issue 15): a no-change sync under 0.3 s, a first sync under 2 s.

Results on an idle machine (2026-12-06, load average 0.5, medians of 5): first sync, cards
in 891 ms; people out 608 ms; no-change sync 139 ms (the sync itself 26 ms in-process, the
rest is starting Python and opening the journal); one card changed 165 ms. See
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal import vdir  # noqa: E402
from journal.store import Store  # noqa: E402

JOURNAL = str(Path(sys.executable).with_name("journal"))
GIVEN = ["Aiko", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Goro", "Hana", "Ivan", "Jun",
         "Kofi", "Lena", "Mateo", "Noor", "Olga", "Priya", "Quinn", "Rin", "Sven", "Yuki"]
FAMILY = ["Tanaka", "Okafor", "Martin", "Ivanova", "Sato", "Khan", "García", "Müller",
          "Suzuki", "Nguyen", "Kowalski", "Rossi", "Haddad", "Park", "Silva", "Larsen"]
PHOTO = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcU" * 40


FIRST_IN = "first sync, cards in (process)"
FIRST_OUT = "first sync, people out (process)"
AGAIN = "no-change sync (process)"
ONE = "one card changed (process)"
LOAD = os.getloadavg()


def make_card(n: int, rng: random.Random) -> bytes:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    lines = [
        "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.0//EN",
        f"N:{family};{given};;;", f"FN:{given} {family} {n}",
        f"EMAIL;type=INTERNET;type=pref:{given.lower()}.{n}@example.org",
        f"item1.TEL;type=pref:+44 20 {rng.randrange(1000, 9999)} {n:04d}",
        "item1.X-ABLabel:_$!<Mobile>!$_",
        f"TEL;type=HOME:+44 161 {rng.randrange(100, 999)} {n:04d}",
        f"ADR;type=HOME:;;{n} High Street;Leeds;;LS{n % 30} 1AA;United Kingdom",
        f"CATEGORIES:{rng.choice(['Friends', 'Work', 'Family'])}",
        f"UID:{n:08d}-bench-card",
    ]
    if rng.random() < 0.8:
        lines.append(f"BDAY:{rng.randrange(1950, 2005)}-{rng.randrange(1, 13):02d}-"
                     f"{rng.randrange(1, 29):02d}")
    if rng.random() < 0.25:
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{PHOTO}")
    lines.append("END:VCARD")
    return "".join(vdir.vcard.fold(line) + "\r\n" for line in lines).encode()


def make_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    rng = random.Random(0)
    for n in range(count):
        (folder / f"{n:08d}-bench-card.vcf").write_bytes(make_card(n, rng))


CPU: dict[str, list[float]] = {}


def process(argv: list[str], name: str) -> float:
    """Wall time of a whole `journal` process; its CPU time (user + system) is kept in CPU,
    which other work on a shared machine does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([JOURNAL, *argv], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(name, []).append(cpu)
    return wall


def report(name: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    mark = "" if target is None else (" ✓" if median < target else " ✗")
    spread = f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f}"
    aim = f" (target < {target * 1000:.0f} ms)" if target else ""
    cpu = f"cpu {statistics.median(CPU[name]) * 1000:6.1f} ms  " if name in CPU else " " * 17
    print(f"{name:<40} median {median * 1000:7.1f} ms  {cpu}[{spread}]{aim}{mark}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "source"
        make_folder(source, args.cards)
        first, out, again, again_inproc, one = [], [], [], [], []
        for n in range(args.repeat):
            run = work / f"run{n}"
            shutil.copytree(source, run / "book")
            journal = run / "journal.json"
            first.append(process(["--file", str(journal), "sync", "--vdir", str(run / "book")],
                                 FIRST_IN))
            # the same people, to an empty folder
            shutil.copy(journal, run / "people.json")
            store = Store.open(run / "people.json")
            store.set_meta(vdir.META_STATE, None)
            (run / "empty").mkdir()
            out.append(process(["--file", str(run / "people.json"), "sync", "--vdir",
                                str(run / "empty")], FIRST_OUT))
            again.append(process(["--file", str(journal), "sync"], AGAIN))
            store = Store.open(journal)
            start = time.perf_counter()
            result = vdir.sync(store, run / "book")
            again_inproc.append(time.perf_counter() - start)
            assert result.summary().endswith("nothing changed"), result.summary()
            card = next((run / "book").iterdir())
            card.write_bytes(card.read_bytes().replace(b"TEL;type=HOME:", b"TEL;type=WORK:+1 "))
            one.append(process(["--file", str(journal), "sync"], ONE))
    print(f"journal sync with {args.cards:,} cards, {args.repeat} runs each")
    print(f"load average before: {LOAD[0]:.2f}, after: {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} cores")
    report(FIRST_IN, first, 2.0)
    report(FIRST_OUT, out, 2.0)
    report(AGAIN, again, 0.3)
    report("no-change sync (vdir.sync, store open)", again_inproc)
    report(ONE, one, 0.3)


if __name__ == "__main__":
    os.environ.pop("JOURNAL_FILE", None)
    main()
