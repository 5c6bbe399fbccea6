"""OpenAPI 3.1 description of /api/v1, built from the same vocabulary the parsers use."""
from __future__ import annotations

from calculators.applicant import ACCOUNT_STATUSES, FUND_CITIES, MAX_MONEY
from calculators.loan_request import MAX_BPS
from calculators.policy import CATEGORIES
from calculators.repayment import MAX_MONTHS, MAX_PRINCIPAL, MAX_RATE, METHODS, MIN_PRINCIPAL, PREPAYMENT_MODES

# Dates the policy data covers (the first version is 2015-08-26): years 2016 onward.
DATE = {"type": "string", "format": "date",
        "pattern": r"^20(1[6-9]|[2-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}
LANG = {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["zh", "en"]},
        "description": "Language of messages; default from Accept-Language, else zh"}

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
        "date": {**DATE, "description": "Application date; selects the policy version. Default today."},
        "category": {"type": "string", "enum": list(CATEGORIES), "default": "standard",
                     "description": "A category the version does not know is treated as standard, with a note."},
        "age": {"type": "integer", "minimum": 16, "maximum": 100},
        "contribution_months": {"type": "integer", "minimum": 0, "maximum": 720,
                                "description": "Months of continuous contributions"},
        "account_balance": {"type": "number", "minimum": 0, "maximum": MAX_MONEY,
                            "description": "yuan; required for quota"},
        "monthly_income": {"type": "number", "minimum": 0, "maximum": 10_000_000,
                           "description": "household, yuan a month"},
        "monthly_debt": {"type": "number", "minimum": 0, "maximum": 10_000_000, "default": 0},
        "house_price": {"type": "number", "minimum": 10000, "maximum": 1_000_000_000,
                        "description": "yuan; required for quota"},
        "home_number": {"type": "integer", "minimum": 1, "maximum": 9, "default": 1,
                        "description": "1 first home, 2 second; 3 or more is not lent"},
        "term_years": {"type": "integer", "minimum": 1, "maximum": 50,
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

QUOTA_APPLICANT = {**APPLICANT, "required": APPLICANT["required"] + ["account_balance", "house_price"]}

REPAYMENT_REQUEST = {
    "type": "object",
    "required": ["months"],
    "anyOf": [{"required": ["principal"]}, {"required": ["house_price"]}],
    "properties": {
        "principal": {"type": "number", "minimum": int(MIN_PRINCIPAL), "maximum": int(MAX_PRINCIPAL),
                      "description": "yuan (HPF part of a combination loan); may be left out when "
                                     "house_price is given"},
        "annual_rate": {"type": "number", "minimum": 0, "maximum": int(MAX_RATE),
                        "description": "percent, e.g. 3.1; a non-zero rate is at least 0.00000001. "
                                       "Default: the HPF rate in force on 'date' for 'home_number' and "
                                       "the term (up to 60 months: the short rate)"},
        "home_number": {"type": "integer", "enum": [1, 2], "default": 1,
                        "description": "First or second home; picks the default rate and the minimum "
                                       "down payment"},
        "date": {**DATE, "description": "The day the loan starts: picks the default HPF rate and the "
                                        "LPR; default today"},
        "start_month": {"type": "string", "pattern": r"^20(1[6-9]|[2-9][0-9])-(0[1-9]|1[0-2])$",
                        "description": "First payment month YYYY-MM; without 'date' the loan starts "
                                       "the month before"},
        "months": {"type": "integer", "minimum": 1, "maximum": MAX_MONTHS},
        "method": {"type": "string", "enum": list(METHODS), "default": METHODS[0]},
        "house_price": {"type": "number", "minimum": 10000, "maximum": 1000000000,
                        "description": "yuan; without principal the loan is price x (1 - down payment)"},
        "down_payment_percent": {"type": "number", "minimum": 0, "maximum": 100,
                                 "description": "percent of the price; default and minimum: the "
                                                "policy's (20 first home, 30 second)"},
        "commercial_principal": {"type": "number", "minimum": 0, "maximum": int(MAX_PRINCIPAL),
                                 "description": "Commercial part of a combination loan (组合贷款); "
                                                "0 or left out: none, otherwise at least 1000"},
        "commercial_months": {"type": "integer", "minimum": 1, "maximum": MAX_MONTHS,
                              "description": "The commercial part's own term; default months"},
        "commercial_bps": {"type": "integer", "minimum": -MAX_BPS, "maximum": MAX_BPS, "default": 0,
                           "description": "Basis points over the 5-year LPR in force on 'date', "
                                          "used when commercial_rate is left out"},
        "commercial_rate": {"type": "number", "minimum": 0, "maximum": int(MAX_RATE),
                            "description": "percent; default the 5-year LPR in force on 'date' plus "
                                           "commercial_bps"},
        "prepayment": {"type": "object", "required": ["month", "mode"], "properties": {
            "month": {"type": "integer", "minimum": 1, "maximum": MAX_MONTHS - 1,
                      "description": "prepay with this payment"},
            "amount": {"type": "number", "minimum": 0.01, "maximum": int(MAX_PRINCIPAL),
                       "description": "not needed for pay_off"},
            "mode": {"type": "string", "enum": list(PREPAYMENT_MODES)}}},
    },
}

ROW = {"type": "object", "properties": {
    "period": {"type": "integer"}, "payment": MONEY, "principal": MONEY, "interest": MONEY,
    "balance": MONEY, "prepayment": MONEY}}


def _error(description):
    return {"description": description, "content": {"application/json": {"schema": ERRORS}}}


COMMON_ERRORS = {
    "400": _error("Malformed JSON (also integer literals over 4,300 digits, nesting too deep)"),
    "413": _error("Body too large"),
    "415": _error("Body not sent as application/json"),
    "422": _error("Invalid input; every bad field named"),
    "429": _error("Too many requests from this client; see the Retry-After header"),
}


def _post(summary, request_schema, response_schema, tag, content=None, extra=None):
    return {"post": {
        "summary": summary, "tags": [tag], "parameters": [LANG],
        "requestBody": {"required": True,
                        "content": content or {"application/json": {"schema": request_schema}}},
        "responses": {
            "200": {"description": "Result", "content": {"application/json": {"schema": response_schema}}},
            **COMMON_ERRORS, **(extra or {}),
        }}}


PRECHECK_RESULT = {"type": "object", "properties": {
    "state": {"const": "done"}, "count": {"type": "integer"}, "summary": {"type": "object"},
    "header_row": {"type": ["integer", "null"], "description": "file uploads: the row read as the header"},
    "columns": {"type": "array", "description": "file uploads: every column in its order, and the field "
                                                "it was read as (null: not used, see `unused`)",
                "items": {"type": "object", "properties": {
                    "column": {"type": "integer"}, "header": {"type": "string"},
                    "field": {"type": ["string", "null"]}, "label": {"type": ["string", "null"]},
                    "unused": {"type": ["string", "null"], "enum": ["unknown", "duplicate", "result", None],
                               "description": "result: a column of an earlier pre-check's download"}}}},
    "unused_columns": {"type": "array", "items": {"type": "string"}},
    "rows": {"type": "array", "items": {"type": "object", "properties": {
        "row": {"type": "integer"}, "name": {"type": "string"},
        "cells": {"type": "array", "description": "file uploads: the row as uploaded, in the order of columns"},
        "status": {"type": "string", "enum": ["eligible", "not_eligible", "error"]},
        "amount": {**MONEY, "type": ["number", "null"]}, "binding_cap": {"type": ["string", "null"]},
        "monthly_payment": {**MONEY, "type": ["number", "null"]},
        "failed": {"type": "array"}, "errors": {"type": "array"}}}}}}
JOB_STATE = {"type": "object", "required": ["state"], "properties": {
    "state": {"type": "string", "enum": ["running", "queued"]}, "done": {"type": "integer"},
    "total": {"type": "integer"}, "status_url": {"type": "string"},
    "ahead": {"type": "integer", "description": "jobs ahead of this one while it is queued"}}}
JOB_FAILED = {"type": "object", "required": ["state", "errors"], "properties": {
    "state": {"const": "failed"}, "errors": ERRORS["properties"]["errors"]}}


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
            "/api/v1/quota": _post("Loan quota", QUOTA_APPLICANT, {
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
            "/api/v1/precheck": _post(
                "Batch pre-check, rows answered in input order; large lists run as a job",
                None, PRECHECK_RESULT, "calculators",
                content={"application/json": {"schema": {
                    "type": "object", "required": ["applicants"],
                    "properties": {"applicants": {"type": "array", "items": APPLICANT, "maxItems": 20000}}}},
                    "multipart/form-data": {"schema": {
                        "type": "object", "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary",
                                                "description": "CSV, tab-separated text or XLSX; headers are "
                                                               "these field names, their Chinese/English labels "
                                                               "or everyday names (年龄, 月收入, 房价, 客户编号); "
                                                               "title rows above the header are skipped"}}}}},
                extra={"202": {"description": "More rows than answered at once: a job started; poll status_url",
                               "headers": {"Location": {"schema": {"type": "string"}}},
                               "content": {"application/json": {"schema": JOB_STATE}}},
                       "503": _error("The job store or queue is unavailable; see Retry-After")}),
            "/api/v1/precheck/jobs/{token}": {"get": {
                "summary": "State of a pre-check job; the rows when done", "tags": ["calculators"],
                "parameters": [{"name": "token", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}}, LANG],
                "responses": {
                    "200": {"description": "Done (the rows) or failed (a message)",
                            "content": {"application/json": {"schema": {"oneOf": [PRECHECK_RESULT, JOB_FAILED]}}}},
                    "202": {"description": "Still running", "content": {"application/json": {"schema": JOB_STATE}}},
                    "404": _error("No such job, or it expired"),
                    "429": _error("Too many requests"),
                    "503": _error("The job store is unavailable")}}},
            "/api/v1/policy": {"get": {
                "summary": "Policy version in force on a date, with sources", "tags": ["policy"],
                "parameters": [{"name": "date", "in": "query", "schema": DATE,
                                "description": "Default today"}, LANG],
                "responses": {"200": {"description": "The version", "content": {"application/json": {
                                  "schema": {"type": "object"}}}},
                              "422": _error("Bad date or language"), "429": _error("Too many requests")}}},
        },
    }
