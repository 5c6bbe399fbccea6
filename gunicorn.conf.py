"""gunicorn settings for ./run.sh (embedded default) and production; environment overrides.

gevent workers: each connection is a greenlet, so a client that sends its request slowly (or
holds a connection open) costs a few KB, not a thread — 20 slowloris connections starved the 16
threads of gthread workers. Dash's callbacks are short and CPU-bound; a few processes use both
cores. Batch jobs run in their own lowered-priority processes, never in a web worker. Each worker
runs Dash's first-request setup before it accepts connections (see app.warm).
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_WORKERS", str(min(4, multiprocessing.cpu_count()))))
worker_class = os.environ.get("WEB_WORKER_CLASS", "gevent")
worker_connections = int(os.environ.get("WEB_CONNECTIONS", "1000"))  # open connections a worker holds
threads = int(os.environ.get("WEB_THREADS", "8"))  # only with WEB_WORKER_CLASS=gthread
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = int(
    os.environ.get("WEB_KEEPALIVE", "30")
)  # idle connections cost a greenlet: phones skip a handshake
max_requests = 5000  # recycle workers now and then; jitter keeps them from restarting together
max_requests_jitter = 500
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl shared by every instance of the
# user; off unless asked for, so several servers (tests, benchmarks, hosts) never collide.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") != "1"


def _no_server_banner() -> None:
    """gunicorn writes ``Server: gunicorn`` on every response and has no setting for it; a banner
    only tells a scanner what to try. Its header list is rebuilt here without that line."""
    from gunicorn.http import wsgi

    default_headers = wsgi.Response.default_headers

    def without_banner(self):
        return [h for h in default_headers(self) if not h.startswith("Server:")]

    wsgi.Response.default_headers = without_banner


_no_server_banner()


def post_worker_init(worker):
    import jobs
    from app import app, warm

    warm(app)
    if hasattr(jobs.manager, "start_dispatcher"):  # embedded default: waiting lists start on time
        jobs.manager.start_dispatcher()
