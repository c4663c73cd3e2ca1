#!/usr/bin/env bash
#
# broker.sh - provision and run a REAL Apache Kafka broker (KRaft mode, no
# ZooKeeper, no Docker) for local development and CI. Needs only `java` (17+)
# and `mvn` (for the first run, which downloads the jars from Maven Central).
#
# Why Kafka 3.9.1 and not 4.x:
#   Our client is kafkajs 2.2.4. It works against 3.9.x, which still accepts
#   every old protocol version kafkajs speaks, and 3.9.x is also what NestJS's
#   own Kafka integration tests run against. Kafka 4.x (KIP-896) removed those
#   old protocol versions, and with kafkajs it also needs explicit readiness
#   waits, so we pin 3.9.1 (the version is also pinned in ./pom.xml).
#
# Usage:
#   broker.sh start                 single combined broker+controller on
#                                   127.0.0.1:${KAFKA_PORT:-19092} (controller 19093)
#   broker.sh stop                  stop it (no-op if it is not running)
#   broker.sh status                exit 0 if running and answering, else 1
#   broker.sh cluster-start         3 combined broker+controller nodes on
#                                   127.0.0.1:19192,19193,19194 (controllers
#                                   19195..19197), 3-voter quorum, RF 3, min ISR 2
#   broker.sh cluster-stop          stop the 3-node cluster
#   broker.sh cluster-status        like status, for the cluster (all 3 brokers)
#   broker.sh bootstrap-servers [cluster]
#                                   print the bootstrap servers, e.g. 127.0.0.1:19092
#
# Environment:
#   SETTLE_KAFKA_HOME    cache folder (default: <repo>/.cache/kafka, git-ignored).
#                        Jars: $SETTLE_KAFKA_HOME/libs-3.9.1/ (downloaded once,
#                        reused while the marker file matches pom.xml).
#                        Data and logs: $SETTLE_KAFKA_HOME/run/<name>/{data,logs}
#                        (<name>: single-<port>, or cluster-1..3).
#   KAFKA_PORT           client port of the single broker (default 19092)
#   KAFKA_CONTROLLER_PORT  controller port of the single broker (default 19093)
#   KAFKA_START_TIMEOUT  seconds to wait for the broker(s) to answer (default 90)
#   JAVA_HOME            used if set, otherwise `java` from PATH
#
# Every start formats fresh KRaft storage (new cluster id, empty data): tests
# create their own topics (auto.create.topics.enable=false).

set -euo pipefail

readonly KAFKA_VERSION=3.9.1
readonly HOST=127.0.0.1

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_ROOT
readonly POM="$SCRIPT_DIR/pom.xml"
readonly CACHE="${SETTLE_KAFKA_HOME:-$REPO_ROOT/.cache/kafka}"
readonly LIBS="$CACHE/libs-$KAFKA_VERSION"
readonly LIBS_MARKER="$LIBS/.complete"
readonly RUN_ROOT="$CACHE/run"

readonly SINGLE_PORT="${KAFKA_PORT:-19092}"
readonly SINGLE_CPORT="${KAFKA_CONTROLLER_PORT:-19093}"
readonly CLUSTER_PORTS=(19192 19193 19194)
readonly CLUSTER_CPORTS=(19195 19196 19197)
readonly START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
readonly STOP_TIMEOUT=30

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi
readonly JAVA

# Short-lived CLI JVMs (StorageTool, BrokerApiVersionsCommand): start fast, log quietly.
readonly TOOL_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
  "-Dlog4j.configuration=file:$RUN_ROOT/tools-log4j.properties")

# ---------------------------------------------------------------- helpers ---

info() { printf '[kafka] %s\n' "$*"; }
err() { printf '[kafka] ERROR: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

# Optional `timeout` (coreutils; absent on stock macOS).
with_timeout() {
  local secs=$1; shift
  if command -v timeout >/dev/null 2>&1; then
    timeout "$secs" "$@"
  else
    "$@"
  fi
}

require_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install a JDK 17+ or set JAVA_HOME)"
}

# Serialise start/stop between concurrent invocations (fd 9; closed for the broker JVMs).
take_lock() {
  mkdir -p "$CACHE"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE/.broker.lock"
    flock -w 600 9 || die "could not get the lock $CACHE/.broker.lock within 600s"
  fi
}

pom_checksum() { cksum <"$POM" | awk '{print $1 "-" $2}'; }

