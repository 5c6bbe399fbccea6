"""The bounded part of reading an XLSX: its ZIP directory and parts, checked before any XML is
parsed (see calculators/xlsx.py for why). ``Reader`` hands out a part's bytes, or streams it
chunk by chunk to an expat parser, within the sizes, ratio and deadline below."""

from __future__ import annotations

import io
import time
import zipfile
from pyexpat import XML_PARAM_ENTITY_PARSING_NEVER, ExpatError, ParserCreate

from .tables import TableError

MAX_MEMBERS = 1000  # a workbook with many sheets and pictures has a few hundred
MAX_PART_BYTES = {  # uncompressed size of each part that is read
    "workbook": 1 << 20,
    "rels": 1 << 20,
    "styles": 4 << 20,
    "strings": 32 << 20,
    "sheet": 48 << 20,
}
MAX_RATIO = 100  # inflated / compressed, for parts over RATIO_FROM bytes
RATIO_FROM = 1 << 20
MAX_STYLE_TAGS = 200_000  # Excel itself stops at 64,000 cell formats
MAX_DEPTH = 40  # a sheet nests 6 deep (worksheet/sheetData/row/c/is/r/t)
CHUNK = 1 << 16


class Reader:
    def __init__(self, data: bytes, deadline: float, seconds: float):
        self.deadline = deadline
        self.seconds = seconds
        declared = declared_members(data)
        if declared > MAX_MEMBERS:  # before zipfile builds an object for each of them
            raise TableError("file_zip_members", count=declared, max=MAX_MEMBERS)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise TableError("file_unreadable") from None
        if len(infos) > MAX_MEMBERS:
            raise TableError("file_zip_members", count=len(infos), max=MAX_MEMBERS)
        self.infos = {i.filename.lstrip("/"): i for i in infos}

    def tick(self):
        if time.perf_counter() > self.deadline:
            raise TableError("file_timeout", seconds=f"{self.seconds:g}")

    def part(self, name: str, kind: str) -> zipfile.ZipInfo | None:
        """A part's directory entry once its size and compression ratio are checked; None when absent."""
        info = self.infos.get(name)
        if info is None:
            return None
        limit = MAX_PART_BYTES[kind]
        if info.file_size > limit:
            raise too_big(kind, info.file_size, limit)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TableError(
                "file_zip_ratio", ratio=info.file_size // max(info.compress_size, 1), max=MAX_RATIO
            )
        return info

    def chunks(self, info: zipfile.ZipInfo):
        """The part inflated a chunk at a time (never past its declared size), on the clock."""
        try:
            with self.archive.open(info) as part:
                while chunk := part.read(CHUNK):
                    yield chunk
                    self.tick()
        except TableError:
            raise
        except Exception:  # noqa: BLE001 - bad CRC, unknown compression, encryption: the file's fault
            raise TableError("file_unreadable") from None

    def count(self, info: zipfile.ZipInfo, patterns: tuple[bytes, ...]) -> dict[bytes, int]:
        """How often each pattern occurs in the part, counted at C speed without keeping it."""
        counts = dict.fromkeys(patterns, 0)
        keep = max(len(p) for p in patterns) - 1  # a pattern cut by a chunk edge is counted once
        tail = b""
        first = True
        for chunk in self.chunks(info):
            if first and (b"\0" in chunk[:256] or b"<!DOCTYPE" in chunk or b"<!ENTITY" in chunk):
                raise TableError("file_unreadable")  # UTF-16 would hide tags from the counts; no DTDs
            first = False
            window = tail + chunk
            for pattern in patterns:
                counts[pattern] += window.count(pattern)
            tail = window[-keep:]
            for pattern in patterns:  # those lying wholly in the tail are counted again next time
                counts[pattern] -= tail.count(pattern)
        for pattern in patterns:
            counts[pattern] += tail.count(pattern)
        return counts

    def parse(self, info: zipfile.ZipInfo, start, end=None, text=None):
        """Feed the part to a hardened expat parser chunk by chunk, checking the deadline."""
        parser = ParserCreate()
        parser.SetParamEntityParsing(XML_PARAM_ENTITY_PARSING_NEVER)
        parser.buffer_text = True

        def forbidden(*_args):
            raise TableError("file_unreadable")

        parser.StartDoctypeDeclHandler = forbidden  # no DTD: no entity expansion, no external entity
        parser.EntityDeclHandler = forbidden
        parser.ExternalEntityRefHandler = forbidden
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            for chunk in self.chunks(info):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except Stop:
            pass
        except ExpatError:
            raise TableError("file_unreadable") from None


def declared_members(data: bytes) -> int:
    """The member count in the ZIP's end-of-central-directory record (0 when there is none)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 12 > len(data):
        return 0
    return int.from_bytes(data[at + 10 : at + 12], "little")


class Stop(Exception):
    pass


def too_big(kind: str, size: int, limit: int) -> TableError:
    if kind == "styles":
        return TableError("file_styles", mb=round(size / 2**20, 1), max_mb=limit // 2**20)
    if kind == "strings":
        return TableError("file_strings", mb=round(size / 2**20, 1), max_mb=limit // 2**20)
    # The file itself was within the upload limit: what is too large is a part once unpacked.
    return TableError("file_unpacked_too_large", mb=round(size / 2**20, 1), max_mb=limit // 2**20)
