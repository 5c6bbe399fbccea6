"""OpenAPI 3.1 description of /api/v1; the request schemas are the input registry's own
(calculators/registry.py)."""

from __future__ import annotations

from pydantic import BaseModel

from calculators.fields import flag_schema
from calculators.registry import QUOTA_REQUIRED_WITH_CASH, ApplicantFields, Loan, Prepayment, RateChange
from calculators.scenarios import MAX_SCENARIOS

from .answer_models import EligibilityAnswer, Errors, JobFailed, JobState, PolicyAnswer, ref, schemas
from .precheck_answer import PrecheckResult
from .quota_answer import QuotaAnswer
from .repayment_answer import RepaymentAnswer
from .schema_bounds import bound, may_be_left_out

DATE = {"type": "string", "format": "date"}
LANG = {
    "name": "lang",
    "in": "query",
    "schema": {"type": "string", "enum": ["zh", "en"]},
    "description": "Language of messages; default from Accept-Language, else zh",
}

REF = "#/components/schemas/{model}"


def schema_of(model: type[BaseModel], *, required=(), title=None, one_given=(), **extra) -> dict:
    """A registry model's JSON Schema as the API documents it (nested models as components)."""
    schema = model.model_json_schema(ref_template=REF)
    schema.pop("$defs", None)
    for prop in schema["properties"].values():
        prop.pop("title", None)
        if prop.get("default", 0) is None:  # "left out" is said by not being required
            del prop["default"]
        elif prop.get("type") == "number" and isinstance(prop.get("default"), str):
            prop["default"] = float(prop["default"])  # a Decimal default is dumped as text
    if required:
        schema["required"] = [*schema.get("required", []), *required]
    model_props = dict(schema["properties"])
    for name, prop in model_props.items():
        if name not in schema.get("required", ()):
            schema["properties"][name] = may_be_left_out(prop)
    if one_given:  # at least one of these, with a value (null or "" reads as left out)
        extra["anyOf"] = [{"required": [n], "properties": {n: model_props[n]}} for n in one_given]
    bound(schema)
    if title:
        schema["title"] = title
    return {**schema, **extra}


def components() -> dict:
    """The nested models the request schemas refer to."""
    # by its payment number or by the month it falls due: one of the two
    when = [{"required": ["month"]}, {"required": ["calendar_month"]}]
    return {
        "Prepayment": schema_of(Prepayment, oneOf=when, additionalProperties=False),
        "RateChange": schema_of(RateChange, additionalProperties=False),
    }


APPLICANT = schema_of(ApplicantFields, title="Applicant")
# A price, or cash to find the highest price it covers ("how much home can I afford").
QUOTA_APPLICANT = schema_of(
    ApplicantFields,
    required=QUOTA_REQUIRED_WITH_CASH,
    one_given=("house_price", "cash"),
    title="QuotaApplicant",
)
QUOTA_APPLICANT["properties"]["timeline"] = may_be_left_out(
    {
        **flag_schema(),
        "default": False,
        "description": "Add `timeline`: the same applicant under every policy version, each as asking on "
        "its effective date",
    }
)
# A pre-check row: any of the applicant's fields (a missing or bad one is that row's error, the
# others still answer) beside the list's own columns (name, phone, notes), which are kept as given.
PRECHECK_ROW = {
    "type": "object",
    "description": "One client: the applicant's fields as a list holds them (any value; a missing or bad "
    "one is named in that row's errors while the other rows answer), and any other columns, kept as given",
    "properties": {
        name: {"description": prop.get("description", name)} for name, prop in APPLICANT["properties"].items()
    },
}
# A single request names only fields the operation has: a misspelt one is a 422, never left out.
for _schema in (APPLICANT, QUOTA_APPLICANT):
    _schema["additionalProperties"] = False
REPAYMENT_REQUEST = schema_of(Loan, one_given=("principal", "house_price"))
REPAYMENT_REQUEST["additionalProperties"] = False
# The form's and the link's flat spelling of the prepayment (prepayment_amount = prepayment.amount).
for _name, _prop in schema_of(Prepayment)["properties"].items():
    REPAYMENT_REQUEST["properties"][f"prepayment_{_name}"] = {
        **_prop,
        "description": f"the flat spelling of prepayment.{_name}; give one or the other",
    }
REPAYMENT_REQUEST["properties"]["scenarios"] = {
    "type": "array",
    "maxItems": MAX_SCENARIOS,
    "items": {
        "type": "object",
        "propertyNames": {"enum": sorted(Loan.model_fields)},
        "description": 'fields of this request to change, e.g. {"months": 240}',
    },
    "description": "Up to 3 scenarios to compare: each is this request with the fields it gives in place "
    'of the request\'s own (20 against 30 years: [{"months": 240}]; first against second home; the '
    "other method), answered in `scenarios` in the same order. A bad scenario is a 400 naming it and "
    "its field (`scenarios[1].months`)",
}


