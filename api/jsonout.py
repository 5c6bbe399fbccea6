"""JSON with money as numbers that keep two decimals (2562.10, not 2562.1 or "2562.10")."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from flask import Response

_MARK = "\u0000D:"
_MARKED = re.compile(r'"\\u0000D:(-?\d+(?:\.\d+)?)"')


def _default(value):
    if isinstance(value, Decimal):
        return _MARK + format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(payload) -> str:
    text = json.dumps(payload, default=_default, ensure_ascii=False, separators=(",", ":"))
    return _MARKED.sub(r"\1", text)


def respond(payload, status: int = 200) -> Response:
    return Response(dumps(payload), status=status, mimetype="application/json")
