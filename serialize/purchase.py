"""What the buyer brings, as the API and the pre-check answer it: the down payment for a price,
the highest price the cash affords, and the cash to close (down payment, deed tax, other costs)."""

from __future__ import annotations

from calculators.money import fen


def affordable(a) -> dict | None:
    """With cash for the down payment: the highest price the caps allow, and its loan."""
    if a is None:
        return None
    return {
        "cash": fen(a.cash),
        "price": fen(a.price),
        "loan": fen(a.loan),
        "down_payment": fen(a.down_payment),
        "costs": fen(a.costs),
        "binding_cap": a.binding_cap,
        "with_commercial": None
        if a.with_commercial is None
        else {
            "price": fen(a.with_commercial.price),
            "hpf_loan": fen(a.with_commercial.hpf_loan),
            "commercial_loan": fen(a.with_commercial.commercial_loan),
            "down_payment": fen(a.with_commercial.down_payment),
            "costs": fen(a.with_commercial.costs),
        },
    }


def down_payment(d) -> dict | None:
    """For the price asked: price − loan, and the least with a commercial part paying the rest."""
    if d is None:
        return None
    return {"hpf_only": fen(d.hpf_only), "minimum": fen(d.minimum), "commercial_part": fen(d.commercial_part)}


def cash_to_close(pair, lang: str) -> dict | None:
    """What the buyer brings for the price: the down payment with the HPF loan alone, the deed
    tax (None without a floor area), the other costs entered, what is not included, the total;
    ``with_commercial``: the same with a commercial part paying what the HPF loan leaves."""
    if pair is None:
        return None
    alone, combo = pair
    tax = alone.deed_tax
    return {
        "down_payment": fen(alone.down_payment),
        "deed_tax": None
        if tax is None
        else {
            "rate": tax.rate,
            "amount": fen(tax.amount),
            "area_band": tax.area_band,
            "above_band": tax.above_band,
            "standard_because": tax.standard_because,
            "source": {
                "id": tax.source.id,
                "title": tax.source.title[lang],
                "confidence": tax.source.confidence,
            },
        },
        "other_costs": {name: fen(v) for name, v in alone.other_costs.items()},
        "not_included": list(alone.not_included),
        "total": fen(alone.total),
        "with_commercial": None
        if combo is None
        else {"down_payment": fen(combo.down_payment), "total": fen(combo.total)},
    }
