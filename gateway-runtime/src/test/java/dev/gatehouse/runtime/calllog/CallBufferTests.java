package dev.gatehouse.runtime.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.CallRecord;
import org.junit.jupiter.api.Test;

class CallBufferTests {

    static CallRecord record(int n) {
        return new CallRecord(n, "node", "req-" + n, null, null, null, null, null, null, null, "GET", "/p/" + n, 200,
                10, -1, 0, 0, "127.0.0.1", null, null, 0, null);
    }

    @Test
    void offerNeverWaitsAndCountsWhatDoesNotFit() {
        CallBuffer buffer = new CallBuffer(10);
        long waitsBefore = waits();
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (buffer.offer(record(i))) {
                accepted++;
            }
        }
        // a full buffer refuses at once: the calling thread never parked (a timed offer would, once per record)
        assertThat(waits()).as("times the calling thread waited").isEqualTo(waitsBefore);
        assertThat(accepted).isEqualTo(10);
        assertThat(buffer.size()).isEqualTo(10);
        assertThat(buffer.dropped()).isEqualTo(9_990);
        assertThat(buffer.capacity()).isEqualTo(10);
    }

    /** How often this thread has been WAITING or TIMED_WAITING (parked) since it started. */
    private static long waits() {
        return ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
    }

    @Test
    void concurrentWritersLoseNothingUncounted() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(5_000);
        int threads = 8;
        int each = 5_000;
        AtomicLong accepted = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (buffer.offer(record(i))) {
                        accepted.incrementAndGet();
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(accepted.get()).isEqualTo(5_000);
        assertThat(buffer.size() + buffer.dropped()).isEqualTo((long) threads * each);
    }
}
