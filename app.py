"""Create the Dash app: pages, offline Bootstrap, API, cache, compression, security headers.

``server = app.server`` is the WSGI entry point (``gunicorn app:server``); ``python app.py``
serves the embedded default on HOST:PORT (127.0.0.1:8050) with debug off.
"""
from __future__ import annotations

import html as html_text
import re
from pathlib import Path
from urllib.parse import quote

import dash
import flask
from dash import Dash

import settings
from api import blueprint as api_blueprint
from calculators.policy import default_policy
from components import shell
from facts.branches import branches
from facts.milestones import milestones
from facts.policy_notes import notes
from facts.statistics import figures
from i18n import HTML_LANG, normalize_lang, t
from serving import downloads, jobs, limits, security, vendor
from serving.cache import cache, config as cache_config

HERE = Path(__file__).resolve().parent
# Dash answers every unknown path with its page shell (endpoint "/<path:path>"); a path that is
# not a page, including ones under /assets/, /downloads/ or /vendor/, gets the 404 page with 404.
PAGE_SHELL_ENDPOINTS = ("/", "/<path:path>")


class Site(Dash):
    """Dash with ``<html lang>`` set from ?lang= on the first HTML response."""

    def interpolate_index(self, **kwargs):
        page = super().interpolate_index(**kwargs)
        lang = normalize_lang(flask.request.args.get("lang"))
        page = page.replace("<html>", f'<html lang="{HTML_LANG[lang]}">', 1)
        # Dash builds twitter:url from the request (Host header); use the configured address.
        url = html_text.escape(canonical_url(flask.request.path, lang), quote=True)
        page = _TWITTER_URL.sub(f'<meta property="twitter:url" content="{url}">'
                                f'<meta property="og:url" content="{url}">'
                                f'<link rel="canonical" href="{url}">', page, count=1)
        return page.replace(f"<title>{self.title}</title>", f"<title>{t(lang, 'site.title')}</title>", 1)


def _drop_unused_bundles() -> None:
    """Dash puts dash_table's bundle on every page; the site uses html.Table, never DataTable."""
    from dash import dash_table
    dash_table._js_dist[:] = []


_TWITTER_URL = re.compile(r'<meta property="twitter:url" content="[^"]*">')


def canonical_url(path: str, lang: str) -> str:
    """settings.PUBLIC_URL + the page path (one leading slash), + ?lang=en for English."""
    path = "/" + path.lstrip("/\\")
    return settings.PUBLIC_URL + quote(path, safe="/-_.~") + ("?lang=en" if lang == "en" else "")


def create_app() -> Dash:
    # Fail at start-up, naming file and field, if any data file is wrong.
    default_policy()
    figures()
    milestones()
    branches()
    notes()
    _drop_unused_bundles()
    server = flask.Flask(__name__)
    server.config["MAX_CONTENT_LENGTH"] = settings.MAX_CONTENT_LENGTH
    app = Site(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        external_stylesheets=vendor.STYLESHEETS,
        title="株洲住房公积金",
        update_title=None,
        compress=True,
        suppress_callback_exceptions=True,
        serve_locally=True,
    )
    app.layout = shell.layout
    server.register_blueprint(vendor.blueprint)
    server.register_blueprint(api_blueprint)
    server.register_blueprint(downloads.blueprint)
    cache.init_app(server, config=cache_config())
    limits.install(server, api_blueprint)
    security.install(server, app)

    known_paths = {p["path"] for p in dash.page_registry.values()}

    @server.after_request
    def not_found_status(response):
        """Dash answers every path with its page shell; an unknown one shows the 404 page, so say 404."""
        path = flask.request.path
        if (response.status_code == 200 and flask.request.endpoint in PAGE_SHELL_ENDPOINTS
                and path not in known_paths and path.rstrip("/") not in known_paths):
            response.status_code = 404
        return response

    @server.errorhandler(dash.exceptions.DependencyException)
    def unknown_component_file(_exc):
        """/_dash-component-suites/<not a registered package or file>: 404, not a 500 and traceback."""
        return flask.Response("Not found\n", status=404, mimetype="text/plain")

    return app


def warm(dash_app: Dash) -> None:
    """Run Dash's first-request setup (pages' layouts and callbacks, CSP hashes) before a worker
    takes traffic: with threads, concurrent first requests raced it and got "Callback function
    not found". gunicorn calls this from post_worker_init (gunicorn.conf.py)."""
    client = dash_app.server.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies"):
        client.get(path, environ_base={"REMOTE_ADDR": "127.0.0.2"})


app = create_app()
server = app.server
celery_app = jobs.celery_app  # `celery -A app:celery_app worker` when REDIS_URL is set

if __name__ == "__main__":
    warm(app)
    app.run(host=settings.HOST, port=settings.PORT, debug=settings.DEBUG)
