"""An amount that rests on an assumed figure, said at both ends of that figure's stated range."""

from __future__ import annotations

from i18n import t
from wording.numbers import yuan


def span_text(s, lang: str) -> str:
    """The amount at both ends of an assumed figure's range, in words (page, print, batch, API)."""
    return t(
        lang,
        f"span.{s.parameter}",
        value=s.value,
        low_value=s.low_value,
        high_value=s.high_value,
        low=yuan(s.low, lang, 0),
        high=yuan(s.high, lang, 0),
    )
