"""What a share image says, built from a calculator link by the page's own path from link to
answer (the same values, the same calculators, the same number formats), so the picture and the
page the QR code opens cannot disagree."""

from __future__ import annotations

from calculators import clock
from calculators.answers import judge
from calculators.errors import ValidationError
from calculators.policy_files import default_policy
from components import applicant_form as af
from components import repayment_form
from components import repayment_view as view
from components.repayment_what_if import changes_text
from i18n import t
from wording.numbers import big_yuan, percent, term_text, yuan

from .picture import Card

PAGES = {
    "quota": "/calculators/quota",
    "eligibility": "/calculators/eligibility",
    "repayment": "/calculators/repayment",
}


def _card(name, lang, url, label, headline, rows, notes, ok=True, figure=True) -> Card:
    return Card(
        t(lang, "share_card.site"),
        t(lang, f"share_card.{name}"),
        label,
        headline,
        tuple(rows),
        (*notes, t(lang, "share_card.caveat")),
        url,
        t(lang, "share_card.scan"),
        ok,
        figure,
    )


def _fix(name: str, lang: str, url: str) -> Card:
    """A link the page answers with field messages: the picture says so and keeps the QR code."""
    return _card(
        name, lang, url, t(lang, "share_card.fix_detail"), t(lang, "share_card.fix"), (), (), False, False
    )


def _dated(day, version: str, lang: str) -> str:
    """When the picture was made, and the day whose rules answered (a link may ask another day)."""
    return t(lang, "share_card.dated", today=clock.today().isoformat(), day=day.isoformat(), version=version)


def _verdict(verdict, lang: str) -> str:
    if verdict.eligible is False:
        return t(lang, "share_card.eligible_no", n=sum(not c.passed for c in verdict.checks))
    return t(lang, "share_card.eligible_yes" if verdict.eligible else "share_card.eligible_open")


def _close_text(alone, lang: str) -> str:
    """The cash to close, and what it leaves out, as the quota page lists them."""
    missing = [
        t(lang, "share_card.deed_tax") if n == "deed_tax" else t(lang, f"field.{n}")
        for n in alone.not_included
    ]
    text = yuan(alone.total, lang)
    if missing:
        names = t(lang, "format.list_sep").join(missing)
        text = t(lang, "format.aside", text=text, note=t(lang, "share_card.not_included", names=names))
    return text


def quota(query: dict, lang: str, url: str) -> Card:
    values = af.first_values("quota", query)
    try:
        answer = judge(values, for_quota=True)
    except ValidationError:
        return _fix("quota", lang, url)
    q, buyer = answer.quota, answer.applicant
    not_lent = q.not_lent  # as the page says it
    verdict = t(lang, "quota.not_lent_label") if not_lent else _verdict(answer.eligibility, lang)
    rows = [(t(lang, "share_card.verdict"), verdict)]
    if q.amount > 0:
        monthly = t(lang, "share_card.monthly", years=q.term_years, rate=percent(q.annual_rate, 3))
        rows.append((monthly, yuan(q.monthly_payment, lang)))
    if answer.affordable is not None:
        afford = answer.affordable
        rows.append(
            (t(lang, "share_card.affordable", cash=big_yuan(afford.cash, lang)), big_yuan(afford.price, lang))
        )
    if values.get("house_price") not in (None, ""):  # a price found from the cash is the row above
        rows.append((t(lang, "share_card.price"), big_yuan(buyer.house_price, lang)))
    shown = not_lent or (answer.eligibility.eligible is not False and q.amount > 0)  # as on the page
    if answer.cash_to_close is not None and shown:
        rows.append((t(lang, "share_card.cash_to_close"), _close_text(answer.cash_to_close[0], lang)))
    notes = (_dated(buyer.date, q.policy_version, lang),)
    ok = answer.eligibility.eligible is not False and q.amount > 0
    return _card("quota", lang, url, t(lang, "share_card.amount"), big_yuan(q.amount, lang), rows, notes, ok)


def eligibility(query: dict, lang: str, url: str) -> Card:
    try:
        answer = judge(af.first_values("eligibility", query), for_quota=False, with_quota=False)
    except ValidationError:
        return _fix("eligibility", lang, url)
    verdict = answer.eligibility
    failed = [t(lang, f"rule.{c.rule}") for c in verdict.checks if not c.passed]
    rows = [(t(lang, "share_card.failed"), t(lang, "format.list_sep").join(failed))] if failed else []
    notes = (_dated(answer.applicant.date, answer.version.id, lang),)
    label, ok = t(lang, "share_card.verdict"), verdict.eligible is not False
    return _card("eligibility", lang, url, label, _verdict(verdict, lang), rows, notes, ok, figure=False)


def _rate_now(periods, contract, lang: str) -> str:
    """The rate a loan under way pays now (after its repricings), with its contract rate beside it."""
    today = clock.today()
    now = next((p.annual_rate for p in reversed(periods) if p.from_date <= today), contract)
    if now == contract:
        return percent(contract, 3)
    return t(lang, "share_card.rate_now", now=percent(now, 3), contract=percent(contract, 3))


def repayment(query: dict, lang: str, url: str) -> Card:
    _query, names, shown, following = repayment_form.first_values(query)
    try:
        outcome, start = repayment_form.compute_shown(names, shown, following)
    except ValidationError:
        return _fix("repayment", lang, url)
    req = outcome.request
    label, amount, aside = view.payment_shown(outcome, start, lang)
    loan, rates = big_yuan(req.principal, lang), _rate_now(outcome.rate_periods, req.annual_rate, lang)
    if outcome.hpf is not None:
        loan = t(
            lang,
            "share_card.loan_parts",
            hpf=big_yuan(req.principal, lang),
            commercial=big_yuan(req.commercial_principal, lang),
        )
        rates += " / " + _rate_now(outcome.commercial_rate_periods, req.commercial_rate, lang)
    rows = [
        (t(lang, "share_card.loan"), loan),
        (t(lang, "share_card.term"), term_text(req.months, lang)),
        (t(lang, "share_card.rates"), rates),
        (t(lang, "field.method"), t(lang, f"method.{req.method}")),
    ]
    p = outcome.prepayment
    if p is not None:  # the totals below include it
        mode = t(lang, f"mode.{p.mode}")
        rows.append(
            (
                t(lang, "share_card.prepayment"),
                t(lang, "share_card.prepaid", n=p.month, amount=yuan(p.amount, lang), mode=mode),
            )
        )
    rows.append((t(lang, "share_card.total_interest"), yuan(outcome.schedule.total_interest, lang)))
    if outcome.what_if is not None:
        change = changes_text(outcome.what_if.changes, lang)
        rows.append(
            (
                t(lang, "share_card.what_if", change=change),
                yuan(outcome.what_if.schedule.total_interest, lang),
            )
        )
    version = req.policy_version or default_policy().on(req.start or clock.today()).id
    notes = (*((aside,) if aside else ()), _dated(req.start or clock.today(), version, lang))
    return _card("repayment", lang, url, label, amount, rows, notes)


BUILDERS = {"quota": quota, "eligibility": eligibility, "repayment": repayment}
