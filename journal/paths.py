"""Where the journal lives: `--file`, then `JOURNAL_FILE`, then the platform's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_FILE = "JOURNAL_FILE"
DEFAULT_NAME = "journal.json"


def default_journal_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("journal", appauthor=False)) / DEFAULT_NAME


def journal_path(flag: str | os.PathLike[str] | None = None) -> Path:
    """The journal file to use: the flag wins over the environment, which wins over the default."""
    if flag:
        return Path(flag).expanduser()
    if env := os.environ.get(ENV_FILE):
        return Path(env).expanduser()
    return default_journal_path()


def real_file(path: Path) -> Path:
    """The file a journal path names: a symbolic link followed to its target, once, when the
    journal is opened. Saves replace that file (the link stays a link), and its lock, temporary
    files and backups sit beside it. Any other path is kept as given."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def sample_journal_path() -> Path:
    """The demo journal from `sample_data/` (copied before use, never modified; see
    `journal.demo`), in the source tree or where a wheel installed it. Rebuilt by
    `sample_data/build_demo.py`."""
    in_tree = Path(__file__).resolve().parent.parent / "sample_data" / "demo.json"
    if in_tree.exists():
        return in_tree
    return Path(sys.prefix) / "share" / "contact-journal" / "demo.json"


def shell_command(journal: Path, *args: str) -> str:
    """`journal ARGS` as it would be typed in a shell to act on the journal at `journal`:
    each argument quoted where needed, `--file` given unless it is the journal the command
    opens by itself."""
    words = ["journal"]
    try:
        default = journal_path().resolve() == journal.resolve()
    except OSError:
        default = False
    if not default:
        words += ["--file", str(journal)]
    import shlex  # only when a command is shown

    return " ".join(shlex.quote(w) for w in [*words, *args])
