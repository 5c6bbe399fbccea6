#!/usr/bin/env bash
# Set up and serve the site on http://127.0.0.1:8050 (embedded default: no external server).
# HOST, PORT and REDIS_URL come from the environment; DEBUG stays off unless DEBUG=1.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python app.py
