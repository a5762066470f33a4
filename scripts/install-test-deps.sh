#!/usr/bin/env bash
# Install the programs the tests drive for real, from Debian's packages, when they are missing:
#   chromium              the headless browser for the HTML view and query-page tests
#   virtuoso-opensource   an existing SPARQL server for the remote-store tests
# Needs root (CI and the development machines run as root). Nothing is started here: each test
# session starts its own private instance on 127.0.0.1 and stops it.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/install-test-deps.sh: need root to install ${missing[*]} (or install them yourself)" >&2
  exit 1
fi
echo "installing ${missing[*]} from Debian's packages ..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
