"""Management departments, headquarters and service areas, with approximate positions, and what
is published about visiting them: address, phone, opening hours (each with its source, or nothing)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from calculators.policy import DATA_DIR, Source
from calculators.policy_files import default_policy

from .schema import CONFIDENCE, Column, DataFileError, number, one_of, partial_date, read_csv, text

GEO_DIR = DATA_DIR / "geo"
COLUMNS = [
    Column("id", text),
    Column("kind", one_of("hq", "department", "service_area")),
    Column("name_zh", text),
    Column("name_en", text),
    Column("adcode", text),
    Column("address_zh", text, required=False),
    Column("address_en", text, required=False),
    # street: a street number is published; road: only the road; not_published: nothing here
    Column("address_status", one_of("street", "road", "not_published")),
    Column("map_keyword", text),  # what a map search is asked for (the name, in Zhuzhou)
    Column("phone", text, required=False),  # the office's own number, only with its source
    Column("phone_source", text, required=False),
    Column("phone_confidence", one_of(*CONFIDENCE), required=False),
    Column("hours_zh", text, required=False),
    Column("hours_en", text, required=False),
    Column("hours_source", text, required=False),
    Column("hours_confidence", one_of(*CONFIDENCE), required=False),
    Column("opened", partial_date),
    Column("lat", number),
    Column("lon", number),
    Column("position", one_of("approximate", "address")),
    Column("note_zh", text, required=False),
    Column("note_en", text, required=False),
    Column("source", text),
    Column("confidence", one_of(*CONFIDENCE)),
]


# An office's own number must come from a source that publishes it, never from general knowledge
# or an estimate (the national hotline 12329 is shown beside every office, marked as general knowledge).
UNPUBLISHED_SOURCES = ("general_knowledge", "assumption")
PHONE = re.compile(r"0\d{2,3}-\d{7,8}")
MAP_SEARCH = "https://uri.amap.com/search"
ZHUZHOU_CITY = "430200"  # the search stays in Zhuzhou (Amap URI API: city = name or city code)


@dataclass(frozen=True)
class Published:
    """A fact about visiting an office, as its source publishes it."""

    value: dict  # {"zh", "en"}
    source: Source
    confidence: str


@dataclass(frozen=True)
class Branch:
    id: str
    kind: str
    name: dict
    adcode: str
    address: dict | None
    address_status: str
    map_keyword: str
    phone: Published | None
    hours: Published | None
    opened: str
    lat: float
    lon: float
    approximate: bool
    note: dict | None
    source: Source
    confidence: str

    @property
    def map_url(self) -> str:
        """An Amap search for the office by name (our positions are approximate, so no marker)."""
        return f"{MAP_SEARCH}?keyword={quote(self.map_keyword, safe='')}&city={ZHUZHOU_CITY}&view=map"


@lru_cache(maxsize=1)
def counties(path: Path = GEO_DIR / "zhuzhou_counties.geojson") -> dict:
    """adcode -> {"name": {"zh", "en"}, "rings": [[(lon, lat), ...], ...]} from the local GeoJSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        result = {}
        for feature in data["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            polygons = (
                geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            )
            result[props["adcode"]] = {
                "name": {"zh": props["name"], "en": props["name_en"]},
                "rings": [poly[0] for poly in polygons],
            }
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise DataFileError(f"{path.name}: not the expected county GeoJSON: {exc}") from exc
    return result


@lru_cache(maxsize=1)
def branches(path: Path = DATA_DIR / "branches.csv") -> tuple[Branch, ...]:
    sources = default_policy().sources
    known = counties()
    result = []
    for number_, r in enumerate(read_csv(path, COLUMNS, sources), start=2):
        if r["adcode"] not in known:
            raise DataFileError(
                f"{path.name}, row {number_}, column adcode: {r['adcode']} is not a Zhuzhou county"
            )
        if not (26 <= r["lat"] <= 28.5 and 112.5 <= r["lon"] <= 114.5):
            raise DataFileError(f"{path.name}, row {number_}, column lat/lon: outside Zhuzhou")
        where = f"{path.name}, row {number_}"
        _check_address(r, where)
        for field in ("phone", "hours"):
            r[field] = _published(r, field, where, sources)
        r["approximate"] = r.pop("position") == "approximate"
        result.append(Branch(**r))
    return tuple(result)


def _check_address(r: dict, where: str) -> None:
    if (r["address_status"] == "not_published") != (r["address"] is None):
        raise DataFileError(
            f"{where}, column address_status: {r['address_status']} but address_zh is "
            + ("empty" if r["address"] is None else "given")
        )


def _published(r: dict, field: str, where: str, sources: dict) -> Published | None:
    """phone or hours: a value comes with its source and confidence; no value, nothing published.
    Takes the field's source and confidence columns out of ``r``."""
    value = {"zh": r["phone"], "en": r["phone"]} if field == "phone" and r["phone"] else r[field]
    source, confidence = r.pop(f"{field}_source"), r.pop(f"{field}_confidence")
    if not value:
        if source or confidence:
            raise DataFileError(f"{where}, column {field}_source: a source for a {field} not given")
        return None
    if source not in sources or source in UNPUBLISHED_SOURCES or not confidence:
        raise DataFileError(f"{where}, column {field}_source: a {field} needs the source that publishes it")
    if field == "phone" and not PHONE.fullmatch(value["zh"]):
        raise DataFileError(f"{where}, column phone: {value['zh']!r} is not a number like 0731-12345678")
    return Published(value, sources[source], confidence)
