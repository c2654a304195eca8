#!/bin/sh
# Profiles the engine's CPU per step (docs/benchmarks.md, "Where the engine's CPU goes"): runs
# EngineBenchmark's engine case (and the journal path beside it) at concurrency 64 in one run of
# 64 branches, with a JFR recording of the measurement windows, and prints the process's CPU per
# step and the table of phases (dev.synod.bench.engine.Phases). The recordings stay in the
# directory given as the first argument (default: a new one under /tmp), for `jfr summary FILE`
# and `jfr print --events jdk.CPUTimeSample FILE`. Further arguments go to the benchmark, after
# the defaults below, and override them (`--parts engine`, `--window 8`, `--rounds 2`).
#
#   ./mvnw -q -DskipTests package -pl synod-bench -am
#   synod-bench/profile-engine.sh [DIR] [benchmark options...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
    echo "expected $jar; build it first: ./mvnw -q -DskipTests package -pl synod-bench -am" >&2
    exit 2
fi
out=${1:-$(mktemp -d /tmp/synod-profile.XXXXXX)}
[ $# -gt 0 ] && shift
mkdir -p "$out"
echo "recordings in $out; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# A deep stack depth, so that a virtual thread's frames reach down to the effect that runs on it.
exec java --enable-native-access=ALL-UNNAMED -XX:FlightRecorderOptions:stackdepth=512 -cp "$jar" \
    dev.synod.bench.engine.EngineBenchmark --parts journal,engine --concurrency 64 --shapes par --rounds 1 \
    --warmup 30 --iterations 4 --window 4 --profile "$out" "$@"
