#!/usr/bin/env bash
# Install Debian's chromium for the HTML view tests (playwright drives it; no browser download).
# Idempotent: does nothing when /usr/bin/chromium is already there. Needs root (or sudo) for apt.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install Chromium so that /usr/bin/chromium exists" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
test -x /usr/bin/chromium
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)"
