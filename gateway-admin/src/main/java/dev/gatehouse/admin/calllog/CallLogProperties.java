package dev.gatehouse.admin.calllog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Call-log settings, bound from {@code gatehouse.call-log.*}.
 *
 * @param retention    how long raw call records and batch ids are kept; whole days are dropped once every call in
 *                     them is older than this
 * @param maxBatchSize largest batch accepted, after decompression
 * @param traceUrlTemplate link from a call to its trace in the operator's trace viewer (Jaeger, Tempo…): an http(s)
 *                     URL with {@code {traceId}} where the trace id goes; empty means no link
 */
@ConfigurationProperties("gatehouse.call-log")
record CallLogProperties(@DefaultValue("14d") Duration retention, @DefaultValue("10MB") DataSize maxBatchSize,
                         String traceUrlTemplate) {

    CallLogProperties {
        // Partitions are daily; a shorter retention would drop today's partition while it is being written.
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("gatehouse.call-log.retention must be at least 1d, got " + retention);
        }
        if (maxBatchSize.toBytes() < 1024) {
            throw new IllegalArgumentException("gatehouse.call-log.max-batch-size must be at least 1KB");
        }
        traceUrlTemplate = traceUrlTemplate == null || traceUrlTemplate.isBlank() ? null : traceUrlTemplate.strip();
        if (traceUrlTemplate != null && !TraceLink.isTemplate(traceUrlTemplate)) {
            throw new IllegalArgumentException("gatehouse.call-log.trace-url-template must be an http(s) URL with "
                    + "{traceId} where the trace id goes, such as http://jaeger:16686/trace/{traceId}; got '"
                    + traceUrlTemplate + "'");
        }
    }
}
