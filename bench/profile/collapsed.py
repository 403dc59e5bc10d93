#!/usr/bin/env python3
"""Summarises collapsed stacks (async-profiler's `collapsed` output: "frame;frame;...;leaf COUNT" per line).

    bench/profile/collapsed.py OUT.collapsed [TOP] [PATTERN]

Prints: the share of samples by the layer of the innermost non-JDK frame (Netty, Reactor, Spring, SCG, Gatehouse...),
the hottest leaf frames (self time, including native ones such as send()), and the hottest frames by inclusive time,
limited to frames matching PATTERN (a regular expression, e.g. "gatehouse|cloud.gateway") when given.
"""
import collections
import re
import sys

LAYERS = ['dev/gatehouse', 'org/springframework/cloud', 'org/springframework', 'reactor/netty', 'reactor/core',
          'io/netty', 'io/micrometer', 'io/lettuce', 'ch/qos', 'tools/jackson']


def layer(frame):
    for prefix in LAYERS:
        if frame.startswith(prefix):
            return prefix.replace('/', '.')
    return None


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    pattern = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
    own, inclusive, layers = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    with open(path) as lines:
        for line in lines:
            stack, _, count = line.rstrip().rpartition(' ')
            if not stack:
                continue
            count = int(count)
            total += count
            frames = stack.split(';')
            own[frames[-1]] += count
            layers[next((l for l in map(layer, reversed(frames)) if l), 'jdk/native')] += count
            for frame in set(frames):
                inclusive[frame] += count
    print('samples: %d' % total)
    print('\nlayer of the innermost non-JDK frame:')
    for name, count in layers.most_common():
        print('%6.1f%%  %s' % (100.0 * count / total, name))
    print('\nself:')
    for frame, count in own.most_common(top):
        print('%6.1f%%  %s' % (100.0 * count / total, frame[:160]))
    print('\ninclusive%s:' % (' (%s)' % pattern.pattern if pattern else ''))
    shown = 0
    for frame, count in inclusive.most_common():
        if pattern is None or pattern.search(frame):
            print('%6.1f%%  %s' % (100.0 * count / total, frame[:160]))
            shown += 1
            if shown >= top:
                break


if __name__ == '__main__':
    main()
