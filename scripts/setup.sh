#!/usr/bin/env bash
# Create .venv and install the pinned packages. Usage: scripts/setup.sh [dev]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
req=requirements.txt
[ "${1:-}" = "dev" ] && req=requirements-dev.txt
stamp=".venv/.installed-$(cat "$req" requirements.txt constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  # This machine's pip config names local mirrors that may be absent; hide only those warnings.
  log=$(mktemp)
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req" -c constraints.txt >"$log" 2>&1; then
    grep -v "^WARNING: Location 'file:" "$log" >&2 || true
    echo "pip install failed" >&2
    exit 1
  fi
  grep -v "^WARNING: Location 'file:" "$log" || true
  rm -f "$log"
  touch "$stamp"
fi
