"""The markup of the dash-bootstrap-components and dcc components the site uses, as they render in
the browser (Bootstrap 5 classes; checked against the live DOM by the browser tests). Each writer
takes the component's props and a writer (rendering/layout_html.py) to put its tags and children in.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from dash_private import DBC_RADIO_INPUT
from rendering import nav_markup
from rendering.markup_text import attr_text, classes, common_attrs, div, dom_id, element, js_text, style_text

# --- dash-bootstrap-components ------------------------------------------------------------------


def _col_classes(props: dict) -> list[str]:
    sizes = []
    for bp in ("xxl", "xl", "lg", "md", "sm", "xs"):
        size = props.get(bp)
        if size is None:
            continue
        infix = "" if bp == "xs" else f"-{bp}"
        if isinstance(size, dict):
            width = size.get("size")
            if width is not None:
                sizes.append(f"col{infix}" if width is True else f"col{infix}-{width}")
            for key in ("order", "offset"):
                if size.get(key) is not None:
                    sizes.append(f"{key}{infix}-{size[key]}")
        else:
            sizes.append(f"col{infix}" if size is True else f"col{infix}-{size}")
    if props.get("width") is not None:
        sizes.append(f"col-{props['width']}")
    return sizes or ["col"]


def _static_html(props, w):
    """rendering/static_html.Html: its element, and its content as written when it was frozen."""
    tag = props["tag"]
    w.raw(f"<{tag}{attr_text(props['attributes'])}>{props['html']}</{tag}>")


def _lazy_details(props, w):
    """components/lazy_details.LazyDetails: a <details> with all its content (the browser builds
    a closed section's fields only when it opens; a page without JavaScript has them all)."""
    attrs = {**common_attrs(props), "class": classes(props.get("className")), "open": bool(props.get("open"))}
    w.tag("details", attrs, props.get("children"))


def _col(props, w):
    div(*_col_classes(props))(props, w)


def _container(props, w):
    fluid = props.get("fluid")
    kind = "container-fluid" if fluid is True else f"container-{fluid}" if fluid else "container"
    div(kind)(props, w)


def _card(props, w):
    colour = props.get("color")
    div("card", f"text-bg-{colour}" if colour else None)(props, w)


def _alert(props, w):
    if props.get("is_open") is False:
        return
    attrs = {
        "role": "alert",
        **common_attrs(props),
        "class": classes(
            "fade", props.get("className"), "alert", f"alert-{props.get('color', 'secondary')}", "show"
        ),
    }
    w.tag("div", attrs, props.get("children"))


def _button(props, w):
    variant = f"btn-{'outline-' if props.get('outline') else ''}{props.get('color', 'primary')}"
    size = props.get("size")
    attrs = {
        **common_attrs(props),
        "class": classes(props.get("className"), "btn", variant, f"btn-{size}" if size else None),
        "disabled": props.get("disabled"),
        "type": props.get("type"),
    }
    if props.get("href"):
        attrs.update(href=props["href"], download=props.get("download"), target=props.get("target"))
        w.tag("a", attrs, props.get("children"))
    else:
        w.tag("button", attrs, props.get("children"))


def _input(props, w):
    size = props.get("size")
    attrs = {
        **common_attrs(props),
        "type": props.get("type"),
        "class": classes(props.get("className"), "form-control", f"form-control-{size}" if size else None),
        "name": props.get("name"),
        "value": props.get("value"),
        "placeholder": props.get("placeholder"),
        "inputmode": props.get("inputmode"),
        "autocomplete": props.get("autocomplete"),
        "readonly": props.get("readonly") or None,
        "disabled": props.get("disabled") or None,
        "min": props.get("min"),
        "max": props.get("max"),
        "maxlength": props.get("maxLength"),
        "step": props.get("step", "any"),
    }
    w.tag("input", attrs, None)


def _input_group(props, w):
    size = props.get("size")
    div("input-group", f"input-group-{size}" if size else None)(props, w)


def _label(props, w):
    attrs = {
        **common_attrs(props),
        "class": classes(props.get("className"), "form-label"),
        "for": props.get("html_for"),
    }
    w.tag("label", attrs, props.get("children"))


def _options(options) -> list[dict]:
    """dbc and dcc accept a list of dicts, a list of values, or a {value: label} dict."""
    if isinstance(options, dict):
        return [{"label": label, "value": value} for value, label in options.items()]
    return [o if isinstance(o, dict) else {"label": o, "value": o} for o in options or []]


def _select(props, w):
    size = props.get("size")
    attrs = {
        **common_attrs(props),
        "class": classes(props.get("className"), "form-select", f"form-select-{size}" if size else None),
        "name": props.get("name"),
        "disabled": props.get("disabled") or None,
    }
    w.raw(f"<select{attr_text(attrs)}>")
    chosen = props.get("value")
    placeholder = props.get("placeholder") or ""
    w.raw(f'<option value="" disabled hidden{" selected" if chosen in (None, "") else ""}>')
    w.raw(escape(placeholder, quote=False) + "</option>")
    for option in _options(props.get("options")):
        value = option.get("value")
        extra = {"selected": value == chosen and value not in (None, ""), "disabled": option.get("disabled")}
        w.raw(f"<option{attr_text({'value': value, **extra})}>")
        w.node(option.get("label"))
        w.raw("</option>")
    w.raw("</select>")


def _radio_items(props, w):
    sid = dom_id(props.get("id")) or ""
    attrs = {**common_attrs(props), "class": classes(props.get("className"))}
    w.raw(f"<div{attr_text(attrs)}>")
    chosen = props.get("value")
    inline = "form-check-inline" if props.get("inline") else None
    for option in _options(props.get("options")):
        value = option.get("value")
        checked = value == chosen
        input_id = DBC_RADIO_INPUT.format(sid=sid, value=js_text(value))
        label_class = classes(
            "form-check-label",
            props.get("labelClassName"),
            props.get("labelCheckedClassName") if checked else None,
        )
        w.raw(f'<div class="{classes("form-check", inline)}">')
        field = {
            "id": input_id,
            "class": classes("form-check-input", props.get("inputClassName")),
            "type": "radio",
            "name": props.get("name") or sid,
            "value": value,
            "checked": checked,
            "disabled": option.get("disabled") or props.get("disabled") or None,
        }
        w.raw(f"<input{attr_text(field)}>")
        w.raw(f'<label class="{escape(label_class)}" for="{escape(input_id)}">')
        w.node(option.get("label"))
        w.raw("</label></div>")
    w.raw("</div>")


def _switch(props, w):
    sid = dom_id(props.get("id"))
    w.raw(f'<div class="{classes("form-check form-switch", props.get("className"))}">')
    field = {"id": sid, "class": "form-check-input", "type": "checkbox", "checked": bool(props.get("value"))}
    w.raw(f"<input{attr_text(field)}>")
    w.raw(f'<label class="form-check-label form-label"{attr_text({"for": sid})}>')
    w.node(props.get("label"))
    w.raw("</label></div>")


# --- dash-core-components -------------------------------------------------------------------------


def _dcc_input(props, w):
    attrs = {
        **common_attrs(props),
        "type": props.get("type"),
        "name": props.get("name"),
        "value": props.get("value"),
    }
    attrs["class"] = props.get("className")
    w.tag("input", attrs, None)


def _graph(props, w):
    """A box the chart's size, saying in words what the chart shows until plotly draws it."""
    figure = props.get("figure") or {}
    layout = (
        figure.get("layout", {}) if isinstance(figure, dict) else figure.to_plotly_json().get("layout", {})
    )
    alt = (layout.get("meta") or {}).get("alt") if isinstance(layout.get("meta"), dict) else None
    style = dict(props.get("style") or {})
    style.setdefault("height", layout.get("height") or 450)
    attrs = {
        **common_attrs(props),
        "class": classes("dash-graph", props.get("className")),
        "style": style_text(style),
        "role": "img" if alt else None,
        "aria-label": alt,
    }
    w.raw(f"<div{attr_text(attrs)}>")
    if alt:
        w.raw(f'<p class="graph-alt">{escape(alt, quote=False)}</p>')
    w.raw("</div>")


def _upload(props, w):
    w.raw(f"<div{attr_text(common_attrs(props))}>")
    box = {"class": props.get("className"), "aria-disabled": "false", "style": "position: relative;"}
    w.raw(f"<div{attr_text(box)}>")
    w.node(props.get("children"))
    w.raw('<input type="file" autocomplete="off" style="position: absolute; inset: 0px; opacity: 1e-05;">')
    w.raw("</div></div>")


WRITERS: dict[tuple[str, str], Callable] = {
    ("dash_bootstrap_components", "Alert"): _alert,
    ("dash_bootstrap_components", "Button"): _button,
    ("dash_bootstrap_components", "Card"): _card,
    ("dash_bootstrap_components", "CardBody"): div("card-body"),
    ("dash_bootstrap_components", "CardHeader"): div("card-header"),
    ("dash_bootstrap_components", "CardFooter"): div("card-footer"),
    ("dash_bootstrap_components", "Col"): _col,
    ("dash_bootstrap_components", "Container"): _container,
    ("dash_bootstrap_components", "Input"): _input,
    ("dash_bootstrap_components", "InputGroup"): _input_group,
    ("dash_bootstrap_components", "InputGroupText"): element("span", "input-group-text"),
    ("dash_bootstrap_components", "Label"): _label,
    ("dash_bootstrap_components", "RadioItems"): _radio_items,
    ("dash_bootstrap_components", "Row"): div("row"),
    ("dash_bootstrap_components", "Select"): _select,
    ("dash_bootstrap_components", "Switch"): _switch,
    ("dash_core_components", "Graph"): _graph,
    ("dash_core_components", "Input"): _dcc_input,
    ("dash_core_components", "Upload"): _upload,
    ("site_html", "Html"): _static_html,
    ("site_html", "LazyDetails"): _lazy_details,
    **nav_markup.WRITERS,
}
