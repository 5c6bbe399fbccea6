"""Create the Dash app: pages, offline Bootstrap, API, compression, security headers.

``server = app.server`` is the WSGI entry point (``gunicorn app:server``); ``python app.py``
serves the embedded default on HOST:PORT (127.0.0.1:8050) with debug off.
"""

from __future__ import annotations

import html as html_text
from pathlib import Path

import dash
import flask
from dash import Dash
from werkzeug.exceptions import MethodNotAllowed

import dash_private
import jobs
import settings
from api import blueprint as api_blueprint
from api import routes as api_routes
from calculators import clock
from calculators.policy_files import default_policy
from components import page_head
from components.site_pages import registered_paths
from facts.branches import branches
from facts.milestones import milestones
from facts.policy_notes import notes
from facts.statistics import figures
from i18n import HTML_LANG, request_lang, t
from jobs import backend as job_backend
from rendering import edited_layout, layout_html, page_tree, static_html
from serving import crawl, dash_guard, downloads, icons, limits, proxies, security, shared_cache, vendor
from sharing import routes as sharing_routes
from uploads import reader

HERE = Path(__file__).resolve().parent
# Dash answers every unknown path with its page shell (endpoint "/<path:path>"); a path that is
# not a page, including ones under /assets/, /downloads/ or /vendor/, gets the 404 page with 404.
PAGE_SHELL_ENDPOINTS = ("/", "/<path:path>")


