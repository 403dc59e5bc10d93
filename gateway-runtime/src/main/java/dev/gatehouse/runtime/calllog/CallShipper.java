package dev.gatehouse.runtime.calllog;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.gatehouse.config.CallLogStatus;
import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.Backoff;
import dev.gatehouse.runtime.node.HeartbeatContributor;
import dev.gatehouse.runtime.node.HeartbeatStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The one background thread that empties the {@link CallBuffer}: it cuts batches, sends each to the admin, and while
 * the admin is unreachable (or answers anything but 2xx) writes them to the {@link CallSpool} instead. Spooled
 * batches go first, oldest first, with exponential backoff between failed attempts, and keep their batch id, so a
 * batch whose answer was lost is stored only once. Records are dropped (and counted) only when the spool is full,
 * or when the admin refuses a batch for good (400, 413, 422), which would otherwise block every later batch. On
 * shutdown, after the web server has stopped, whatever is still in memory is written to the spool.
 */
public final class CallShipper implements SmartLifecycle, HeartbeatContributor {

    private static final Logger log = LoggerFactory.getLogger(CallShipper.class);

    private final CallBuffer buffer;
    private final CallSpool spool;
    private final CallTransport transport;
    private final CallBatcher batcher;
    private final ConfigJson json;
    private final String nodeId;
    private final Duration flushInterval;
    private final Backoff backoff;
    private final Ticker ticker;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong spoolDropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long retryAt;
    private volatile boolean running;
    private Thread thread;

    CallShipper(CallBuffer buffer, CallSpool spool, CallTransport transport, ConfigJson json, String nodeId,
                int batchSize, Duration flushInterval, Backoff backoff) {
        this(buffer, spool, transport, json, nodeId, batchSize, flushInterval, backoff, Ticker.SYSTEM);
    }

    CallShipper(CallBuffer buffer, CallSpool spool, CallTransport transport, ConfigJson json, String nodeId,
                int batchSize, Duration flushInterval, Backoff backoff, Ticker ticker) {
        this.buffer = buffer;
        this.spool = spool;
        this.transport = transport;
        this.json = json;
        this.nodeId = nodeId;
        this.flushInterval = flushInterval;
        this.backoff = backoff;
        this.ticker = ticker;
        this.batcher = new CallBatcher(buffer, batchSize, flushInterval, ticker);
        this.retryAt = ticker.nanoTime();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "gatehouse-call-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Call-log shipper failed; continuing", e);
            }
        }
    }

    /** One step: ships the next batch from memory (or spools it), then retries spooled batches when due. */
    void runOnce() throws InterruptedException {
        Duration idle = spool.batches() > 0 ? Duration.ofMillis(Math.max(1, Math.min(flushInterval.toMillis(),
                (retryAt - ticker.nanoTime()) / 1_000_000))) : flushInterval;
        List<CallRecord> records = batcher.next(idle);
        if (!records.isEmpty()) {
            ship(new CallRecordBatch(UUID.randomUUID().toString(), nodeId, records));
        }
        shipSpooled();
    }

    private void ship(CallRecordBatch batch) {
        byte[] gzip = CallSpool.encode(json, batch);
        // newer batches wait behind spooled ones, so the admin receives every batch in order
        if (spool.batches() == 0 && due()) {
            CallTransport.Outcome outcome = transport.send(batch.batchId(), gzip);
            if (outcome != CallTransport.Outcome.FAILED) {
                done(batch, outcome);
                return;
            }
            failed();
        }
        toSpool(batch, gzip);
    }

    private void shipSpooled() {
        long until = ticker.nanoTime() + flushInterval.toNanos();
        while (spool.batches() > 0 && due() && ticker.nanoTime() < until) {
            CallSpool.Spooled next = spool.oldest();
            if (next == null) {
                return;
            }
            CallTransport.Outcome outcome = transport.send(next.batch().batchId(), next.gzip());
            if (outcome == CallTransport.Outcome.FAILED) {
                failed();
                return;
            }
            spool.delete(next.name());
            done(next.batch(), outcome);
        }
    }

    private boolean due() {
        return ticker.nanoTime() - retryAt >= 0;
    }

    private void done(CallRecordBatch batch, CallTransport.Outcome outcome) {
        if (outcome == CallTransport.Outcome.ACKNOWLEDGED) {
            shipped.addAndGet(batch.records().size());
        } else {
            rejected.addAndGet(batch.records().size());
        }
        backoff.reset();
    }

    private void failed() {
        retryAt = ticker.nanoTime() + backoff.next().toNanos();
    }

    private void toSpool(CallRecordBatch batch, byte[] gzip) {
        if (!spool.write(batch.batchId(), gzip)) {
            long lost = spoolDropped.addAndGet(batch.records().size());
            log.warn("Call-log spool {} is full ({} of {} bytes): dropped {} records ({} in all)", spool.dir(),
                    spool.bytes(), spool.maxBytes(), batch.records().size(), lost + buffer.dropped());
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = thread;
            thread = null;
        }
        try {
            stopping.join(flushInterval.toMillis() + 15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushToSpool();
    }

    /** Writes everything still in memory to the spool, for the next start to ship. */
    void flushToSpool() {
        int records = 0;
        for (List<CallRecord> records0 : batcher.drainAll()) {
            CallRecordBatch batch = new CallRecordBatch(UUID.randomUUID().toString(), nodeId, records0);
            toSpool(batch, CallSpool.encode(json, batch));
            records += records0.size();
        }
        if (records > 0) {
            log.info("Spooled {} call records to {} at shutdown", records, spool.dir());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop after the web server (its phases are DEFAULT_PHASE - 1024 and - 2048) so that late requests are kept
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void contribute(HeartbeatStatus heartbeat) {
        heartbeat.callLog(status());
    }

    /** How shipping is doing, for heartbeats. */
    public CallLogStatus status() {
        return new CallLogStatus(buffer.size(), buffer.capacity(), spool.batches(), spool.bytes(), spool.maxBytes(),
                dropped(), shipped.get());
    }

    /** Records dropped: buffer or spool full, or (rarely) a batch the admin refused for good. */
    public long dropped() {
        return buffer.dropped() + spoolDropped.get() + rejected.get();
    }

    /** Records the admin has acknowledged. */
    public long shipped() {
        return shipped.get();
    }

    CallSpool spool() {
        return spool;
    }
}
