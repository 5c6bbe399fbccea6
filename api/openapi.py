"""OpenAPI 3.1 description of /api/v1, built from the same vocabulary the parsers use."""
from __future__ import annotations

from calculators.applicant import ACCOUNT_STATUSES, FUND_CITIES
from calculators.policy import CATEGORIES
from calculators.repayment import MAX_MONTHS, METHODS, PREPAYMENT_MODES

MONEY = {"type": "number", "multipleOf": 0.01, "description": "yuan, two decimals"}

ERRORS = {
    "type": "object",
    "properties": {"errors": {"type": "array", "items": {
        "type": "object", "required": ["field", "message"],
        "properties": {"field": {"type": ["string", "null"]}, "code": {"type": "string"},
                       "message": {"type": "string"}}}}},
}

APPLICANT = {
    "type": "object",
    "required": ["age", "contribution_months", "monthly_income"],
    "properties": {
        "date": {"type": "string", "format": "date",
                 "description": "Application date; selects the policy version. Default today."},
        "category": {"type": "string", "enum": list(CATEGORIES), "default": "standard",
                     "description": "A category the version does not know is treated as standard, with a note."},
        "age": {"type": "integer", "minimum": 16, "maximum": 100},
        "contribution_months": {"type": "integer", "minimum": 0, "maximum": 720,
                                "description": "Months of continuous contributions"},
        "account_balance": {"type": "number", "minimum": 0, "description": "yuan; required for quota"},
        "monthly_income": {"type": "number", "minimum": 0, "description": "household, yuan a month"},
        "monthly_debt": {"type": "number", "minimum": 0, "default": 0},
        "house_price": {"type": "number", "minimum": 10000, "description": "yuan; required for quota"},
        "home_number": {"type": "integer", "minimum": 1, "maximum": 9, "default": 1,
                        "description": "1 first home, 2 second; 3 or more is not lent"},
        "term_years": {"type": "integer", "minimum": 1,
                       "description": "Default: the longest the policy and the age allow"},
        "co_borrower": {"type": "boolean", "default": False},
        "account_status": {"type": "string", "enum": list(ACCOUNT_STATUSES), "default": "normal"},
        "children": {"type": "integer", "minimum": 0, "maximum": 20,
                     "description": "Number of children; decides the multi-child ceiling (3 needed "
                                    "before 2024-09-25, 2 since). Not given: read as qualifying, with a note."},
        "fund_city": {"type": "string", "enum": list(FUND_CITIES), "default": "zhuzhou",
                      "description": "Where the applicant pays into a housing fund"},
        "local_hukou": {"type": "boolean",
                        "description": "Borrower or spouse holds Zhuzhou household registration; needed "
                                       "by non-local contributors before 2022-04-01. Not given: not checked."},
    },
}

REPAYMENT_REQUEST = {
    "type": "object",
    "required": ["principal", "months"],
    "properties": {
        "principal": {"type": "number", "minimum": 1000, "maximum": 100000000,
                      "description": "yuan (HPF part of a combination loan)"},
        "annual_rate": {"type": "number", "minimum": 0, "maximum": 24,
                        "description": "percent, e.g. 3.1; default the HPF rate in force on 'date' for "
                                       "'home_number' and the term (up to 60 months: the short rate)"},
        "home_number": {"type": "integer", "enum": [1, 2], "default": 1,
                        "description": "First or second home; picks the default rate"},
        "date": {"type": "string", "format": "date", "description": "Policy date of the default rates; default today"},
        "months": {"type": "integer", "minimum": 1, "maximum": MAX_MONTHS},
        "method": {"type": "string", "enum": list(METHODS), "default": METHODS[0]},
        "commercial_principal": {"type": "number", "minimum": 0, "maximum": 100000000,
                                 "description": "Commercial part of a combination loan (组合贷款); "
                                                "0 or left out: none, otherwise at least 1000"},
        "commercial_rate": {"type": "number", "minimum": 0, "maximum": 24,
                            "description": "percent; default the 5-year LPR in force on 'date'"},
        "prepayment": {"type": "object", "required": ["month", "mode"], "properties": {
            "month": {"type": "integer", "minimum": 1, "description": "prepay with this payment"},
            "amount": {"type": "number", "exclusiveMinimum": 0, "description": "not needed for pay_off"},
            "mode": {"type": "string", "enum": list(PREPAYMENT_MODES)}}},
    },
}

