"""Results as plain JSON-ready dicts, in the API's vocabulary; messages in the asked language."""

from __future__ import annotations

from calculators.errors import ValidationError
from calculators.money import fen
from calculators.policy import PolicyVersion
from i18n import choice_words, has, pick, t, text_of
from wording.assumed_range import span_text


def _error_text(e, lang: str) -> str:
    """An error in words; one that carries the refused value quotes it and says what would do
    ("32岁" 不是整数，请填写如 32), with the field's example where the catalog has one."""
    params = e.params
    if e.code == "choice" and choice_words(e.field, lang):
        params = {**params, "choices": choice_words(e.field, lang)}
    if "value" not in params:
        return text_of(lang, "error", e.code, params)
    example = f"example.{e.field}"
    if has(lang, f"error_quoted.{e.code}") and (e.code not in ("integer", "number") or has(lang, example)):
        return text_of(lang, "error_quoted", e.code, {**params, "example": t(lang, example)})
    return t(lang, "error.quoted", value=params["value"], message=text_of(lang, "error", e.code, params))


def errors(exc: ValidationError, lang: str) -> dict:
    return {
        "errors": [{"field": e.field, "code": e.code, "message": _error_text(e, lang)} for e in exc.errors]
    }


def schedule_rows(schedule) -> list[dict]:
    rows = []
    for r in schedule.rows:
        row = {
            "period": r.period,
            "payment": r.payment,
            "principal": r.principal,
            "interest": r.interest,
            "balance": r.balance,
        }
        if r.prepayment:
            row["prepayment"] = r.prepayment
        rows.append(row)
    return rows


def _summary(schedule) -> dict:
    return {
        "principal": schedule.principal,
        "monthly_payment": schedule.first_payment,
        "first_payment": schedule.first_payment,
        "last_payment": schedule.last_payment,
        "total_payment": schedule.total_payment,
        "total_interest": schedule.total_interest,
        "months": schedule.months,
        "last_period": schedule.last_period,
    }


def rate_periods(periods) -> list[dict]:
    """From which payment (and the month it falls due) each rate holds, and its payment."""
    return [
        {
            "from_period": p.from_period,
            "from_date": p.from_date.isoformat(),
            "annual_rate": p.annual_rate,
            "payment": p.payment,
        }
        for p in periods
    ]


def _rate_source(req) -> dict:
    """Where the loan's rate comes from: the HPF policy, the LPR (or benchmark) plus basis points
    for a commercial loan, or the asker."""
    if req.rate_from_policy:
        return {
            "kind": "policy",
            "parameter": req.rate_parameter,
            "policy_version": req.policy_version,
            "home_number": req.home_number,
        }
    if req.commercial_only and req.commercial_rate_kind in ("lpr", "benchmark"):
        return {"kind": req.commercial_rate_kind, "reference": req.reference_rate, "bps": req.commercial_bps}
    return {"kind": "given"}


def repayment(outcome, *, include_schedule: bool = True) -> dict:
    req = outcome.request
    body = {
        "loan_type": "commercial"
        if req.commercial_only
        else "combination"
        if req.commercial_principal
        else "hpf",
        "method": outcome.schedule.method,
        **_summary(outcome.schedule),
        "annual_rate": req.annual_rate,
        "rate_source": _rate_source(req),
    }
    if outcome.hpf is not None:
        body["parts"] = {
            "hpf": {**_summary(outcome.hpf), "annual_rate": outcome.request.annual_rate},
            "commercial": {
                **_summary(outcome.commercial),
                "annual_rate": outcome.request.commercial_rate,
                "rate_kind": outcome.request.commercial_rate_kind,
            },
        }
    body["rate_periods"] = rate_periods(outcome.rate_periods)
    if outcome.comparison is not None:
        c = outcome.comparison
        body["commercial_comparison"] = {
            "annual_rate": c.annual_rate,
            "reference": {
                "kind": c.reference.kind,
                "rate": c.reference.value,
                "effective": c.reference.effective.isoformat(),
                "source": c.reference.source.id,
            },
            "bps": c.bps,
            "monthly_payment": c.schedule.first_payment,
            "total_interest": c.schedule.total_interest,
            "saving": c.saving,
        }
    if outcome.hpf is not None:
        body["parts"]["commercial"]["rate_periods"] = rate_periods(outcome.commercial_rate_periods)
    if outcome.contract is not None:
        body["repricing"] = {
            "contract_total_interest": outcome.contract.total_interest,
            "interest_change": outcome.schedule.total_interest - outcome.contract.total_interest,
        }
    if outcome.prepayment is not None:
        p = outcome.prepayment
        body["prepayment"] = {
            "mode": p.mode,
            "month": p.month,
            "amount": p.amount,
            "interest_saved": p.interest_saved,
            "months_saved": p.months_saved,
            "new_last_period": p.schedule.last_period,
            "next_payment": p.next_payment,
            "original_total_interest": p.original.total_interest,
            "original_last_period": p.original.last_period,
        }
        if getattr(p, "part", None):  # a combination loan: one part prepaid, the other runs on
            body["prepayment"]["part"] = p.part
            body["prepayment"]["part_months_saved"] = p.part_months_saved
    if outcome.what_if is not None:
        body["what_if"] = what_if(outcome.what_if)
    if include_schedule:
        body["schedule"] = schedule_rows(outcome.schedule)
    return body