def _json(description: str, schema: dict, **more) -> dict:
    """A response of JSON in ``schema``."""
    return {"description": description, **more, "content": {"application/json": {"schema": schema}}}


def _error(description):
    return _json(description, ref(Errors))


COMMON_ERRORS = {
    "400": _error("Malformed JSON (also integer literals over 4,300 digits, nesting too deep)"),
    "413": _error("Body too large"),
    "415": _error("Body not sent as application/json"),
    "422": _error("Invalid input; every bad field named"),
    "429": _error("Too many requests from this client; see the Retry-After header"),
}


SCHEDULE = {
    "name": "schedule",
    "in": "query",
    "schema": flag_schema(),
    "description": "false or 0 leaves the month-by-month rows out; default true",
}
# The query parameters each operation takes; any other is a 422 naming it (api/base.py).
QUERY = {"/api/v1/repayment": [LANG, SCHEDULE]}


def _post(summary, request_schema, response_schema, tag, content=None, extra=None, path=""):
    return {
        "post": {
            "summary": summary,
            "tags": [tag],
            "parameters": QUERY.get(path, [LANG]),
            "requestBody": {
                "required": True,
                "content": content or {"application/json": {"schema": request_schema}},
            },
            "responses": {"200": _json("Result", response_schema), **COMMON_ERRORS, **(extra or {})},
        }
    }


ANSWERS = (Errors, JobState, JobFailed, QuotaAnswer, EligibilityAnswer, RepaymentAnswer, PrecheckResult)
ANSWERS += (PolicyAnswer,)


def document() -> dict:
    """The requests' schemas bounded (dates, months, left out), then the answers' models."""
    doc = bound(_document())
    doc["components"]["schemas"].update(schemas(*ANSWERS))
    return doc


def _document() -> dict:
    return {
        "openapi": "3.1.0",
        "components": {"schemas": components()},
        "info": {
            "title": "Zhuzhou Housing Provident Fund calculators",
            "version": "1.0.0",
            "description": "Estimates only; the fund centre decides. Money in yuan with two decimals.",
        },
        "paths": {
            "/api/v1/repayment": _post(
                "Repayment schedule",
                REPAYMENT_REQUEST,
                ref(RepaymentAnswer),
                "calculators",
                extra={"400": _error("Malformed JSON, or a bad scenario (its index and field named)")},
                path="/api/v1/repayment",
            ),
            "/api/v1/quota": _post("Loan quota", QUOTA_APPLICANT, ref(QuotaAnswer), "calculators"),
            "/api/v1/eligibility": _post(
                "Loan eligibility", APPLICANT, ref(EligibilityAnswer), "calculators"
            ),
            "/api/v1/precheck": _post(
                "Batch pre-check, rows answered in input order; large lists run as a job",
                None,
                ref(PrecheckResult),
                "calculators",
                content={
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["applicants"],
                            "properties": {
                                "applicants": {"type": "array", "items": PRECHECK_ROW, "maxItems": 20000}
                            },
                        }
                    },
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {
                                    "type": "string",
                                    "format": "binary",
                                    "description": "CSV, tab-separated text or XLSX; headers are "
                                    "these field names, their Chinese/English labels "
                                    "or everyday names (年龄, 月收入, 房价, 客户编号); "
                                    "title rows above the header are skipped",
                                },
                                "columns": {
                                    "type": "string",
                                    "maxLength": 4096,
                                    "description": "optional JSON object: header (or column number "
                                    'from 1) -> field, "field@unit" (e.g. "house_price@万元") or "" '
                                    "for not used; columns left out are read by their headers",
                                },
                            },
                        }
                    },
                },
                extra={
                    "202": _json(
                        "More rows than answered at once: a job started; poll status_url",
                        ref(JobState),
                        headers={"Location": {"schema": {"type": "string"}}},
                    ),
                    "503": _error("The job store or queue is unavailable; see Retry-After"),
                },
            ),
            "/api/v1/precheck/jobs/{token}": {
                "get": {
                    "summary": "State of a pre-check job; the rows when done",
                    "tags": ["calculators"],
                    "parameters": [
                        {
                            "name": "token",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                        },
                        LANG,
                    ],
                    "responses": {
                        "200": _json(
                            "Done (the rows) or failed (a message)",
                            {"oneOf": [ref(PrecheckResult), ref(JobFailed)]},
                        ),
                        "202": _json("Still running", ref(JobState)),
                        "404": _error("No such job, or it expired"),
                        "429": _error("Too many requests"),
                        "503": _error("The job store is unavailable"),
                    },
                }
            },
            "/api/v1/policy": {
                "get": {
                    "summary": "Policy version in force on a date, with sources",
                    "tags": ["policy"],
                    "parameters": [
                        {"name": "date", "in": "query", "schema": DATE, "description": "Default today"},
                        LANG,
                    ],
                    "responses": {
                        "200": _json("The version", ref(PolicyAnswer)),
                        "422": _error("Bad date or language"),
                        "429": _error("Too many requests"),
                    },
                }
            },
        },
    }
