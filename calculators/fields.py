"""Field types of the input registry, and the lenient reading every front end shares.

A field's type is a pydantic ``Annotated`` type made by one of the factories below (``Money``,
``Percent``, ``Whole``, ``Choice``, ``Flag``, ``Day``, ``Month``): it carries its bounds once, for
reading (JSON, query strings and spreadsheet cells alike: "60万", "1,000,000", "是/否"), for the
JSON Schema of the API, and for the form (``Spec``). ``read`` validates every field of a model on
its own and collects every problem as a FieldError, so a form can mark each bad field and the
cross-field rules (calculators/applicant.py, loan_request.py) still see the good ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .day_fields import read_day, read_month
from .errors import FieldError
from .money import WAN, to_decimal

# Bounds checked BEFORE any arithmetic: Decimal("1e1000000") is cheap to build, but int() of it,
# or multiplying it, costs seconds of CPU and gigabytes; "1e-30" divides by zero downstream.
MAX_TEXT = 64  # characters of a number as text ("1,000,000,000.00" is 16)
# Characters a form field holds (its maxlength) and a callback may carry for one: past MAX_TEXT
# the field's own message says "too long" beside it; past this, the browser stops the typing, so
# a paste of thousands of digits never becomes a refused request and a stale answer.
MAX_FIELD_TEXT = 1_000
MAX_MAGNITUDE = 15  # adjusted exponent: |value| < 10**16, far above any field's maximum
MIN_MAGNITUDE = -8  # a non-zero value below 1e-8 is refused (not silently rounded to 0)

TRUE_WORDS = {"true", "1", "yes", "y", "on", "是", "有", "√"}
FALSE_WORDS = {"false", "0", "no", "n", "off", "否", "无", "", "×"}
SHOWN_CHARS = 40  # of a refused value quoted back in its message


class _TooLarge(ValueError): ...


class _TooSmall(ValueError): ...


# Full-width ASCII (０-９, ．, ，, －) as its ASCII twin; nothing else (a superscript ² is no 2).
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def bounded_decimal(value) -> Decimal:
    """``to_decimal`` with size checks first; raises InvalidOperation/ValueError subclasses.
    Full-width digits and points (３．１, as a Chinese keyboard types them) read as ASCII."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise InvalidOperation("number text too long")
    if isinstance(value, str) and not value.isascii():
        value = value.translate(FULL_WIDTH)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        raise _TooLarge()
    number = to_decimal(value)
    if number:
        if number.adjusted() > MAX_MAGNITUDE:
            raise _TooLarge()
        if number.adjusted() < MIN_MAGNITUDE:
            raise _TooSmall()
    return number


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value) -> str:
    """A refused value as its message quotes it: whole floats without ".0", long text cut."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    text = str(value).strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


@dataclass(frozen=True)
class Spec:
    """What the form and the messages need to know of a field beyond its JSON type.

    ``unit``: how the API takes it (yuan, percent, months, years, bps, period, children, ...);
    ``shown_in``: the unit the form shows when it differs ("wan": 万元, carried in yuan);
    ``choices``: (value, catalog key of its label); ``widget``: number, select, radio, switch,
    date, month; ``example``: the value a blank form starts with (in the API's unit)."""

    kind: str
    unit: str | None = None
    lo: Any = None
    hi: Any = None
    choices: tuple = ()
    aliases: tuple = ()  # (word, value) pairs a spreadsheet or link may use for a choice
    widget: str = "number"
    shown_in: str | None = None
    example: Any = None
    inputmode: str = "decimal"
    help: bool = False


TINY = 10.0**MIN_MAGNITUDE  # the smallest magnitude a non-zero number may have


def _fail(code: str, **params):
    raise PydanticCustomError(code, code, params)


def _number(value, lo, hi, scale=1, bad="number") -> Decimal:
    try:
        number = bounded_decimal(value) * scale
    except _TooLarge:
        _fail("range", min=lo, max=hi)
    except _TooSmall:
        _fail("tiny", min=f"{TINY:.8f}")
    except (InvalidOperation, ValueError):
        _fail(bad)
    if not Decimal(str(lo)) <= number <= Decimal(str(hi)):
        _fail("range", min=lo, max=hi)
    return number


def read_money(value, lo, hi) -> Decimal:
    """Yuan; also '60万' / '60 万元' and thousands separators."""
    if isinstance(value, str):
        text = value.strip().replace("元", "").replace(" ", "")
        if text.endswith("万"):
            return _number(text[:-1], lo, hi, scale=WAN)
        return _number(text, lo, hi)
    return _number(value, lo, hi)


def read_percent(value, lo, hi) -> Decimal:
    """A percentage (rates, down payments): its message's example is one (3.1)."""
    text = value.replace("%", "") if isinstance(value, str) else value
    return _number(text, lo, hi, bad="number_percent")


def read_area(value, lo, hi) -> Decimal:
    """Square metres; also "89.5平方米", "120㎡"."""
    text = re.sub(r"\s*(平方米|平米|㎡|m²|m2|平)$", "", value.strip()) if isinstance(value, str) else value
    return _number(text, lo, hi)


# The unit a whole-number field shows beside it, as a person may type it after the number.
WHOLE_UNITS = {
    "years_old": ("周岁", "岁"),
    "months": ("个月", "月", "months", "month"),
    "years": ("年", "years", "year"),
}


def _without_unit(value, unit: str | None):
    """The field's own unit, typed after the number: "35岁" (age), "30年" (years), "24个月"."""
    if not isinstance(value, str) or unit not in WHOLE_UNITS:
        return value
    text = value.translate(FULL_WIDTH).strip()
    for word in WHOLE_UNITS[unit]:
        if text.lower().endswith(word):
            return text[: -len(word)].strip()
    return value


def read_whole(value, lo, hi, unit: str | None = None) -> int:
    value = _without_unit(value, unit)
    try:
        number = bounded_decimal(value)
        if number != number.to_integral_value():
            raise ValueError
        number = int(number)  # safe: at most 16 digits
    except _TooLarge:
        _fail("range", min=lo, max=hi)
    except (InvalidOperation, ValueError):
        _fail("integer")
    if not lo <= number <= hi:
        _fail("range", min=lo, max=hi)
    return number


def read_choice(value, choices, aliases) -> str:
    text = str(value).strip()
    text = dict(aliases).get(text, text)
    if text not in choices:
        _fail("choice", choices=", ".join(choices))
    return text


SPACES = r"[ \t\r\n\u3000]"  # what read_flag strips: ordinary spaces, and the full-width one


def flag_schema() -> dict:
    """true/false, 0/1, or one of the words read_flag takes, in any case, spaces around."""

    def any_case(word: str) -> str:
        return "".join(
            f"[{c.lower()}{c.upper()}]" if c.isalpha() and c.isascii() else re.escape(c) for c in word
        )

    words = "|".join(any_case(w) for w in sorted(TRUE_WORDS | FALSE_WORDS) if w)
    return {
        "anyOf": [
            {"type": "boolean"},
            {"enum": [0, 1]},
            {"type": "string", "pattern": rf"^{SPACES}*({words})?{SPACES}*$"},
        ]
    }


def read_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    # Spaces around, not every character Python calls space: "\x1e1" is not a "1".
    text = str(value).strip(" \t\r\n\u3000").lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    _fail("boolean")


def _number_schema(kind: str, lo, hi) -> dict:
    if kind == "integer":
        return {"type": kind, "minimum": lo, "maximum": hi}
    # A number nearer zero than 0.00000001 but not zero is refused ("tiny"): say so.
    near_zero = [
        {"exclusiveMinimum": 0, "exclusiveMaximum": TINY},
        {"exclusiveMinimum": -TINY, "exclusiveMaximum": 0},
    ]
    return {"type": kind, "minimum": float(lo), "maximum": float(hi), "not": {"anyOf": near_zero}}


def _bounded(python_type, reader, kind: str, unit, lo, hi, spec: dict):
    """A number type within [lo, hi]: the bounds once, for the reader, the schema and the form."""
    return Annotated[
        python_type,
        BeforeValidator(partial(reader, lo=lo, hi=hi)),
        WithJsonSchema(_number_schema("integer" if python_type is int else "number", lo, hi)),
        Spec(kind, spec.pop("unit", unit), lo, hi, **spec),
    ]


def Money(lo, hi, **spec):  # noqa: N802 - a type factory reads as a type
    """Yuan within [lo, hi]."""
    return _bounded(Decimal, read_money, "money", "yuan", lo, hi, spec)


def Percent(lo, hi, **spec):  # noqa: N802
    return _bounded(Decimal, read_percent, "percent", "percent", lo, hi, spec)


def Area(lo, hi, **spec):  # noqa: N802
    return _bounded(Decimal, read_area, "area", "sqm", lo, hi, spec)


def Whole(lo, hi, **spec):  # noqa: N802
    """A whole number within [lo, hi]; typed with its unit (35岁, 30年, 24个月) it reads the same."""
    return _bounded(int, partial(read_whole, unit=spec.get("unit")), "integer", None, lo, hi, spec)


def Choice(choices, *, labels: str, aliases=None, **spec):  # noqa: N802
    """One of ``choices``; ``labels`` is the catalog prefix of their names (``category`` ->
    ``category.standard``) unless ``spec['choices']`` gives the (value, key) pairs itself."""
    pairs = tuple(aliases.items()) if aliases else ()
    options = spec.pop("options", None) or tuple((c, f"{labels}.{c}") for c in choices)
    return Annotated[
        str,
        BeforeValidator(partial(read_choice, choices=tuple(choices), aliases=pairs)),
        WithJsonSchema({"type": "string", "enum": list(choices)}),
        Spec("choice", None, choices=options, aliases=pairs, widget=spec.pop("widget", "select"), **spec),
    ]


def Flag(**spec):  # noqa: N802
    return Annotated[
        bool,
        BeforeValidator(read_flag),
        WithJsonSchema(flag_schema()),
        Spec("boolean", widget=spec.pop("widget", "switch"), **spec),
    ]


def Day(**spec):  # noqa: N802
    return Annotated[
        dt.date,
        BeforeValidator(read_day),
        WithJsonSchema({"type": "string", "format": "date"}),
        Spec("date", widget="date", **spec),
    ]


def Month(**spec):  # noqa: N802
    return Annotated[
        str,
        BeforeValidator(read_month),
        WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"}),
        Spec("month", widget="month", **spec),
    ]


def spec_of(model: type[BaseModel], name: str) -> Spec:
    return next(m for m in model.model_fields[name].metadata if isinstance(m, Spec))


@dataclass(frozen=True)
class _Plan:
    """How to read one field, worked out once per model: a 10,000-row list reads 15 fields a row."""

    name: str
    reader: object  # the field's BeforeValidator: the typed value, or our error raised
    required: bool
    default: object


@cache
def _plans(model: type[BaseModel]) -> dict[str, _Plan]:
    return {
        name: _Plan(
            name,
            next(m.func for m in info.metadata if isinstance(m, BeforeValidator)),
            info.is_required(),
            None if info.is_required() else info.default,
        )
        for name, info in model.model_fields.items()
        if any(isinstance(m, Spec) for m in info.metadata)
    }


def read_field(model: type[BaseModel], name: str, raw, errors: list[FieldError], *, required=None):
    """One field of ``model`` from a raw value: the value, its default when blank, or None with
    the problem added to ``errors`` (a refused value is quoted back as ``value``). The reader is
    the field's own validator, called directly: pydantic's second pass over the value it made
    would only cost time."""
    return _read(_plans(model)[name], raw, errors, required)


def _read(plan: _Plan, raw, errors: list[FieldError], required=None):
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if plan.required if required is None else required:
            errors.append(FieldError(plan.name, "required"))
            return None
        return plan.default
    try:
        return plan.reader(raw)
    except PydanticCustomError as exc:
        errors.append(FieldError(plan.name, exc.type, {**(exc.context or {}), "value": shown(raw)}))
        return None


def read(model: type[BaseModel], data, *, required=()) -> tuple[dict, list[FieldError]]:
    """Every field of ``model`` from ``data``, each on its own: (values, errors). ``required``
    names fields this use of the model needs although the model lets them be left out."""
    data = data if isinstance(data, dict) else {}
    errors: list[FieldError] = []
    values = {
        name: _read(plan, data.get(name), errors, True if name in required else None)
        for name, plan in _plans(model).items()
    }
    return values, errors
