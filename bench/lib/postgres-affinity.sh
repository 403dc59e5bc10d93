# Sourced by the bench/ scripts: the machine's PostgreSQL (the admin's database) on the load core for
# a run. pin_postgres pins the postmaster and every backend, all their threads (taskset -a); backends forked later
# inherit the postmaster's affinity. unpin_postgres gives each pinned process its previous mask back, and backends
# forked during the run the postmaster's previous one; call it from the EXIT trap (it does nothing when nothing
# is pinned). Needs: PG_HOST, PG_PORT, PG_USER, LOAD_CORE, a log function; sets PG_PIN_NOTE for the report.
PG_PINNED=() # pid:previous affinity mask
PG_MASTER=
PG_MASTER_MASK=
PG_PIN_NOTE="not pinned"
pin_postgres() {
  local dir pid mask
  if [[ $PG_HOST != 127.0.0.1 && $PG_HOST != localhost ]]; then
    PG_PIN_NOTE="not pinned: PostgreSQL at $PG_HOST is not on this machine"; return 0
  fi
  dir=$(psql -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -Atc 'SHOW data_directory' 2>/dev/null || true)
  PG_MASTER=$(head -1 "$dir/postmaster.pid" 2>/dev/null || true)
  if ! [[ $PG_MASTER =~ ^[0-9]+$ ]] || [[ ! -d /proc/$PG_MASTER ]]; then
    PG_PIN_NOTE="not pinned: no postmaster.pid readable in '${dir:-?}'"; PG_MASTER=; return 0
  fi
  PG_MASTER_MASK=$(taskset -p "$PG_MASTER" | awk '{print $NF}')
  for pid in $PG_MASTER $(pgrep -P "$PG_MASTER" || true); do
    mask=$(taskset -p "$pid" 2>/dev/null | awk '{print $NF}') || continue
    [[ -n $mask ]] && taskset -a -p -c "$LOAD_CORE" "$pid" >/dev/null 2>&1 && PG_PINNED+=("$pid:$mask")
  done
  PG_PIN_NOTE="pinned to core $LOAD_CORE for the run (${#PG_PINNED[@]} processes: postmaster $PG_MASTER and its backends; their previous mask $PG_MASTER_MASK restored at the end)"
  log "PostgreSQL: $PG_PIN_NOTE"
}
unpin_postgres() {
  [[ -n $PG_MASTER ]] || return 0
  local entry pid known=" "
  for entry in "${PG_PINNED[@]}"; do
    taskset -a -p "${entry#*:}" "${entry%%:*}" >/dev/null 2>&1 || true
    known+="${entry%%:*} "
  done
  for pid in $(pgrep -P "$PG_MASTER" 2>/dev/null || true); do
    [[ $known == *" $pid "* ]] || taskset -a -p "$PG_MASTER_MASK" "$pid" >/dev/null 2>&1 || true
  done
  log "PostgreSQL: CPU affinity $PG_MASTER_MASK restored"
  PG_MASTER=; PG_PINNED=()
}
