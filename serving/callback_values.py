"""What a callback request may carry as each input's value, checked before any callback runs.

``dash_guard`` checks that a request names a callback that exists and has its shape; this module
checks the values themselves, so that a callback only ever sees what the renderer could have sent:
a text field's value is short text or a number, a click count a count, a language "zh" or "en", a
pattern list no longer than a form has fields, and the repayment page's scenarios pass the same
``calculators.scenarios.check_overrides`` as ``POST /api/v1/repayment`` (at most three, each of the
request's own fields). Anything else is refused with a 400 before it costs a worker any work.

The rules are by property (``value``, ``n_clicks``, ...) with a few by component id (the stores
whose content the site defines). A property nobody listed takes the generic bound: a small JSON
value. Sizes are bounded here; the meaning of a value (is "abc" a number?) stays with the field
parsers, which answer it beside the field in the visitor's language.
"""

from __future__ import annotations

import functools
import math

from calculators import clock
from calculators.errors import ValidationError
from calculators.fields import MAX_FIELD_TEXT, read_field
from calculators.registry import Loan
from calculators.scenarios import check_overrides

MAX_ITEMS = 64  # items of one pattern (ALL) list: a form has fewer than 40 fields
MAX_NODES = 2_000  # JSON nodes of any other value (a form's feedback messages are well under 500)
MAX_DEPTH = 24
LINK = 8_190  # a path or query string: no longer than the request line gunicorn accepts


class BadValue(Exception):
    """A value the renderer could not have sent; the text is for the log, never for the visitor."""


def _nodes(value, depth: int = 0) -> int:
    """How many JSON nodes ``value`` holds, refusing deep or large ones as soon as it knows."""
    if depth > MAX_DEPTH:
        raise BadValue("nested too deep")
    if isinstance(value, dict):
        items = list(value.values())
        if not all(isinstance(k, str) and len(k) <= 200 for k in value):
            raise BadValue("object key too long")
    elif isinstance(value, list):
        items = value
    else:
        if isinstance(value, str) and len(value) > 20_000:
            raise BadValue("text too long")
        return 1
    total = 1
    for item in items:
        total += _nodes(item, depth + 1)
        if total > MAX_NODES:
            raise BadValue("value too large")
    return total


def small_json(value) -> None:
    _nodes(value)


def _scalar(value, max_text: int) -> bool:
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return math.isfinite(value) and abs(value) < 1e18
    return isinstance(value, str) and len(value) <= max_text


def field_value(value) -> None:
    """A form control's value: text (Input), a choice (Select, RadioItems) or a Switch's flag; the
    site has no control whose value is a list."""
    if not _scalar(value, MAX_FIELD_TEXT):
        raise BadValue("field value")


def clicks(value) -> None:
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**9
    ):
        raise BadValue("n_clicks is not a count")


def text(limit: int, required: bool = False):
    def check(value) -> None:
        if value is None and not required:
            return
        if not isinstance(value, str) or len(value) > limit:
            raise BadValue(f"not text of at most {limit} characters")

    return check


def path(value) -> None:
    """The browser's location path: always there, always absolute."""
    text(LINK, required=True)(value)
    if not value.startswith("/"):
        raise BadValue("pathname is not a path")


def flag(value) -> None:
    if value is not None and not isinstance(value, bool):
        raise BadValue("not true or false")


def lang(value) -> None:
    if value not in (None, "zh", "en"):
        raise BadValue("lang is not zh or en")


@functools.cache
def form_names() -> dict[str, frozenset[str]]:
    """Each calculator form's field names, from the registry as the forms are built from it."""
    from components import applicant_form, repayment_form

    names = {
        form: frozenset(applicant_form.NAMES) - applicant_form.NOT_ASKED.get(form, set())
        for form in ("quota", "eligibility")
    }
    names["repayment"] = frozenset(f.name for f in repayment_form.form_fields(clock.today()))
    return names


def pattern_id(value) -> None:
    """The ``id`` of a pattern-matched component; a form's field is one the form has."""
    if not isinstance(value, dict) or len(value) > 4:
        raise BadValue("pattern id")
    for key, part in value.items():
        if len(key) > 20 or not _scalar(part, 60) or isinstance(part, (bool, float)) or part is None:
            raise BadValue("pattern id")
    if "form" in value and value.get("name") not in form_names().get(value["form"], ()):
        raise BadValue("no such field in the form")


def scenarios(value) -> None:
    """The repayment page's scenarios: the API's rule (calculators.scenarios), small, and each
    value one its field's reader takes (the page only ever stores values it read itself)."""
    try:
        check_overrides(value)
    except ValidationError as exc:
        raise BadValue(f"scenarios: {exc.errors[0].code}") from None
    small_json(value)
    for override in value or ():
        errors: list = []
        for key, raw in override.items():
            if key == "prepayment":  # the API's nested spelling: bounded above, read by the parser
                continue
            if isinstance(raw, (dict, list)):
                raise BadValue(f"scenarios: {key} is not a value")
            read_field(Loan, key, raw, errors)
        if errors:
            raise BadValue(f"scenarios: {errors[0].field} {errors[0].code}")


def token(value) -> None:
    """A job or upload handle the page holds (32 hex digits), or nothing yet."""
    if value is not None and not (isinstance(value, str) and len(value) == 32 and value.isalnum()):
        raise BadValue("not a handle")


# By component id (and property), then by property alone; anything else: small_json.
BY_ID = {
    ("repayment-scenarios", "data"): scenarios,
    ("precheck-input", "data"): token,
    ("precheck-job", "data"): token,
    ("precheck-kept", "data"): token,
    ("precheck-upload", "contents"): text(10**8),  # bounded by the body cap (dash_guard)
    ("precheck-upload", "filename"): text(255),
    ("_pages_location", "pathname"): path,
    ("_pages_location", "search"): text(LINK),
}
BY_PROPERTY = {"value": field_value, "n_clicks": clicks, "id": pattern_id, "open": flag, "disabled": flag}


def _rule(component_id, prop: str):
    if isinstance(component_id, str):
        if prop == "data" and (component_id == "site-lang" or component_id.endswith("-lang")):
            return lang
        rule = BY_ID.get((component_id, prop))
        if rule is not None:
            return rule
    return BY_PROPERTY.get(prop, small_json)


def check(item: dict) -> None:
    """One input or state item as ``dash_guard`` found it: ``{"id", "property", "value"}``."""
    if isinstance(item["id"], dict):
        pattern_id(item["id"])
    _rule(item["id"], item["property"])(item.get("value"))


def check_all(items) -> None:
    """An input or state: one item, or a pattern's list of them (no longer than a form)."""
    if isinstance(items, list):
        if len(items) > MAX_ITEMS:
            raise BadValue("pattern list too long")
        for item in items:
            check(item)
    else:
        check(items)
