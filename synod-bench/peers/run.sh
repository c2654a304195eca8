#!/usr/bin/env bash
# Synod side by side with its peers, in one run on one disk (docs/benchmarks.md, "Peers side by
# side"). Measures, in this order:
#   raw      one 4 KB row per SQLite commit, WAL, synchronous=FULL (synod-bench's RawCommits): the floor;
#   journal  Synod's journal path, engine  the whole engine: a sequential team of STEPS hand-offs,
#            each with a 4 KB response and a passing gate, at concurrency 1 (synod-bench's harness);
#   langgraph LangGraph.js with its SQLite checkpointer, durability "sync" (npm);
#   dbos     DBOS Transact Java on a PostgreSQL started here on loopback (Maven Central, Debian);
#   temporal Temporal's Java SDK on its in-process test server (Maven Central);
#   raw-end  the raw commit again, to show how far the machine drifted during the run;
# every peer with STEPS sequential steps each returning 4 KB, then prints one table: per-step time
# (mean and p50, µs) and its ratio to the raw commit measured in this run. A peer that cannot be
# installed or fails is reported in the table with the reason; the others still run.
#
# Not part of the Maven reactor nor of CI: run it by hand, on a machine as quiet as you can get.
#
# usage: synod-bench/peers/run.sh [--steps N] [--runs N] [--only LIST] [--keep]
#   --steps N    steps per workflow (default 1000)
#   --runs N     measured workflows per peer, after one unmeasured warm-up workflow (default 3)
#   --only LIST  comma-separated subset of synod,langgraph,dbos,temporal (default: all)
#   --keep       keep the working directory (databases, logs) afterwards
set -u -o pipefail

STEPS=1000
RUNS=3
ONLY="synod,langgraph,dbos,temporal"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) STEPS="${2:?--steps expects a number}"; shift 2 ;;
    --runs) RUNS="${2:?--runs expects a number}"; shift 2 ;;
    --only) ONLY="${2:?--only expects a list}"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "run.sh: unknown option $1 (expected --steps, --runs, --only or --keep)" >&2; exit 2 ;;
  esac
done
case "$STEPS$RUNS" in *[!0-9]*) echo "run.sh: --steps and --runs expect positive numbers, found $STEPS and $RUNS" >&2; exit 2 ;; esac

PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$PEERS_DIR/../.." && pwd)"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
[ -n "${JAVA_HOME:-}" ] && export PATH="$JAVA_HOME/bin:$PATH"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/synod-peers.XXXXXX")"
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
PG_DATA=""
PG_USER=""

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a; }
wanted() { case ",$ONLY," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# fail PEER REASON: the table shows the peer with the reason instead of figures.
fail() { printf 'failed\t%s\t%s\n' "$1" "$2" >> "$RESULTS"; log "$1 FAILED: $2"; }
# last_error FILE: the line of a log that says what went wrong, for the table: its first line
# naming an error or exception, else its last line.
last_error() {
  local line
  line="$(grep -m 1 -iE 'error|exception|not defined|not found' "$1" 2>/dev/null)"
  [ -n "$line" ] || line="$(grep -v '^\s*$' "$1" 2>/dev/null | tail -n 1)"
  printf '%s' "$line" | tr '\t|' '  ' | cut -c1-200
}
# record PEER LOG: keeps the result lines of a peer's output, or reports that it printed none.
record() {
  if grep -q "^result"$'\t' "$2"; then
    awk -F'\t' -v OFS='\t' -v l="$(load)" '$1 == "result" { if (NF < 6) $6 = ""; $7 = "load " l; print }' "$2" \
      >> "$RESULTS"
  else
    fail "$1" "no result: $(last_error "$2") (log: $2)"
  fi
}

cleanup() {
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null 2>&1 || true
  fi
  # A failed peer's row names its log: keep the directory then, whatever --keep says.
  if [ "$KEEP" = 1 ] || grep -q '^failed' "$RESULTS" 2> /dev/null; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- Synod (and the raw commit)
run_synod() {
  local jar="$REPO/synod-bench/target/benchmarks.jar"
  log "synod: building synod-bench (./mvnw package -pl synod-bench -am)"
  if ! (cd "$REPO" && ./mvnw -B -q -DskipTests package -pl synod-bench -am) > "$WORK/synod-build.log" 2>&1; then
    fail raw "build failed: $(last_error "$WORK/synod-build.log")"
    fail synod "build failed: $(last_error "$WORK/synod-build.log")"
    return
  fi
  log "synod: raw commit, journal path, whole engine; load $(load)"
  timeout 900 java --enable-native-access=ALL-UNNAMED -cp "$jar" dev.synod.bench.engine.PeerBaseline \
    --dir "$WORK/synod" --steps-per-run "$STEPS" --warmup 5 --iterations "$((RUNS + 1))" --window 4 \
    > "$WORK/synod.log" 2>&1
  record synod "$WORK/synod.log"
}

# The raw commit again after the peers, as row raw-end: how far the disk and the machine drifted
# while the peers ran (the ratios divide by the first raw commit).
run_raw_end() {
  local jar="$REPO/synod-bench/target/benchmarks.jar"
  [ -f "$jar" ] || return
  log "raw commit again; load $(load)"
  timeout 300 java --enable-native-access=ALL-UNNAMED -cp "$jar" dev.synod.bench.engine.PeerBaseline \
    --dir "$WORK/raw-end" --parts raw --warmup 5 --iterations "$((RUNS + 1))" --window 4 2>&1 \
    | sed 's/^result\traw\t/result\traw-end\t/' > "$WORK/raw-end.log"
  record raw-end "$WORK/raw-end.log"
}

# ---------------------------------------------------------------- LangGraph.js
run_langgraph() {
  local dir="$PEERS_DIR/langgraph"
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    fail langgraph "node and npm not found (Node 20 or later is needed)"; return
  fi
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then fail langgraph "Node 20 or later expected, found $(node --version)"; return; fi
  # Reuse node_modules when it matches the lock file; else install exactly the lock file.
  if ! (cd "$dir" && npm ls --depth=0 > /dev/null 2>&1); then
    log "langgraph: npm ci (better-sqlite3 may compile from source: minutes)"
    if ! (cd "$dir" && npm ci --no-audit --no-fund) > "$WORK/langgraph-install.log" 2>&1; then
      fail langgraph "npm ci failed: $(last_error "$WORK/langgraph-install.log")"; return
    fi
  fi
  if ! (cd "$dir" && node -e 'new (require("better-sqlite3"))(":memory:").close()') > "$WORK/langgraph-install.log" 2>&1; then
    fail langgraph "better-sqlite3 does not load: $(last_error "$WORK/langgraph-install.log")"; return
  fi
  log "langgraph: $STEPS steps x $RUNS runs per shape and synchronous mode; load $(load)"
  (cd "$dir" && timeout 1800 node bench.mjs "$WORK/langgraph" "$STEPS" 1 "$RUNS") > "$WORK/langgraph.log" 2>&1
  record langgraph "$WORK/langgraph.log"
}

# ---------------------------------------------------------------- Java peers
# build_java PEER: compiles peers/PEER with the project's Maven wrapper (dependencies from Maven
# Central) and writes its class path to $WORK/PEER.cp.
build_java() {
  log "$1: building (./mvnw -f synod-bench/peers/$1/pom.xml)"
  if ! (cd "$REPO" && ./mvnw -B -q -f "synod-bench/peers/$1/pom.xml" compile dependency:build-classpath \
      -Dmdep.outputFile="$WORK/$1.cp") > "$WORK/$1-build.log" 2>&1; then
    fail "$1" "build failed: $(last_error "$WORK/$1-build.log")"; return 1
  fi
}

# as_pg COMMAND...: runs a PostgreSQL command as the server's owner (initdb refuses to run as root).
# It runs from the server's directory, which that user can read, whatever the caller's directory.
as_pg() { (cd "$WORK/pg" && if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi); }

find_pg() {
  PG_BIN=""
  if command -v pg_config > /dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then PG_BIN="$(pg_config --bindir)"; fi
  if [ -z "$PG_BIN" ]; then PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"; fi
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ]
}

start_pg() {
  if ! find_pg; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
      log "dbos: installing PostgreSQL (apt-get install -y postgresql)"
      (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql) > "$WORK/pg-install.log" 2>&1
    fi
    if ! find_pg; then fail dbos "PostgreSQL not found and not installable (apt-get install -y postgresql)"; return 1; fi
  fi
  if [ "$(id -u)" = 0 ]; then
    PG_USER=postgres
    id "$PG_USER" > /dev/null 2>&1 || { fail dbos "running as root, but there is no user postgres to own the server"; return 1; }
  fi
  mkdir -p "$WORK/pg"
  [ -n "$PG_USER" ] && chown "$PG_USER" "$WORK/pg" && chmod 755 "$WORK"
  PG_DATA="$WORK/pg/data"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 > "$WORK/pg-initdb.log" 2>&1; then
    fail dbos "initdb failed: $(last_error "$WORK/pg-initdb.log")"; return 1
  fi
  PG_PORT=55432
  while (exec 3<> "/dev/tcp/127.0.0.1/$PG_PORT") 2> /dev/null; do PG_PORT=$((PG_PORT + 1)); done
  # Loopback only, a socket in the temporary directory, Debian's defaults for everything that
  # decides durability (synchronous_commit, fsync, wal_sync_method): DbosPeer prints them back.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg" start > "$WORK/pg-start.log" 2>&1; then
    fail dbos "PostgreSQL did not start: $(last_error "$WORK/pg/server.log")"; return 1
  fi
  if ! as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres synod_peer > "$WORK/pg-createdb.log" 2>&1; then
    fail dbos "createdb failed: $(last_error "$WORK/pg-createdb.log")"; return 1
  fi
}

run_dbos() {
  build_java dbos || return
  start_pg || return
  log "dbos: $STEPS steps x $RUNS runs, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT; load $(load)"
  timeout 1800 java -cp "$PEERS_DIR/dbos/target/classes:$(cat "$WORK/dbos.cp")" dev.synod.peers.DbosPeer \
    "jdbc:postgresql://127.0.0.1:$PG_PORT/synod_peer" postgres "$STEPS" 1 "$RUNS" > "$WORK/dbos.log" 2>&1
  record dbos "$WORK/dbos.log"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null 2>&1
}

run_temporal() {
  build_java temporal || return
  log "temporal: $STEPS steps x $RUNS runs on the in-process test server; load $(load)"
  timeout 1800 java -cp "$PEERS_DIR/temporal/target/classes:$(cat "$WORK/temporal.cp")" dev.synod.peers.TemporalPeer \
    "$STEPS" 1 "$RUNS" > "$WORK/temporal.log" 2>&1
  record temporal "$WORK/temporal.log"
}

# ---------------------------------------------------------------- the table
describe() {
  case "$1" in
    raw) echo "one 4 KB row, SQLite WAL, synchronous=FULL: an fsync per commit" ;;
    raw-end) echo "the same, measured again after the peers: the drift of the run" ;;
    journal) echo "Synod journal path: a hand-off attempt (4 KB result, gate intent and verdict, next intent), SQLite WAL, synchronous=FULL" ;;
    engine) echo "Synod whole engine: the same attempt plus workspaces and a git commit per attempt, journal as above" ;;
    langgraph-*-default) echo "LangGraph checkpoint before the next step (durability sync), SQLite WAL with better-sqlite3's default synchronous=NORMAL: no fsync per commit" ;;
    langgraph-*-FULL) echo "the same with synchronous=FULL set on the checkpointer's connection: an fsync per commit" ;;
    dbos) echo "DBOS step output checkpointed in PostgreSQL before the workflow goes on" ;;
    temporal) echo "Temporal activity result in the test server's history, in memory: not durable" ;;
    *) echo "" ;;
  esac
}

