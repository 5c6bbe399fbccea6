"""A card drawn as a phone-sized PNG: the headline figure, the figures that matter, the date and
policy version, the caveat, and a QR code of the link that reproduces it.

Drawn with Pillow in the vendored font (sharing/font.py) and segno's QR matrix, so the same card
gives the same bytes on every host, with nothing fetched.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

import segno
from PIL import Image, ImageDraw

from .font import font

WIDTH = 720  # 360 CSS pixels at 2x: a phone's width, sharp on its screen
MARGIN = 40
INK, MUTED, RULE, BAND, PAPER, WARN = "#1f2328", "#59636e", "#d0d7de", "#0b5ed7", "#ffffff", "#b02a37"
QR_MODULE = 6  # pixels per module: scans from a screen or a printout


@dataclass(frozen=True)
class Card:
    site: str  # the band at the top
    title: str
    label: str  # the headline's label
    headline: str  # the figure the answer is about
    rows: tuple  # (label, value) pairs
    notes: tuple  # the date and policy version, the caveat
    url: str  # the link that reproduces the answer (the QR code)
    scan: str  # the words under the QR code
    ok: bool = True  # False: a "not yet" or inputs to fix, in red
    figure: bool = True  # the headline is a figure (drawn large), else words


OPENING, CLOSING = "（《“【〔(", "，。、：；）》”】〕！？),.:;"  # kept with the next / the previous


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _breaks_before(before: str, char: str) -> bool:
    """Whether a line may break between ``before`` and ``char``: between words of Latin text and
    between Chinese characters, never after an opening bracket or before a closing one or a comma."""
    if before in OPENING or char in CLOSING:
        return False
    return _wide(char) or _wide(before) or char == " " or before == " "


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for char in text:
        if tokens and not _breaks_before(tokens[-1][-1], char):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def wrap(text: str, face, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels in ``face``."""
    lines, line = [], ""
    for token in _tokens(text):
        if not line or face.getlength(line + token) <= width:
            line += token
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    return [*lines, line.rstrip()] if line.strip() else lines


def _qr(url: str) -> Image.Image:
    """The link's QR code, its modules as large as fit the card (6 px for a usual link, never
    under 3 px; routes.MAX_QUERY keeps the longest link within that)."""
    code = segno.make_qr(url, error="m")
    modules = code.symbol_size(scale=1, border=2)[0]
    scale = max(3, min(QR_MODULE, (WIDTH - 2 * MARGIN) // modules))
    small = Image.new("1", (modules, modules), 1)
    small.putdata([0 if dark else 1 for row in code.matrix_iter(scale=1, border=2) for dark in row])
    return small.convert("L").resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def _layout(card: Card, qr_height: int) -> tuple[list, int, int]:
    """([(y, font, colour, line, centred)], the QR code's y, the height)."""
    inner = WIDTH - 2 * MARGIN
    title, label, body, small = (
        font(w, n) for w, n in (("Bold", 34), ("Regular", 28), ("Regular", 30), ("Regular", 24))
    )
    big = font("Bold", 72 if card.figure else 44)
    texts, rules, y = [], [], 84

    def lines(text, face, colour, step, centred=False):
        nonlocal y
        for line in wrap(text, face, inner):
            texts.append((y, face, colour, line, centred))
            y += step

    lines(card.title, title, INK, 50)
    y += 12
    lines(card.label, label, MUTED, 40)
    lines(card.headline, big, BAND if card.ok else WARN, big.size + 24)
    for name, value in card.rows:
        rules.append(y + 6)
        y += 16
        lines(name, label, MUTED, 38)
        lines(value, body, INK, 44)
    rules.append(y + 10)
    y += 20
    for note in card.notes:
        lines(note, small, MUTED, 34)
    qr_at = y + 16
    y = qr_at + qr_height
    lines(card.scan, small, MUTED, 34, centred=True)
    return texts, rules, qr_at, y + MARGIN


def render(card: Card) -> bytes:
    """The card as PNG bytes."""
    qr = _qr(card.url)
    texts, rules, qr_at, height = _layout(card, qr.height)
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 64), fill=BAND)
    draw.text((MARGIN, 14), card.site, font=font("Regular", 24), fill=PAPER)
    for y in rules:
        draw.line((MARGIN, y, WIDTH - MARGIN, y), fill=RULE, width=2)
    for y, face, colour, line, centred in texts:
        x = (WIDTH - face.getlength(line)) / 2 if centred else MARGIN
        draw.text((x, y), line, font=face, fill=colour)
    image.paste(qr, ((WIDTH - qr.width) // 2, qr_at))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
