#!/usr/bin/env bash
#
# demo.sh - `npm run demo`: the whole Settle system on this machine, from nothing.
#
# Installs the dependencies if they are missing (npm ci), starts a local Kafka broker unless
# KAFKA_BROKERS names one (scripts/with-kafka.sh, which stops it again afterwards), and runs
# scripts/demo.ts: a fresh PostgreSQL database, the SNS sandbox and the eight services as separate
# processes, a week of debt recovery in a few minutes, and a report. Needs: Node/npm (first run),
# Java 17+ and Maven (first broker start), and PostgreSQL (DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/postgres; the demo creates and drops its own database there).

set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

if [[ ! -d node_modules || ! -x node_modules/.bin/node || ! -d node_modules/@swc-node/register ]]; then
  echo "[demo] installing dependencies (npm ci) ..." >&2
  npm ci --no-audit --no-fund >&2
fi
export PATH="$REPO_ROOT/node_modules/.bin:$PATH"

exec bash scripts/with-kafka.sh node -r @swc-node/register scripts/demo.ts "$@"
