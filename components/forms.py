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
from calculators.fields import MAX_FIELD_TEXT, Spec, bounded_decimal, spec_of
from calculators.money import WAN
from i18n import choice_aliases, has, t

from .icons import icon

DEBOUNCE_MS = 350


@dataclass(frozen=True)
class Field:
    name: str  # API field name
    kind: str  # number | select | radio | switch | date
    default: object = None
    unit: str | None = None  # "yuan", "wan" (shown in 万元, carried in yuan), "percent", "months", ...
    options: tuple = ()  # (value, catalog key) for select/radio
    help: bool = False  # catalog key help.<name> exists
    inputmode: str = "decimal"


def fields_of(model, names=None, *, prefix: str = "", defaults: dict | None = None) -> list[Field]:
    """A form's fields built from the input registry (calculators/registry.py): widget, unit,
    choices, help, and the value a blank form starts with (the field's example, else its
    default; ``defaults`` for what depends on the day). ``prefix`` names the fields of a nested
    model as the form and the URL spell them (``prepayment_month``)."""
    out = []
    for name in names or [n for n, info in model.model_fields.items() if _has_spec(info)]:
        spec, info = spec_of(model, name), model.model_fields[name]
        start = (defaults or {}).get(prefix + name)
        if start is None:
            start = info.examples[0] if info.examples else None if info.is_required() else info.default
        widget = spec.widget
        unit = (spec.shown_in or spec.unit) if widget == "number" else None
        out.append(
            Field(
                prefix + name,
                widget,
                _starting(start, widget, unit),
                unit=unit,
                options=spec.choices,
                help=spec.help,
                inputmode=spec.inputmode,
            )
        )
    return out


def _has_spec(info) -> bool:
    return any(isinstance(m, Spec) for m in info.metadata)


def _starting(value, widget: str, unit: str | None):
    """A registry value (API unit) as the blank form shows it."""
    if value is None:
        return "" if widget == "select" else None
    if widget in ("select", "radio"):
        return str(value)
    if unit == "wan":
        return plain(Decimal(value) / WAN)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def field_id(form: str, name: str) -> dict:
    return {"type": "field", "form": form, "name": name}


def feedback_id(form: str, name: str) -> dict:
    return {"type": "feedback", "form": form, "name": name}


def echo_id(form: str, name: str) -> dict:
    return {"type": "echo", "form": form, "name": name}


def echo_text(yuan: Decimal | None, lang: str) -> str:
    if yuan is None or yuan <= 0:
        return ""
    return "= " + t(lang, "form.echo_yuan", amount=f"{yuan:,.2f}".rstrip("0").rstrip("."))


def echoes(specs: list[Field], names: list[str], shown: list, lang: str) -> list[str]:
    """The yuan echo of every 万元 field, in ``names`` order restricted to 万元 fields."""
    by_name = {s.name: s for s in specs}
    return [
        echo_text(wan_to_yuan(v) if v not in (None, "") else None, lang)
        for n, v in zip(names, shown, strict=False)
        if by_name[n].unit == "wan"
    ]


def section_summary(text: str, lang: str, **kwargs):
    """A form section's title, with a note shown (assets/site.js, style.css) while the closed
    section holds a field with a message, so "fix the fields marked red" points somewhere."""
    return html.Summary(
        [
            text,
            html.Span(
                [" ", icon("bi-exclamation-circle"), " ", t(lang, "form.section_error")],
                className="section-error-note",
            ),
        ],
        **kwargs,
    )


# dbc.Select puts a hidden, empty <option value=""> first: an option of ours with the value ""
# ("same as the HPF term", "not asked") would show blank. Ours is spelled "-" and read as blank.
BLANK_OPTION = "-"


def to_display(spec: Field, value):
    """URL/API value -> what the input shows (yuan -> 万元 for 'wan' fields)."""
    if value is None or value == "":
        return spec.default
    if spec.kind == "switch":
        return str(value).lower() in ("1", "true", "yes", "on", "是")
    if spec.options and str(value) not in {str(v) for v, _key in spec.options}:
        # A link's word for a choice (no, 首套, Yes) shows as that choice, not as a blank select
        # beside an answer that read it; an unknown word stays, for the parser to name.
        words = {k.strip().lower(): v for k, v in choice_aliases().get(spec.name, {}).items()}
        return words.get(str(value).strip().lower(), value)
    if spec.unit == "wan":
        try:  # size checked first: "1e1000004" stays text for the parser to refuse, not a overflow
            yuan = bounded_decimal(str(value))
        except (ArithmeticError, ValueError):
            return value
        return wan_text(yuan) if yuan > 0 else value  # "-5" stays "-5", with its message
    return value