# Download the broker jars once into $LIBS (atomically), reuse them afterwards.
ensure_libs() {
  local want
  want="kafka-$KAFKA_VERSION pom-$(pom_checksum)"
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$want" ]]; then
    info "reusing cached Kafka $KAFKA_VERSION jars in $LIBS"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found; it is needed once to download the Kafka jars into $LIBS"
  info "downloading Kafka $KAFKA_VERSION jars with Maven into $LIBS (first run only) ..."
  local tmp="$LIBS.tmp.$$" t0=$SECONDS
  rm -rf "$tmp"
  # Output goes to a log (Debian's Maven 3.8 prints stray ANSI resets even with -B).
  if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
      "-Dkafka.libs.dir=$tmp" "-Dkafka.build.dir=$CACHE/mvn-build" >"$CACHE/mvn.log" 2>&1; then
    tail -n 40 "$CACHE/mvn.log" >&2
    rm -rf "$tmp"
    die "mvn dependency:copy-dependencies failed (is Maven Central reachable?); full output in $CACHE/mvn.log"
  fi
  [[ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || { rm -rf "$tmp"; die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn run"; }
  rm -rf "$LIBS" "$CACHE/mvn-build"
  mv "$tmp" "$LIBS"
  printf '%s\n' "$want" >"$LIBS_MARKER"
  info "downloaded $(find "$LIBS" -name '*.jar' | wc -l | tr -d ' ') jars in $((SECONDS - t0))s"
}

# True if something accepts TCP connections on $HOST:$1.
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

node_dir() { printf '%s/%s\n' "$RUN_ROOT" "$1"; }

# Print the pid of node $1 if it is running (and really is our broker), else nothing/fail.
running_pid() {
  local dir pidfile pid args
  dir=$(node_dir "$1")
  pidfile="$dir/broker.pid"
  [[ -f "$pidfile" ]] || return 1
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: the process must be kafka.Kafka with this node's config.
  args=$(ps -p "$pid" -o args= 2>/dev/null || true)
  [[ "$args" == *kafka.Kafka*"$dir/server.properties"* ]] || return 1
  printf '%s\n' "$pid"
}

# Ask the broker(s) for their API versions (a real Kafka request). $1 bootstrap
# list, $2 number of brokers the returned metadata must contain.
api_check() {
  local bootstrap=$1 expected=$2 out n
  [[ -f "$LIBS_MARKER" ]] || return 1
  out=$(with_timeout 60 "$JAVA" "${TOOL_OPTS[@]}" -cp "$LIBS/*" kafka.admin.BrokerApiVersionsCommand \
          --bootstrap-server "$bootstrap" 2>&1) || return 1
  n=$(printf '%s\n' "$out" | grep -cE '\(id: [0-9]+ rack: ' || true)
  [[ "$n" -ge "$expected" ]]
}

write_tools_log4j() {
  mkdir -p "$RUN_ROOT"
  cat >"$RUN_ROOT/tools-log4j.properties" <<'EOF'
# Used by the short-lived Kafka CLI tools that broker.sh runs.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# write_node_config <name> <node.id> <port> <controller port> <voters> <cluster: 0|1>
write_node_config() {
  local name=$1 id=$2 port=$3 cport=$4 voters=$5 clustered=$6 dir
  dir=$(node_dir "$name")
  mkdir -p "$dir/data" "$dir/logs"

  local rf=1 min_isr=1 internal_rf=1 internal_min_isr=1
  if [[ "$clustered" == 1 ]]; then
    rf=3 min_isr=2 internal_rf=3 internal_min_isr=2
  fi

  cat >"$dir/server.properties" <<EOF
# Generated by deploy/kafka/broker.sh - rewritten on every start.
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$voters
listeners=PLAINTEXT://$HOST:$port,CONTROLLER://$HOST:$cport
advertised.listeners=PLAINTEXT://$HOST:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data

# Fast, deterministic tests: topics are created explicitly by the tests.
auto.create.topics.enable=false
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
num.partitions=3
default.replication.factor=$rf
min.insync.replicas=$min_isr
offsets.topic.num.partitions=10
offsets.topic.replication.factor=$internal_rf
transaction.state.log.replication.factor=$internal_rf
transaction.state.log.min.isr=$internal_min_isr
transaction.state.log.num.partitions=10

# Small footprint.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.segment.bytes=104857600
EOF

  cat >"$dir/log4j.properties" <<EOF
# Generated by deploy/kafka/broker.sh: INFO to the log file only.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$dir/logs/server.log
log4j.appender.file.MaxFileSize=50MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
# Noisy loggers.
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.controller=WARN
log4j.logger.org.apache.kafka.controller=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.zookeeper=WARN
EOF
}

# Random KRaft cluster id: 16 random bytes, URL-safe base64 without padding
# (what `kafka.tools.StorageTool random-uuid` prints), without spawning a JVM.
new_cluster_id() {
  local id=""
  while [[ ${#id} -ne 22 || "$id" == -* ]]; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  done
  printf '%s\n' "$id"
}

# format_storage <name> <cluster id> - run in the background for clusters.
format_storage() {
  local dir
  dir=$(node_dir "$1")
  "$JAVA" "${TOOL_OPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool \
    format -t "$2" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1
}

launch_node() {
  local name=$1 dir pid
  dir=$(node_dir "$name")
  # 9>&- : do not let the broker inherit the lock fd.
  nohup "$JAVA" -Xms512m -Xmx1g \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError "-XX:ErrorFile=$dir/logs/hs_err_%p.log" \
    -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$dir/log4j.properties" \
    "-Dkafka.logs.dir=$dir/logs" \
    -cp "$LIBS/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >"$dir/logs/stdout.log" 2>&1 9>&- &
  pid=$!
  printf '%s\n' "$pid" >"$dir/broker.pid"
}

show_logs() {
  local name dir
  for name in "$@"; do
    dir=$(node_dir "$name")
    {
      printf '\n----- %s: tail of %s -----\n' "$name" "$dir/logs/server.log"
      tail -n 40 "$dir/logs/server.log" 2>/dev/null || echo "(no server.log)"
      if [[ -s "$dir/logs/stdout.log" ]]; then
        printf -- '----- %s: tail of %s -----\n' "$name" "$dir/logs/stdout.log"
        tail -n 20 "$dir/logs/stdout.log"
      fi
      if [[ -s "$dir/logs/format.log" ]]; then
        printf -- '----- %s: %s -----\n' "$name" "$dir/logs/format.log"
        tail -n 20 "$dir/logs/format.log"
      fi
    } >&2
  done
}

# ------------------------------------------------------------ node groups ---

# Sets NAMES, IDS, PORTS, CPORTS, VOTERS, CLUSTERED, LABEL for "single" or "cluster".
select_group() {
  case "$1" in
    single)
      # Named by its port: a second single broker (another KAFKA_PORT) is another node, not a restart of the first.
      NAMES=("single-$SINGLE_PORT"); IDS=(1); PORTS=("$SINGLE_PORT"); CPORTS=("$SINGLE_CPORT")
      VOTERS="1@$HOST:$SINGLE_CPORT"; CLUSTERED=0; LABEL="broker"
      ;;
    cluster)
      NAMES=(cluster-1 cluster-2 cluster-3); IDS=(1 2 3)
      PORTS=("${CLUSTER_PORTS[@]}"); CPORTS=("${CLUSTER_CPORTS[@]}")
      VOTERS="1@$HOST:${CLUSTER_CPORTS[0]},2@$HOST:${CLUSTER_CPORTS[1]},3@$HOST:${CLUSTER_CPORTS[2]}"
      CLUSTERED=1; LABEL="3-node cluster"
      ;;
    *) die "unknown group $1" ;;
  esac
}

bootstrap_of() {
  select_group "$1"
  local out="" p
  for p in "${PORTS[@]}"; do out+="${out:+,}$HOST:$p"; done
  printf '%s\n' "$out"
}

# 0 if every node of the group runs and the group answers a real Kafka request.
group_healthy() {
  local group=$1 name p
  select_group "$group"
  for name in "${NAMES[@]}"; do running_pid "$name" >/dev/null || return 1; done
  for p in "${PORTS[@]}"; do port_open "$p" || return 1; done
  api_check "$(bootstrap_of "$group")" "${#NAMES[@]}"
}

any_running() {
  local name
  for name in "$@"; do
    if running_pid "$name" >/dev/null; then return 0; fi
  done
  return 1
}

# Stop every running node of the group: SIGTERM all, wait, then SIGKILL leftovers.
stop_group() {
  local group=$1 name pid pids=() names=() deadline i alive
  select_group "$group"
  for name in "${NAMES[@]}"; do
    if pid=$(running_pid "$name"); then
      pids+=("$pid"); names+=("$name")
    else
      rm -f "$(node_dir "$name")/broker.pid"
    fi
  done
  if [[ ${#pids[@]} -eq 0 ]]; then
    info "$LABEL is not running; nothing to stop"
    return 0
  fi
  info "stopping $LABEL (pid ${pids[*]}) ..."
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while :; do
    alive=()
    for i in "${!pids[@]}"; do
      if kill -0 "${pids[$i]}" 2>/dev/null; then alive+=("${pids[$i]}"); fi
    done
    [[ ${#alive[@]} -eq 0 ]] && break
    if (( SECONDS >= deadline )); then
      err "no clean shutdown within ${STOP_TIMEOUT}s; sending SIGKILL to ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  for name in "${names[@]}"; do rm -f "$(node_dir "$name")/broker.pid"; done
  info "$LABEL stopped"
}

start_group() {
  local group=$1 bootstrap name i pid t0=$SECONDS cluster_id fmt_pids=()
  require_java
  take_lock
  select_group "$group"   # sets NAMES/IDS/PORTS/... (bootstrap_of runs in a subshell)
  bootstrap=$(bootstrap_of "$group")

  if any_running "${NAMES[@]}"; then
    if group_healthy "$group"; then
      info "$LABEL already running and answering at $bootstrap; nothing to do"
      return 0
    fi
    err "$LABEL is running but not (fully) answering; restarting it"
    stop_group "$group"
  fi

  local port
  for i in "${!PORTS[@]}"; do
    for port in "${PORTS[$i]}" "${CPORTS[$i]}"; do
      if port_open "$port"; then
        die "port $HOST:$port is already in use by another process (not a broker started by this script with SETTLE_KAFKA_HOME=$CACHE)"
      fi
    done
  done

  ensure_libs
  write_tools_log4j

  cluster_id=$(new_cluster_id)
  info "formatting fresh KRaft storage (cluster id $cluster_id) ..."
  for i in "${!NAMES[@]}"; do
    name=${NAMES[$i]}
    rm -rf "$(node_dir "$name")"
    write_node_config "$name" "${IDS[$i]}" "${PORTS[$i]}" "${CPORTS[$i]}" "$VOTERS" "$CLUSTERED"
    format_storage "$name" "$cluster_id" &
    fmt_pids+=($!)
  done
  for i in "${!fmt_pids[@]}"; do
    if ! wait "${fmt_pids[$i]}"; then
      show_logs "${NAMES[$i]}"
      die "kafka.tools.StorageTool format failed for ${NAMES[$i]}"
    fi
  done

  info "starting $LABEL ..."
  for name in "${NAMES[@]}"; do launch_node "$name"; done

  # Wait until every node logged "Kafka Server started" and has its port open,
  # then until one real Kafka request (ApiVersions + metadata listing all
  # brokers) succeeds.
  local deadline=$((SECONDS + START_TIMEOUT)) started ready=0
  while (( SECONDS < deadline )); do
    started=1
    for i in "${!NAMES[@]}"; do
      name=${NAMES[$i]}
      if ! running_pid "$name" >/dev/null; then
        show_logs "$name"
        stop_group "$group" >&2
        die "$name (node.id ${IDS[$i]}) exited during startup; see logs above / in $(node_dir "$name")/logs"
      fi
      if ! grep -q 'Kafka Server started' "$(node_dir "$name")/logs/server.log" 2>/dev/null \
          || ! port_open "${PORTS[$i]}"; then
        started=0
      fi
    done
    if [[ $started == 1 ]] && api_check "$bootstrap" "${#NAMES[@]}"; then
      ready=1
      break
    fi
    sleep 0.5
  done

  if [[ $ready != 1 ]]; then
    show_logs "${NAMES[@]}"
    stop_group "$group" >&2
    die "$LABEL did not answer at $bootstrap within ${START_TIMEOUT}s (logs above; kept in $RUN_ROOT)"
  fi

  local pids=()
  for name in "${NAMES[@]}"; do pids+=("$(running_pid "$name")"); done
  info "$LABEL (Kafka $KAFKA_VERSION, KRaft) ready at $bootstrap in $((SECONDS - t0))s (pid ${pids[*]}; logs in $RUN_ROOT/<name>/logs)"
}

status_group() {
  local group=$1 bootstrap
  select_group "$group"
  bootstrap=$(bootstrap_of "$group")
  if ! any_running "${NAMES[@]}"; then
    info "$LABEL is not running"
    return 1
  fi
  if group_healthy "$group"; then
    info "$LABEL is running and answering at $bootstrap"
    return 0
  fi
  info "$LABEL is running but not (fully) answering at $bootstrap"
  return 1
}

usage() {
  sed -n '/^# Usage:/,/^# Every start/p' "${BASH_SOURCE[0]}" | sed -e 's/^# \{0,1\}//' -e '$d' >&2
}

main() {
  local cmd=${1:-}
  case "$cmd" in
    start) start_group single ;;
    stop) take_lock; stop_group single ;;
    status) status_group single ;;
    cluster-start) start_group cluster ;;
    cluster-stop) take_lock; stop_group cluster ;;
    cluster-status) status_group cluster ;;
    bootstrap-servers)
      case "${2:-single}" in
        single) bootstrap_of single ;;
        cluster) bootstrap_of cluster ;;
        *) die "bootstrap-servers takes 'cluster' or nothing" ;;
      esac
      ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
