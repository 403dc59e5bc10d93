#!/usr/bin/env python3
"""Who else used CPU on the proxy core during a measured run (bench/run.sh).

    neighbours.py snap CORE > before.tsv          # every process allowed on CORE: pid, CPU ticks, name
    neighbours.py top BEFORE AFTER REQUESTS PID... # the three that used most between the snapshots, in µs per
                                                   # request, leaving out PID... (the row's own processes)

A process allowed on the proxy core may still have run on the other one (only pinned processes are sure), so the
list names candidates, with the time each used anywhere; kernel threads bound to the core (ksoftirqd, kworker)
are included. Prints one line, "-" when nobody used a measurable share.
"""
import os
import sys


def snap(core):
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        try:
            if core not in os.sched_getaffinity(pid):
                continue
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # gone meanwhile
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks = int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of stat)
        print(f"{pid}\t{ticks}\t{comm.replace(chr(9), ' ')}")


def read(path):
    out = {}
    with open(path) as f:
        for line in f:
            pid, ticks, comm = line.rstrip("\n").split("\t", 2)
            out[pid] = (int(ticks), comm)
    return out


def top(before_path, after_path, requests, own):
    before, after = read(before_path), read(after_path)
    hz = os.sysconf("SC_CLK_TCK")
    used = []
    for pid, (ticks, comm) in after.items():
        if pid in own or pid not in before:
            continue
        delta = ticks - before[pid][0]
        if delta > 0 and requests > 0:
            used.append((delta / hz * 1e6 / requests, comm, pid))
    used.sort(reverse=True)
    shown = [f"{comm}({pid}) {us:.1f}" for us, comm, pid in used[:3] if us >= 0.5]
    print(", ".join(shown) if shown else "-")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "snap":
        snap(int(sys.argv[2]))
    elif len(sys.argv) >= 5 and sys.argv[1] == "top":
        top(sys.argv[2], sys.argv[3], int(sys.argv[4] or 0), set(sys.argv[5:]))
    else:
        sys.exit(__doc__)