print_table() {
  local raw_mean raw_p50
  raw_mean="$(awk -F'\t' '$1 == "result" && $2 == "raw" {print $4}' "$RESULTS")"
  raw_p50="$(awk -F'\t' '$1 == "result" && $2 == "raw" {print $5}' "$RESULTS")"
  echo
  echo "steps per workflow: $STEPS; measured workflows per peer: $RUNS (after one warm-up); $(nproc) cores; load average at the end: $(load)"
  echo
  echo "| peer | what a step durably is | samples | mean µs | p50 µs | mean / raw mean | p50 / raw p50 | settings read back | load |"
  echo "|---|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' -v rm="$raw_mean" -v rp="$raw_p50" '
    function ratio(x, base) { return base == "" || base == 0 ? "–" : sprintf("%.1f×", x / base) }
    $1 == "result" { printf "%s\t%d\t%.0f\t%.0f\t%s\t%s\t%s\t%s\n", $2, $3, $4, $5, ratio($4, rm), ratio($5, rp), $6, $7 }
    $1 == "failed" { printf "%s\t–\t–\t–\t–\t–\tfailed: %s\t–\n", $2, $3 }' "$RESULTS" |
  # Every field is non-empty: read would merge the tabs around an empty one.
  while IFS=$'\t' read -r peer samples mean p50 rmean rp50 settings loadavg; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$peer" "$(describe "$peer")" "$samples" "$mean" "$p50" \
      "$rmean" "$rp50" "$settings" "${loadavg#load }"
  done
}

log "working directory $WORK; load $(load)"
wanted synod && run_synod
wanted langgraph && run_langgraph
wanted dbos && run_dbos
wanted temporal && run_temporal
wanted synod && run_raw_end
print_table
