"""Benchmarks: how fast the app and the shell commands answer, at three journal sizes.

    python benchmarks/run.py [--sizes small,medium,large] [--repeat N] [--repeat-large N]
        [--write-docs] [--only MEASURE|GROUP,...] [--rebuild]

    make bench

Each size's journal is generated once (benchmarks/make_journal.py, seed 0, as of BENCH_TODAY)
into benchmarks/.cache/ and copied fresh for every measure that writes. Every measure runs
several times; the table shows medians in milliseconds and marks a miss of its target with ✗.
In-process measures run in a fresh interpreter per size (`--worker`), so one measure's garbage
never slows the next. `--write-docs` rewrites the results section of docs/benchmarks.md.

What is timed:
- app start: from just before the process is spawned (`journal --file F`, headless at
  120x40) to the first frame of the contacts screen with its rows, and to the first key
  (`down`, sent at that frame) answered on screen: drawn and ready for keys.
- keypress / filter keystroke: the key event posted to the running app until the frame that
  shows its effect (the cursor moved; the filtered rows). Frames are rendered to terminal
  text as a real terminal run would, then dropped.
- log from the app: `enter` in the log form until the store's batch that saves it ended (the
  file replaced and fsynced), and until the contacts table was redrawn with the change.
- `journal log` / `journal overdue`: the whole process, spawn to exit.
- Store.open, pairs, overdue, birthdays: in-process, on a freshly opened store.
- Every measure but those marked "every record checked" opens a journal as journal itself last
  saved or checked it, as in steady use: its seal (journal.checked) spares the per-record
  checks. The marked ones open it as if another program or device had just changed it.
  Seals are kept in the benchmark's own cache folder.
- floors: `python -c pass`, `import textual.app`, `import journal.cli`, `orjson.loads` of the
  journal file.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
SEALS = CACHE / "seals"  # the cache folder of the processes measured (journal.checked)
DOCS = ROOT / "docs" / "benchmarks.md"
PYTHON = sys.executable
JOURNAL_BIN = Path(PYTHON).with_name("journal")

BENCH_TODAY = date(2026, 11, 20)
SEED = 0
TERMINAL = (120, 40)
LOAD_AT_START = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
BUSY_CORES = 0.2  # other processes' average CPU use above which the report warns
DOCS_START = "<!-- bench:results:start -->"
DOCS_END = "<!-- bench:results:end -->"


@dataclass(frozen=True)
class Size:
    name: str
    contacts: int
    interactions: int
    label: str


SIZES = {
    "small": Size("small", 200, 2_000, "200/2k"),
    "medium": Size("medium", 2_000, 20_000, "2k/20k"),
    "large": Size("large", 10_000, 100_000, "10k/100k"),
}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    target: tuple[float, float] | None = None  # ms at medium and large (small: medium's)
    group: str = ""


MEASURES = [
    Measure("start_key", "app start: drawn and ready for keys", (600, 1500), "start"),
    Measure("start_frame", "  of which: first frame with the contacts", None, "start"),
    Measure("key_down", "keypress in the contacts table (down)", (50, 100), "keys"),
    Measure("filter_key", "filter keystroke (first letter typed)", (50, 100), "keys"),
    Measure("app_log", "log from the app: enter to saved durably", (30, 150), "applog"),
    Measure("app_log_shown", "  enter to the table redrawn with it", None, "applog"),
    Measure("app_log_first", "  first save of the session (+ backup)", None, "applog"),
    Measure("cli_log", "`journal log` whole process", (250, 800), "cli"),
    Measure("cli_log_checked", "  every record checked (file changed elsewhere)", (250, 800),
            "cli"),
    Measure("cli_log_backup", "  first save of the hour (+ backup)", (250, 800), "cli"),
    Measure("cli_overdue", "`journal overdue` whole process", (300, 1000), "cli"),
    Measure("cli_overdue_checked", "  every record checked (file changed elsewhere)",
            (300, 1000), "cli"),
    Measure("open", "Store.open (in-process)", None, "domain"),
    Measure("open_checked", "  every record checked (file changed elsewhere)", None, "domain"),
    Measure("pairs", "store.pairs() on a fresh store", None, "domain"),
    Measure("overdue", "rules.overdue(pairs)", None, "domain"),
    Measure("birthdays", "rules.upcoming_birthdays(pairs)", None, "domain"),
    Measure("floor_python", "floor: python -c pass", None, "floor"),
    Measure("floor_textual", "floor: python -c 'import textual.app'", None, "floor"),
    Measure("floor_cli", "floor: python -c 'import journal.cli'", None, "floor"),
    Measure("floor_json", "floor: orjson.loads(journal file)", None, "domain"),
]
MEASURE_KEYS = {m.key for m in MEASURES}
GROUPS = {m.group for m in MEASURES}


class NotAvailable(Exception):
    """A measure that cannot run against the code as it is (yet)."""


# --- the journals ------------------------------------------------------------------------


def _import_make_journal() -> Callable[..., None]:
    for entry in (str(ROOT), str(HERE)):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        from benchmarks.make_journal import make_journal
    except ImportError:
        from make_journal import make_journal  # type: ignore[no-redef]
    return make_journal


def _generator_digest() -> str:
    h = hashlib.sha1()
    # the generator, and the records' form as the journal writes them
    for path in (HERE / "make_journal.py", HERE / "names.py",
                 ROOT / "journal" / "records.py", ROOT / "journal" / "model.py"):
        if path.exists():
            h.update(path.read_bytes())
    try:
        from journal.store import SCHEMA_VERSION
    except ImportError:
        SCHEMA_VERSION = 0  # noqa: N806
    h.update(f"{SCHEMA_VERSION}|{SEED}|{BENCH_TODAY}".encode())
    return h.hexdigest()[:10]


def journal_for(size: Size, rebuild: bool = False) -> Path:
    """The cached journal of a size, generated when missing or when the generator changed."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{size.name}-{size.contacts}-{size.interactions}-{_generator_digest()}.json"
    if path.exists() and not rebuild:
        return path
    for stale in CACHE.glob(f"{size.name}-*.json*"):
        stale.unlink()
    make_journal = _import_make_journal()
    started = time.perf_counter()
    print(f"generating {size.label} ({size.contacts} contacts, {size.interactions} "
          f"interactions) into {path.relative_to(ROOT)} ...", file=sys.stderr, flush=True)
    make_journal(path, size.contacts, size.interactions, seed=SEED, today=BENCH_TODAY)
    print(f"  {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s",
          file=sys.stderr, flush=True)
    return path


