"""The API's answers as pydantic models: each route's JSON passes through its model
(``answer``), and the OpenAPI document's response schemas are these models' own
(api/openapi.py), so the two cannot drift. The requests' models are the input registry's.

Every model forbids keys it does not name: a serializer that starts sending a new key without
declaring it here fails the suite (``STRICT_ANSWERS``, set by the tests). In production such a
mismatch is logged and the answer still goes out: a visitor never gets a 500 for it.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema

import settings

log = logging.getLogger(__name__)

Money = Annotated[Decimal, WithJsonSchema({"type": "number", "multipleOf": 0.01, "description": "yuan"})]
Percent = Annotated[Decimal, WithJsonSchema({"type": "number", "description": "percent a year"})]
Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
Month = Annotated[str, Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")]


class AnswerModel(BaseModel):
    """What every answer model shares: no key it does not name."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def answer(model: type[AnswerModel], payload: dict) -> dict:
    """``payload`` as ``model`` states it (money stays Decimal for api/jsonout.py)."""
    try:
        return model.model_validate(payload).model_dump(exclude_unset=True, by_alias=True)
    except ValidationError:
        if settings.STRICT_ANSWERS:
            raise
        log.exception("%s does not state this answer; sent as built", model.__name__)
        return payload


REF = "#/components/schemas/{model}"


def ref(model: type[AnswerModel]) -> dict:
    """Where the OpenAPI document keeps ``model``'s schema."""
    return {"$ref": REF.format(model=model.__name__)}


def schemas(*models: type[AnswerModel]) -> dict:
    """The OpenAPI components of ``models`` and every model they hold, by name."""
    out = {}
    for model in models:
        schema = model.model_json_schema(mode="serialization", by_alias=True, ref_template=REF)
        out.update(schema.pop("$defs", {}))
        out[model.__name__] = schema
    return out


# --- errors and jobs -----------------------------------------------------------------------------


class ErrorItem(AnswerModel):
    field: str | None = Field(description="the input named (null: the request as a whole)")
    code: str
    message: str


class Errors(AnswerModel):
    errors: list[ErrorItem]


class JobState(AnswerModel):
    state: Literal["running", "queued"]
    done: int
    total: int
    status_url: str | None = None
    ahead: int | None = Field(None, description="jobs ahead of this one while it is queued")
    message: str | None = Field(None, description="while it is queued: why, in words")


class JobFailed(AnswerModel):
    state: Literal["failed"]
    errors: list[ErrorItem]


# --- policy and provenance -----------------------------------------------------------------------


class Source(AnswerModel):
    id: str
    title: str
    date: dt.date | str | None = None
    url: str | None = None
    confidence: str | None = None


class Parameter(AnswerModel):
    value: Any
    confidence: str
    since: dt.date | None
    since_known: bool
    since_assumed: bool
    until: dt.date | None
    source: Source
    note: str | None


class ReferenceRate(AnswerModel):
    """A commercial reference rate with its source; before the first LPR ``value`` is null, with
    ``message`` and the ``benchmark`` that applied."""

    kind: str
    value: Number | None
    effective: dt.date | None
    source: Source | None = None
    confidence: str | None = None
    note: str | None = None
    message: str | None = None
    benchmark: ReferenceRate | None = None


class PolicyAnswer(AnswerModel):
    version: str
    effective: dt.date
    label: str | None
    changes: str | None
    parameters: dict[str, Parameter]
    lpr_5y: ReferenceRate
    versions: list[str]


class Note(AnswerModel):
    code: str
    message: str


class Check(AnswerModel):
    rule: str
    passed: bool
    checked: bool = Field(description="false: the input this rule needs was not given")
    code: str
    message: str
    fix: str | None


class Dated(AnswerModel):
    date: dt.date = Field(description="the day asked")
    rules_as_of_today: bool = Field(description="a day still to come: today's rules answered")


class EligibilityAnswer(Dated):
    eligible: bool | None = Field(
        description="null: nothing fails, but a rule in force needs an answer not given"
    )
    policy_version: str
    category: str
    checks: list[Check]
    notes: list[Note]
