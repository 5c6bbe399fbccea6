"""A form section (``<details>``) whose fields are built in the browser only once it is opened.

On a phone each Dash component costs dash-renderer time before the page is live, and a closed
section's fields are a third of the repayment form's components that nobody sees until they tap
the section. ``LazyDetails`` is in the layout like any component: the callbacks read and write
its fields (their values live in Dash's state whether built or not) and the server's HTML writes
them all, so a page without JavaScript shows them. assets/static_html.js renders the first child
(the summary) always and the rest from the moment the section is first open; ``open`` follows the
visitor's taps, so a callback can also open it.
"""

from __future__ import annotations

from dash.development.base_component import Component


class LazyDetails(Component):
    """``html.Details``, but its children after the first are built when it first opens."""

    _namespace = "site_html"
    _type = "LazyDetails"
    _prop_names = ["children", "id", "open", "className"]
    _valid_wildcard_attributes: list[str] = []
    available_properties = _prop_names
    available_wildcard_properties: list[str] = []

    def __init__(self, children=None, id=None, open=False, className=None):  # noqa: A002 - Dash's names
        given = {"children": children, "id": id, "open": open, "className": className}
        super().__init__(**{k: v for k, v in given.items() if v is not None})
