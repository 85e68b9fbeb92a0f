"""Where the journal lives: `--file`, then `JOURNAL_FILE`, then the platform's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_FILE = "JOURNAL_FILE"
DEFAULT_NAME = "journal.json"


# The XDG base directories: the variable, and the folder when it is unset or blank.
_XDG = {
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "config": ("XDG_CONFIG_HOME", "~/.config"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}
_XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


def user_folder(kind: str) -> Path:
    """journal's folder of this `kind` (data, config or cache), as platformdirs names it. On
    Linux and the BSDs it is read here from the XDG rule platformdirs follows there: importing
    platformdirs takes 10 ms, a sixth of a small command."""
    if sys.platform.startswith(_XDG_PLATFORMS):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if base.strip() else os.path.expanduser(default)) / "journal"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("journal", appauthor=False))


def default_journal_path() -> Path:
    return user_folder("data") / DEFAULT_NAME


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
