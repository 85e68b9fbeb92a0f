"""The app uses only Textual's public API: a new Textual release cannot break it from inside.
Its tests do too: what they check does not lean on Textual's insides either.

Two checks over `screens/` (the first over `tests/` too):
- every `obj._name` (and `getattr(obj, "_name")`) names an underscore attribute our own code
  defines: one that only Textual (or Rich) defines is its private API;
- no class of ours that extends a Textual class defines an underscore name that one of its
  Textual bases defines too: that would override or overwrite Textual's insides.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENS, TESTS = ROOT / "screens", ROOT / "tests"
PRIVATE = re.compile(r"^_[a-z]\w*$")  # `_name`, not `__dunder__`
ASSIGNED = re.compile(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=(?!=)")


def _sources(*folders: Path) -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path))
            for folder in folders for path in sorted(folder.glob("*.py"))}


def _defined(tree: ast.Module) -> set[str]:
    """The underscore names a module defines: functions, class attributes, attributes
    assigned on any object, module globals."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in ast.walk(target):
                    if isinstance(part, ast.Attribute):
                        names.add(part.attr)
                    elif isinstance(part, ast.Name):
                        names.add(part.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return {n for n in names if PRIVATE.match(n)}


def _used(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, name) of each underscore attribute read or written, also through getattr."""
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and PRIVATE.match(node.attr):
            used.append((node.lineno, node.attr))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "hasattr", "setattr", "delattr")
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and PRIVATE.match(node.args[1].value)):
            used.append((node.lineno, node.args[1].value))
    return used


def _private_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, name) of each private module or name imported from Textual or Rich."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "textual", "rich"):
            parts = [*node.module.split("."), *(alias.name for alias in node.names)]
            found += [(node.lineno, part) for part in parts if PRIVATE.match(part)]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names
                      if alias.name.split(".")[0] in ("textual", "rich")
                      and any(PRIVATE.match(part) for part in alias.name.split("."))]
    return found


@functools.cache
def _ours() -> frozenset[str]:
    """The underscore names the app, the domain and the tests define (a test may read a
    store's insides)."""
    folders = (ROOT / "journal", ROOT / "journal" / "cli", SCREENS, TESTS)
    return frozenset().union(*(_defined(tree) for tree in _sources(*folders).values()))


@pytest.mark.parametrize("folder", [SCREENS, TESTS], ids=["screens", "tests"])
def test_every_underscore_attribute_is_our_own(folder: Path) -> None:
    foreign = []
    for path, tree in _sources(folder).items():
        foreign += [f"{path.name}:{line}: {name}" for line, name in _used(tree)
                    if name not in _ours()]
        foreign += [f"{path.name}:{line}: {name}" for line, name in _private_imports(tree)]
    assert not foreign, "private API of Textual or Rich used:\n" + "\n".join(foreign)


def _textual_privates(cls: type) -> set[str]:
    """The underscore names a Textual class and its Textual bases define or assign."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith("textual"):
            names |= _privates_of(base)
    return names


@functools.cache
def _privates_of(base: type) -> frozenset[str]:
    """The underscore names one Textual class defines or assigns (its source read once)."""
    names = {n for n in vars(base) if PRIVATE.match(n)}
    try:
        names.update(ASSIGNED.findall(inspect.getsource(base)))
    except (OSError, TypeError):
        pass
    return frozenset(names)


def _own_privates(cls: type) -> set[str]:
    """The underscore names our class's own source defines: methods, class attributes and
    attributes it assigns on `self`."""
    source = textwrap.dedent(inspect.getsource(cls))
    [body] = ast.parse(source).body
    names = set(ASSIGNED.findall(source))
    for node in body.body:  # type: ignore[attr-defined]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if PRIVATE.match(n)}


def test_no_class_of_ours_overrides_textual_insides() -> None:
    clashes = []
    for path in sorted(SCREENS.glob("*.py")):
        module = importlib.import_module(f"screens.{path.stem}")
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            if not any(b.__module__.startswith("textual") for b in cls.__mro__):
                continue
            for name in sorted(_own_privates(cls) & _textual_privates(cls)):
                clashes.append(f"{module.__name__}.{cls.__name__}.{name}")
    assert not clashes, "overrides a private name of a Textual base:\n" + "\n".join(clashes)


def test_the_checks_catch_what_the_app_once_did(tmp_path: Path) -> None:
    """The first check fails on the private uses the app had (so it can fail at all)."""
    tree = ast.parse(
        "class T:\n"
        "    async def f(self, app, table):\n"
        "        await self._check_bindings('a')\n"
        "        app._bindings, app._notifications\n"
        "        getattr(app, '_screen_stacks', {})\n"
        "        table._row_locations.get_key(0)\n"
    )
    names = {name for _, name in _used(tree)} - _defined(tree)
    assert names == {"_check_bindings", "_bindings", "_notifications", "_screen_stacks",
                     "_row_locations"}
