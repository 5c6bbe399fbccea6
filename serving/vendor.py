"""Bootstrap 5.3 CSS and Bootstrap Icons served from the installed Bootstrap-Flask package.

The theme and icon constants of dash-bootstrap-components point at a CDN; the site must work
with no internet, so the same files are served from the package's data under /vendor/, kept in
memory with a gzip copy made once (they never change while the process runs).
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

import flask_bootstrap
from flask import Blueprint, Response, abort, request

ROOT = Path(flask_bootstrap.__file__).resolve().parent / "static" / "bootstrap5" / "css"
ALLOWED = ("bootstrap.min.css", "font/bootstrap-icons.min.css", "font/fonts/")
STYLESHEETS = ["/vendor/bootstrap.min.css", "/vendor/font/bootstrap-icons.min.css"]

blueprint = Blueprint("vendor", __name__)


@lru_cache(maxsize=None)
def _load(filename: str) -> tuple[bytes, bytes, str, str]:
    path = (ROOT / filename).resolve()
    if ROOT not in path.parents or not path.is_file():
        raise FileNotFoundError(filename)
    raw = path.read_bytes()
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return raw, gzip.compress(raw, 9, mtime=0), kind, hashlib.sha256(raw).hexdigest()[:20]


@blueprint.route("/vendor/<path:filename>")
def vendor_file(filename: str):
    if not any(filename == a or (a.endswith("/") and filename.startswith(a)) for a in ALLOWED):
        abort(404)
    try:
        raw, packed, kind, etag = _load(filename)
    except FileNotFoundError:
        abort(404)
    if request.if_none_match.contains(etag):
        return Response(status=304)
    compressible = kind.startswith("text/") and "gzip" in request.accept_encodings
    response = Response(packed if compressible else raw, mimetype=kind)
    if compressible:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = 7 * 24 * 3600
    return response
