"""The font the share images are drawn with: Noto Sans CJK SC, cut down to the characters of the
catalogs (scripts/share_font.py), vendored so that a host needs no system font."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import yaml

FONT_DIR = Path(__file__).resolve().parent.parent / "vendor" / "noto-sans-sc"
FONTS = {"Regular": "share-regular.otf", "Bold": "share-bold.otf"}
LOCALES = Path(__file__).resolve().parent.parent / "locales"
# Drawn besides the catalogs' own text: numbers as Babel writes them, and the card's punctuation.
EXTRA = string.printable.strip() + " ·−±×÷…—–“”‘’，。：；（）、！？《》〔〕【】％￥¥①②③"


def _strings(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif node is not None:
        yield str(node)


def drawable_text() -> str:
    """Every character a card may draw: the catalogs' in both languages, and ``EXTRA``."""
    chars = set(EXTRA)
    for path in sorted(LOCALES.glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            chars.update(text)
    return "".join(sorted(c for c in chars if c.isprintable() or c == " "))


@cache
def font(weight: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / FONTS[weight]), size)
