"""Management departments, headquarters and service areas, with approximate positions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calculators.policy import DATA_DIR, Source, default_policy

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
    Column("opened", partial_date),
    Column("lat", number),
    Column("lon", number),
    Column("position", one_of("approximate", "address")),
    Column("note_zh", text, required=False),
    Column("note_en", text, required=False),
    Column("source", text),
    Column("confidence", one_of(*CONFIDENCE)),
]


@dataclass(frozen=True)
class Branch:
    id: str
    kind: str
    name: dict
    adcode: str
    address: dict | None
    opened: str
    lat: float
    lon: float
    approximate: bool
    note: dict | None
    source: Source
    confidence: str


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
        address = (
            {"zh": r["address_zh"], "en": r["address_en"] or r["address_zh"]} if r["address_zh"] else None
        )
        note = {"zh": r["note_zh"], "en": r["note_en"] or r["note_zh"]} if r["note_zh"] else None
        result.append(
            Branch(
                r["id"],
                r["kind"],
                {"zh": r["name_zh"], "en": r["name_en"]},
                r["adcode"],
                address,
                r["opened"],
                r["lat"],
                r["lon"],
                r["position"] == "approximate",
                note,
                sources[r["source"]],
                r["confidence"],
            )
        )
    return tuple(result)
