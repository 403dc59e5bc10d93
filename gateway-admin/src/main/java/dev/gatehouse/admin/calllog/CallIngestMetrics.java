package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Prometheus view of call-log ingestion on this admin instance, so that an operator sees records arrive without
 * opening the console: {@code gatehouse_admin_calllog_ingested_records_total},
 * {@code gatehouse_admin_calllog_ingested_batches_total},
 * {@code gatehouse_admin_calllog_refused_batches_total{code}} (batches answered 400, by problem code) and
 * {@code gatehouse_admin_calllog_ingest_lag_seconds}: now minus the timestamp of the newest record this instance
 * has stored (NaN before the first). The lag also grows while no calls are made; read it beside the record rate.
 */
@Component
class CallIngestMetrics {

    /** The problem codes a refused batch can carry ({@link CallBatchReader}, {@link CallBatchController}). */
    static final List<String> REFUSAL_CODES = List.of("malformed_json", "validation_failed", "unsupported_encoding",
            "too_large");

    private final MeterRegistry registry;
    private final Counter records;
    private final Counter batches;
    /** Epoch milliseconds of the newest record stored; Long.MIN_VALUE before the first. */
    private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

    CallIngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        records = Counter.builder("gatehouse.admin.calllog.ingested.records")
                .description("Call records stored by this admin instance").register(registry);
        batches = Counter.builder("gatehouse.admin.calllog.ingested.batches")
                .description("Call-log batches stored by this admin instance (repeats of a stored batch not counted)")
                .register(registry);
        REFUSAL_CODES.forEach(this::refusedCounter);
        Gauge.builder("gatehouse.admin.calllog.ingest.lag", newest, n -> lagSeconds(clock, n.get()))
                .description("Now minus the timestamp of the newest call record this admin instance stored")
                .baseUnit("seconds")
                .register(registry);
    }

    private static double lagSeconds(Clock clock, long newestMillis) {
        return newestMillis == Long.MIN_VALUE ? Double.NaN
                : Math.max(0, clock.millis() - newestMillis) / 1000.0;
    }

    /** A batch was stored (not a repeat). */
    void stored(CallRecordBatch batch) {
        batches.increment();
        records.increment(batch.records().size());
        long max = Long.MIN_VALUE;
        for (CallRecord r : batch.records()) {
            max = Math.max(max, r.timestamp());
        }
        newest.accumulateAndGet(max, Math::max);
    }

    /** A batch was refused with the problem {@code code}. */
    void refused(String code) {
        refusedCounter(code).increment();
    }

    private Counter refusedCounter(String code) {
        return Counter.builder("gatehouse.admin.calllog.refused.batches").tag("code", code)
                .description("Call-log batches refused whole (answered 400), by problem code").register(registry);
    }
}
