"""Beside the repayment form's fields: what the policy says now (the rate and LPR in force, the
minimum down payments) and the term lists in years."""

from __future__ import annotations

from dash import html

from calculators import clock
from calculators.loan_request import min_down_payment
from calculators.policy_files import default_policy
from i18n import href, t
from wording.numbers import percent

from .badges import parameter_source, source_line
from .forms import BLANK_OPTION


def months_options(spec, lang: str, current):
    """A term select's options: years in the list, months as the value (and a typed odd term kept)."""
    options = [
        {
            "label": t(lang, key) if key else t(lang, "repayment.years_option", years=int(v) // 12, months=v),
            "value": v or BLANK_OPTION,
        }
        for v, key in spec.options
    ]
    values = [o["value"] for o in options]
    # A term the list lacks is kept as the link gave it (an odd term, or a wrong one beside its message).
    if current and str(current) not in values and len(str(current)) <= 12:
        options.insert(
            0, {"label": t(lang, "repayment.months_option", months=current), "value": str(current)}
        )
    return options


def down_payment_minimums() -> dict:
    v = default_policy().on(clock.today())
    return {"first": f"{min_down_payment(v, 1):.0f}%", "second": f"{min_down_payment(v, 2):.0f}%"}


def rate_hint(lang):
    v = default_policy().on(clock.today())
    return html.Div(
        [
            t(
                lang,
                "repayment.rate_hint",
                since=v["rate_first_home_long"].since.isoformat(),
                short=f"{v.value('rate_first_home_short'):.2f}%",
                long=f"{v.value('rate_first_home_long'):.2f}%",
                second_short=percent(v.value("rate_second_home_short"), 3),
                second_long=percent(v.value("rate_second_home_long"), 3),
            ),
            parameter_source(v["rate_first_home_long"], lang, short=True),
            html.A(
                t(lang, "repayment.per_10k_link"),
                href=href("/policy", lang) + "#policy-per_10k",
                id="repayment-per-10k-link",
            ),
        ],
        className="small text-body-secondary mb-3 mt-n2",
        id="repayment-rate-hint",
    )


def lpr_hint(lang):
    policy = default_policy()
    entry = policy.lpr_entry(clock.today())
    return html.Div(
        [
            t(lang, "repayment.lpr_hint", rate=percent(entry.value), since=entry.effective.isoformat()),
            source_line(policy.sources["lpr_notices"], "secondary", lang, note=policy.lpr_note, short=True),
        ],
        className="small text-body-secondary mb-3 mt-n2",
    )
