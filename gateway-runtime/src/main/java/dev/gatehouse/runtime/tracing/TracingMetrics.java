package dev.gatehouse.runtime.tracing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What became of the node's spans, on the management port: {@code gatehouse_tracing_spans_exported_total},
 * {@code ..._failed_total} (the endpoint was unreachable, refused or slow; the calls were not affected) and
 * {@code ..._dropped_total} (the export queue was full). All zero while tracing is off.
 */
final class TracingMetrics {

    TracingMetrics(MeterRegistry registry, Tracing tracing) {
        FunctionCounter.builder("gatehouse.tracing.spans.exported", tracing, Tracing::exportedSpans)
                .description("Spans exported to the OTLP endpoint").register(registry);
        FunctionCounter.builder("gatehouse.tracing.spans.failed", tracing, Tracing::failedSpans)
                .description("Spans whose export failed (endpoint unreachable, refused or slow); calls are unaffected")
                .register(registry);
        FunctionCounter.builder("gatehouse.tracing.spans.dropped", tracing, Tracing::droppedSpans)
                .description("Spans dropped because the export queue was full").register(registry);
    }
}
