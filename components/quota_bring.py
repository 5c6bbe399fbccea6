"""What the buyer brings: the down payment for the price in the form (HPF alone, or the least the
rules allow with a commercial part), and with cash in hand the highest price the caps allow."""

from __future__ import annotations

from dash import dcc, html

from calculators.policy_files import default_policy
from i18n import href, t
from wording.numbers import big_yuan, percent, yuan


def _tax_line(tax, lang):
    """The deed tax and the notice it comes from, or why it is not in the total."""
    if tax is None:
        return html.Li(t(lang, "close.no_area"), className="text-warning-emphasis", id="quota-close-tax")
    if tax.area_band is None:
        first = default_policy().deed_tax.reductions[0].effective.isoformat()
        basis = t(lang, f"close.standard_{tax.standard_because}", first=first)
    else:
        basis = t(lang, "close.above" if tax.above_band else "close.within", band=f"{tax.area_band:f}")
    return html.Li(
        [
            t(lang, "close.deed_tax", rate=f"{tax.rate.normalize():f}%", amount=yuan(tax.amount, lang)),
            html.Span(
                t(lang, "close.basis", basis=basis, source=tax.source.short[lang]),
                className="text-body-secondary",
            ),
        ],
        id="quota-close-tax",
    )


def cash_to_close(pair, lang):
    """What the buyer brings on signing day: down payment, deed tax, the costs entered, and what
    the total leaves out (never a silent zero)."""
    if pair is None:
        return None
    alone, combo = pair
    lines = [
        html.Li(t(lang, "close.down", amount=yuan(alone.down_payment, lang))),
        _tax_line(alone.deed_tax, lang),
        *(
            html.Li(t(lang, f"field.{n}") + t(lang, "format.colon") + yuan(v, lang))
            for n, v in alone.other_costs.items()
        ),
    ]
    missing = [t(lang, f"field.{n}") for n in alone.not_included if n != "deed_tax"]
    return html.Div(
        [
            html.Div(t(lang, "close.heading"), className="fw-semibold"),
            html.Ul(lines, className="mb-1 ps-3"),
            html.Div(
                t(lang, "close.total", total=yuan(alone.total, lang)),
                className="fw-semibold",
                id="quota-close-total",
            ),
            html.Div(t(lang, "close.total_combo", total=yuan(combo.total, lang)), id="quota-close-combo")
            if combo is not None
            else None,
            html.Div(
                t(lang, "close.not_included", names=t(lang, "format.list_sep").join(missing)),
                className="text-body-secondary",
                id="quota-close-missing",
            )
            if missing
            else None,
        ],
        className="bring small border-top pt-2 mt-2",
        id="quota-close",
    )


def down_payment(result, down, price, values, lang):
    """Price − loan, and the combination loan that would let the buyer bring less."""
    if down is None or price is None or result.amount <= 0:
        return None
    lines = [
        html.Div(t(lang, "bring.heading"), className="fw-semibold"),
        html.Div(
            t(
                lang,
                "bring.hpf_only",
                down=big_yuan(down.hpf_only, lang),
                price=big_yuan(price, lang),
                loan=big_yuan(result.amount, lang),
            ),
            id="quota-down-hpf",
        ),
    ]
    if down.commercial_part > 0:
        link = href(
            "/calculators/repayment",
            lang,
            house_price=str(price),
            principal=str(result.amount),
            commercial_principal=str(down.commercial_part),
            months=result.term_years * 12,
            home_number=values.get("home_number") if str(values.get("home_number")) == "2" else None,
        )
        lines += [
            html.Div(
                t(
                    lang,
                    "bring.with_commercial",
                    down=big_yuan(down.minimum, lang),
                    share=percent(down.minimum / price * 100, 0),
                    commercial=big_yuan(down.commercial_part, lang),
                ),
                id="quota-down-min",
            ),
            dcc.Link(t(lang, "bring.combination_link"), href=link, id="quota-combination-link"),
        ]
    return html.Div(lines, className="bring small border-top pt-2 mt-2", id="quota-bring")


def _with_commercial(combo, lang):
    """Beside the HPF-only price: the price a commercial part for the rest would reach."""
    if combo is None:  # the fund lends nothing for this home: what a bank lends is not estimated here
        return html.Div(t(lang, "afford.commercial_not_lent"), className="small text-body-secondary")
    if combo.commercial_loan <= 0:
        return html.Div(t(lang, "afford.commercial_none"), className="small text-body-secondary")
    return html.Div(
        t(
            lang,
            "afford.with_commercial",
            price=big_yuan(combo.price, lang),
            hpf=big_yuan(combo.hpf_loan, lang),
            commercial=big_yuan(combo.commercial_loan, lang),
            down=big_yuan(combo.down_payment, lang),
            costs=big_yuan(combo.costs, lang),
        ),
        className="small mt-1",
        id="quota-afford-combo",
    )


def affordable(afford, lang, assumed: bool = False, with_tax: bool = True):
    """The highest price the cash and the caps allow, and what stops it going higher; ``assumed``:
    the cap that stops it rests on an assumed figure (said below the quota, with its range);
    ``with_tax``: the deed tax is in the costs (a floor area was given)."""
    if afford is None:
        return None
    why = (
        t(lang, "afford.by_cash")
        if afford.binding_cap == "loan_to_value"
        else t(
            lang, "afford.by_cap", cap=t(lang, f"cap.{afford.binding_cap}"), loan=big_yuan(afford.loan, lang)
        )
    )
    return html.Div(
        [
            html.Div(
                t(lang, "afford.label", cash=big_yuan(afford.cash, lang)), className="text-body-secondary"
            ),
            html.Div(big_yuan(afford.price, lang), className="result-amount", id="quota-afford-price"),
            html.Div(
                t(
                    lang,
                    "afford.parts" if afford.costs > 0 else "afford.parts_plain",
                    loan=big_yuan(afford.loan, lang),
                    down=big_yuan(afford.down_payment, lang),
                    costs=big_yuan(afford.costs, lang),
                ),
                id="quota-afford-parts",
            ),
            html.Div(
                t(lang, "afford.no_tax"), className="small text-warning-emphasis", id="quota-afford-no-tax"
            )
            if not with_tax
            else None,
            html.Div(why, className="small", id="quota-afford-why"),
            html.Div(t(lang, "afford.assumed"), className="small", id="quota-afford-assumed")
            if assumed
            else None,
            _with_commercial(afford.with_commercial, lang),
        ],
        className="afford border rounded p-2 mb-2",
        id="quota-afford",
    )
