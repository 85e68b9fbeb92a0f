"""Real processes against one journal file: SIGKILL at random moments, two writers at once,
and the app's long-lived store next to a `journal log` in another terminal.

The children are small scripts written into tmp_path that use journal.store.Store as the
program does. A child prints an interaction's id only after add_interaction has returned.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from journal.model import Contact, Interaction, Kind
from journal.store import Store

LOGGER = """
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from journal.model import Contact, Interaction, Kind
from journal.store import Store

path = Path(sys.argv[1])
store = Store.open(path)
if len(store) == 0:  # the first round builds the journal: 300 contacts, 3,000 interactions
    rng = random.Random(7)
    ids = set()

    def fresh():
        while (new := store.new_id()) in ids:
            pass
        ids.add(new)
        return new

    people = [Contact(id=fresh(), name=f"Person {n}", cadence_days=30) for n in range(300)]
    history = [
        Interaction(
            id=fresh(), contact_id=rng.choice(people).id, kind=Kind.MESSAGE,
            date=date(2020, 1, 1) + timedelta(days=rng.randrange(1500)), note="bulk",
        )
        for _ in range(3000)
    ]
    store.bulk_add(people, history)
people = store.contacts()
print("ready", flush=True)
n = 0
while True:
    it = store.add_interaction(people[n % len(people)].id, Kind.CALL, date(2024, 1, 1))
    print(it.id, flush=True)
    n += 1
"""

ROUNDS = 24
BUDGET_SECONDS = 15.0  # stop starting rounds after this (a slow machine), but do at least 12


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def spawn(script: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=script.parent,
    )


def wait_ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    if line.strip() != b"ready":
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"child did not start: {line!r} {err.decode()}")


def complete_lines(data: bytes) -> list[str]:
    """Whole lines only: a line cut by the kill was never fully printed."""
    return [line.decode() for line in data.split(b"\n")[:-1] if line]


def test_sigkill_at_random_moments_never_loses_a_logged_interaction(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    script = tmp_path / "logger.py"
    script.write_text(LOGGER)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    printed: list[str] = []
    rounds = torn = 0
    started = time.monotonic()
    while rounds < ROUNDS and (rounds < 12 or time.monotonic() - started < BUDGET_SECONDS):
        proc = spawn(script, str(path))
        if rounds == 0 or rng.random() < 0.8:
            wait_ready(proc)  # then kill while it logs: nearly all of that time is saving
            time.sleep(rng.uniform(0.0, 0.15))
        else:
            time.sleep(rng.uniform(0.0, 0.2))  # kill while it starts, opens or first saves
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, err.decode()
        printed += [line for line in complete_lines(out) if line != "ready"]
        rounds += 1
        torn += bool(temp_files(path))

        store = Store.open(path)  # the file parses and passes every check
        assert len(store) == 300, f"seed {seed}, round {rounds}"
        for interaction_id in printed:  # every id ever printed, in every round since
            assert store.interaction(interaction_id).kind is Kind.CALL, f"seed {seed}"

    assert rounds >= 12 and len(printed) >= rounds, (rounds, len(printed))
    assert len(set(printed)) == len(printed)
    # the next save removes the temporary files that the kills left
    store = Store.open(path)
    store.add_interaction(store.contacts()[0].id, Kind.LETTER, date(2024, 2, 1))
    assert temp_files(path) == []
    # a kill between the save and the print leaves one saved but unreported interaction
    saved = len(Store.open(path).all_interactions()) - 3000 - 1
    assert len(printed) <= saved <= len(printed) + rounds
    print(f"{rounds} kills, {len(printed)} ids logged, {torn} kills left a temp file")


WRITER = """
import os
import sys
import time
from datetime import date

from journal.model import Kind
from journal.store import Store

path, go, tag = sys.argv[1:4]
store = Store.open(path)
people = store.contacts()
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.001)
for n in range(100):
    c = people[n % len(people)]
    it = store.add_interaction(c.id, Kind.MESSAGE, date(2024, 1, 1), note=f"{tag} {n}")
    print(it.id, flush=True)