def fresh_copy(source: Path, folder: Path, *, recent_backup: bool) -> Path:
    """A new folder holding a copy of the journal, synced to disk so that the save timed
    next does not pay for flushing it. With `recent_backup`, a backup written a minute ago
    sits next to it, as in steady use (the store backs up at most once an hour)."""
    from journal.journal_file import fsync_path

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / "journal.json"
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    if recent_backup:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = folder / f"journal.json.{stamp}.bak"
        os.link(target, backup)  # the same bytes; a save replaces the journal, not this inode
    fsync_path(target)
    fsync_path(folder)
    return target


def _backups(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.bak")}


# --- whole processes -----------------------------------------------------------------------


def bench_env(seals: Path = SEALS) -> dict[str, str]:
    """The environment of every process measured; `seals`: its cache folder (journal.checked),
    an empty one to open a journal as if it had just been changed elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "JOURNAL_"))}
    env["JOURNAL_TODAY"] = BENCH_TODAY.isoformat()
    env["JOURNAL_CACHE_DIR"] = str(seals)
    # An installed program runs from compiled bytecode: let the first (warm-up) run write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_process(argv: list[str], *, cwd: Path = ROOT, timeout: float = 120,
                 seals: Path = SEALS) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=bench_env(seals), capture_output=True,
                          timeout=timeout, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        err = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()
        raise NotAvailable(f"{' '.join(argv[1:3])}... exit {done.returncode}: "
                           f"{err[-1] if err else 'no output'}")
    return took


APP_START_CHILD = r"""
import asyncio, json, os, sys, time
T0 = float(os.environ["BENCH_T0"])
OUT = os.environ["BENCH_OUT"]
import textual.app as ta
from textual import events

state = {"frame": None, "key": None, "want": None, "error": None}
first_frame = asyncio.Event()
key_frame = asyncio.Event()
original_display = ta.App._display

def table_of(app):
    try:
        tables = app.screen.query("DataTable, RowList")
    except Exception:
        return None
    for t in tables:
        if t.row_count:
            return t
    return None

def _display(self, screen, renderable):
    original_display(self, screen, renderable)
    if renderable is not None and hasattr(renderable, "render_segments"):
        renderable.render_segments(self.console)
    now = time.monotonic()
    if state["frame"] is None and table_of(self) is not None:
        state["frame"] = now
        first_frame.set()
    elif state["want"] is not None and state["want"]():
        state["want"] = None
        state["key"] = now
        key_frame.set()

ta.App._display = _display

async def pilot(p):
    app = p.app
    try:
        try:
            await asyncio.wait_for(first_frame.wait(), 60)
        except asyncio.TimeoutError:
            raise RuntimeError("no table with rows was drawn within 60 s") from None
        table = table_of(app)
        before = table.cursor_row
        state["want"] = lambda: table.cursor_row != before
        app._driver.send_message(events.Key("down", None))
        try:
            await asyncio.wait_for(key_frame.wait(), 60)
        except asyncio.TimeoutError:
            raise RuntimeError("down did not move the cursor within 60 s") from None
    except Exception as e:
        state["error"] = f"{type(e).__name__}: {e}"
    with open(OUT, "w") as f:
        json.dump({"frame": None if state["frame"] is None else state["frame"] - T0,
                   "key": None if state["key"] is None else state["key"] - T0,
                   "error": state["error"]}, f)
    app.exit()

original_run = ta.App.run
def run(self, *args, **kwargs):
    kwargs.update(headless=True, size=(%(w)d, %(h)d), auto_pilot=pilot)
    return original_run(self, **kwargs)
ta.App.run = run

from journal.cli import main
sys.exit(main(["--file", sys.argv[1]]))
"""


def app_start(journal: Path, repeat: int) -> dict[str, list[float]]:
    code = APP_START_CHILD % {"w": TERMINAL[0], "h": TERMINAL[1]}
    frames, keys = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "start.json"
        for run in range(repeat + 1):  # the first is a warm-up
            out.unlink(missing_ok=True)
            env = bench_env()
            env["BENCH_OUT"] = str(out)
            env["BENCH_T0"] = repr(time.monotonic())
            done = subprocess.run([PYTHON, "-c", code, str(journal)], cwd=ROOT, env=env,
                                  capture_output=True, timeout=180, check=False)
            if not out.exists():
                err = done.stderr.decode(errors="replace").strip().splitlines()
                raise NotAvailable(f"the app did not start (exit {done.returncode}): "
                                   f"{err[-1] if err else 'no output'}")
            result = json.loads(out.read_text())
            if result["error"] or result["frame"] is None or result["key"] is None:
                raise NotAvailable(f"the app started but: {result['error'] or 'no rows drawn'}")
            if run:
                frames.append(result["frame"])
                keys.append(result["key"])
    return {"start_frame": frames, "start_key": keys}


def contact_name_for_cli(journal: Path) -> str:
    """A contact the shell finds by name: not archived, and no other person shares the name."""
    from journal.store import Store

    store = Store.open(journal)
    people = store.contacts()
    names = [c.name.casefold() for c in store.contacts(archived=True)]
    for c in people:
        if names.count(c.name.casefold()) == 1 and " " not in c.name.strip():
            return c.name
    for c in people:
        if names.count(c.name.casefold()) == 1:
            return c.name
    raise NotAvailable("no contact with a unique name")


def cli_measures(journal: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    if not JOURNAL_BIN.exists():
        raise NotAvailable(f"{JOURNAL_BIN} is missing (pip install -e .)")
    name = contact_name_for_cli(journal)
    log = [str(JOURNAL_BIN), "log", name, "call", "benchmark call", "--file"]
    overdue = [str(JOURNAL_BIN), "overdue", "--file"]
    results: dict[str, list[float] | str] = {}
    time_process([str(JOURNAL_BIN), "--help"])  # warm-up: bytecode written, files cached
    for key, backup, checked in (("cli_log", True, False), ("cli_log_checked", True, True),
                                 ("cli_log_backup", False, False)):
        samples = []
        try:
            for run in range(repeat):
                target = fresh_copy(journal, work / "cli-log", recent_backup=backup)
                seals = work / f"seals-{key}-{run}" if checked else SEALS
                if not checked:
                    time_process([*overdue, str(target)])  # journal reads it: sealed
                before = _backups(target.parent)
                samples.append(time_process([*log, str(target)], seals=seals))
                wrote_backup = bool(_backups(target.parent) - before)
                if wrote_backup != (not backup):
                    raise NotAvailable(
                        "the hourly backup did not behave as expected "
                        f"(backup written: {wrote_backup}); check fresh_copy()")
            results[key] = samples
        except NotAvailable as e:
            results[key] = str(e)
    target = fresh_copy(journal, work / "cli-overdue", recent_backup=True)
    try:
        results["cli_overdue"] = timed_runs([*overdue, str(target)], repeat)
        results["cli_overdue_checked"] = [
            time_process([*overdue, str(target)], seals=work / f"seals-overdue-{run}")
            for run in range(repeat)
        ]
    except NotAvailable as e:
        results["cli_overdue"] = results["cli_overdue_checked"] = str(e)
    return results  # type: ignore[return-value]


def timed_runs(argv: list[str], repeat: int) -> list[float]:
    """Times of `repeat` runs after one warm-up run (bytecode written, files cached)."""
    time_process(argv)
    return [time_process(argv) for _ in range(repeat)]


def floors(repeat: int) -> dict[str, list[float]]:
    return {
        "floor_python": timed_runs([PYTHON, "-c", "pass"], repeat),
        "floor_textual": timed_runs([PYTHON, "-c", "import textual.app"], repeat),
        "floor_cli": timed_runs([PYTHON, "-c", "import journal.cli"], repeat),
    }


# --- in-process measures (run in a fresh interpreter: --worker) ------------------------------


def worker_domain(journal: Path, repeat: int) -> dict[str, list[float]]:
    import orjson

    from journal import rules
    from journal.checked import ENV_CACHE_DIR
    from journal.store import Store

    out: dict[str, list[float]] = {k: [] for k in ("open", "open_checked", "pairs", "overdue",
                                                   "birthdays", "floor_json")}
    sealed = os.environ[ENV_CACHE_DIR]
    Store.open(journal)  # sealed, if it was not yet
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        orjson.loads(journal.read_bytes())
        out["floor_json"].append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as no_seals:
            os.environ[ENV_CACHE_DIR] = no_seals
            gc.collect()
            t0 = time.perf_counter()
            Store.open(journal)
            out["open_checked"].append(time.perf_counter() - t0)
            os.environ[ENV_CACHE_DIR] = sealed
        gc.collect()
        t0 = time.perf_counter()
        store = Store.open(journal)
        t1 = time.perf_counter()
        pairs = store.pairs()
        t2 = time.perf_counter()
        rules.overdue(pairs, BENCH_TODAY)
        t3 = time.perf_counter()
        rules.upcoming_birthdays(pairs, BENCH_TODAY)
        t4 = time.perf_counter()
        out["open"].append(t1 - t0)
        out["pairs"].append(t2 - t1)
        out["overdue"].append(t3 - t2)
        out["birthdays"].append(t4 - t3)
        del store, pairs
    return out


class Frames:
    """Hooks a running app's display: waits for the first frame that shows something."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._original = app._display
        self._want: Callable[[], bool] | None = None
        self._event = asyncio.Event()
        self.at = 0.0
        app._display = self._display

    def _display(self, screen: Any, renderable: Any) -> None:
        self._original(screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            # what a real terminal run does next (headless skips it)
            renderable.render_segments(self.app.console)
        if self._want is not None and self._want():
            self.at = time.perf_counter()
            self._want = None
            self._event.set()

    def expect(self, predicate: Callable[[], bool]) -> None:
        self._want = predicate
        self._event = asyncio.Event()

    async def wait(self, what: str, timeout: float = 30) -> float:
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            self._want = None
            raise NotAvailable(f"no frame showed {what} within {timeout:g} s") from None
        return self.at


def _key(app: Any, key: str) -> None:
    from textual import events

    char = {"enter": "\r", "down": None, "ctrl+u": None}.get(key, key)
    app._driver.send_message(events.Key(key, char))


def _make_app(journal: Path) -> Any:
    from journal.store import Store

    try:
        from screens.app import create_app, long_lived
    except ImportError as e:
        raise NotAvailable(f"screens.app.create_app: {e}") from None
    with long_lived():  # as run_app does
        return create_app(Store.open(journal), lambda: BENCH_TODAY)


def _contacts_table(app: Any) -> Any:
    """The first list with rows on the screen (a DataTable or the app's own RowList)."""
    for table in app.screen.query("DataTable, RowList"):
        if table.row_count:
            return table
    raise NotAvailable(f"no contacts table with rows on {type(app.screen).__name__}")


def _filter_letter(journal: Path) -> str:
    """The ASCII letter found in closest to half of the people: a typical first keystroke."""
    from journal.store import Store

    texts = [" ".join((c.name, c.reading, *c.tags)).casefold()
             for c in Store.open(journal).contacts()]
    best = min("abcdefghijklmnopqrstuvwxyz",
               key=lambda ch: abs(sum(ch in t for t in texts) / max(len(texts), 1) - 0.5))
    return best


async def worker_keys(journal: Path, repeat: int) -> dict[str, Any]:
    from textual.widgets import Input

    letter = _filter_letter(journal)
    app = _make_app(journal)
    out: dict[str, Any] = {}
    async with app.run_test(size=TERMINAL, notifications=True) as pilot:
        await pilot.pause()
        frames = Frames(app)
        table = _contacts_table(app)
        await pilot.pause()
        samples = []
        for _ in range(repeat * 4):
            before = table.cursor_row
            frames.expect(lambda before=before: table.cursor_row != before)
            t0 = time.perf_counter()
            _key(app, "down")
            samples.append(await frames.wait("the cursor moved") - t0)
            await pilot.pause()
        out["key_down"] = samples

        try:
            await pilot.press("slash")
            await pilot.pause()
            if not isinstance(app.focused, Input):
                raise NotAvailable("`/` did not focus a filter field")
            samples = []
            for _ in range(repeat * 4):
                everyone = table.row_count
                frames.expect(lambda everyone=everyone: table.row_count != everyone)
                t0 = time.perf_counter()
                _key(app, letter)
                samples.append(await frames.wait(f"the rows filtered by {letter!r}") - t0)
                await pilot.pause()
                frames.expect(lambda everyone=everyone: table.row_count == everyone)
                _key(app, "ctrl+u")
                await frames.wait("the filter cleared")
                await pilot.pause()
            out["filter_key"] = samples
        except NotAvailable as e:
            out["filter_key"] = str(e)
    return out


async def worker_applog(journal: Path, repeat: int) -> dict[str, Any]:
    """One app session on a fresh copy (no backup yet): the first log, then `repeat` more."""
    from journal.store import Store

    app = _make_app(journal)
    store = app.store
    first_contact = None
    saved_at: list[float] = []  # when the outermost batch, the one that saves, ended
    original_batch = store.batch
    depth = 0

    @contextmanager
    def batch() -> Iterator[None]:
        # the app logs inside the undo log's batch (Store.noting): the file is written when
        # that batch ends, after add_interaction has returned
        nonlocal depth
        depth += 1
        try:
            with original_batch():
                yield
        finally:
            depth -= 1
        if depth == 0:
            saved_at.append(time.perf_counter())

    store.batch = batch
    reloaded_at: list[float] = []
    original_changed = app.journal_changed

    def journal_changed(*args: Any, **kwargs: Any) -> Any:
        result = original_changed(*args, **kwargs)
        reloaded_at.append(time.perf_counter())
        return result

    app.journal_changed = journal_changed
    out: dict[str, Any] = {"app_log_first": [], "app_log": [], "app_log_shown": []}
    async with app.run_test(size=TERMINAL, notifications=True) as pilot:
        await pilot.pause()
        frames = Frames(app)
        _contacts_table(app)
        first_contact = app.screen.current_contact_id()
        logged_before = len(store.interactions(first_contact))
        for n in range(repeat + 1):
            await pilot.press("l")
            await pilot.pause()
            if "Log" not in type(app.screen).__name__:
                raise NotAvailable(f"`l` opened {type(app.screen).__name__}, not the log form")
            await pilot.press("c", *"bench")
            await pilot.pause()
            saves, reloads = len(saved_at), len(reloaded_at)
            frames.expect(lambda reloads=reloads: len(reloaded_at) > reloads
                          and not app.screen.is_modal)
            t0 = time.perf_counter()
            _key(app, "enter")
            shown = await frames.wait("the table after the save", timeout=60)
            deadline = time.perf_counter() + 60
            while len(saved_at) == saves and time.perf_counter() < deadline:
                await asyncio.sleep(0.001)
            if len(saved_at) == saves:
                raise NotAvailable("enter in the log form saved nothing")
            if n == 0:
                out["app_log_first"].append(saved_at[-1] - t0)
            else:
                out["app_log"].append(saved_at[-1] - t0)
                out["app_log_shown"].append(shown - t0)
            await app.workers.wait_for_complete()
            await pilot.pause()
    logged = len(Store.open(journal).interactions(first_contact)) - logged_before
    if logged != repeat + 1:
        raise NotAvailable(f"{repeat + 1} logs were entered but {logged} are in the file")
    return out


def run_worker(group: str, journal: Path, repeat: int) -> dict[str, Any]:
    try:
        if group == "domain":
            return worker_domain(journal, repeat)
        if group == "keys":
            return asyncio.run(worker_keys(journal, repeat))
        if group == "applog":
            return asyncio.run(worker_applog(journal, repeat))
    except NotAvailable as e:
        return {"error": str(e)}
    raise SystemExit(f"unknown worker {group}")


def spawn_worker(group: str, journal: Path, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        done = subprocess.run(
            [PYTHON, __file__, "--worker", group, "--file", str(journal), "--repeat",
             str(repeat), "--out", str(out)],
            cwd=ROOT, env=bench_env(), capture_output=True, timeout=900, check=False,
        )
        if not out.exists():
            err = done.stderr.decode(errors="replace").strip().splitlines()
            return {"error": f"worker {group} failed (exit {done.returncode}): "
                             f"{err[-1] if err else 'no output'}"}
        return json.loads(out.read_text())


# --- running and reporting ----------------------------------------------------------------


def measure_size(size: Size, repeat: int, only: set[str], rebuild: bool) -> dict[str, Any]:
    """{measure key: list of seconds, or the reason it is n/a}."""
    results: dict[str, Any] = {}

    def want(group: str) -> bool:
        return not only or group in only or any(
            m.key in only for m in MEASURES if m.group == group)

    def record(group: str, produce: Callable[[], dict[str, Any]]) -> None:
        keys = [m.key for m in MEASURES if m.group == group]
        started = time.perf_counter()
        try:
            got = produce()
        except NotAvailable as e:
            got = {"error": str(e)}
        except Exception as e:  # noqa: BLE001 - one broken measure must not stop the run
            got = {"error": f"{type(e).__name__}: {e}"}
        for key in keys:
            if key in got:
                results[key] = got[key]
            elif "error" in got:
                results[key] = got["error"]
        print(f"  {size.label:>9} {group:<7} {time.perf_counter() - started:6.1f} s",
              file=sys.stderr, flush=True)

    try:
        journal = journal_for(size, rebuild)
    except Exception as e:  # noqa: BLE001 - the generator is someone else's, and may be broken
        reason = f"no journal: {type(e).__name__}: {e}"
        return {m.key: reason for m in MEASURES if m.group != "floor"} | {"_file_mb": None}
    results["_file_mb"] = journal.stat().st_size / 1e6
    work = CACHE / f"work-{size.name}"
    read_only = fresh_copy(journal, work / "read", recent_backup=True)

    if want("floor"):
        record("floor", lambda: floors(repeat))
    if want("domain"):
        record("domain", lambda: spawn_worker("domain", read_only, repeat))
    if want("start"):
        record("start", lambda: app_start(read_only, repeat))
    if want("keys"):
        record("keys", lambda: spawn_worker("keys", read_only, repeat))
    if want("applog"):
        def applog() -> dict[str, Any]:
            merged: dict[str, list[float]] = {}
            sessions = max(1, min(3, repeat))
            for n in range(sessions):
                copy = fresh_copy(journal, work / f"applog-{n}", recent_backup=False)
                got = spawn_worker("applog", copy, max(2, -(-repeat // sessions)))
                if "error" in got:
                    return got
                for key, samples in got.items():
                    merged.setdefault(key, []).extend(samples)
            return merged
        record("applog", applog)
    if want("cli"):
        record("cli", lambda: cli_measures(journal, work, repeat))
    shutil.rmtree(work, ignore_errors=True)
    return results


class Contention:
    """How much CPU other processes used while a size was measured, in cores on average:
    all busy time in /proc/stat minus this benchmark's own (itself and its children)."""

    def __init__(self) -> None:
        self.start = self._sample()

    @staticmethod
    def _sample() -> tuple[float, float, float] | None:
        import resource

        try:
            fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        busy = (user + nice + system + irq + softirq + steal) / ticks
        own = sum(r.ru_utime + r.ru_stime for r in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN)))
        return busy, own, time.monotonic()

    def others(self) -> float | None:
        end = self._sample()
        if self.start is None or end is None or end[2] <= self.start[2]:
            return None
        busy, own, wall = (b - a for a, b in zip(self.start, end, strict=True))
        return max(0.0, (busy - own) / wall)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, AttributeError):
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    versions = {}
    for module in ("textual", "orjson", "tinydb"):
        try:
            from importlib.metadata import version

            versions[module] = version(module)
        except Exception:  # noqa: BLE001
            versions[module] = "?"
    return {
        "cpu": cpu,
        "cores": f"{usable} usable of {os.cpu_count()}",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "load": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def _target_for(m: Measure, size: Size) -> float | None:
    if m.target is None:
        return None
    return m.target[1] if size.name == "large" else m.target[0]


def _cell(m: Measure, size: Size, value: Any) -> tuple[str, bool]:
    if value is None:
        return "", False
    if isinstance(value, str) or not value:
        return "n/a", False
    ms = statistics.median(value) * 1000
    text = f"{ms:.0f}" if ms >= 10 else f"{ms:.1f}"
    target = _target_for(m, size)
    missed = target is not None and ms > target
    return (f"{text} ✗" if missed else text), missed


def table(sizes: list[Size], results: dict[str, dict[str, Any]], markdown: bool) -> str:
    header = ["measure (median ms)", *[s.label for s in sizes], "target"]
    rows = []
    for m in MEASURES:
        cells = [_cell(m, s, results[s.name].get(m.key))[0] for s in sizes]
        if not any(cells):
            continue
        target = f"{m.target[0]:g} / {m.target[1]:g}" if m.target else ""
        label = m.label.strip() if markdown and m.label.startswith("  ") else m.label
        if markdown and m.label.startswith("  "):
            label = "↳ " + label
        rows.append([label, *cells, target])
    sizes_line = ["journal file (MB)"]
    for s in sizes:
        mb = results[s.name].get("_file_mb")
        sizes_line.append(f"{mb:.1f}" if mb else "n/a")
    rows.insert(0, [*sizes_line, ""])
    if markdown:
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = []
    for r in [header, None, *rows]:
        if r is None:
            out.append("  ".join("-" * w for w in widths))
            continue
        cells = [r[0] + " " * (widths[0] - _width(r[0]))]
        cells += [" " * (w - _width(c)) + c for c, w in zip(r[1:], widths[1:], strict=True)]
        out.append("  ".join(cells))
    return "\n".join(out)


def _width(text: str) -> int:
    return len(text)


def notes(sizes: list[Size], results: dict[str, dict[str, Any]]) -> list[str]:
    found = []
    for m in MEASURES:
        for s in sizes:
            value = results[s.name].get(m.key)
            if isinstance(value, str):
                note = f"n/a: {m.label.strip()} at {s.label}: {value}"
                if note not in found:
                    found.append(note)
    for m in MEASURES:
        missed = [s.label for s in sizes if _cell(m, s, results[s.name].get(m.key))[1]]
        if missed:
            found.append(f"miss: {m.label.strip()} at {', '.join(missed)}")
    return found


def report(sizes: list[Size], results: dict[str, dict[str, Any]], repeats: dict[str, int],
           markdown: bool) -> str:
    info = machine()
    lines = [table(sizes, results, markdown), ""]
    runs = ", ".join(f"{repeats[s.name]} at {s.label}" for s in sizes)
    lines.append(f"Medians. Runs per measure: {runs} (keystrokes: 4 times as many). ✗ marks "
                 "a miss of the target (2k/20k / 10k/100k; 200/2k is held to the 2k/20k "
                 "one).")
    busy = [(s.label, results[s.name].get("_others")) for s in sizes]
    shown = ", ".join(f"{o:.2f} at {label}" for label, o in busy if o is not None)
    if shown:
        lines.append(f"CPU used by other processes during the run, in cores: {shown}.")
    if any(o is not None and o > BUSY_CORES for _, o in busy):
        lines.append(f"Warning: other processes used over {BUSY_CORES} of a core on average "
                     "while some sizes ran: their times are inflated by contention.")
    lines.append("")
    info["load"] = f"{LOAD_AT_START} at the start, {info['load']} at the end (1, 5, 15 min)"
    if markdown:
        lines += ["Machine and run:", ""]
    for key in ("cpu", "cores", "memory", "os", "python", "libraries", "date", "load"):
        lines.append(f"- {key}: {info[key]}" if markdown else f"{key:>9}: {info[key]}")
    extra = notes(sizes, results)
    if extra:
        lines.append("")
        if markdown:
            lines += ["Misses and measures not available:", ""]
        lines += [f"- {n}" if markdown else f"note: {n}" for n in extra]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    block = f"{DOCS_START}\n{text}\n{DOCS_END}"
    if DOCS.exists():
        current = DOCS.read_text(encoding="utf-8")
        if DOCS_START in current and DOCS_END in current:
            head, rest = current.split(DOCS_START, 1)
            tail = rest.split(DOCS_END, 1)[1]
            DOCS.write_text(head + block + tail, encoding="utf-8")
            return
        DOCS.write_text(current.rstrip("\n") + "\n\n## Results\n\n" + block + "\n",
                        encoding="utf-8")
        return
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text("# Benchmarks\n\nReproduce with `make bench`.\n\n## Results\n\n"
                    + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="small,medium,large",
                        help="comma-separated: small (200/2k), medium (2k/20k), large (10k/100k)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (default 5)")
    parser.add_argument("--repeat-large", type=int, default=None,
                        help="runs per measure at 10k/100k (default: --repeat, at most 3)")
    parser.add_argument("--only", default="",
                        help="comma-separated measures or groups: " + ", ".join(sorted(GROUPS)))
    parser.add_argument("--write-docs", action="store_true",
                        help="rewrite the results section of docs/benchmarks.md")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached journals")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        sys.path.insert(0, str(ROOT))
        result = run_worker(args.worker, args.file, args.repeat)
        args.out.write_text(json.dumps(result))
        return 0

    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        sizes = [SIZES[name.strip()] for name in args.sizes.split(",") if name.strip()]
    except KeyError as e:
        parser.error(f"unknown size {e.args[0]!r}; use small, medium, large")
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    unknown = only - MEASURE_KEYS - GROUPS
    if unknown:
        parser.error(f"unknown measure {sorted(unknown)[0]!r}")

    repeats = {name: args.repeat for name in SIZES}
    repeats["large"] = args.repeat_large or min(args.repeat, 3)
    if repeats["large"] < 1:
        parser.error("--repeat-large must be at least 1")
    results = {}
    for size in sizes:
        contention = Contention()
        results[size.name] = measure_size(size, repeats[size.name], only, args.rebuild)
        results[size.name]["_others"] = contention.others()
    print()
    print(report(sizes, results, repeats, markdown=False))
    if args.write_docs:
        write_docs(report(sizes, results, repeats, markdown=True))
        print(f"\nwrote the results into {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
