package dev.gatehouse.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnection delay with jitter: starts at {@code initial}, doubles up to {@code max}, and each delay
 * is drawn between half and all of the current step so that nodes cut off together do not all return together.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long stepMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.stepMillis = initialMillis;
    }

    /** The next delay; the one after it is twice as long, up to the maximum. */
    public synchronized Duration next() {
        long step = stepMillis;
        stepMillis = Math.min(maxMillis, step * 2);
        return jittered(step);
    }

    /** A delay near the maximum, for failures retrying soon cannot fix (such as a refused token). */
    public synchronized Duration slow() {
        stepMillis = maxMillis;
        return jittered(maxMillis);
    }

    /** Starts again from the initial delay; called once the admin has been reached and heard. */
    public synchronized void reset() {
        stepMillis = initialMillis;
    }

    private static Duration jittered(long step) {
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step - half + 1));
    }
}
