#!/usr/bin/env bash
# Chooses the node's JVM settings by measurement (issue 17): A/B of flag sets on ONE node build with
# bench/compare.sh (both nodes side by side on core 0 against one admin, the same wrk load alternately, rounds
# interleaved), each candidate set added to the current settings (deploy/jvm.options) against the current settings
# alone.
#
#   bench/jvmflags.sh [--set "FLAGS"]... [--jar JAR] [--rounds 3] [--duration 10] [--warmup 60] [--path full]
#                     [--force]
#
# Without --set it tries three sets: "-XX:NewRatio=1 -XX:+AlwaysPreTouch" (young generation half the heap: fewer
# young collections per second of load), "-XX:+UseParallelGC" (the throughput collector instead of the one-CPU
# default, Serial) and "-XX:+UseTransparentHugePages" (heap on huge pages where the kernel allows madvise).
# Prints, per set and round, new ÷ old in req/s and in CPU time per request, and calls a set "ADOPT" only when it is
# at least 3 % cheaper per request in every round and no slower in req/s on average; writes the same to
# bench/results/jvmflags-<date>.md. A set worth adopting goes into deploy/jvm.options with its figures (the
# runtime image and bench/run.sh read that file). About 4-5 minutes per set.
#
# Refuses to start on a busy machine (1-minute load average ≥ 0.5: builds beside it move req/s by ±30 %, more
# than any flag); --force runs anyway and says so in the report.
set -euo pipefail
{
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAR=gateway-runtime/target/gateway-runtime-0.1.0-SNAPSHOT.jar
SETS=()
ROUNDS=3; DURATION=10; WARMUP=60; PATH_KIND=full; FORCE=false
while (($#)); do
  case $1 in
    --set) SETS+=("${2:?}"); shift 2 ;;
    --jar) JAR=${2:?}; shift 2 ;;
    --rounds) ROUNDS=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --path) PATH_KIND=${2:?}; shift 2 ;;
    --force) FORCE=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
((${#SETS[@]})) || SETS=("-XX:NewRatio=1 -XX:+AlwaysPreTouch" "-XX:+UseParallelGC" "-XX:+UseTransparentHugePages")
log() { printf '==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
[[ -f $JAR ]] || { log "no jar at $JAR: build first (./mvnw -B -DskipTests package) or pass --jar"; exit 1; }
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${LOAD%% *}" 'BEGIN { exit !(l >= 0.5) }'; then
  if ! $FORCE; then
    log "load average $LOAD: the machine is busy, a flag A/B would measure the neighbours (--force to run anyway)"
    exit 3
  fi
  log "load average $LOAD: busy machine, running anyway (--force); the report says so"
fi
BASE="@deploy/jvm.options -Xms512m -Xmx512m"
JARCOPY=$(mktemp /tmp/gatehouse-jvmflags.XXXXXX.jar) # the jar under test must not change under a rebuild
trap 'rm -f "$JARCOPY" "$JARCOPY.out"' EXIT
cp "$JAR" "$JARCOPY"
TABLE=""
for set in "${SETS[@]}"; do
  log "A/B: \"$BASE\" against \"$BASE $set\" ($ROUNDS rounds of ${DURATION} s after ${WARMUP} s)"
  bench/compare.sh "$JARCOPY" "$JARCOPY" --path "$PATH_KIND" --rounds "$ROUNDS" --duration "$DURATION" \
    --warmup "$WARMUP" --old-opts "$BASE" --new-opts "$BASE $set" >"$JARCOPY.out"
  cat "$JARCOPY.out"
  # per round: new ÷ old req/s and CPU per request, then the verdict
  row=$(awk -v set="$set" '
    $1 == "old" && $2 ~ /^[0-9]+$/ { orps[$2] = $3; ocpu[$2] = $7 }
    $1 == "new" && $2 ~ /^[0-9]+$/ { nrps[$2] = $3; ncpu[$2] = $7; n = ($2 > n ? $2 : n) }
    END {
      adopt = 1; rr = ""; cr = ""; srps = 0
      for (r = 1; r <= n; r++) {
        q = nrps[r] / orps[r]; c = ncpu[r] / ocpu[r]; srps += q
        rr = rr (r > 1 ? " / " : "") sprintf("%.3f", q); cr = cr (r > 1 ? " / " : "") sprintf("%.3f", c)
        if (c > 0.97) adopt = 0
      }
      if (n == 0 || srps / n < 1) adopt = 0
      printf "| `%s` | %s | %s | %s |", set, rr, cr, (adopt ? "**ADOPT**" : "no")
    }' "$JARCOPY.out")
  TABLE+="$row"$'\n'
done
REPORT=$(
  echo "# JVM flag sets, A/B on one node build (bench/jvmflags.sh)"
  echo
  echo "Base: \`$BASE\` (deploy/jvm.options: $(sed -e 's/#.*//' deploy/jvm.options | tr -s ' \n' ' ' | sed 's/^ *$/no flags/')); path $PATH_KIND;"
  echo "$ROUNDS rounds of ${DURATION} s after ${WARMUP} s JIT warm-up; $(date -u '+%Y-%m-%d %H:%M UTC'); sources at $(git rev-parse --short HEAD);"
  echo "load average $LOAD at the start$($FORCE && echo " (**--force: not a quiet machine**)")."
  echo
  echo "| added flags | req/s new ÷ old per round | CPU µs/request new ÷ old per round | verdict |"
  echo "|---|---|---|---|"
  printf '%s' "$TABLE"
  echo
  echo "ADOPT: at least 3 % less CPU per request in every round and no fewer req/s on average."
)
echo
echo "$REPORT"
mkdir -p bench/results
OUT=bench/results/jvmflags-$(date -u +%Y-%m-%d-%H%M%S).md
echo "$REPORT" >"$OUT"
log "written to $OUT"
exit 0
}
