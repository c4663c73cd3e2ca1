#!/usr/bin/env bash
#
# with-kafka.sh CMD [ARGS...] - run CMD with KAFKA_BROKERS pointing at a real Kafka broker.
#
# KAFKA_BROKERS already set: CMD runs against that broker; nothing is started or stopped.
# Otherwise the local single broker (deploy/kafka/broker.sh) is started if it is not running,
# CMD runs, and the broker is stopped again - but only if this script started it; a broker that
# was already running (someone else's) is left alone. CMD's exit code is this script's exit code.
# The broker's own messages go to stderr, so CMD's output is the only thing on stdout.

set -uo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO_ROOT
readonly BROKER_SH="$REPO_ROOT/deploy/kafka/broker.sh"

export PATH="$REPO_ROOT/node_modules/.bin:$PATH"

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/with-kafka.sh CMD [ARGS...]" >&2
  exit 2
fi

started_broker=0

stop_broker() {
  if [[ $started_broker == 1 ]]; then
    started_broker=0
    # Quietly: CMD's last line stays the last line printed.
    bash "$BROKER_SH" stop >/dev/null 2>&1 || true
  fi
}

if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  if bash "$BROKER_SH" status >/dev/null 2>&1; then
    echo "[with-kafka] using the broker that is already running" >&2
  else
    trap stop_broker EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    # start is a no-op when another process started the broker in the meantime: only stop it
    # afterwards if this start really launched it.
    start_log=$(mktemp "${TMPDIR:-/tmp}/with-kafka.XXXXXX")
    bash "$BROKER_SH" start 2>&1 | tee "$start_log" >&2
    start_rc=${PIPESTATUS[0]}
    if ! grep -q 'already running and answering' "$start_log"; then
      started_broker=1
    fi
    rm -f "$start_log"
    if [[ $start_rc != 0 ]]; then
      echo "[with-kafka] could not start the Kafka broker" >&2
      exit 1
    fi
  fi
  KAFKA_BROKERS=$(bash "$BROKER_SH" bootstrap-servers)
  export KAFKA_BROKERS
fi

"$@"
rc=$?
stop_broker
exit "$rc"
