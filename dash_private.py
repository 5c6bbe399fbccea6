"""Every private name of Dash and dash-bootstrap-components the site relies on, in one module
(the JavaScript side: ``assets/_dash_private.js``). An upgrade that moves one fails
``tests/test_dash_private.py`` naming it, instead of breaking a page somewhere else.

Why each is needed:
- the pages router's own look-ups, so a first response renders a page exactly as the router
  would (``path_to_page``, ``parse_query_string``, ``PAGE_REGISTRY``);
- Dash's JSON encoder for a layout, and how it splits a multi-output callback id;
- the context object Dash hands a background job (``AttributeDict``), for a job started later;
- the app's callback list (``callback_list``), sent with the first page;
- the bundles Dash puts on every page (``drop_unused_bundles``);
- the id dbc's RadioItems gives each option's input (``DBC_RADIO_INPUT``), written by the server;
- the event Dash's Location listens to (``PUSHSTATE_EVENT``).
"""

from __future__ import annotations

from dash import _dash_renderer, dash_table
from dash._pages import PAGE_REGISTRY
from dash._pages import _parse_query_string as parse_query_string
from dash._pages import _path_to_page as path_to_page
from dash._utils import AttributeDict, split_callback_id, to_json

DBC_RADIO_INPUT = "_dbcprivate_radioitems_{sid}_input_{value}"
PUSHSTATE_EVENT = "_dashprivate_pushstate"

__all__ = [
    "PAGE_REGISTRY",
    "parse_query_string",
    "path_to_page",
    "AttributeDict",
    "split_callback_id",
    "to_json",
    "DBC_RADIO_INPUT",
    "PUSHSTATE_EVENT",
    "callback_list",
    "drop_unused_bundles",
]


def callback_list(app) -> list:
    """What /_dash-dependencies answers (the same for every page)."""
    return app._callback_list


def drop_unused_bundles() -> None:
    """Dash puts dash_table's bundle on every page; the site uses html.Table, never DataTable. And
    the whole @babel/polyfill (0.4 s of a phone's main thread, measured with bench/phone.py's
    profile): of it Dash's bundles need only regeneratorRuntime, served from vendor/."""
    dash_table._js_dist[:] = []
    for dist in _dash_renderer._js_dist_dependencies:
        for key in ("external_url", "relative_package_path"):
            for mode, paths in dist[key].items():
                dist[key][mode] = [p for p in paths if "polyfill" not in p]
