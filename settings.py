"""Configuration from environment variables only; safe defaults for the embedded run."""

from __future__ import annotations

import os


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8050"))
DEBUG = _flag("DEBUG")  # off unless explicitly asked for
# An API answer its model (api/answer_models.py) does not state fails (tests) or is logged (default).
STRICT_ANSWERS = _flag("STRICT_ANSWERS")
# The day every answer is given for (YYYY-MM-DD). Unset in production: the calendar's day. Tests and
# benchmarks fix it so that an answer that depends on "this month" does not change with the calendar.
SITE_TODAY = os.environ.get("SITE_TODAY", "").strip() or None
REDIS_URL = os.environ.get("REDIS_URL", "")  # set in production to share jobs and rate limits
UPLOAD_LIMIT_BYTES = int(os.environ.get("UPLOAD_LIMIT_BYTES", str(2 * 1024 * 1024)))
PRECHECK_MAX_ROWS = int(os.environ.get("PRECHECK_MAX_ROWS", "20000"))
# Request bodies above this are refused by Flask before any code runs (base64 uploads grow 4/3).
MAX_CONTENT_LENGTH = UPLOAD_LIMIT_BYTES * 2 + 256 * 1024
# Where the public site lives; canonical and og:/twitter: URLs use it, never the Host header.
PUBLIC_URL = os.environ.get("PUBLIC_URL", f"http://{HOST}:{PORT}").rstrip("/")
# Batch jobs (Dash background callbacks). Embedded default: a diskcache directory on this host.
JOB_DIR = os.environ.get(
    "JOB_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache", "jobs")
)
# What every visitor gets alike (a public page's first response): Flask-Caching, in this directory
# shared by the host's workers, or in Redis when REDIS_URL is set (serving/shared_cache.py).
CACHE_DIR = os.environ.get(
    "CACHE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache", "pages")
)
JOB_STALL_SECONDS = float(os.environ.get("JOB_STALL_SECONDS", "30"))  # silent this long: lost
# A client list is read within this many seconds or refused with a message: a backstop, hostile files
# are refused by counts in milliseconds; a full 20,000-row, 14-column workbook reads in ~3 s.
PRECHECK_READ_SECONDS = float(os.environ.get("PRECHECK_READ_SECONDS", "10"))
PRECHECK_SYNC_ROWS = int(os.environ.get("PRECHECK_SYNC_ROWS", "1000"))  # API answers at once up to this
# Rate limits (Flask-Limiter syntax), per client address; storage is Redis when REDIS_URL is set.
RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
RATELIMIT_API = os.environ.get("RATELIMIT_API", "120/minute")
# Dash's callback endpoint, per client: a visitor typing fast into the repayment form sends ~3
# requests a debounced change, a page load ~6; a script looping the heaviest callback is held to
# a fraction of one core.
RATELIMIT_CALLBACKS = os.environ.get("RATELIMIT_CALLBACKS", "40/5 seconds;240/minute")
RATELIMIT_UPLOAD = os.environ.get("RATELIMIT_UPLOAD", "6/minute;2/5 seconds")
RATELIMIT_JOBS = os.environ.get("RATELIMIT_JOBS", "30/minute")  # jobs started, all clients together
JOB_SLOTS = max(1, int(os.environ.get("JOB_SLOTS", "1")))  # batch jobs at once per host (embedded default)
# Lists waiting on a host for a slot (entries in the job store, not processes); one more is told
# "the queue is full, try again" with Retry-After. Each waiting list is at most one upload's rows.
JOB_QUEUE_MAX = max(1, int(os.environ.get("JOB_QUEUE_MAX", "30")))
JOB_QUEUE_SECONDS = float(
    os.environ.get("JOB_QUEUE_SECONDS", "600")
)  # Celery: queued this long, no worker: lost
# Proxies in front of the server whose X-Forwarded-For / -Proto / -Host are believed (werkzeug
# ProxyFix). 0: the connecting address is the client. Rate limits count the real client.
TRUSTED_PROXIES = max(0, int(os.environ.get("TRUSTED_PROXIES", "0")))
