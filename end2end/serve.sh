#!/usr/bin/env bash
# Starts the built server on a fresh embedded database for the end-to-end
# tests (run by Playwright's webServer from end2end/).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf end2end/.tmp/data
mkdir -p end2end/.tmp
export IZKT_DB="surrealkv://end2end/.tmp/data/izkt"
export IZKT_ADDR="127.0.0.1:3100"
exec ./target/debug/izkt serve
