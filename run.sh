#!/usr/bin/env bash
# Set up and serve the site on http://127.0.0.1:8050 with gunicorn (embedded default: no external
# server; batch jobs on diskcache, rate limits in memory). HOST, PORT, REDIS_URL, WEB_WORKERS and
# WEB_THREADS come from the environment; DEBUG stays off. `python app.py` is for development.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
if [ "$(id -u)" -eq 0 ]; then
  echo "Note: serving as root. The site needs no privileges; see README, 'Run it as an ordinary user'." >&2
fi
exec .venv/bin/gunicorn -c gunicorn.conf.py app:server
