package dev.gatehouse.runtime.tracing;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the spans waiting for export and counts what becomes of them: exported, failed (the collector refused,
 * was unreachable or timed out) or dropped because {@code queueSize} spans were already waiting. The SDK's batch
 * processor drops silently when its queue is full; a gate in front of it ({@link #gate}) that admits at most as
 * many spans as the queue holds makes every drop one it counts. A failed export is counted and forgotten: it never
 * reaches a call. Failures are logged in one line at most once a minute (the exporter's own log, a stack trace per
 * batch, is switched off in application.yml), never per call.
 */
final class ExportCounts {

    private static final Logger log = LoggerFactory.getLogger(ExportCounts.class);
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final int limit;
    private final String endpoint;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param endpoint where spans go, for the failure log line */
    ExportCounts(int limit, String endpoint) {
        this.limit = limit;
        this.endpoint = endpoint;
    }

    long exported() {
        return exported.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** {@code processor}, admitting a sampled span only while fewer than the limit wait for export. */
    SpanProcessor gate(SpanProcessor processor) {
        return new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
                processor.onStart(parent, span);
            }

            @Override
            public boolean isStartRequired() {
                return processor.isStartRequired();
            }

            @Override
            public void onEnd(ReadableSpan span) {
                if (!span.getSpanContext().isSampled()) {
                    return;
                }
                if (waiting.incrementAndGet() > limit) {
                    waiting.decrementAndGet();
                    dropped.incrementAndGet();
                    return;
                }
                processor.onEnd(span);
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }

            @Override
            public CompletableResultCode shutdown() {
                return processor.shutdown();
            }

            @Override
            public CompletableResultCode forceFlush() {
                return processor.forceFlush();
            }
        };
    }

    /** {@code exporter}, counting each batch as exported or failed once its request has ended. */
    SpanExporter count(SpanExporter exporter) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                int size = spans.size();
                CompletableResultCode result;
                try {
                    result = exporter.export(spans);
                } catch (RuntimeException e) {
                    result = CompletableResultCode.ofFailure();
                }
                CompletableResultCode done = result;
                done.whenComplete(() -> {
                    waiting.addAndGet(-size);
                    (done.isSuccess() ? exported : failed).addAndGet(size);
                    if (!done.isSuccess()) {
                        logFailure(size, done.getFailureThrowable());
                    }
                });
                return done;
            }

            @Override
            public CompletableResultCode flush() {
                return exporter.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return exporter.shutdown();
            }
        };
    }

    private void logFailure(int size, Throwable cause) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("Exporting {} spans to {} failed ({}); spans whose export fails are counted in "
                    + "gatehouse_tracing_spans_failed_total, calls are not affected; next report in a minute at the "
                    + "earliest", size, endpoint, cause == null ? "the endpoint refused them or did not answer in time"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
