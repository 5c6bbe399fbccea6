"""The answers' JSON Schemas in the OpenAPI document (api/openapi.py): errors, schedule rows,
rate periods, pre-check results and job states. The requests' schemas are the registry's."""

from __future__ import annotations

MONEY = {"type": "number", "multipleOf": 0.01, "description": "yuan, two decimals"}

ERRORS = {
    "type": "object",
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        }
    },
}

RATE_PERIOD = {
    "type": "object",
    "properties": {
        "from_period": {"type": "integer"},
        "from_date": {"type": "string", "format": "date", "description": "the month that payment falls due"},
        "annual_rate": {"type": "number", "description": "percent"},
        "payment": MONEY,
    },
}
ROW = {
    "type": "object",
    "properties": {
        "period": {"type": "integer"},
        "payment": MONEY,
        "principal": MONEY,
        "interest": MONEY,
        "balance": MONEY,
        "prepayment": MONEY,
    },
}

PAYMENT_MONTHS = {
    "first_payment_month": {"type": "string", "description": "YYYY-MM: the month after the loan starts"},
    "payment_due_now": {
        "type": "object",
        "description": "a loan that started in the past and runs on: the payment due this month "
        "(period, payment), as the page headlines it; first_payment stays the first",
        "properties": {"period": {"type": "integer"}, "payment": MONEY},
    },
    "last_payment_month": {"type": "string", "description": "YYYY-MM: when the last payment falls due"},
}
# A loan's (or one part's) figures, as the repayment answer, its parts and its scenarios give them.
TOTALS = {
    "principal": MONEY,
    "monthly_payment": MONEY,
    "first_payment": MONEY,
    "last_payment": MONEY,
    "total_payment": MONEY,
    "total_interest": MONEY,
    "months": {"type": "integer"},
    "last_period": {"type": "integer", "description": "the payment that ends the loan"},
    "annual_rate": {"type": "number", "description": "percent a year (the HPF part's)"},
}
# The day an applicant was asked about (quota and eligibility answers).
DATED = {
    "date": {"type": "string", "format": "date", "description": "the day asked"},
    "rules_as_of_today": {"type": "boolean", "description": "a day still to come: today's rules answered"},
}
SCENARIO = {
    "type": "object",
    "description": "One scenario: the main answer's summary keys for the request with its overrides",
    "properties": {
        "overrides": {"type": "object", "description": "the fields the scenario changed, as sent"},
        "home_number": {"type": "integer"},
        "method": {"type": "string"},
        **TOTALS,
        "rate_source": {"type": "object"},
        **PAYMENT_MONTHS,
        "prepayment": {"type": "object", "description": "as in the main answer, when it has one"},
    },
}


CASH_TO_CLOSE = {
    "type": ["object", "null"],
    "description": "What the buyer brings for house_price: down payment (HPF loan alone), deed tax "
    "(null without floor_area), the other costs entered, the total; not_included names what the "
    "total leaves out (deed_tax without floor_area, each other cost not given). with_commercial: "
    "{down_payment, total} with a commercial part paying what the HPF loan leaves",
    "properties": {
        "down_payment": MONEY,
        "deed_tax": {
            "type": ["object", "null"],
            "description": "rate (percent), amount, area_band (m², null: the standard rate), above_band, "
            "standard_because (third_home, before_reductions), source {id, title, confidence}",
        },
        "other_costs": {"type": "object", "additionalProperties": MONEY},
        "not_included": {"type": "array", "items": {"type": "string"}},
        "total": MONEY,
        "with_commercial": {"type": ["object", "null"]},
    },
}

