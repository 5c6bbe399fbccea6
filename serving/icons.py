"""Bootstrap Icons cut down to the icons the site uses.

The full icon font is 135 KB compressed and its stylesheet 14 KB, for the thirty-odd icons this
site shows: on a phone that is a tenth of a page. The icons in use are found in the site's own
sources (``bi-<name>`` in pages/, components/ and assets/), and the font and the stylesheet are
subset once per process with fontTools — deterministically, so every process serves the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from functools import lru_cache
from pathlib import Path

import flask_bootstrap

FONT_DIR = Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5" / "css" / "font"
SOURCES = Path(__file__).resolve().parent.parent
SCANNED = ("pages/*.py", "components/*.py", "app.py", "assets/*.js")
ICON = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")


def used_icons() -> tuple[str, ...]:
    names = set()
    for pattern in SCANNED:
        for path in SOURCES.glob(pattern):
            names.update(ICON.findall(path.read_text(encoding="utf-8")))
    return tuple(sorted(names))


@lru_cache(maxsize=1)
def _icon_codes() -> dict[str, int]:
    css = (FONT_DIR / "bootstrap-icons.min.css").read_text(encoding="utf-8")
    codes = {}
    for name in used_icons():
        found = re.search(r"\.bi-" + re.escape(name) + r'::before\{content:"\\([0-9a-f]+)"', css)
        if found:  # a class like bi-btn-group that is not an icon simply has no glyph
            codes[name] = int(found.group(1), 16)
    return codes


@lru_cache(maxsize=1)
def font() -> tuple[bytes, str]:
    """The woff2 font with only the used glyphs, and a short hash for its URL."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    # Byte-identical in every worker, after a restart and on every host: without this fontTools
    # stamps the current time into the font's head table, and a stylesheet from one worker would
    # name a font hash that its siblings do not serve.
    face = TTFont(str(FONT_DIR / "fonts" / "bootstrap-icons.woff2"), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(set(_icon_codes().values())))
    subsetter.subset(face)
    face.flavor = "woff2"
    out = io.BytesIO()
    face.save(out)
    data = out.getvalue()
    return data, hashlib.sha256(data).hexdigest()[:16]


@lru_cache(maxsize=1)
def stylesheet() -> str:
    _, digest = font()
    rules = "".join(f'.bi-{name}::before{{content:"\\{code:x}"}}' for name, code in _icon_codes().items())
    return (
        "/* Bootstrap Icons v1.13.1 (MIT), only the icons this site uses */"
        f"@font-face{{font-display:block;font-family:bootstrap-icons;"
        f'src:url("/vendor/icons/bootstrap-icons-{digest}.woff2") format("woff2")}}'
        # width: every glyph advances 1 em, so nothing moves when the font arrives
        '.bi::before,[class^="bi-"]::before,[class*=" bi-"]::before{display:inline-block;width:1em;'
        "font-family:bootstrap-icons!important;font-style:normal;font-weight:400!important;"
        "font-variant:normal;text-transform:none;line-height:1;vertical-align:-.125em;"
        "-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}" + rules
    )


def preload_tag() -> str:
    """Fetch the font with the stylesheets rather than once a styled icon asks for it."""
    _, digest = font()
    return (
        f'<link rel="preload" href="/vendor/icons/bootstrap-icons-{digest}.woff2" as="font" '
        'type="font/woff2" crossorigin>'
    )
