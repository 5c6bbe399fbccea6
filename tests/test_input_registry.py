"""The input registry is the one declaration of a field: a new field reaches the form, the API
schema, the pre-check's columns and the parser from its registry entry alone."""

import re
from decimal import Decimal

from pydantic import Field, create_model

from api.openapi import APPLICANT, REPAYMENT_REQUEST, schema_of
from calculators import batch
from calculators.fields import Whole, read
from calculators.registry import ApplicantFields, Loan
from components.applicant_form import FIELDS as APPLICANT_FORM
from components.forms import fields_of


def _with_pets():
    """A harmless example field, declared as a new input would be: one registry entry."""
    return create_model(
        "ApplicantWithPets",
        __base__=ApplicantFields,
        pets=(
            Whole(0, 10, unit="count", inputmode="numeric"),
            Field(None, description="Pets in the household"),
        ),
    )


def test_a_new_field_reaches_form_schema_columns_and_parser():
    model = _with_pets()
    form = {f.name: f for f in fields_of(model)}
    assert form["pets"].kind == "number" and form["pets"].unit == "count"
    assert form["pets"].inputmode == "numeric" and form["pets"].default is None
    assert list(form)[:-1] == [f.name for f in APPLICANT_FORM]  # the rest unchanged, in order

    schema = schema_of(model)["properties"]["pets"]  # optional: null or "" read as left out
    own = {"type": "integer", "minimum": 0, "maximum": 10, "description": "Pets in the household"}
    assert schema == {"anyOf": [own, {"type": "null"}, {"const": ""}]}

    fields = tuple(model.model_fields)
    table = batch.read_list("list.csv", b"age,pets\n30,2\n40,many\n", {}, 10, 10_000, fields=fields)
    assert [c.field for c in table.columns] == ["age", "pets"]
    first, errors = read(model, table.rows[0])
    assert first["pets"] == 2 and not [e for e in errors if e.field == "pets"]
    _, errors = read(model, table.rows[1])
    assert [(e.field, e.code, e.params["value"]) for e in errors if e.field == "pets"] == [
        ("pets", "integer", "many")
    ]


def _own(prop: dict) -> dict:
    """An optional property's own schema (it may also be null or "", read as left out)."""
    return prop["anyOf"][0] if prop.get("anyOf", [{}])[1:] == [{"type": "null"}, {"const": ""}] else prop


def test_api_schema_states_the_parsers_bounds():
    props = {name: _own(prop) for name, prop in APPLICANT["properties"].items()}
    assert props["age"] == {"type": "integer", "minimum": 16, "maximum": 100, "examples": [30]}
    assert props["category"]["enum"] == [
        "standard",
        "high_level_talent",
        "multi_child_family",
        "recent_graduate",
    ]
    assert props["monthly_debt"]["default"] == 0
    assert set(APPLICANT["required"]) == {"age", "contribution_months", "monthly_income"}
    loan = {name: _own(prop) for name, prop in REPAYMENT_REQUEST["properties"].items()}
    assert loan["down_payment_percent"]["maximum"] == 99.99  # a 100 % down payment is refused
    assert loan["commercial_bps"] == {
        "type": "integer",
        "minimum": -1000,
        "maximum": 1000,
        "default": 0,
        "description": loan["commercial_bps"]["description"],
    }
    # Dates from the first policy version on (tests/test_schema_bounds.py checks every day).
    assert re.match(loan["date"]["pattern"], "2015-09-01") and re.match(loan["date"]["pattern"], "2100-01-01")
    assert not re.match(loan["date"]["pattern"], "2015-08-25")


def test_every_field_is_read_alone_and_every_problem_named():
    values, errors = read(Loan, {"principal": "60万", "months": "abc", "annual_rate": "3.1%", "method": "x"})
    assert values["principal"] == Decimal("600000") and values["annual_rate"] == Decimal("3.1")
    assert {(e.field, e.code) for e in errors} == {("months", "integer"), ("method", "choice")}


def test_huge_numbers_are_refused_before_any_arithmetic():
    _, errors = read(
        ApplicantFields, {"age": "1e1000000", "monthly_income": "9" * 5000, "contribution_months": 1}
    )
    assert {(e.field, e.code) for e in errors} == {("age", "range"), ("monthly_income", "number")}


def test_whole_numbers_read_with_the_unit_their_field_shows():
    """A person types the unit the field shows beside it (35岁, 30年, 24个月) or full-width digits
    from a Chinese keyboard (１２０００, ３．１): the same number. Another unit is still refused."""
    import pytest

    from calculators.applicant import parse_applicant
    from calculators.errors import ValidationError

    given = {"account_balance": "5万", "house_price": "100万"}
    a = parse_applicant(
        {
            **given,
            "age": "35岁",
            "contribution_months": "24个月",
            "term_years": "30年",
            "monthly_income": "１２０００",
        },
        for_quota=True,
    )
    assert (a.age, a.contribution_months, a.term_years, a.monthly_income) == (35, 24, 30, 12000)
    with pytest.raises(ValidationError) as info:
        parse_applicant(
            {**given, "age": "35年", "contribution_months": 24, "monthly_income": 9000}, for_quota=True
        )
    assert [e.field for e in info.value.errors] == ["age"]
