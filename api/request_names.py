"""The names a request may use, read from the OpenAPI document's own schemas: a single request's
body fields and each operation's query parameters. Anything else is a 422 naming it (api/base.py),
so a misspelt field is never silently left out and the document stays the one list."""

from __future__ import annotations

from .openapi import APPLICANT, LANG, QUERY, QUOTA_APPLICANT, REPAYMENT_REQUEST

BODIES = {
    "/api/v1/repayment": REPAYMENT_REQUEST,
    "/api/v1/quota": QUOTA_APPLICANT,
    "/api/v1/eligibility": APPLICANT,
}


RATE_CHANGE_NAMES = ("from", "hpf_bps", "lpr_bps")


def nested_unknown(data: dict) -> list[str]:
    """Unknown names inside the repayment request's nested prepayment and rate changes (also in
    its scenarios)."""
    from calculators.registry import MAX_CHANGES, Prepayment

    found = []
    for where, part in [
        ("", data),
        *((f"scenarios[{i}].", s) for i, s in enumerate(data.get("scenarios") or [])),
    ]:
        nested = part.get("prepayment") if isinstance(part, dict) else None
        if isinstance(nested, dict):
            found += [f"{where}prepayment.{k}" for k in nested if k not in Prepayment.model_fields]
        changes = part.get("rate_changes") if isinstance(part, dict) else None
        for i, change in enumerate(changes[:MAX_CHANGES] if isinstance(changes, list) else ()):
            if isinstance(change, dict):
                found += [f"{where}rate_changes[{i}].{k}" for k in change if k not in RATE_CHANGE_NAMES]
    return found


def body_fields(path: str) -> set[str] | None:
    """The fields a single request to ``path`` may name (None: the operation takes others too)."""
    schema = BODIES.get(path)
    return set(schema["properties"]) if schema else None


def query_names(path: str) -> set[str]:
    if path == "/api/v1/policy":
        return {"date", "lang"}
    return {p["name"] for p in QUERY.get(path, [LANG])}
