"""English names for first-level regions and extra names for countries.

GeoNames' admin1 names are inconsistent for Ukraine, Russia and Belarus ("Kharkiv" beside
"Kyiv Oblast"); the conventional English names used in news are given here.
"""

from __future__ import annotations

# Regions of Russia whose every populated place is kept (those bordering Ukraine, and Crimea,
# which GeoNames files under Ukraine, is covered by keeping all of Ukraine).
BORDER_ADMIN1 = {"RU.10", "RU.41", "RU.09", "RU.86", "RU.61", "RU.38"}

ADMIN1_DISPLAY = {
    "UA.11": "Crimea",
    "UA.12": "Kyiv City",
    "UA.20": "Sevastopol City",
    "RU.48": "Moscow City",
    "RU.66": "Saint Petersburg",
    "RU.42": "Leningrad Oblast",
    "RU.06": "Arkhangelsk Oblast",
    "RU.56": "Oryol Oblast",
    "RU.61": "Rostov Oblast",
    "RU.81": "Ulyanovsk Oblast",
    "RU.49": "Murmansk Oblast",
    "RU.13": "Chelyabinsk Oblast",
    "RU.30": "Khabarovsk Krai",
    "RU.59": "Primorsky Krai",
    "RU.92": "Kamchatka Krai",
    "RU.93": "Zabaykalsky Krai",
    "RU.70": "Stavropol Krai",
    "RU.03": "Altai Republic",
    "RU.34": "Komi Republic",
    "RU.28": "Republic of Karelia",
    "RU.50": "Nenets Autonomous Okrug",
    "RU.87": "Yamalo-Nenets Autonomous Okrug",
    "RU.32": "Khanty-Mansi Autonomous Okrug",
    "RU.15": "Chukotka Autonomous Okrug",
    "RU.29": "Kemerovo Oblast",
    "RU.63": "Sakha Republic",
    "RU.12": "Chechnya",
    "RU.17": "Dagestan",
    "BY.01": "Brest Region",
    "BY.02": "Gomel Region",
    "BY.03": "Grodno Region",
    "BY.04": "Minsk City",
    "BY.05": "Minsk Region",
    "BY.06": "Mogilev Region",
    "BY.07": "Vitebsk Region",
}

SUFFIXES = (
    " Autonomous Okrug", " Oblast", " oblast", " Krai", " Kray", " Region", " Republic",
    " Province", " Governorate", " Voivodeship", " County", " City",
)
PREFIXES = ("Republic of ",)


def admin1_display(code: str, name: str) -> str:
    """The conventional English name of a region: an override, or for Ukraine's oblasts the
    GeoNames name with " Oblast" added."""
    if code in ADMIN1_DISPLAY:
        return ADMIN1_DISPLAY[code]
    if code.startswith("UA.") and not name.endswith("Oblast"):
        return name + " Oblast"
    return name


def admin1_base(display: str) -> str:
    """The region's name without its type word: "Bryansk Oblast" -> "Bryansk"."""
    for p in PREFIXES:
        if display.startswith(p):
            display = display[len(p):]
    for s in SUFFIXES:
        if display.endswith(s):
            return display[: -len(s)]
    return display


COUNTRY_ALIASES = {
    "RU": ["Russian Federation", "Россия", "Росія", "Rossiya"],
    "UA": ["Україна", "Украина", "Ukrayina", "the Ukraine"],
    "BY": ["Byelorussia", "Belorussia", "Беларусь", "Білорусь", "Белоруссия"],
    "US": ["United States of America", "USA", "U.S.A.", "America", "the US", "the U.S.", "US", "U.S."],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "the UK", "the U.K."],
    "NL": ["Netherlands", "Holland"],
    "CZ": ["Czech Republic"],
    "TR": ["Türkiye", "Turkiye"],
    "KP": ["DPRK"],
    "KR": ["Republic of Korea"],
    "MD": ["Молдова", "Moldavia"],
    "PS": ["Palestine", "Gaza Strip", "West Bank"],
    "CD": ["DR Congo", "DRC"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "MM": ["Burma"],
    "VA": ["Vatican City", "Holy See"],
    "GE": ["Грузия", "Грузія"],
    "PL": ["Польша", "Польща"],
    "DE": ["Германия", "Німеччина"],
    "FR": ["Франция", "Франція"],
}

# Named areas that are not administrative units; centres are approximate (to ~20 km).
# (id, English name, country, lat, lon, other names)
EXTRA_REGIONS = [
    ("region:donbas", "Donbas", "UA", 48.30, 38.30, ["Donbass", "Донбас", "Донбасс"]),
    ("region:black-sea", "Black Sea", "", 43.40, 34.30, ["Чорне море", "Черное море"]),
    ("region:sea-of-azov", "Sea of Azov", "", 46.10, 36.70, ["Azov Sea", "Азовське море", "Азовское море"]),
    ("region:kerch-strait", "Kerch Strait", "", 45.30, 36.55, ["Strait of Kerch"]),
    ("region:crimean-bridge", "Crimean Bridge", "", 45.31, 36.51, ["Kerch Bridge", "Кримський міст", "Крымский мост"]),
]

# Region names that are generic words (directions, "Capital", "Coast"): usable only when the
# text supports them, like other common words.
GENERIC_REGION_NAMES = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "centre", "center", "capital", "coast", "coastal", "islands", "island", "lakes", "highlands",
    "lowlands", "plateau", "littoral", "north east", "north west", "south east", "south west",
    "northeast", "northwest", "southeast", "southwest", "mid", "upper", "lower", "interior",
    "national capital", "federal district", "capital district", "border", "frontier", "valley",
}

# Further names of first-level regions (the sources give regions no alternate names).
ADMIN1_ALIASES = {
    "UA.11": ["Крим", "Крым", "Krym", "Crimean Peninsula", "Autonomous Republic of Crimea"],
    "RU.38": ["Kuban", "Кубань"],
    "UA.12": ["Kiev City"],
}
