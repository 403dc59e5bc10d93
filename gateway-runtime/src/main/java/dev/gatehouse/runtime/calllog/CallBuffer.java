package dev.gatehouse.runtime.calllog;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.CallRecord;

/**
 * The bounded in-memory queue between the request path and the shipper. {@link #offer} never waits: when the queue
 * is full the record is dropped and counted, so a slow or absent admin can never slow down a request.
 */
public final class CallBuffer {

    private final ArrayBlockingQueue<CallRecord> queue;
    private final int capacity;
    private final AtomicLong dropped = new AtomicLong();

    public CallBuffer(int capacity) {
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues a record without waiting; false (and counted as dropped) when the buffer is full. */
    public boolean offer(CallRecord record) {
        if (queue.offer(record)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Waits up to {@code timeoutNanos} for the next record; null when none arrived. Shipper thread only. */
    CallRecord poll(long timeoutNanos) throws InterruptedException {
        return queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Moves up to {@code max} waiting records into {@code into}; returns how many. */
    int drainTo(List<CallRecord> into, int max) {
        return queue.drainTo(into, max);
    }

    /** Records waiting. */
    public int size() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Records refused because the buffer was full. */
    public long dropped() {
        return dropped.get();
    }
}
