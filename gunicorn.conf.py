"""gunicorn settings for ./run.sh (embedded default) and production; environment overrides.

Threads serve Dash's many small callback requests; a few processes use both cores. Each worker
runs Dash's first-request setup before it accepts connections (see app.warm).
"""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_WORKERS", str(min(4, multiprocessing.cpu_count()))))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
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


def post_worker_init(worker):
    from app import app, warm

    warm(app)