ROW = {"type": "object", "properties": {
    "period": {"type": "integer"}, "payment": MONEY, "principal": MONEY, "interest": MONEY,
    "balance": MONEY, "prepayment": MONEY}}


def _post(summary, request_schema, response_schema, tag):
    return {"post": {
        "summary": summary, "tags": [tag],
        "parameters": [{"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["zh", "en"]}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": request_schema}}},
        "responses": {
            "200": {"description": "Result", "content": {"application/json": {"schema": response_schema}}},
            "400": {"description": "Malformed JSON", "content": {"application/json": {"schema": ERRORS}}},
            "422": {"description": "Invalid input; every bad field named",
                    "content": {"application/json": {"schema": ERRORS}}},
        }}}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Zhuzhou Housing Provident Fund calculators", "version": "1.0.0",
                 "description": "Estimates only; the fund centre decides. Money in yuan with two decimals."},
        "paths": {
            "/api/v1/repayment": _post("Repayment schedule", REPAYMENT_REQUEST, {
                "type": "object", "properties": {
                    "monthly_payment": MONEY, "first_payment": MONEY, "last_payment": MONEY,
                    "total_payment": MONEY, "total_interest": MONEY, "months": {"type": "integer"},
                    "schedule": {"type": "array", "items": ROW}}}, "calculators"),
            "/api/v1/quota": _post("Loan quota", APPLICANT, {
                "type": "object", "properties": {
                    "amount": MONEY, "binding_cap": {"type": "string"},
                    "caps": {"type": "object", "additionalProperties": MONEY},
                    "policy_version": {"type": "string"}, "notes": {"type": "array"}}}, "calculators"),
            "/api/v1/eligibility": _post("Loan eligibility", APPLICANT, {
                "type": "object", "properties": {
                    "eligible": {"type": "boolean"},
                    "checks": {"type": "array", "items": {"type": "object", "properties": {
                        "rule": {"type": "string"}, "passed": {"type": "boolean"},
                        "checked": {"type": "boolean",
                                    "description": "false: the input this rule needs was not given"},
                        "message": {"type": "string"}, "fix": {"type": ["string", "null"]}}}}}},
                "calculators"),
            "/api/v1/precheck": _post("Batch pre-check, rows answered in input order", {
                "type": "object", "required": ["applicants"],
                "properties": {"applicants": {"type": "array", "items": APPLICANT}},
                "description": "Or multipart/form-data with a CSV/XLSX 'file' whose headers are these "
                               "field names or their Chinese/English labels, plus an optional 'name'."},
                {"type": "object", "properties": {
                    "count": {"type": "integer"}, "summary": {"type": "object"},
                    "rows": {"type": "array", "items": {"type": "object", "properties": {
                        "row": {"type": "integer"}, "name": {"type": "string"},
                        "status": {"type": "string", "enum": ["eligible", "not_eligible", "error"]},
                        "amount": {**MONEY, "type": ["number", "null"]}, "binding_cap": {"type": ["string", "null"]},
                        "monthly_payment": {**MONEY, "type": ["number", "null"]},
                        "failed": {"type": "array"}, "errors": {"type": "array"}}}}}}, "calculators"),
            "/api/v1/policy": {"get": {
                "summary": "Policy version in force on a date, with sources", "tags": ["policy"],
                "parameters": [{"name": "date", "in": "query", "schema": {"type": "string", "format": "date"}},
                               {"name": "lang", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The version"},
                              "422": {"description": "Bad date", "content": {"application/json": {"schema": ERRORS}}}}}},
        },
    }
