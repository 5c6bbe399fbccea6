"""What a calculator's link becomes after the visitor edits its form.

The page's callbacks answer an edit in the browser; a phone that is still loading the app gets the
same answer sooner from the server (rendering/edited_layout.py renders the page for the link these
functions return). Both take the same steps, from here: the rate field follows the policy rate
while it still shows it, a house price fills in the loan, and the link is the one the share box
would show.
"""

from __future__ import annotations

from calculators import clock
from calculators.fields import is_blank

from . import applicant_form
from . import repayment_form as loan_form
from . import repayment_scenarios as compare
from .forms import collect, wan_text, wan_to_yuan

RATE_FOLLOWS = ("months", "home_number", "start_month")
LOAN_FOLLOWS = ("house_price", "down_payment_percent", "home_number")


def followed_rate(months, home, start_month, rate, last_auto) -> str | None:
    """The policy rate the rate field moves to when the term, home or start changes, or None to
    leave it: a rate the visitor typed (even junk) is theirs."""
    new = loan_form.auto_rate(months, home, start_month)
    if new is None:
        return None
    untouched = is_blank(rate) or (last_auto is not None and loan_form.same_number(rate, last_auto))
    return new if untouched else None


def loan_from_price(price, down, home) -> tuple[str, str] | None:
    """(HPF loan, commercial loan) as the 万元 fields show them, for a house price and down
    payment as typed; None while either is not usable (its field says why)."""
    price_yuan = wan_to_yuan(price) if not is_blank(price) else None
    parts = loan_form.from_price(price_yuan, down, home) if price_yuan and price_yuan > 0 else None
    if parts is None:
        return None
    hpf, rest = parts
    return wan_text(hpf), wan_text(rest) if rest > 0 else ""


def repayment_link(query: dict, changes: dict, lang: str) -> str | None:
    """The repayment link after ``changes`` ({field name: what it now shows}) to the form that
    ``query`` opened, or None when a change names no field of the form."""
    _query, names, shown, following = loan_form.first_values(dict(query))
    if not set(changes) <= set(names):
        return None
    now = dict(zip(names, shown, strict=True)) | changes
    if any(name in changes for name in RATE_FOLLOWS):
        rate = followed_rate(
            now["months"], now["home_number"], now["start_month"], now["annual_rate"], following
        )
        if rate is not None:
            now["annual_rate"] = following = rate
    if any(name in changes for name in LOAN_FOLLOWS):
        loan = loan_from_price(now["house_price"], now["down_payment_percent"], now["home_number"])
        if loan is not None:  # the loan type follows, as the page's own callback has it
            now["principal"], now["commercial_principal"] = loan
            now["loan_type"] = "combination" if loan[1] else "hpf"
    values = collect(loan_form.form_fields(clock.today()), names, [now[n] for n in names])
    scenarios = compare.from_link(query.get("compare"))
    return applicant_form.query_string(
        {**loan_form.request_data(values, following), "compare": compare.to_link(scenarios)}, lang
    )


def applicant_link(form_id: str, query: dict, changes: dict, lang: str) -> str | None:
    """The quota or eligibility link after ``changes`` to the form that ``query`` opened."""
    _query, names, shown = applicant_form.shown_for(form_id, dict(query))
    if not set(changes) <= set(names):
        return None
    now = dict(zip(names, shown, strict=True)) | changes
    return applicant_form.query_string(collect(applicant_form.FIELDS, names, [now[n] for n in names]), lang)


LINKS = {
    "/calculators/repayment": ("repayment", repayment_link),
    "/calculators/quota": ("quota", lambda q, c, lang: applicant_link("quota", q, c, lang)),
    "/calculators/eligibility": ("eligibility", lambda q, c, lang: applicant_link("eligibility", q, c, lang)),
}
