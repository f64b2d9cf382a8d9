"""Latin spellings of Cyrillic place names.

Ukrainian names follow the national transliteration of 2010 (KMU resolution no. 55); Russian
names follow the spelling common in English-language news (close to BGN/PCGN, without
diacritics), with the variants "e"/"ye" and "-iy"/"-y" both produced.
"""

from __future__ import annotations

VOWELS = set("аеёиіїоуыэюяєАЕЁИІЇОУЫЭЮЯЄ")

UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "'": "", "’": "", "ʼ": "",
}
UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UK_MEDIAL = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}

RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "yo", "'": "", "’": "",
}


def _case(out: str, src: str) -> str:
    if src.isupper() and out:
        return out[0].upper() + out[1:]
    return out


def uk_to_latin(s: str) -> str:
    out = []
    low = s.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i > 0 else " "
        initial = not prev.isalpha() and prev not in "'’ʼ"
        if ch == "г" and prev == "з":
            t = "gh"
        elif ch in UK_INITIAL:
            t = UK_INITIAL[ch] if initial else UK_MEDIAL[ch]
        elif ch in UK:
            t = UK[ch]
        elif ch.isalpha():
            return ""  # not Ukrainian
        else:
            t = ch
        out.append(_case(t, s[i]))
    return "".join(out)


def ru_to_latin(s: str, ye: bool) -> str:
    out = []
    low = s.lower()
    for i, ch in enumerate(low):
        prev = low[i - 1] if i > 0 else " "
        after_vowel = not prev.isalpha() or prev in VOWELS or prev in "ьъ"
        if ch == "е":
            t = "ye" if (ye and after_vowel) or (prev in "ьъ") else "e"
        elif ch in RU:
            t = RU[ch]
        elif ch.isalpha():
            return ""  # not Russian
        else:
            t = ch
        out.append(_case(t, s[i]))
    res = "".join(out)
    return res


def latin_keys_from_cyrillic(name: str, country: str) -> list[str]:
    """Latin spellings of a Cyrillic name: Ukrainian-looking names (і, ї, є, ґ) by the Ukrainian
    rules, Russian-looking names (ы, э, ъ, ё) by the Russian ones, others by both."""
    low = name.lower()
    ukrainian = any(ch in low for ch in "іїєґ")
    russian = any(ch in low for ch in "ыэъё")
    keys = []
    if ukrainian or (not russian and country == "UA"):
        k = uk_to_latin(name)
        if k:
            keys.append(k)
    if russian or not ukrainian:
        for ye in (False, True):
            k = ru_to_latin(name, ye)
            if k:
                keys.append(k)
                # "-ский"/"-ый" endings: "Krasnyy"/"Krasny", "Zhukovskiy"/"Zhukovsky".
                if k.endswith("iy") or k.endswith("yy"):
                    keys.append(k[:-2] + "y")
    seen, out = set(), []
    for k in keys:
        if k and k not in seen and k[0].isupper():
            seen.add(k)
            out.append(k)
    return out