def what_if(w) -> dict:
    """The loan through hypothetical rate changes: a what-if, not a forecast."""
    return {
        "label": "what-if, not a forecast",
        "rate_changes": [
            {"from": c.start.isoformat(), "hpf_bps": c.hpf_bps, "lpr_bps": c.lpr_bps} for c in w.changes
        ],
        **_summary(w.schedule),
        "interest_difference": w.difference,
        "rates_floored_at_zero": w.floored,
        "rate_periods": rate_periods(w.rate_periods),
        "commercial_rate_periods": rate_periods(w.commercial_rate_periods),
    }


def parameter(p, lang: str) -> dict:
    return {
        "value": p.value,
        "confidence": p.confidence,
        "since": p.since if p.since_known else None,
        "since_known": p.since_known,
        "since_assumed": p.since_assumed,
        "until": p.until,
        "source": {
            "id": p.source.id,
            "title": pick(p.source.title, lang),
            "date": p.source.date,
            "url": p.source.url,
        },
        "note": pick(p.note, lang) or None,
    }


def _note(n, lang):
    return {"code": n.code, "message": text_of(lang, "note", n.code, n.params)}


def quota(result, version: PolicyVersion, lang: str) -> dict:
    return {
        "amount": fen(result.amount),
        "binding_cap": result.binding_cap,
        "caps": {c.name: fen(c.amount) for c in result.caps},
        "policy_version": result.policy_version,
        "category": result.category,
        "term_years": result.term_years,
        "max_term_years": result.max_term_years,
        "annual_rate": result.annual_rate,
        "monthly_payment": result.monthly_payment,
        "rounding": "down to a multiple of 100 yuan",
        "cap_details": [
            {
                "name": c.name,
                "amount": fen(c.amount),
                "parameters": {name: parameter(version[name], lang) for name in c.parameters},
                "lift": None
                if c.lift is None
                else {"field": c.lift.field, "per": c.lift.per, "gain": fen(c.lift.gain)},
            }
            for c in result.caps
        ],
        "notes": [_note(n, lang) for n in result.notes],
        "range": span(result.span, lang),
        "assumptions": list(result.assumed),
    }


def span(s, lang: str) -> dict | None:
    """An amount resting on an assumed figure, at both ends of the figure's stated range."""
    if s is None:
        return None
    return {
        "low": fen(s.low),
        "high": fen(s.high),
        "assumption": s.parameter,
        "assumed": {"value": s.value, "low": s.low_value, "high": s.high_value},
        "message": span_text(s, lang),
    }


def eligibility(result, lang: str) -> dict:
    return {
        "eligible": result.eligible,
        "policy_version": result.policy_version,
        "category": result.category,
        "checks": [
            {
                "rule": c.rule,
                "passed": c.passed,
                "checked": c.checked,
                "code": c.code,
                "message": text_of(lang, "check", c.code, c.params),
                "fix": text_of(lang, "fix", c.fix, c.params) if c.fix else None,
            }
            for c in result.checks
        ],
        "notes": [_note(n, lang) for n in result.notes],
    }


def reference_rate(ref, lang: str) -> dict:
    """A commercial reference rate with where it comes from."""
    return {
        "kind": ref.kind,
        "value": ref.value,
        "effective": ref.effective,
        "source": {
            "id": ref.source.id,
            "title": pick(ref.source.title, lang),
            "date": ref.source.date,
            "url": ref.source.url,
        },
        "confidence": ref.source.confidence,
        "note": pick(ref.note, lang) or None,
    }


def lpr(policy_data, day, lang: str) -> dict:
    """The 5-year LPR on ``day``; before the first LPR it is null, with the benchmark that applied."""
    entry = policy_data.lpr_entry(day)
    if entry is not None:
        return reference_rate(entry, lang)
    first = policy_data.lpr[0]
    body = {
        "kind": "lpr",
        "value": None,
        "effective": None,
        "message": text_of(lang, "note", "no_lpr_yet", {"first": first.effective.isoformat()}),
        "benchmark": None,
    }
    ref = policy_data.commercial_reference(day)
    if ref is not None:
        body["benchmark"] = reference_rate(ref, lang)
    return body


def policy(version: PolicyVersion, policy_data, day, lang: str) -> dict:
    return {
        "version": version.id,
        "effective": version.effective,
        "label": pick(version.label, lang),
        "changes": pick(version.changes, lang),
        "parameters": {name: parameter(p, lang) for name, p in version.parameters.items()},
        "lpr_5y": lpr(policy_data, day, lang),
        "versions": [v.id for v in policy_data.versions],
    }


def field_errors(errors, lang: str) -> list[dict]:
    return [{"field": e.field, "code": e.code, "message": _error_text(e, lang)} for e in errors]


def timeline(entries, lang: str) -> list[dict]:
    """The quota under each policy version, as asking /quota on its effective date would answer."""
    return [
        {
            "version": e.version,
            "effective": e.effective.isoformat(),
            "eligible": e.eligible,
            "amount": None if e.amount is None else fen(e.amount),
            "binding_cap": e.binding_cap,
            **({"errors": field_errors(e.errors, lang)} if e.errors else {}),
        }
        for e in entries
    ]
