"""What the buyer brings, as the API and the pre-check answer it: the down payment for a price,
the highest price the cash affords, and the cash to close (down payment, deed tax, other costs)."""

from __future__ import annotations

from serialize.answers import money


def affordable(a) -> dict | None:
    """With cash for the down payment: the highest price the caps allow, and its loan."""
    if a is None:
        return None
    return {
        "cash": money(a.cash),
        "price": money(a.price),
        "loan": money(a.loan),
        "down_payment": money(a.down_payment),
        "costs": money(a.costs),
        "binding_cap": a.binding_cap,
        "with_commercial": None
        if a.with_commercial is None
        else {
            "price": money(a.with_commercial.price),
            "hpf_loan": money(a.with_commercial.hpf_loan),
            "commercial_loan": money(a.with_commercial.commercial_loan),
            "down_payment": money(a.with_commercial.down_payment),
            "costs": money(a.with_commercial.costs),
        },
    }


def down_payment(d) -> dict | None:
    """For the price asked: price − loan, and the least with a commercial part paying the rest."""
    if d is None:
        return None
    return {
        "hpf_only": money(d.hpf_only),
        "minimum": money(d.minimum),
        "commercial_part": money(d.commercial_part),
    }


def cash_to_close(pair, lang: str) -> dict | None:
    """What the buyer brings for the price: the down payment with the HPF loan alone, the deed
    tax (None without a floor area), the other costs entered, what is not included, the total;
    ``with_commercial``: the same with a commercial part paying what the HPF loan leaves."""
    if pair is None:
        return None
    alone, combo = pair
    tax = alone.deed_tax
    return {
        "down_payment": money(alone.down_payment),
        "deed_tax": None
        if tax is None
        else {
            "rate": tax.rate,
            "amount": money(tax.amount),
            "area_band": tax.area_band,
            "above_band": tax.above_band,
            "standard_because": tax.standard_because,
            "source": {
                "id": tax.source.id,
                "title": tax.source.title[lang],
                "confidence": tax.source.confidence,
            },
        },
        "other_costs": {name: money(v) for name, v in alone.other_costs.items()},
        "not_included": list(alone.not_included),
        "total": money(alone.total),
        "with_commercial": None
        if combo is None
        else {"down_payment": money(combo.down_payment), "total": money(combo.total)},
    }
