#!/usr/bin/env bash
# Profiles a training run with Java Flight Recorder and prints its hot methods (self and total
# time). Usage: ./profile [EVENTSNN TRAIN ARGUMENTS]; default
#   ./profile yinyang --preset fastdeep --epochs 30 --threads 1
# The recording is kept as profile.jfr (PROFILE_JFR=path to change) for `jfr print` or JMC.
# Uses the built experiments/target/eventsnn.jar (./eventsnn builds it if missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/experiments/target/eventsnn.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package) >&2
[ $# -gt 0 ] || set -- yinyang --preset fastdeep --epochs 30 --threads 1
rec="${PROFILE_JFR:-profile.jfr}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# settings=profile samples Java stacks every 10 ms (the default every 20 ms); DebugNonSafepoints
# lets a sample name the inlined method it landed in rather than only the caller it was inlined into
java -XX:+UseParallelGC -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
  -XX:StartFlightRecording=settings=profile,filename="$rec" \
  -jar "$jar" train "$@" --no-plots --output-dir "$out/run" >&2
java "$here/experiments/src/test/java/org/eventsnn/bench/JfrHotMethods.java" "$rec" "${PROFILE_ROWS:-30}"
