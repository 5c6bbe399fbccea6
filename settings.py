"""Configuration from environment variables only; safe defaults for the embedded run."""
from __future__ import annotations

import os


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in ("1", "true", "yes", "on")


HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8050"))
DEBUG = _flag("DEBUG")  # off unless explicitly asked for
REDIS_URL = os.environ.get("REDIS_URL", "")  # set in production to share cache and jobs
UPLOAD_LIMIT_BYTES = int(os.environ.get("UPLOAD_LIMIT_BYTES", str(2 * 1024 * 1024)))
PRECHECK_MAX_ROWS = int(os.environ.get("PRECHECK_MAX_ROWS", "20000"))
# Request bodies above this are refused by Flask before any code runs (base64 uploads grow 4/3).
MAX_CONTENT_LENGTH = UPLOAD_LIMIT_BYTES * 2 + 256 * 1024
