"""An uploaded client list is read one way for the page and the API: the site's bounds and
aliases, and away from the web worker.

Reading a 10,000-row list is a few hundred ms of pure Python; a 20,000-row workbook, seconds. In
a gevent worker that would hold every other connection of the process, and in a thread it still
shares the worker's GIL. So the work goes to a helper process (one per web worker, started on
first use, lower CPU priority): visitors' requests keep the worker and the cores. Only the
bytes go in and the rows come out, through a pipe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import settings
from calculators import batch
from i18n import field_aliases, total_words
from uploads.helper import read_message, write_message
from wording.precheck_rows import result_headings

ROOT = Path(__file__).resolve().parent.parent
_lock = threading.Lock()  # one request at a time per helper (cooperative under gevent)
_helper: subprocess.Popen | None = None


def _start() -> subprocess.Popen:
    # Its own interpreter, importing only calculators/: never a copy of a (gevent-patched) worker.
    # Pipes of gevent's subprocess are cooperative: waiting for an answer holds no other request.
    return subprocess.Popen(
        [sys.executable, "-m", "uploads.helper"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def apart(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` (a module-level function of calculators/) in the helper process;
    its exception is raised here. A helper that dies (killed, out of memory) is replaced."""
    global _helper
    with _lock:
        if _helper is None or _helper.poll() is not None:
            _helper = _start()
        try:
            write_message(_helper.stdin, (fn, args, kwargs))
            answer = read_message(_helper.stdout)
        except (OSError, EOFError, ValueError):
            answer = None
        if answer is None:
            _helper.kill()
            _helper = None
            raise batch.TableError("file_unreadable")
    failed, value = answer
    if failed:
        raise value
    return value


def warm() -> None:
    """Start the helper before the worker takes visitors (app.warm)."""
    apart(os.getpid)


def read_client_list(filename: str, data: bytes) -> batch.Table:
    """The list's rows and columns; raises batch.TableError with a message code."""
    return apart(
        batch.read_list,
        filename or "",
        data,
        field_aliases(batch.FIELDS),
        settings.PRECHECK_MAX_ROWS,
        settings.UPLOAD_LIMIT_BYTES,
        seconds=settings.PRECHECK_READ_SECONDS,
        result_headers=result_headings(),
        total_words=total_words(),
    )