# In a 万元 field a number this large was typed in yuan (600000 means 60 万, not 60 亿).
YUAN_TYPED_FROM = Decimal(10_000)
MAX_TEXT = 40  # longer input is junk for any field here; the parser says so without converting


def wan_text(yuan: Decimal) -> str:
    """A yuan amount as a 万元 field shows it: in 万, unless that figure would be read back as
    yuan (10,000 or more), then in yuan, which the field reads as yuan. 2亿 from a link is then
    "200000000" with its range message, not "20000" (read as 20,000 yuan)."""
    wan = yuan / WAN
    return plain(wan) if wan < YUAN_TYPED_FROM else plain(yuan)


def wan_to_yuan(shown) -> Decimal | None:
    """A 万元 field's text in yuan, or None when it is not a plain number. '60', '60万', '600000'
    and '600,000元' all mean 600,000 yuan."""
    text = str(shown).strip().replace(",", "").replace("，", "").replace(" ", "")
    if not text or len(text) > MAX_TEXT:
        return None
    yuan_unit = text.endswith("元") and not text.endswith("万元")
    text = text.removesuffix("万元").removesuffix("元").removesuffix("万")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number.adjusted()) > 12:
        return None
    return number if yuan_unit or abs(number) >= YUAN_TYPED_FROM else number * WAN


def to_value(spec: Field, shown):
    """What the input shows -> API value (万元 -> yuan); junk passes through for the parser."""
    if shown is None or (isinstance(shown, str) and not shown.strip()):
        return None
    if spec.kind == "switch":
        return bool(shown)
    if spec.kind == "select" and shown == BLANK_OPTION:
        return None
    if spec.unit == "wan":
        yuan = wan_to_yuan(shown)
        return shown if yuan is None else plain(yuan)
    return shown


def plain(number: Decimal) -> str:
    """A number as a field shows it: no exponent, no trailing zeros."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def render(form: str, spec: Field, lang: str, value):
    """Label, input with unit, help text and the (initially empty) error message."""
    fid = field_id(form, spec.name)
    label = t(lang, f"field.{spec.name}")
    shown = to_display(spec, value)
    help_text = html.Div(t(lang, f"help.{spec.name}"), className="form-text") if spec.help else None
    feedback = html.Div(
        id=feedback_id(form, spec.name),
        className="field-error small text-danger",
        role="alert",
        **{"aria-live": "polite"},
    )
    if spec.unit == "wan":  # what the 万元 figure is in yuan, so 60 and 600000 are never confused
        yuan = wan_to_yuan(shown) if shown not in (None, "") else None
        feedback = html.Div(
            [
                html.Div(
                    echo_text(yuan, lang),
                    id=echo_id(form, spec.name),
                    className="field-echo small text-body-secondary",
                ),
                feedback,
            ]
        )
    if spec.kind == "switch":
        control = dbc.Switch(id=fid, label=label, value=bool(shown))
        return html.Div([control, help_text, feedback], className="mb-3", **{"data-field": spec.name})
    if spec.kind == "select":
        control = dbc.Select(
            id=fid,
            value=str(shown) if shown not in (None, "") else BLANK_OPTION,
            options=[
                {"label": t(lang, key) if key else str(v), "value": str(v) or BLANK_OPTION}
                for v, key in spec.options
            ],
        )
    elif spec.kind == "radio":
        control = dbc.RadioItems(
            id=fid,
            value=str(shown),
            inline=True,
            options=[{"label": t(lang, key), "value": str(v)} for v, key in spec.options],
        )
        return html.Div(
            [html.Div(label, className="form-label"), control, help_text, feedback],
            className="mb-3",
            role="group",
            **{"data-field": spec.name},
        )
    elif spec.kind in ("date", "month"):
        control = dbc.Input(id=fid, type=spec.kind, value=shown or "", debounce=DEBOUNCE_MS)
    else:
        control = dbc.Input(
            id=fid,
            type="text",
            value="" if shown is None else str(shown),
            inputmode=spec.inputmode,
            debounce=DEBOUNCE_MS,
            autocomplete="off",
            maxLength=MAX_FIELD_TEXT,
        )
    unit = t(lang, f"unit.{'wan_yuan' if spec.unit == 'wan' else spec.unit}") if spec.unit else None
    group = dbc.InputGroup([control, dbc.InputGroupText(unit)]) if unit else control
    return html.Div(
        [dbc.Label(label, html_for=_dom_id(fid)), group, help_text, feedback],
        className="mb-3",
        **{"data-field": spec.name},
    )


def _dom_id(fid: dict) -> str:
    """The DOM id Dash gives a dict id (sorted keys, JSON), so <label for> can point at it."""
    return json.dumps(fid, sort_keys=True, separators=(",", ":"))


def collect(specs: list[Field], names: list[str], shown: list) -> dict:
    """The callback's ALL-pattern values -> {api_name: api_value}."""
    by_name = {s.name: s for s in specs}
    return {name: to_value(by_name[name], value) for name, value in zip(names, shown, strict=False)}


