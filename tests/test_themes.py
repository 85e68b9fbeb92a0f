"""Every theme Textual ships reads well, a new theme recolours what is on screen, and the
chosen theme is kept for the next run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pilot_helpers import quiet
from textual.color import Color

from journal.model import Direction, Kind
from journal.settings import ENV_CONFIG_DIR, settings_path
from journal.store import Store
from screens.app import create_app
from screens.contacts import ContactsTable
from screens.text import MIN_CONTRAST, MIN_CONTRAST_MUTED, Palette, contrast

TODAY = date(2026, 11, 25)


def seeded(path: Path) -> Store:
    store = Store.open(path)
    late = store.add_contact("Margaret Thornbury", cadence_days=30)
    store.add_interaction(late.id, Kind.CALL, date(2026, 8, 1), direction=Direction.IN)
    soon = store.add_contact("Ben Okafor", cadence_days=30)
    store.add_interaction(soon.id, Kind.CALL, date(2026, 10, 28))  # due in 2 days: warning
    store.add_contact("Aiko Tanaka")  # not tracked: muted
    return store


def status_colours(app) -> dict[str, Color]:  # noqa: ANN001
    """The colour each status phrase is drawn in, as the contacts list draws its lines."""
    table = app.screen.query_one(ContactsTable)
    found: dict[str, Color] = {}
    for y in range(table.size.height):
        for segment in table.render_line(y):
            text = segment.text.strip()
            style = segment.style
            if text and style is not None and style.color is not None and any(
                    word in text for word in ("overdue", "reply owed", "due in", "not tracked")):
                found[text] = Color.from_rich_color(style.color)
    return found


async def test_every_theme_textual_ships_reads_well(tmp_path: Path) -> None:
    app = create_app(seeded(tmp_path / "j.json"), today=lambda: TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        themes = sorted(app.available_themes)
        assert "textual-light" in themes and len(themes) > 10
        for name in themes:
            app.theme = name
            await quiet(pilot)
            if name.startswith("ansi"):
                continue  # the terminal's own colours: nothing to measure here
            background = Color.parse(app.theme_variables["background"])
            pal = Palette.of(app)
            for style in (pal.error, pal.warning, pal.success, pal.primary):
                assert contrast(Color.from_rich_color(style.color), background) >= (
                    MIN_CONTRAST), (name, style)
            assert contrast(Color.from_rich_color(pal.muted.color), background) >= (
                MIN_CONTRAST_MUTED), name
            # what is on screen is drawn in this theme's colours, not the last one's
            drawn = status_colours(app)
            assert {"reply owed", "due in 2 days", "not tracked"} <= set(drawn), (name, drawn)
            for text, colour in drawn.items():
                assert contrast(colour, background) >= MIN_CONTRAST_MUTED, (name, text)
            assert drawn["due in 2 days"] == Color.from_rich_color(pal.warning.color), name


async def test_the_light_theme_status_is_not_pale_yellow(tmp_path: Path) -> None:
    app = create_app(seeded(tmp_path / "j.json"), today=lambda: TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await quiet(pilot)
        app.theme = "textual-light"
        await quiet(pilot)
        background = Color.parse(app.theme_variables["background"])
        for text, colour in status_colours(app).items():
            assert contrast(colour, background) >= MIN_CONTRAST_MUTED, text


async def test_the_theme_is_kept_for_the_next_run(tmp_path: Path, own_settings: Path) -> None:
    path = tmp_path / "j.json"
    seeded(path).close()
    first = create_app(Store.open(path), today=lambda: TODAY)
    async with first.run_test() as pilot:
        assert first.theme == "textual-dark"
        first.theme = "gruvbox"
        await quiet(pilot)
    assert settings_path() == own_settings / "settings.json"
    assert settings_path().exists()

    second = create_app(Store.open(path), today=lambda: TODAY)
    async with second.run_test() as pilot:
        await quiet(pilot)
        assert second.theme == "gruvbox"


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"theme": "no-such-theme"}',
                                     b'{"theme": 3}'])
async def test_a_bad_settings_file_is_the_default_theme(
    tmp_path: Path, own_settings: Path, content: bytes
) -> None:
    (own_settings / "settings.json").write_bytes(content)
    app = create_app(seeded(tmp_path / "j.json"), today=lambda: TODAY)
    async with app.run_test() as pilot:
        await quiet(pilot)
        assert app.theme == "textual-dark"
    assert (own_settings / "settings.json").read_bytes() == content  # left as it was


async def test_a_settings_folder_that_cannot_be_written(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(ENV_CONFIG_DIR, str(blocker / "config"))  # under a file: cannot exist
    said: list[str] = []
    app = create_app(seeded(tmp_path / "j.json"), today=lambda: TODAY)
    app.notify = lambda message, **kw: said.append(message)  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        app.theme = "nord"
        await quiet(pilot)
        assert app.theme == "nord" and app.is_running
    assert any("theme is not kept" in s for s in said)