PRECHECK_RESULT = {
    "type": "object",
    "properties": {
        "state": {"const": "done"},
        "count": {"type": "integer"},
        "summary": {
            "type": "object",
            "description": "clients by status; skipped: rows that are not clients (totals, notes)",
        },
        "skipped": {
            "type": "array",
            "description": "rows read but not clients: a total (合计, =SUM) or a row with no data",
            "items": {
                "type": "object",
                "properties": {
                    "row": {"type": "integer"},
                    "reason": {"type": "string", "enum": ["total", "no_data"]},
                    "message": {"type": "string"},
                    "cells": {"type": "array"},
                },
            },
        },
        "defaults": {
            "type": "array",
            "description": "fields that change answers but that the list does not give: the default "
            "every client was taken as",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
        "header_row": {
            "type": ["integer", "null"],
            "description": "file uploads: the row read as the header",
        },
        "columns": {
            "type": "array",
            "description": "file uploads: every column in its order, and the field "
            "it was read as (null: not used, see `unused`)",
            "items": {
                "type": "object",
                "properties": {
                    "column": {"type": "integer"},
                    "header": {"type": "string"},
                    "field": {"type": ["string", "null"]},
                    "label": {"type": ["string", "null"]},
                    "unit": {
                        "type": ["string", "null"],
                        "description": "the unit the header (or the mapping) names, e.g. 万元; "
                        "null: the field's own unit",
                    },
                    "chosen": {"type": "boolean", "description": "read as the request's mapping says"},
                    "unused": {
                        "type": ["string", "null"],
                        "enum": ["unknown", "duplicate", "result", None],
                        "description": "result: a column of an earlier pre-check's download",
                    },
                },
            },
        },
        "unused_columns": {"type": "array", "items": {"type": "string"}},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "row": {"type": "integer"},
                    "name": {"type": "string"},
                    "cells": {
                        "type": "array",
                        "description": "file uploads: the row as uploaded, in the order of columns",
                    },
                    "status": {"type": "string", "enum": ["eligible", "depends", "not_eligible", "error"]},
                    "amount": {**MONEY, "type": ["number", "null"]},
                    "binding_cap": {"type": ["string", "null"]},
                    "monthly_payment": {**MONEY, "type": ["number", "null"]},
                    "failed": {"type": "array"},
                    "unchecked": {"type": "array", "items": {"type": "string"}},
                    "range": {"type": ["object", "null"], "description": "as in the quota answer"},
                    "errors": {"type": "array"},
                    "defaulted": {
                        "type": "array",
                        "description": "fields whose cell was blank: the default the row was taken with",
                    },
                    "cash_short": {
                        "type": ["object", "null"],
                        "description": "price and cash given, and the cash short of the down payment "
                        "the HPF loan leaves: {down_payment, cash, short}",
                    },
                    "cash_to_close": {**CASH_TO_CLOSE, "description": "as in the quota answer"},
                    "share_image": {"type": ["string", "null"], "description": "its quota as a picture"},
                    "quota_link": {
                        "type": ["string", "null"],
                        "description": "the quota calculator filled in with this client's values",
                    },
                },
            },
        },
    },
}
JOB_STATE = {
    "type": "object",
    "required": ["state"],
    "properties": {
        "state": {"type": "string", "enum": ["running", "queued"]},
        "done": {"type": "integer"},
        "total": {"type": "integer"},
        "status_url": {"type": "string"},
        "ahead": {"type": "integer", "description": "jobs ahead of this one while it is queued"},
    },
}
JOB_FAILED = {
    "type": "object",
    "required": ["state", "errors"],
    "properties": {"state": {"const": "failed"}, "errors": ERRORS["properties"]["errors"]},
}

