"""Decimal money: everything the site shows is rounded half-up to the fen (0.01 yuan)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0")
WAN = Decimal("10000")


def to_decimal(value) -> Decimal:
    """Convert without float noise (str() first); raises InvalidOperation for junk."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidOperation("bool is not a number")
    elif isinstance(value, (int, float, str)):
        result = Decimal(str(value).strip().replace(",", ""))
    else:
        raise InvalidOperation(f"not a number: {value!r}")
    if not result.is_finite():
        raise InvalidOperation("not finite")
    return result


def fen(value: Decimal) -> Decimal:
    """Round half-up to the fen."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def floor_to(value: Decimal, step: Decimal) -> Decimal:
    """Round down to a multiple of ``step`` (quota amounts are never rounded up)."""
    if value <= 0:
        return ZERO
    return (value / step).to_integral_value(rounding=ROUND_DOWN) * step
