package dev.gatehouse.runtime.calllog;

import static dev.gatehouse.runtime.calllog.CallBufferTests.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.gatehouse.config.CallRecord;
import org.junit.jupiter.api.Test;

class CallBatcherTests {

    @Test
    void aFullBatchGoesWithoutWaitingForTheInterval() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(2_000);
        for (int i = 0; i < 1_200; i++) {
            buffer.offer(record(i));
        }
        ManualTicker ticker = new ManualTicker();
        CallBatcher batcher = new CallBatcher(buffer, 500, Duration.ofSeconds(30), ticker);
        List<CallRecord> first = batcher.next(Duration.ofSeconds(1));
        List<CallRecord> second = batcher.next(Duration.ofSeconds(1));
        assertThat(ticker.parked()).as("time spent waiting for the batches to fill").isZero();
        assertThat(first).hasSize(500);
        assertThat(first.get(0).requestId()).isEqualTo("req-0");
        assertThat(second).hasSize(500);
        assertThat(second.get(0).requestId()).isEqualTo("req-500");
        assertThat(buffer.size()).isEqualTo(200);
    }

    @Test
    void aPartialBatchGoesWhenTheIntervalHasPassed() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(100);
        buffer.offer(record(1));
        buffer.offer(record(2));
        ManualTicker ticker = new ManualTicker();
        CallBatcher batcher = new CallBatcher(buffer, 500, Duration.ofMillis(200), ticker);
        long start = ticker.nanoTime();
        List<CallRecord> batch = batcher.next(Duration.ofSeconds(1));
        assertThat(batch).extracting(CallRecord::requestId).containsExactly("req-1", "req-2");
        // it waited out the flush interval, looking at the buffer every COLLECT_NANOS, and not a look longer
        assertThat(ticker.nanoTime() - start).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(ticker.parked()).isEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void nothingWaitingGivesAnEmptyBatchAfterTheIdleWait() throws InterruptedException {
        CallBatcher batcher = new CallBatcher(new CallBuffer(10), 500, Duration.ofSeconds(1));
        assertThat(batcher.next(Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void drainAllCutsWhatIsLeftIntoBatches() {
        CallBuffer buffer = new CallBuffer(100);
        for (int i = 0; i < 12; i++) {
            buffer.offer(record(i));
        }
        List<List<CallRecord>> batches = new CallBatcher(buffer, 5, Duration.ofSeconds(1)).drainAll();
        assertThat(batches).extracting(List::size).containsExactly(5, 5, 2);
        assertThat(buffer.size()).isZero();
    }
}
