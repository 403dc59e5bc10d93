#!/usr/bin/env python3
"""Summarises CPU samples of a JFR recording: the hottest methods by self time and by total (inclusive) time.

    jfr print --events jdk.ExecutionSample rec.jfr | bench/profile/jfrtop.py [TOP] [FILTER]

TOP (default 40) rows each; FILTER (optional substring) limits the inclusive table to matching frames, e.g.
"dev.gatehouse". Stack traces in `jfr print` are truncated to the top 64 frames, which is enough for the event loop.
"""
import collections
import re
import sys

top = int(sys.argv[1]) if len(sys.argv) > 1 else 40
flt = sys.argv[2] if len(sys.argv) > 2 else None
selfc = collections.Counter()
incl = collections.Counter()
threads = collections.Counter()
samples = 0
frames = None
frame_re = re.compile(r'^\s+([\w$.<>/\[\]]+\(.*?\))')
for line in sys.stdin:
    if line.startswith('jdk.ExecutionSample'):
        frames = []
        continue
    if frames is None:
        continue
    s = line.strip()
    if s.startswith('sampledThread'):
        threads[s.split('"')[1] if '"' in s else s] += 1
    m = frame_re.match(line)
    if m and 'line:' in line or (m and s.endswith(')')):
        frames.append(m.group(1))
    if s == '}' and frames is not None and line.startswith('}'):
        if frames:
            samples += 1
            selfc[frames[0]] += 1
            for f in set(frames):
                incl[f] += 1
        frames = None
print("samples: %d" % samples)
print("\nthreads:")
for t, c in threads.most_common(10):
    print("%6.1f%%  %s" % (100.0 * c / max(samples, 1), t))
print("\nself:")
for f, c in selfc.most_common(top):
    print("%6.1f%%  %s" % (100.0 * c / max(samples, 1), f))
print("\ninclusive%s:" % (" (" + flt + ")" if flt else ""))
n = 0
for f, c in incl.most_common():
    if flt and flt not in f:
        continue
    print("%6.1f%%  %s" % (100.0 * c / max(samples, 1), f))
    n += 1
    if n >= top:
        break
