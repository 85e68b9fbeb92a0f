"""Instructions, not milliseconds: the shell's measures counted by valgrind, the same on every
run of the same code however busy or slow the machine is.

    python benchmarks/instructions.py [--sizes small,medium] [--against PATH]

Each measure is one whole `journal` process (or `python -c 'import journal.cli'`) under
`valgrind --tool=cachegrind --cache-sim=no`: the instructions it executed, in millions, after
an untimed run of the same command (bytecode written, seals made). The journals and the
contact logged to are those of `benchmarks/run.py`. `--against PATH` counts another checkout
too, with its own `.venv` and its own `benchmarks/run.py` (a `git worktree` of an older commit,
say), and prints the two side by side.

On the shared machine these benchmarks run on, wall-clock times swing by up to 2x from one
minute to the next, and these counts by well under 1 %. They leave out the kernel's work
(page faults, reads, fsync): the wall-clock benchmarks cover that.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASURES = {
    "import": "python -c 'import journal.cli'",
    "log": "`journal log`, journal as it last saved it",
    "log_checked": "  every record checked (file changed elsewhere)",
    "overdue": "`journal overdue`, journal as it last read it",
    "overdue_checked": "  every record checked (file changed elsewhere)",
}
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(argv: list[str], env: dict[str, str], *, warm: dict[str, str] | None = None) -> float:
    """Millions of instructions of one run of `argv`, after an untimed one (in `warm`, by
    default the same environment)."""
    subprocess.run(argv, env=warm or env, capture_output=True, check=True)
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         *argv], env=env, capture_output=True, check=True)
    found = _REFS.search(done.stderr.decode(errors="replace"))
    if found is None:
        raise SystemExit(f"valgrind gave no count for {argv[:3]}")
    return int(found.group(1).replace(",", "")) / 1e6


def worker(root: Path, sizes: list[str]) -> dict[str, dict[str, float]]:
    """Every measure at every size, in this interpreter (the checkout at `root`'s venv)."""
    sys.path.insert(0, str(root / "benchmarks"))
    import run  # that checkout's benchmarks: its journals, its generator

    python, journal = sys.executable, str(run.JOURNAL_BIN)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def env(seals: str) -> dict[str, str]:  # that checkout's bench_env, our seal folder
            return run.bench_env() | {"JOURNAL_CACHE_DIR": str(work / seals)}

        for name in sizes:
            source = run.journal_for(run.SIZES[name])
            who = run.contact_name_for_cli(source)
            got = results[name] = {}
            got["import"] = count([python, "-c", "import journal.cli"], env("seals"))
            for key, checked in (("log", False), ("log_checked", True)):
                target = run.fresh_copy(source, work / key, recent_backup=True)
                seals = f"empty-{key}-{name}" if checked else "seals"
                if not checked:  # journal reads it first: a seal, where journal makes them
                    subprocess.run([python, journal, "overdue", "--file", str(target)],
                                   env=env(seals), capture_output=True, check=True)
                log = [python, journal, "log", who, "call", "benchmark", "--file", str(target)]
                warm = env(f"warm-{key}-{name}") if checked else None  # no seal: see count
                got[key] = count(log, env(seals), warm=warm)
            target = run.fresh_copy(source, work / "overdue", recent_backup=True)
            overdue = [python, journal, "overdue", "--file", str(target)]
            got["overdue"] = count(overdue, env("seals"))
            got["overdue_checked"] = count(overdue, env(f"empty-overdue-{name}"),
                                           warm=env(f"warm-overdue-{name}"))
    return results


def measured(root: Path, sizes: list[str]) -> dict[str, dict[str, float]]:
    """`worker` run by the interpreter of the checkout at `root`."""
    python = root / ".venv" / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{python} is missing: run `make lint` (or make a venv) there first")
    done = subprocess.run(
        [str(python), __file__, "--worker", str(root), "--sizes", ",".join(sizes)],
        capture_output=True, check=False, cwd=root)
    if done.returncode != 0:
        raise SystemExit(f"{root}: {done.stderr.decode(errors='replace').strip()[-400:]}")
    return json.loads(done.stdout)


def table(sizes: list[str], ours: dict, theirs: dict | None, against: str) -> str:
    header = ["millions of instructions", *sizes]
    if theirs is not None:
        header = ["millions of instructions",
                  *(f"{s}: {against} → this" for s in sizes)]
    rows = [header]
    for key, label in MEASURES.items():
        cells = []
        for s in sizes:
            mine = ours[s][key]
            if theirs is None:
                cells.append(f"{mine:.0f}")
            else:  # a checkout without seals checks every record every time
                old = theirs[s][key]
                cells.append(f"{old:.0f} → {mine:.0f} ({(mine - old) / old:+.1%})")
        rows.append([label, *cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for r in rows:
        cells = (c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))
        lines.append("  ".join([r[0].ljust(widths[0]), *cells]))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--against", type=Path, help="another checkout to count beside this one")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    if args.worker:
        print(json.dumps(worker(args.worker, sizes)))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    ours = measured(HERE.parent, sizes)
    theirs = measured(args.against.resolve(), sizes) if args.against else None
    print(table(sizes, ours, theirs, args.against.name if args.against else ""))


if __name__ == "__main__":
    main()
