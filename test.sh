#!/usr/bin/env bash
# Set up and run every test: unit, property, API and real-browser tests in headless Chromium.
# Installs Debian's chromium, chromium-driver, CJK fonts, redis-server and nginx when they are missing.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)  # tests/test_serving.py starts its own
[ -x /usr/sbin/nginx ] || need+=(nginx)  # tests/test_front_proxy.py starts deploy/nginx/ in front
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian's packages"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
scripts/setup.sh dev
# -p no:cacheprovider keeps the checkout clean; -rs lists skips, which conftest turns into failures.
exec .venv/bin/python -m pytest -p no:cacheprovider -q -rs "$@"
