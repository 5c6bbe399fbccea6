"""Form fields in the API's vocabulary: label, unit, help, live error message, URL round trip.

A field's id is {"type": "field", "form": <form>, "name": <API field name>}, so a page's
callback reads every field with one ALL pattern and marks each bad one next to the input.
Money the user thinks of in 万元 (house price, loan amount) is shown in 万元 and carried in
the URL and to the calculators in yuan, under the API's name.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import dash_bootstrap_components as dbc
from dash import html

from calculators.errors import FieldError
from calculators.money import WAN
from i18n import t

DEBOUNCE_MS = 350


@dataclass(frozen=True)
class Field:
    name: str  # API field name
    kind: str  # number | select | radio | switch | date
    default: object = None
    unit: str | None = None  # "yuan", "wan" (shown in 万元, carried in yuan), "percent", "months", ...
    options: tuple = ()  # (value, catalog key) for select/radio
    step: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    help: bool = False  # catalog key help.<name> exists
    inputmode: str = "decimal"


def field_id(form: str, name: str) -> dict:
    return {"type": "field", "form": form, "name": name}


def feedback_id(form: str, name: str) -> dict:
    return {"type": "feedback", "form": form, "name": name}


def to_display(spec: Field, value):
    """URL/API value -> what the input shows (yuan -> 万元 for 'wan' fields)."""
    if value is None or value == "":
        return spec.default
    if spec.kind == "switch":
        return str(value).lower() in ("1", "true", "yes", "on", "是")
    if spec.unit == "wan":
        try:
            return _plain(Decimal(str(value)) / WAN)
        except (InvalidOperation, ValueError):
            return value
    return value


def to_value(spec: Field, shown):
    """What the input shows -> API value (万元 -> yuan); junk passes through for the parser."""
    if shown is None or (isinstance(shown, str) and not shown.strip()):
        return None
    if spec.kind == "switch":
        return bool(shown)
    if spec.unit == "wan":
        try:
            return _plain(Decimal(str(shown).strip().replace(",", "")) * WAN)
        except (InvalidOperation, ValueError):
            return shown
    return shown


def _plain(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def render(form: str, spec: Field, lang: str, value):
    """Label, input with unit, help text and the (initially empty) error message."""
    fid = field_id(form, spec.name)
    label = t(lang, f"field.{spec.name}")
    shown = to_display(spec, value)
    help_text = html.Div(t(lang, f"help.{spec.name}"), className="form-text") if spec.help else None
    feedback = html.Div(id=feedback_id(form, spec.name), className="field-error small text-danger",
                        role="alert", **{"aria-live": "polite"})
    if spec.kind == "switch":
        control = dbc.Switch(id=fid, label=label, value=bool(shown))
        return html.Div([control, help_text, feedback], className="mb-3")
    if spec.kind == "select":
        control = dbc.Select(id=fid, value=str(shown) if shown is not None else "",
                             options=[{"label": t(lang, key) if key else str(v), "value": str(v)}
                                      for v, key in spec.options])
    elif spec.kind == "radio":
        control = dbc.RadioItems(id=fid, value=str(shown), inline=True,
                                 options=[{"label": t(lang, key), "value": str(v)}
                                          for v, key in spec.options])
        return html.Div([html.Div(label, className="form-label"), control, help_text, feedback],
                        className="mb-3", role="group")
    elif spec.kind in ("date", "month"):
        control = dbc.Input(id=fid, type=spec.kind, value=shown or "", debounce=DEBOUNCE_MS)
    else:
        control = dbc.Input(id=fid, type="text", value="" if shown is None else str(shown),
                            inputmode=spec.inputmode, debounce=DEBOUNCE_MS, autocomplete="off")
    unit = t(lang, f"unit.{'wan_yuan' if spec.unit == 'wan' else spec.unit}") if spec.unit else None
    group = dbc.InputGroup([control, dbc.InputGroupText(unit)]) if unit else control
    return html.Div([dbc.Label(label, html_for=_dom_id(fid)), group, help_text, feedback],
                    className="mb-3")


def _dom_id(fid: dict) -> str:
    """The DOM id Dash gives a dict id (sorted keys, JSON), so <label for> can point at it."""
    return json.dumps(fid, sort_keys=True, separators=(",", ":"))


def collect(specs: list[Field], names: list[str], shown: list) -> dict:
    """The callback's ALL-pattern values -> {api_name: api_value}."""
    by_name = {s.name: s for s in specs}
    return {name: to_value(by_name[name], value) for name, value in zip(names, shown)}


def messages(specs: list[Field], names: list[str], errors: list[FieldError], lang: str) -> list[str]:
    """Per field (in ``names`` order): the translated message, or "" for a good field."""
    by_name = {s.name: s for s in specs}
    found = {}
    for e in errors:
        if e.field in found or e.field not in by_name:
            continue
        params = dict(e.params)
        if by_name[e.field].unit == "wan" and e.code == "range":
            params = {k: _plain(Decimal(str(v)) / WAN) + " " + t(lang, "unit.wan_yuan")
                      for k, v in params.items()}
        found[e.field] = t(lang, f"error.{e.code}", **params)
    return [found.get(n, "") for n in names]


def summary(specs: list[Field], names: list[str], errors: list[FieldError], lang: str) -> list[str]:
    """'Label: message' for every error, so a field inside a closed section is still found."""
    texts = messages(specs, names, errors, lang)
    out = [f"{t(lang, 'field.' + n)}{'：' if lang == 'zh' else ': '}{m}" for n, m in zip(names, texts) if m]
    out += [t(lang, f"error.{e.code}", **e.params) for e in errors if e.field not in names]
    return out


