"""``POST /_edited-layout``: a calculator's layout for what the visitor typed before the app was live.

On a phone the server's HTML of a calculator is on screen seconds before the app is. What the
visitor types into it meanwhile goes to the app in one of two ways: site.js asks here first, and
the app then starts from the page as it stands (the answer already in it, nothing to recompute);
failing that, the app starts from the page as served and its callbacks answer the typed values
once it is live. This renders the page for the link the edit makes (components/form_edits.py,
the steps the callbacks take) and gives no answer (204) when the edited form holds an error, so
the error is answered by the callbacks, which keep the last good result beside it.

Body: ``{"url": "/calculators/repayment?principal=600000", "changes": {"principal": "70"}}``.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import flask

from components.form_edits import LINKS
from dash_private import parse_query_string
from i18n import request_lang
from rendering import layout_html, page_tree

blueprint = flask.Blueprint("edited_layout", __name__)
ENDPOINT = "/_edited-layout"
MAX_BODY = 8 * 1024  # a form's fields as typed; anything bigger is not one
MAX_CHANGES = 40
MAX_TEXT = 200


def _bad(why: str, status: int = 400):
    return flask.Response(why + "\n", status=status, mimetype="text/plain")


def _changes(body) -> dict | None:
    """{field name: what it shows} when the body is what site.js sends, else None."""
    if not isinstance(body, dict) or not isinstance(body.get("url"), str) or len(body["url"]) > 4096:
        return None
    changes = body.get("changes")
    if not isinstance(changes, dict) or not 0 < len(changes) <= MAX_CHANGES:
        return None
    for name, value in changes.items():
        if len(name) > 64 or not (
            isinstance(value, bool) or (isinstance(value, str) and len(value) <= MAX_TEXT)
        ):
            return None
    return changes


def _holds_error(tree) -> bool:
    """Whether any field message of the page is filled in (the edited form holds an error)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
            continue
        props = getattr(node, "__dict__", None)
        if props is None:
            continue
        cid = props.get("id")
        if isinstance(cid, dict) and cid.get("type") == "feedback" and props.get("children"):
            return True
        children = props.get("children")
        if children is not None and not isinstance(children, str | int | float):
            stack.append(children)
    return False


@blueprint.route(ENDPOINT, methods=["POST"])
def edited_layout():
    if (flask.request.content_length or 0) > MAX_BODY:
        return _bad("body too large", 413)
    raw = flask.request.stream.read(MAX_BODY + 1)  # a body without a length is read this far only
    if len(raw) > MAX_BODY:
        return _bad("body too large", 413)
    try:
        body = json.loads(raw or b"null")
    except (ValueError, RecursionError):
        return _bad("body is not JSON")
    changes = _changes(body)
    if changes is None:
        return _bad("body is not an edit of a form")
    url = urlsplit(body["url"])
    form = LINKS.get(url.path.rstrip("/"))
    if form is None:
        return flask.Response(status=204)
    search = f"?{url.query}" if url.query else ""
    query = dict(list(parse_query_string(search).items())[: page_tree.MAX_QUERY_VALUES])
    link = form[1](query, changes, request_lang(url=search))
    if link is None:
        return flask.Response(status=204)
    tree = page_tree.tree(url.path, link)
    if _holds_error(tree):
        return flask.Response(status=204)
    response = flask.Response(layout_html.script_json(tree), mimetype="application/json")
    response.headers["X-Page-Search"] = link
    return response