# Dash's default index wraps its scripts in a <footer>: a second "contentinfo" landmark beside the
# site's own footer. The same template fields ({%...%}), without it.
INDEX = """<!DOCTYPE html>
<html>
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


class Site(Dash):
    """Dash whose first HTML response is the page itself: ``<html lang>`` from ?lang=, the page's own
    title, description and Open Graph tags, and the page's Dash layout rendered to HTML
    (``#ssr-page``), shown until the app has rendered the same layout, which the response also
    carries (``#ssr-layout``) so the app starts without fetching it."""

    def interpolate_index(self, **kwargs):
        request = flask.request
        lang = request_lang(request.args.getlist("lang"))
        path = page_head.page_path(request.path)
        search = request.query_string.decode("utf-8", "replace")
        kwargs["metas"] = (
            crawl.head_tags(
                path or request.path,
                lang,
                page_head.title_of(path, lang),
                page_head.description_of(path, lang),
                sharing_routes.preview(path, search),
            )
            + "\n"
            + icons.preload_tag()
            + "\n"
            + kwargs.get("metas", "")
        )
        kwargs["title"] = html_text.escape(page_head.title_of(path, lang))
        page_html, page_json = page_tree.first_page(
            request.path, f"?{search}" if search else "", clock.today()
        )
        # The page beside an empty entry point: dash-renderer empties its entry point and shows
        # "Loading..." before it renders (plotly/dash-labs#49); site.js shows the app in place of
        # this HTML, in one frame, once the app has rendered the same page.
        kwargs["app_entry"] = (
            f'<div id="ssr-page">{page_html}</div><div id="react-entry-point"></div>'
            f'<script id="ssr-layout" type="application/json">{page_json}</script>'
            f'<script id="ssr-dependencies" type="application/json">{self._dependencies_json()}</script>'
        )
        out = super().interpolate_index(**kwargs)
        out = out.replace("<script src=", "<script defer src=")  # in order, after parsing
        return out.replace("<html>", f'<html lang="{HTML_LANG[lang]}">', 1)

    def _dependencies_json(self) -> str:
        """/_dash-dependencies' answer (the same for every page), safe inside a <script> element."""
        if getattr(self, "_deps_json", None) is None:
            self._deps_json = layout_html.script_json(dash_private.callback_list(self))
        return self._deps_json


canonical_url = crawl.canonical_url


def create_app(config=settings) -> Dash:
    """The site for ``config`` (the settings module: read from the environment once, at start)."""
    clock.fix(config.SITE_TODAY)  # unset in production: the calendar's day
    # Fail at start-up, naming file and field, if any data file is wrong.
    default_policy()
    figures()
    milestones()
    branches()
    notes()
    job_backend.install(config)  # the job store and manager the settings name, before the pages
    server = flask.Flask(__name__)
    server.config["MAX_CONTENT_LENGTH"] = config.MAX_CONTENT_LENGTH
    app = Site(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        external_stylesheets=vendor.STYLESHEETS,
        external_scripts=vendor.SCRIPTS,
        title="株洲住房公积金",
        update_title=None,
        compress=True,
        suppress_callback_exceptions=True,
        serve_locally=True,
        include_pages_meta=False,  # Site.interpolate_index writes the page's own
        background_callback_manager=jobs.manager,
    )
    dash_private.drop_unused_bundles()
    static_html.freeze_pages(dash.page_registry)  # in-app navigation gets them as HTML too
    app.index_string = INDEX
    # The scripts are deferred (Site.interpolate_index): the whole server page is parsed and painted
    # before any of them runs, and the renderer starts once they all have.
    app.renderer = (
        'addEventListener("DOMContentLoaded", function () { window.renderer = new DashRenderer(); });'
    )
    app.layout = page_tree.from_request
    server.register_blueprint(vendor.blueprint)
    server.register_blueprint(api_blueprint)
    api_routes.outside(server)
    server.register_blueprint(downloads.blueprint)
    server.register_blueprint(crawl.blueprint)
    server.register_blueprint(edited_layout.blueprint)
    server.register_blueprint(sharing_routes.blueprint)
    shared_cache.install(server)
    proxies.install(server)
    limits.install(server, api_blueprint, edited_layout.blueprint, sharing_routes.blueprint)
    dash_guard.install(server, app)
    security.install(server, app)

    known_paths = registered_paths()

    @server.after_request
    def not_found_status(response):
        """Dash answers every path with its page shell; an unknown one shows the 404 page, so say 404."""
        path = flask.request.path
        if (
            response.status_code == 200
            and flask.request.endpoint in PAGE_SHELL_ENDPOINTS
            and path not in known_paths
            and path.rstrip("/") not in known_paths
        ):
            response.status_code = 404
        return response

    @server.errorhandler(MethodNotAllowed)
    def wrong_method(exc):
        """A page posted to (a bot, an old form): a line in the visitor's language, not Werkzeug's
        English page. The API's own paths answer in JSON (api/base.py)."""
        text = t(request_lang(flask.request.args.getlist("lang")), "error.page_method") + "\n"
        response = flask.Response(text, status=405, mimetype="text/plain")
        response.headers["Allow"] = ", ".join(sorted(exc.valid_methods or ("GET", "HEAD")))
        return response

    @server.errorhandler(dash.exceptions.DependencyException)
    def unknown_component_file(_exc):
        """/_dash-component-suites/<not a registered package or file>: 404, not a 500 and traceback."""
        return flask.Response("Not found\n", status=404, mimetype="text/plain")

    return app


def warm(dash_app: Dash) -> None:
    """Run Dash's first-request setup (pages' layouts and callbacks, CSP hashes) before a worker
    takes traffic: with threads, concurrent first requests raced it and got "Callback function
    not found". The icon subset and the upload reader's helper process are made here too, not in
    a visitor's request. gunicorn calls this from post_worker_init (gunicorn.conf.py)."""
    client = dash_app.server.test_client()
    for path in ("/", "/_dash-layout", "/_dash-dependencies", "/vendor/icons.css"):
        client.get(path, environ_base={"REMOTE_ADDR": "127.0.0.2"})
    reader.warm()


app = create_app()
server = app.server
celery_app = jobs.celery_app  # `celery -A app:celery_app worker` when REDIS_URL is set

if __name__ == "__main__":
    warm(app)
    app.run(host=settings.HOST, port=settings.PORT, debug=settings.DEBUG)
