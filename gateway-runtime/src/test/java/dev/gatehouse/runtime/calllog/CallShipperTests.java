package dev.gatehouse.runtime.calllog;

import static dev.gatehouse.runtime.calllog.CallBufferTests.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallShipperTests {

    private static final ConfigJson JSON = new ConfigJson();

    @TempDir
    Path dir;

    private final ManualTicker ticker = new ManualTicker();

    /** An admin that stores each batch id once, and can be switched off. */
    static final class Admin implements CallTransport {
        volatile boolean up = true;
        volatile String poison;
        final Map<String, byte[]> stored = new ConcurrentHashMap<>();
        final List<String> attempts = new ArrayList<>();
        final List<String> storedOrder = new ArrayList<>();

        @Override
        public synchronized Outcome send(String batchId, byte[] gzip) {
            attempts.add(batchId);
            if (!up) {
                return Outcome.FAILED;
            }
            if (poison != null && decode(gzip).records().stream().anyMatch(r -> r.requestId().equals(poison))) {
                return Outcome.REJECTED;
            }
            if (stored.putIfAbsent(batchId, gzip) == null) {
                storedOrder.add(batchId);
            }
            return Outcome.ACKNOWLEDGED;
        }

        private static CallRecordBatch decode(byte[] gzip) {
            try {
                return CallSpool.decode(JSON, gzip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized List<CallRecord> records() {
            List<CallRecord> all = new ArrayList<>();
            for (String id : storedOrder) {
                try {
                    all.addAll(CallSpool.decode(JSON, stored.get(id)).records());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return all;
        }
    }

    private CallShipper shipper(CallBuffer buffer, Admin admin, long spoolBytes) {
        return new CallShipper(buffer, new CallSpool(dir, spoolBytes, JSON), admin, JSON, "node", 10,
                Duration.ofMillis(20), new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), ticker);
    }

    private static void offer(CallBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            buffer.offer(record(i));
        }
    }

    /** Runs the shipper, letting its 1 ms backoff pass after each step, until nothing is left to ship. */
    private void runUntilEmpty(CallShipper shipper, CallBuffer buffer) throws InterruptedException {
        for (int i = 0; i < 1_000 && (buffer.size() > 0 || shipper.spool().batches() > 0); i++) {
            shipper.runOnce();
            ticker.advance(Duration.ofMillis(1).toNanos());
        }
    }

    @Test
    void batchesGoStraightToAReachableAdmin() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(1_000);
        Admin admin = new Admin();
        CallShipper shipper = shipper(buffer, admin, 1_000_000);
        offer(buffer, 0, 25);
        runUntilEmpty(shipper, buffer);
        assertThat(admin.records()).extracting(CallRecord::timestamp).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 25).boxed().toList());
        assertThat(admin.storedOrder).hasSize(3);
        assertThat(shipper.status().shippedRecords()).isEqualTo(25);
        assertThat(shipper.spool().batches()).isZero();
    }

    @Test
    void whileTheAdminIsDownBatchesAreSpooledThenDeliveredInOrderOnceEach() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(1_000);
        Admin admin = new Admin();
        admin.up = false;
        CallShipper shipper = shipper(buffer, admin, 1_000_000);
        offer(buffer, 0, 45);
        for (int i = 0; i < 10; i++) {
            shipper.runOnce();
        }
        assertThat(shipper.spool().batches()).isEqualTo(5);
        assertThat(shipper.status().shippedRecords()).isZero();

        admin.up = true;
        offer(buffer, 45, 50);
        runUntilEmpty(shipper, buffer);
        assertThat(admin.records()).extracting(CallRecord::timestamp).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 50).boxed().toList());
        // refused batches were sent again under the same id
        Set<String> ids = new HashSet<>(admin.attempts);
        assertThat(admin.attempts.size()).isGreaterThan(ids.size());
        assertThat(admin.storedOrder).doesNotHaveDuplicates().hasSize(6);
        assertThat(shipper.dropped()).isZero();
        assertThat(shipper.spool().bytes()).isZero();
    }

    @Test
    void whenTheSpoolIsFullTheDroppedCountIsExactlyWhatNeverArrives() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(1_000);
        Admin admin = new Admin();
        admin.up = false;
        long oneBatch = CallSpool.encode(JSON, new CallRecordBatch("00000000-0000-0000-0000-000000000000", "node",
                java.util.stream.IntStream.range(0, 10).mapToObj(CallBufferTests::record).toList())).length;
        CallShipper shipper = shipper(buffer, admin, oneBatch * 3);
        offer(buffer, 0, 100);
        for (int i = 0; i < 20; i++) {
            shipper.runOnce();
        }
        assertThat(shipper.dropped()).isPositive();

        admin.up = true;
        runUntilEmpty(shipper, buffer);
        assertThat(admin.records().size() + shipper.dropped()).isEqualTo(100);
        assertThat(shipper.status().droppedRecords()).isEqualTo(shipper.dropped());
    }

    @Test
    void aBatchTheAdminRefusesForGoodIsDroppedAndDoesNotBlockLaterOnes() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(1_000);
        Admin admin = new Admin();
        admin.up = false;
        admin.poison = "req-3";
        CallShipper shipper = shipper(buffer, admin, 1_000_000);
        offer(buffer, 0, 30);
        for (int i = 0; i < 5; i++) {
            shipper.runOnce();
        }
        admin.up = true;
        runUntilEmpty(shipper, buffer);
        assertThat(admin.records()).hasSize(20);
        assertThat(shipper.dropped()).isEqualTo(10);
        assertThat(shipper.spool().batches()).isZero();
    }

    @Test
    void atShutdownWhatIsInMemoryIsSpooledAndShippedByTheNextNode() throws InterruptedException {
        CallBuffer buffer = new CallBuffer(1_000);
        Admin admin = new Admin();
        admin.up = false;
        CallShipper first = shipper(buffer, admin, 1_000_000);
        offer(buffer, 0, 15);
        first.flushToSpool();
        assertThat(first.spool().batches()).isEqualTo(2);

        admin.up = true;
        CallBuffer fresh = new CallBuffer(1_000);
        CallShipper next = shipper(fresh, admin, 1_000_000);
        runUntilEmpty(next, fresh);
        assertThat(admin.records()).hasSize(15);
    }
}
