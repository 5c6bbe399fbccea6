"""Cut Noto Sans CJK SC down to the characters the share images can draw, into vendor/noto-sans-sc/.

Run after a catalog gains a character (tests/test_share_image.py says when):
    .venv/bin/python scripts/share_font.py
It reads Debian's fonts-noto-cjk (installed by ./test.sh) and writes the same bytes every time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sharing.font import FONT_DIR, FONTS, drawable_text  # noqa: E402

SOURCE = Path("/usr/share/fonts/opentype/noto")
SC = 2  # the face of the collection that draws Simplified Chinese


def main() -> None:
    text = drawable_text()
    for weight, name in FONTS.items():
        font = TTFont(SOURCE / f"NotoSansCJK-{weight}.ttc", fontNumber=SC, recalcTimestamp=False)
        options = subset.Options()
        options.name_IDs = ["*"]  # keep the copyright and licence names
        options.layout_features = ["kern", "palt", "vert"]
        options.notdef_outline = True
        cutter = subset.Subsetter(options)
        cutter.populate(text=text)
        cutter.subset(font)
        font.save(FONT_DIR / name)
        print(f"{name}: {len(set(text))} characters, {(FONT_DIR / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
