package dev.gatehouse.runtime.calllog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.CallRecord;

/**
 * Cuts the buffer into batches: a batch is complete when it holds {@code batchSize} records or when
 * {@code flushInterval} has passed since its first record arrived, whichever comes first.
 */
final class CallBatcher {

    /** How long the batcher sleeps between two looks at the buffer while a batch fills. */
    static final long COLLECT_NANOS = 10_000_000L;

    private final CallBuffer buffer;
    private final int batchSize;
    private final long flushNanos;
    private final Ticker ticker;

    CallBatcher(CallBuffer buffer, int batchSize, Duration flushInterval) {
        this(buffer, batchSize, flushInterval, Ticker.SYSTEM);
    }

    CallBatcher(CallBuffer buffer, int batchSize, Duration flushInterval, Ticker ticker) {
        this.buffer = buffer;
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.ticker = ticker;
    }

    /**
     * The next batch, waiting at most {@code idleWait} for a first record; empty when none arrived. Once a first
     * record is there, waits at most the flush interval for the batch to fill, looking every
     * {@link #COLLECT_NANOS}.
     */
    List<CallRecord> next(Duration idleWait) throws InterruptedException {
        CallRecord first = buffer.poll(idleWait.toNanos());
        if (first == null) {
            return List.of();
        }
        List<CallRecord> batch = new ArrayList<>(Math.min(batchSize, 1024));
        batch.add(first);
        long deadline = ticker.nanoTime() + flushNanos;
        while (batch.size() < batchSize) {
            if (buffer.drainTo(batch, batchSize - batch.size()) > 0) {
                continue;
            }
            long left = deadline - ticker.nanoTime();
            if (left <= 0) {
                break;
            }
            // sleep rather than wait on the queue: while this thread waits there, every request's offer wakes it
            // (a futex call and a context switch per call on the node's cores)
            ticker.park(Math.min(left, COLLECT_NANOS));
        }
        return batch;
    }

    /** Whatever is waiting now, in batches, without waiting (used at shutdown). */
    List<List<CallRecord>> drainAll() {
        List<List<CallRecord>> batches = new ArrayList<>();
        while (true) {
            List<CallRecord> batch = new ArrayList<>();
            if (buffer.drainTo(batch, batchSize) == 0) {
                return batches;
            }
            batches.add(batch);
        }
    }
}
