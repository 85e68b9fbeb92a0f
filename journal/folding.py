"""Text as names are compared (`fold`): `rules.normalize_name` (NFKC, case-folded, single
spaces, no zero-width characters), with katakana as hiragana. Apart from `journal.matching`,
which ranks people by it, so that a name typed in full is found without loading the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

from journal.rules import normalize_name, normalize_names

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    """Text as compared: `normalize_name`, with katakana as hiragana."""
    return _as_hiragana(normalize_name(text))


def fold_all(texts: Sequence[str]) -> list[str]:
    """`fold` of each text, the slow part done once for all of them."""
    return [_as_hiragana(t) for t in normalize_names(texts)]


def folds_to(normalized: str, folded: str) -> bool:
    """Whether text already normalised (`normalize_name`) folds to `folded`: its kana are
    turned only when it could match, as folding keeps the length (a name typed in full is
    compared with everyone's, 2,000 conversions saved)."""
    return len(normalized) == len(folded) and _as_hiragana(normalized) == folded


def _as_hiragana(text: str) -> str:
    # translate looks up every character: most names are ASCII, with no katakana to change
    return text if text.isascii() else text.translate(_KATAKANA_TO_HIRAGANA)
