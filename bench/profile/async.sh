#!/usr/bin/env bash
# CPU profile of a running JVM with async-profiler (itimer sampling, 1 ms; works without perf_events access):
#
#   bench/profile/async.sh PID SECONDS OUT.collapsed      # e.g. while wrk loads the node
#   bench/profile/collapsed.py OUT.collapsed 40 gatehouse  # layers, self time, inclusive time of matching frames
#
# The profiler's native library comes from Maven Central (tools.profiler:async-profiler, linux-x64) into
# ~/.cache/gatehouse-bench on first use and is loaded into the JVM with `jcmd JVMTI.agent_load`. Unlike JFR's
# `profile` settings (which slowed a node under load by 5-10x here), it costs a few percent at this interval.
set -euo pipefail
PID=${1:?usage: async.sh PID SECONDS OUT.collapsed}; SECS=${2:?}; OUT=${3:?}
VERSION=4.1
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/gatehouse-bench
LIB=$CACHE/async-profiler-$VERSION/linux-x64/libasyncProfiler.so
if [[ ! -f $LIB ]]; then
  mkdir -p "$CACHE/async-profiler-$VERSION"
  curl -fsSL -o "$CACHE/async-profiler-$VERSION.jar" \
    "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION-linux-x64.jar"
  (cd "$CACHE/async-profiler-$VERSION" && unzip -qo "../async-profiler-$VERSION.jar" 'linux-x64/*')
fi
OUT=$(realpath -m "$OUT")
# jcmd parses key=value words itself: the agent options go in one quoted word
jcmd "$PID" JVMTI.agent_load "$LIB" '"start,event=itimer,interval=1ms"' >/dev/null
sleep "$SECS"
jcmd "$PID" JVMTI.agent_load "$LIB" "\"stop,file=$OUT,collapsed\"" >/dev/null
echo "$OUT: $(awk '{s += $NF} END {print s}' "$OUT") samples"
