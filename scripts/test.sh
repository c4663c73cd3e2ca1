#!/usr/bin/env bash
# The project's test command (`npm test`): typecheck, lint, then unit and integration tests against
# a real Kafka broker (started here when KAFKA_BROKERS is unset) and PostgreSQL (DATABASE_URL, by
# default the local server). The last line printed is jest's totals: `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
echo "node $(node --version)" >&2

tsc -p tsconfig.json --noEmit
eslint --max-warnings 0 .

set +e
bash scripts/with-kafka.sh jest --ci --runInBand "$@"
status=$?
set -e
# After jest's own summary (on stderr), so that the totals are the last line of the run.
cat .cache/jest-totals.txt 2>/dev/null || echo "0 passed, 1 failed"
exit "$status"
