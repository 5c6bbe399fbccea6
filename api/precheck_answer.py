"""The batch pre-check's answer (api/answer_models.py says why models)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .answer_models import AnswerModel, ErrorItem, Money, Percent
from .quota_answer import Affordable, CashToClose, Range

# --- the batch pre-check -------------------------------------------------------------------------


class ListColumn(AnswerModel):
    column: int
    header: str
    field: str | None
    label: str | None
    unit: str | None = Field(description="the unit the header (or the mapping) names; null: the field's own")
    chosen: bool
    unused: Literal["unknown", "duplicate", "result"] | None


class SkippedRow(AnswerModel):
    row: int
    reason: Literal["total", "no_data"]
    message: str
    cells: list[Any]


class ListDefault(AnswerModel):
    field: str
    message: str
    missing: bool | None = None


class Failed(AnswerModel):
    rule: str
    message: str
    fix: str | None


class CashShort(AnswerModel):
    down_payment: Money
    cash: Money
    short: Money


class ClientRow(AnswerModel):
    row: int
    name: Any
    quota_link: str | None
    share_image: str | None
    cells: list[Any] | None = None
    status: Literal["eligible", "depends", "not_eligible", "error"]
    eligible: bool | None
    policy_version: str | None = None
    amount: Money | None
    binding_cap: str | None
    monthly_payment: Money | None
    term_years: int | None = None
    annual_rate: Percent | None = None
    range: Range | None
    failed: list[Failed]
    unchecked: list[str]
    affordable: Affordable | None
    errors: list[ErrorItem]
    defaulted: list[ListDefault]
    cash_short: CashShort | None
    cash_to_close: CashToClose | None


class PrecheckResult(AnswerModel):
    state: Literal["done"]
    count: int
    summary: dict[str, int] = Field(description="clients by status; skipped: rows that are not clients")
    rows: list[ClientRow]
    skipped: list[SkippedRow]
    defaults: list[ListDefault]
    header_row: int | None = None
    columns: list[ListColumn] | None = None
    unused_columns: list[str] | None = None