"""


def build(path: Path, people: int, each: int) -> Store:
    store = Store.open(path)
    rng = random.Random(3)
    contacts = [Contact(id=f"c{n:05d}", name=f"Person {n}") for n in range(people)]
    history = [
        Interaction(
            id=f"h{n:06d}", contact_id=rng.choice(contacts).id, kind=Kind.MEETING,
            date=date(2021, 1, 1) + timedelta(days=rng.randrange(900)),
        )
        for n in range(people * each)
    ]
    store.bulk_add(contacts, history)
    return store


def test_two_processes_logging_at_once_keep_all_200(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    build(path, people=100, each=10)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    go = tmp_path / "go"
    writers = {tag: spawn(script, str(path), str(go), tag) for tag in ("left", "right")}
    for proc in writers.values():
        wait_ready(proc)
    go.touch()  # both start together
    printed: dict[str, list[str]] = {}
    for tag, proc in writers.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        printed[tag] = complete_lines(out)
        assert len(printed[tag]) == 100

    store = Store.open(path)
    logged = [i for i in store.all_interactions() if i.kind is Kind.MESSAGE]
    assert len(logged) == 200
    assert {i.id for i in logged} == set(printed["left"]) | set(printed["right"])
    assert {i.note for i in logged} == {f"{t} {n}" for t in ("left", "right") for n in range(100)}
    assert len(store.all_interactions()) == 1000 + 200
    assert temp_files(path) == []


LOG_ONE = """
import sys
from datetime import date

from journal.model import Kind
from journal.store import Store

store = Store.open(sys.argv[1])
contact = store.find(sys.argv[2])
print(store.add_interaction(contact.id, Kind.CALL, date(2024, 3, 3), note="from the shell").id)
"""


def log_from_another_process(tmp_path: Path, path: Path, name: str) -> str:
    script = tmp_path / "log_one.py"
    script.write_text(LOG_ONE)
    proc = spawn(script, str(path), name)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    return complete_lines(out)[-1]


def test_the_app_store_refreshes_after_another_process_logs_and_keeps_both(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.json"
    app = build(path, people=20, each=3)
    aiko = app.add_contact("Aiko")
    assert app.refresh() is False and not app.changed_on_disk()

    logged = log_from_another_process(tmp_path, path, "Aiko")

    assert app.changed_on_disk()
    assert app.refresh() is True
    assert app.refresh() is False
    assert app.interaction(logged).note == "from the shell"
    assert [i.id for i in app.interactions(aiko.id)] == [logged]
    mine = app.add_interaction(aiko.id, Kind.LETTER, date(2024, 3, 4))

    final = Store.open(path)
    assert [i.id for i in final.interactions(aiko.id)] == [logged, mine.id]
    assert len(final.all_interactions()) == 60 + 2


def test_a_write_through_a_stale_app_store_rereads_first_and_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    app = build(path, people=20, each=3)
    aiko = app.add_contact("Aiko")
    reloads: list[bool] = []
    app.on_reload = lambda: reloads.append(True)

    logged = log_from_another_process(tmp_path, path, "Aiko")
    mine = app.add_interaction(aiko.id, Kind.LETTER, date(2024, 3, 4))  # no refresh first

    assert reloads == [True]
    assert [i.id for i in app.interactions(aiko.id)] == [logged, mine.id]
    final = Store.open(path)
    assert [i.id for i in final.interactions(aiko.id)] == [logged, mine.id]
    app.add_interaction(aiko.id, Kind.CALL, date(2024, 3, 5))
    assert reloads == [True]  # nothing changed under it this time
    assert os.path.getsize(path) > 0


ONE_LOG = """
import sys
from datetime import date

from journal.model import Kind
from journal.store import Store

store = Store.open(sys.argv[1], write_ahead=True)  # as `journal log` opens it
print("ready", flush=True)
it = store.add_interaction(store.contacts()[0].id, Kind.CALL, date(2024, 1, 1))
print(it.id, flush=True)
store.close()
"""


def test_sigkill_while_a_log_writes_its_save_ahead_never_loses_one(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    build(path, people=300, each=10)
    script = tmp_path / "one_log.py"
    script.write_text(ONE_LOG)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    printed: list[str] = []
    lasts = 0.0  # how long a log that is not killed takes: the first is timed, then others die
    killed = 0
    for round_ in range(12):
        started = time.monotonic()
        proc = spawn(script, str(path))
        if round_:
            time.sleep(rng.uniform(0.0, lasts))  # while it starts, reads, writes ahead or saves
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        if not round_:
            lasts = time.monotonic() - started
        assert proc.returncode in (0, -signal.SIGKILL), err.decode()
        killed += proc.returncode == -signal.SIGKILL
        printed += [line for line in complete_lines(out) if line != "ready"]
        store = Store.open(path)  # the file parses and passes every check
        assert len(store) == 300, f"seed {seed}"
        for interaction_id in printed:
            assert store.interaction(interaction_id).kind is Kind.CALL, f"seed {seed}"
    assert killed >= 6, f"seed {seed}: only {killed} of 11 logs were killed"
    store = Store.open(path)
    store.add_interaction(store.contacts()[0].id, Kind.LETTER, date(2024, 2, 1))
    assert temp_files(path) == []
