"""Bootstrap 5.3 CSS and Bootstrap Icons from the installed Bootstrap-Flask package, the plotly.js
partial bundles vendored in vendor/plotly.js/ and regenerator-runtime in vendor/regenerator-runtime/.

The theme and icon constants of dash-bootstrap-components point at a CDN; the site must work
with no internet, so the same files are served from the package's data under /vendor/, kept in
memory with a gzip copy made once (they never change while the process runs). The charts load a
partial plotly.js bundle (only the trace types they use) instead of the full one.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from functools import cache
from pathlib import Path

import flask_bootstrap
from flask import Blueprint, Response, abort, request

from . import icons

ROOT = Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5" / "css"
ALLOWED = ("bootstrap.min.css", "font/bootstrap-icons.min.css", "font/fonts/")
STYLESHEETS = ["/vendor/bootstrap.min.css", "/vendor/icons.css"]
PLOTLY_ROOT = Path(__file__).resolve().parent.parent / "vendor" / "plotly.js"
PLOTLY_VERSION = "4.1.1"
# Dash's bundles need regeneratorRuntime (their lazy-loading code), which Dash gets from the whole
# @babel/polyfill; every browser the site serves has the rest built in (app.py drops the polyfill).
REGENERATOR = "regenerator-runtime/runtime-0.14.1.js"
SCRIPTS = ["/vendor/" + REGENERATOR]
VENDOR_ROOT = PLOTLY_ROOT.parent
PLOTLY_BUNDLES = {
    "basic": f"plotly-basic-{PLOTLY_VERSION}.min.js",
    "geo": f"plotly-geo-{PLOTLY_VERSION}.min.js",
}

blueprint = Blueprint("vendor", __name__)


@cache
def _load(filename: str, root: Path = ROOT) -> tuple[bytes, bytes, str, str]:
    try:
        path = (root / filename).resolve()
        found = root in path.parents and path.is_file()
    except (ValueError, OSError):  # a NUL byte or an over-long name in the URL: not a file here
        found = False
    if not found:
        raise FileNotFoundError(filename)
    raw = path.read_bytes()
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return raw, gzip.compress(raw, 9, mtime=0), kind, hashlib.sha256(raw).hexdigest()[:20]


@blueprint.route("/vendor/icons.css")
def icons_stylesheet():
    """Bootstrap Icons' stylesheet for the icons the site uses (serving/icons.py)."""
    text = icons.stylesheet().encode("utf-8")
    # Revalidated on every use (a 304 costs one round trip): after a deploy that changes the icons,
    # no browser keeps a stylesheet that names a font this server no longer has.
    return _respond(
        text, gzip.compress(text, 9, mtime=0), "text/css", hashlib.sha256(text).hexdigest()[:20], max_age=0
    )


@blueprint.route("/vendor/icons/bootstrap-icons-<digest>.woff2")
def icons_font(digest: str):
    data, current = icons.font()
    if digest != current:
        abort(404)
    return _respond(data, data, "font/woff2", current, max_age=365 * 24 * 3600)


@blueprint.route("/vendor/plotly/<name>")
def plotly_bundle(name: str):
    """A partial plotly.js bundle; the version is in the name, so it may be cached for a year."""
    if name not in PLOTLY_BUNDLES.values():
        abort(404)
    return _send(name, PLOTLY_ROOT, max_age=365 * 24 * 3600)


@blueprint.route("/vendor/" + REGENERATOR)
def regenerator_runtime():
    """The version is in the name, so it may be cached for a year."""
    return _send(REGENERATOR, VENDOR_ROOT, max_age=365 * 24 * 3600)


@blueprint.route("/vendor/<path:filename>")
def vendor_file(filename: str):
    if not any(filename == a or (a.endswith("/") and filename.startswith(a)) for a in ALLOWED):
        abort(404)
    return _send(filename, ROOT, max_age=7 * 24 * 3600)


def _send(filename: str, root: Path, max_age: int):
    try:
        raw, packed, kind, etag = _load(filename, root)
    except FileNotFoundError:
        abort(404)
    return _respond(raw, packed, kind, etag, max_age)


def _respond(raw: bytes, packed: bytes, kind: str, etag: str, max_age: int):
    if request.if_none_match.contains(etag):
        return Response(status=304)
    compressible = (
        kind.startswith("text/") or kind.endswith("javascript")
    ) and "gzip" in request.accept_encodings
    response = Response(packed if compressible else raw, mimetype=kind)
    if compressible:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    return response
