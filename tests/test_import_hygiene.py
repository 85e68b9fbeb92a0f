"""The domain (`journal/`) never imports Textual: not one of its modules brings it in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_MODULES = sorted(
    f"journal.{p.stem}" for p in (ROOT / "journal").glob("*.py") if p.stem != "__main__"
)

# Imports each domain module as if into a fresh interpreter (every module of `journal` and of
# Textual forgotten first) and prints, for each, the Textual modules its import loaded.
CHECK = """
import importlib, json, sys

def ours_or_textual(name):
    return name.split(".")[0] in ("journal", "textual")

found = {}
for module in sys.argv[1:]:
    for name in [m for m in sys.modules if ours_or_textual(m)]:
        del sys.modules[name]
    importlib.import_module(module)
    found[module] = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def textual_loaded_by() -> dict[str, list[str]]:
    """For each domain module, the Textual modules loaded once it is imported."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *DOMAIN_MODULES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_there_are_domain_modules() -> None:
    assert "journal.store" in DOMAIN_MODULES and "journal.rules" in DOMAIN_MODULES


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_without_textual(module: str,
                                               textual_loaded_by: dict[str, list[str]]) -> None:
    assert textual_loaded_by[module] == [], f"{module} imported {textual_loaded_by[module][:5]}"


def test_no_screen_imports_the_app() -> None:
    """Screens post requests to the app and subscribe to its signal (screens.messages); none
    imports `screens.app`, not even for type checking or inside a function, nor through
    another module: the app imports the screens, never the other way."""
    import grimp

    graph = grimp.build_graph("screens", "journal")
    screens = graph.find_children("screens") - {"screens.app"}
    assert "screens.review" in screens and "screens.import_export" in screens
    importers = sorted(m for m in screens
                       if graph.chain_exists(importer=m, imported="screens.app"))
    assert importers == []


def test_every_domain_module_is_held_to_the_layers() -> None:
    """A new module of `journal/` is in the contract that keeps the domain off the shell."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [domain] = [
        c for c in config["tool"]["importlinter"]["contracts"]
        if c["forbidden_modules"] == ["journal.cli"]
    ]
    assert set(domain["source_modules"]) == set(DOMAIN_MODULES) - {"journal.__init__"}
