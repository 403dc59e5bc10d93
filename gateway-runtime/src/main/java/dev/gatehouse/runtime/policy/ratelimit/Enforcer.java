package dev.gatehouse.runtime.policy.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Counts one call against several limits at once: all must allow it; when one refuses, the calls already taken
 * from the others are given back. A limit without a token waits for its lease, in all at most the counters' wait
 * bound and {@link #MAX_WAITS} times (others may spend a fresh lease first); then the per-node share decides.
 */
final class Enforcer {

    static final int MAX_WAITS = 3;
    private static final int[] NONE_TAKEN = new int[0];

    private final LeasedCounters counters;

    Enforcer(LeasedCounters counters) {
        this.counters = counters;
    }

    /**
     * One limit to count a call against.
     *
     * @param counter   the bucket
     * @param limit     calls per window
     * @param window    window index
     * @param windowEnd end of the window, epoch ms
     */
    record Take(Counter counter, long limit, long window, long windowEnd) {
    }

    /**
     * The outcome for all limits of a call.
     *
     * @param allowed   every limit allowed the call
     * @param limit     the deciding limit: the refusing one, or the one with fewest calls left
     * @param remaining calls left under it
     * @param resetMs   milliseconds until its window ends
     * @param deciding  index of the deciding limit among the takes, -1 when there were none
     * @param taken     for an allowed call, how each limit counted it (for {@link #giveBack}); empty otherwise
     */
    record Verdict(boolean allowed, long limit, long remaining, long resetMs, int deciding, int[] taken) {

        /** Whole seconds until the window ends, at least 1 (for {@code RateLimit-Reset} and {@code Retry-After}). */
        long resetSeconds() {
            return Math.max(1, (resetMs + 999) / 1_000);
        }
    }

    Mono<Verdict> check(Take[] takes) {
        return check(takes, new int[takes.length], 0, 0, 0);
    }

    private Mono<Verdict> check(Take[] takes, int[] taken, int from, int waits, long deadline) {
        for (int i = from; i < takes.length; i++) {
            Take t = takes[i];
            boolean patient = waits < MAX_WAITS && (waits == 0 || counters.now() < deadline);
            int code = counters.tryTake(t.counter(), t.limit(), t.window(), t.windowEnd(), patient);
            if (code == LeasedCounters.WAIT) {
                int index = i;
                long until = waits == 0 ? counters.now() + counters.waitBound().toMillis() : deadline;
                long left = Math.max(1, until - counters.now());
                return counters.pending(t.counter())
                        .timeout(java.time.Duration.ofMillis(left), Mono.empty())
                        .then(Mono.defer(() -> check(takes, taken, index, waits + 1, until)));
            }
            if (code == LeasedCounters.DENIED) {
                return Mono.just(refuse(takes, taken, i));
            }
            taken[i] = code;
        }
        return Mono.just(allow(takes, taken));
    }

    /**
     * Returns an allowed call to every limit that counted it: a later step refused the call (a quota), so it must
     * not use up the limits.
     */
    void giveBack(Take[] takes, Verdict allowed) {
        for (int i = 0; i < allowed.taken().length; i++) {
            counters.giveBack(takes[i].counter(), takes[i].window(), allowed.taken()[i]);
        }
    }

    private Verdict refuse(Take[] takes, int[] taken, int refusing) {
        for (int j = 0; j < refusing; j++) {
            counters.giveBack(takes[j].counter(), takes[j].window(), taken[j]);
        }
        Take t = takes[refusing];
        return new Verdict(false, counters.effectiveLimit(t.limit()), 0, t.windowEnd() - counters.now(), refusing,
                NONE_TAKEN);
    }

    private Verdict allow(Take[] takes, int[] taken) {
        int deciding = -1;
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < takes.length; i++) {
            long left = counters.remaining(takes[i].counter());
            if (left < fewest) {
                fewest = left;
                deciding = i;
            }
        }
        if (deciding < 0) {
            return new Verdict(true, 0, 0, 0, -1, taken);
        }
        Take t = takes[deciding];
        return new Verdict(true, counters.effectiveLimit(t.limit()), fewest, t.windowEnd() - counters.now(),
                deciding, taken);
    }
}