def messages(specs: list[Field], names: list[str], errors: list[FieldError], lang: str) -> list[str]:
    """Per field (in ``names`` order): the translated message, or "" for a good field."""
    by_name = {s.name: s for s in specs}
    found = {}
    for e in errors:
        if e.field not in found and e.field in by_name:
            found[e.field] = _message(by_name[e.field], e, lang)
    return [found.get(n, "") for n in names]


def _message(spec: Field, e: FieldError, lang: str) -> str:
    """One field's problem in the words of its form: its unit, its labels, its own example."""
    params, code, unit = dict(e.params), e.code, spec.unit
    if unit == "wan" and code == "range":
        # 10,000 or more typed in a 万元 field is read as yuan: the top a person can type in 万 is
        # just under 10,000 万.
        params.update(
            {
                k: plain(min(Decimal(str(params[k])) / WAN, YUAN_TYPED_FROM - 1))
                + " "
                + t(lang, "unit.wan_yuan")
                for k in ("min", "max")
                if k in params
            }
        )
    if code in ("range", "integer") and spec.kind == "radio":
        code = "choice"  # "enter 1 to 2" says nothing beside two buttons: name them
    if code == "choice" and spec.options:
        sep = t(lang, "format.list_sep")
        params["choices"] = sep.join(t(lang, key) if key else str(v) for v, key in spec.options if str(v))
    if code == "number" and unit in ("wan", "percent", "sqm"):
        code = f"number_{unit}"  # the example fits the field: 60 (万元), 3.1 (%), 89.5 (m²)
    elif code == "number" and has(lang, f"example.{e.field}"):
        code, params["example"] = "number_like", t(lang, f"example.{e.field}")  # 15000, not 60万
    return t(lang, f"error.{code}", **params)


def newly_marked(names: list[str], feedback: list[str], before: list | None = None) -> set[str]:
    """The fields whose message is new (not the one they showed): a closed section holding one
    opens, once per message, so a section the visitor closes again stays closed."""
    before = before or [None] * len(names)
    return {n for n, text, was in zip(names, feedback, before, strict=False) if text and text != was}


def summary(specs: list[Field], names: list[str], errors: list[FieldError], lang: str) -> list[str]:
    """'Label: message' for every error, so a field inside a closed section is still found."""
    texts = messages(specs, names, errors, lang)
    out = [
        f"{t(lang, 'field.' + n)}{'：' if lang == 'zh' else ': '}{m}"
        for n, m in zip(names, texts, strict=False)
        if m
    ]
    out += [t(lang, f"error.{e.code}", **e.params) for e in errors if e.field not in names]
    return out


def fill(tree, cid, text) -> bool:
    """Put ``text`` into the component with id ``cid`` inside a layout tree (a field's message
    in the first answer a page is rendered with)."""
    if getattr(tree, "id", None) == cid:
        tree.children = text
        return True
    children = getattr(tree, "children", None)
    return any(
        hasattr(c, "children") and fill(c, cid, text)
        for c in (children if isinstance(children, (list, tuple)) else [children])
    )
