package dev.gatehouse.runtime.calllog;

/**
 * A {@link Ticker} the test moves: time stands still until {@link #advance} is called or the code under test parks,
 * which moves it on by the time parked (so a wait for a deadline ends at the deadline, at once).
 */
final class ManualTicker implements Ticker {

    private long nanos = 1_000_000_000L;
    private long parked;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized void park(long nanos) {
        this.nanos += nanos;
        this.parked += nanos;
    }

    /** Lets {@code nanos} pass. */
    synchronized void advance(long nanos) {
        this.nanos += nanos;
    }

    /** All the time the code under test has parked. */
    synchronized long parked() {
        return parked;
    }
}
