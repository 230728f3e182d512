#!/usr/bin/env bash
# Browser test of the form page (par-index serve, GET /): builds the command, starts the
# service on a free port, drives headless Chromium through chromedriver to fill the Duyên Hải
# sample, asserts the total, class and one leaf's working, and saves a screenshot
# (target/form-page.png, or the path given). Installs Chromium and its driver (Debian
# packages) when missing and when allowed (root), as .ci/run does.
set -euo pipefail
cd "$(dirname "$0")/.."
shot="${1:-target/form-page.png}"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "browser test: chromium and chromedriver are needed (apt-get install chromium chromium-driver)" >&2
    exit 1
  fi
fi
cargo build -q -p par-index-cli
log="$(mktemp)"
target/debug/par-index serve --bind 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$log" && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' "$log" | head -n1)"
mkdir -p "$(dirname "$shot")"
python3 scripts/browser_test.py "$url" "$shot"