QUOTA_ANSWER = {
    "type": "object",
    "properties": {
        "amount": MONEY,
        **DATED,
        "timeline": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "version": {"type": "string"},
                    "effective": {"type": "string", "format": "date"},
                    "eligible": {"type": ["boolean", "null"]},
                    "amount": {**MONEY, "type": ["number", "null"]},
                    "binding_cap": {"type": ["string", "null"]},
                    "errors": {"type": "array", "description": "why no amount that day"},
                },
            },
        },
        "eligible": {
            "type": ["boolean", "null"],
            "description": "as /eligibility answers it: an amount is given even when not eligible",
        },
        "failed": {"type": "array", "description": "the rules not met, as in /eligibility's checks"},
        "unchecked": {"type": "array", "description": "rules in force whose answer was not given"},
        "monthly_payment": {**MONEY, "description": "equal installments at the amount over term_years"},
        "annual_rate": {"type": "number"},
        "term_years": {"type": "integer"},
        "max_term_years": {"type": "integer"},
        "category": {"type": "string"},
        "rounding": {"type": "string"},
        "cap_details": {"type": "array", "description": "each cap with its parameters and sources"},
        "binding_cap": {"type": "string"},
        "range": {
            "type": ["object", "null"],
            "description": "set when the amount moves within an assumed figure's "
            "stated range: the quota at both ends",
            "properties": {
                "low": MONEY,
                "high": MONEY,
                "assumption": {"type": "string", "description": "the policy parameter"},
                "assumed": {"type": "object"},
                "message": {"type": "string"},
            },
        },
        "house_price": {**MONEY, "description": "as given, or the affordable price"},
        "down_payment": {
            "type": "object",
            "properties": {"hpf_only": MONEY, "minimum": MONEY, "commercial_part": MONEY},
            "description": "price − loan; the least with a commercial part paying the rest",
        },
        "affordable": {
            "type": ["object", "null"],
            "description": "with cash: the highest price the caps allow and its loan",
            "properties": {
                "cash": MONEY,
                "price": MONEY,
                "loan": MONEY,
                "down_payment": MONEY,
                "costs": {**MONEY, "description": "deed tax and other costs entered, at that price"},
                "binding_cap": {"type": "string"},
                "with_commercial": {
                    "type": ["object", "null"],
                    "description": "a commercial loan for what the HPF loan leaves, within the "
                    "loan-to-value cap: the highest price the cash then covers",
                    "properties": {
                        "price": MONEY,
                        "hpf_loan": MONEY,
                        "commercial_loan": MONEY,
                        "down_payment": MONEY,
                        "costs": MONEY,
                    },
                },
            },
        },
        "cash_to_close": CASH_TO_CLOSE,
        "assumptions": {
            "type": "array",
            "items": {"type": "string"},
            "description": "assumed parameters (no public source) behind the binding cap",
        },
        "caps": {"type": "object", "additionalProperties": MONEY},
        "policy_version": {"type": "string"},
        "notes": {"type": "array"},
    },
}

PART = {"type": "object", "properties": TOTALS}
# Keys of the repayment answer besides its totals.
REPAYMENT_MORE = {
    **TOTALS,
    "method": {"type": "string", "enum": ["equal_installment", "equal_principal"]},
    "loan_type": {
        "type": "string",
        "enum": ["hpf", "combination", "commercial"],
        "description": "hpf: the fund loan alone; combination: a fund and a commercial part; "
        "commercial: a commercial loan alone (principal 0 or left out with commercial_principal)",
    },
    "rate_source": {
        "type": "object",
        "description": "where the rate comes from: kind policy (the HPF policy), lpr or benchmark "
        "(a commercial loan: reference + bps), or given",
    },
    "parts": {
        "type": "object",
        "description": "a combination loan's two parts",
        "properties": {"hpf": PART, "commercial": PART},
    },
    "prepayment": {
        "type": "object",
        "description": "present with a prepayment",
        "properties": {
            "mode": {"type": "string"},
            "month": {"type": "integer"},
            "amount": MONEY,
            "interest_saved": MONEY,
            "months_saved": {"type": "integer"},
            "next_payment": {**MONEY, "type": ["number", "null"]},
        },
    },
    "what_if": {
        "type": "object",
        "description": "present with rate_changes or what_if: the loan through those hypothetical "
        "changes (a what-if, not a forecast); the answer's own figures stay at today's rates",
        "properties": {
            **TOTALS,
            "rate_changes": {"type": "array", "items": {"type": "object"}},
            "interest_difference": {**MONEY, "description": "its total interest − the answer's"},
            "rates_floored_at_zero": {"type": "boolean", "description": "a change stopped at 0 %"},
            "rate_periods": {"type": "array", "items": RATE_PERIOD},
            "commercial_rate_periods": {"type": "array", "items": RATE_PERIOD},
        },
    },
}
