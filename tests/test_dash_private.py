"""Every private name of Dash and dbc the site relies on (dash_private.py, assets/_dash_private.js)
is still where the installed packages keep it: an upgrade that moves one fails here, by name."""

import re
from pathlib import Path

import dash
import dash_bootstrap_components

import dash_private

ROOT = Path(__file__).resolve().parent.parent
DASH = Path(dash.__file__).parent
DBC = Path(dash_bootstrap_components.__file__).parent


def test_the_python_names_exist_and_do_what_the_site_needs(client):  # the app, its pages registered
    page, _ = dash_private.path_to_page("calculators/quota")
    assert page and page["path"] == "/calculators/quota", "dash._pages._path_to_page"
    assert dash_private.parse_query_string("?a=1&b=x") == {"a": "1", "b": "x"}, "_parse_query_string"
    assert any(k.endswith("quota") for k in dash_private.PAGE_REGISTRY), "dash._pages.PAGE_REGISTRY"
    assert dash_private.split_callback_id("..a.children...b.data..")[1]["id"] == "b", "split_callback_id"
    assert dash_private.to_json({"x": 1}) == '{"x":1}', "dash._utils.to_json"
    assert dash_private.AttributeDict(a=1).a == 1, "dash._utils.AttributeDict"
    assert isinstance(dash_private.callback_list(dash.get_app()), list), "Dash._callback_list"


def test_the_bundles_the_site_drops_are_where_it_looks():
    from dash import _dash_renderer, dash_table

    assert isinstance(dash_table._js_dist, list), "dash_table._js_dist"
    polyfills = [
        p
        for dist in _dash_renderer._js_dist_dependencies
        for paths in dist["relative_package_path"].values()
        for p in paths
        if "polyfill" in p
    ]
    assert polyfills or not any("polyfill" in str(d) for d in _dash_renderer._js_dist_dependencies)


def test_the_javascript_names_are_in_the_installed_bundles():
    said = (ROOT / "assets" / "_dash_private.js").read_text(encoding="utf-8")
    names = dict(re.findall(r'([A-Z_]+): "([^"]+)"', said))
    dcc = (DASH / "dcc" / "dash_core_components.js").read_text(encoding="utf-8")
    assert names["PUSHSTATE_EVENT"] == dash_private.PUSHSTATE_EVENT
    assert dash_private.PUSHSTATE_EVENT in dcc, (
        "dcc.Location no longer listens to " + dash_private.PUSHSTATE_EVENT
    )
    bundle = (DBC / "_components" / "dash_bootstrap_components.min.js").read_text(encoding="utf-8")
    prefix = dash_private.DBC_RADIO_INPUT.split("{")[0]
    assert prefix in bundle, "dbc RadioItems no longer names its inputs " + prefix


def test_no_other_module_names_a_private_dash_name():
    """Only dash_private.py (and assets/_dash_private.js) may: everywhere else uses its names."""
    private = re.compile(r"dash\._|_dashprivate|_dbcprivate|_callback_list|_js_dist")
    found = []
    for path in (
        sorted(ROOT.glob("*.py")) + sorted(ROOT.glob("*/*.py")) + sorted((ROOT / "assets").glob("*.js"))
    ):
        if path.parts[-2] in ("tests", "bench", "scripts", ".venv") or path.name in (
            "dash_private.py",
            "_dash_private.js",
        ):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if private.search(line) and not line.lstrip().startswith(("#", "//", "/*", "*")):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []
