"""`journal log --note-file`: a note of several lines, from a file or standard input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_cli import fails, ok

from journal.store import Store


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "j.json"
    Store.open(p, today=lambda: date(2026, 11, 25)).add_contact("Aiko Tanaka")
    return p


def notes(path: Path) -> list[str]:
    return [i.note for i in Store.open(path).all_interactions()]


def test_the_note_from_standard_input_keeps_its_lines(path: Path) -> None:
    letter = "Dear Aiko,\r\nthank you for the jam.\n\n\tSee you in May\n"
    out = ok("log", "Aiko", "letter", "--note-file", "-", file=path, stdin=letter)
    assert "Logged a letter to Aiko Tanaka" in out
    assert notes(path) == ["Dear Aiko,\nthank you for the jam.\n\n See you in May"]


def test_the_note_from_a_file(path: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("coffee\nher move to Osaka\x1b[31m", encoding="utf-8")
    ok("log", "Aiko", "meeting", "--note-file", str(note), file=path)
    assert notes(path) == ["coffee\nher move to Osaka[31m"]  # the escape dropped


def test_words_and_a_note_file_together_are_refused(path: Path) -> None:
    err = fails(2, "log", "Aiko", "call", "hello", "--note-file", "-", file=path, stdin="x")
    assert "either as words or with --note-file" in err
    assert notes(path) == []


def test_a_note_file_that_cannot_be_read_logs_nothing(path: Path, tmp_path: Path) -> None:
    err = fails(1, "log", "Aiko", "call", "--note-file", str(tmp_path / "nope.txt"), file=path)
    assert "--note-file" in err and "cannot read it" in err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    assert "not UTF-8 text" in fails(1, "log", "Aiko", "call", "--note-file", str(bad),
                                     file=path)
    assert notes(path) == []


def test_a_note_too_long_from_standard_input_is_refused_whole(path: Path) -> None:
    err = fails(1, "log", "Aiko", "letter", "--note-file", "-", file=path,
                stdin="x" * 400_005)
    assert "note" in err
    assert notes(path) == []
