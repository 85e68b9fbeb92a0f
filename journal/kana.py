"""Hiragana to romaji, so a reading like `いとう しょうた` is found by typing `ito` or `shota`.

Only for searching (`journal.matching`): `romaji` gives lower-case Hepburn as spelled in
kana (`とう` is `tou`), `romaji_forms` adds the form with long vowels shortened (`to`), the
way names are often written (`Ito`, `Shota`). Characters that are not hiragana pass through
unchanged.
"""

from __future__ import annotations

from functools import lru_cache

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu",
    "ゎ": "wa",
}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_VOWEL = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}


def romaji(text: str) -> str:
    """`しょうた` -> `shouta`, `まっちゃ` -> `matcha`, `けんいち` -> `kenichi`."""
    out: list[str] = []
    double_next = False
    for ch in text:
        if ch == "っ":
            double_next = True
            continue
        if ch in _SMALL_Y and out:
            # き+ゃ -> kya; し+ゃ -> sha; ち+ゃ -> cha; じ+ゃ -> ja
            prev = out[-1]
            if prev.endswith(("shi", "chi", "ji")):
                out[-1] = prev[:-1] + _SMALL_Y[ch]
            else:
                out[-1] = prev[:-1] + "y" + _SMALL_Y[ch]
            continue
        if ch in _SMALL_VOWEL:
            # て+ぃ -> ti; ち+ぇ -> che; ふ+ぁ -> fa; alone, just the vowel
            vowel = _SMALL_VOWEL[ch]
            if out and out[-1][-1:] in "aiueo" and len(out[-1]) > 1:
                out[-1] = out[-1][:-1] + vowel
            else:
                out.append(vowel)
            continue
        if ch == "ー" and out:
            out.append(out[-1][-1])  # a long vowel: repeat it
            continue
        syllable = _BASE.get(ch, ch)
        if double_next and syllable and syllable[0].isascii() and syllable[0].isalpha():
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double_next = False
        out.append(syllable)
    return "".join(out)


@lru_cache(maxsize=16384)  # readings repeat (family names), and each is spelled char by char
def romaji_forms(reading: str) -> tuple[str, ...]:
    """The romaji of a hiragana reading, spelled out and with long vowels shortened
    (`いとう しょうた` -> `itou shouta`, `ito shota`); none when it holds no kana."""
    spelled = romaji(reading)
    if spelled == reading:
        return ()
    short = spelled.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return (spelled,) if short == spelled else (spelled, short)
