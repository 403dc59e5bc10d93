package dev.gatehouse.runtime.calllog;

import java.util.concurrent.locks.LockSupport;

/**
 * Where the call-log shipper reads the time and waits: the JVM's monotonic clock and a park of the shipper thread
 * ({@link #SYSTEM}), or, in unit tests, a clock the test moves itself, so batching deadlines and retry backoff are
 * tested without waiting for them.
 */
interface Ticker {

    /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void park(long nanos) throws InterruptedException {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };

    /** Now, in nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    /** Waits about {@code nanos} (possibly less); throws when the waiting thread is interrupted. */
    void park(long nanos) throws InterruptedException;
}
