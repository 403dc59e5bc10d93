package dev.gatehouse.runtime.tracing;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tracing settings, bound from {@code gatehouse.tracing.*} (environment {@code GATEHOUSE_TRACING_*}). Tracing is on
 * exactly when an OTLP endpoint is set; without one the node creates no span and leaves the client's
 * {@code traceparent} alone (docs/adr/011-tracing.md).
 *
 * @param otlpEndpoint  OTLP/HTTP (protobuf) URL spans are sent to ({@code GATEHOUSE_TRACING_OTLP_ENDPOINT}); a URL
 *                      without a path gets {@code /v1/traces}; empty: tracing off
 * @param sampleRatio   share of new traces recorded, 0 to 1 (default 1); a call continuing a client's trace follows
 *                      the client's sampled flag instead
 * @param serviceName   {@code service.name} of the node's spans (default {@code gatehouse})
 * @param queueSize     spans waiting for export at most; more are dropped (default 2048)
 * @param batchSize     spans per export request at most (default 512)
 * @param scheduleDelay longest time a span waits before its batch is sent (default 5 s)
 * @param exportTimeout longest wait for one export request (default 10 s)
 */
@ConfigurationProperties("gatehouse.tracing")
public record TracingProperties(String otlpEndpoint, Double sampleRatio, String serviceName, Integer queueSize,
                                Integer batchSize, Duration scheduleDelay, Duration exportTimeout) {

    /** Where the endpoint's path is empty, the OTLP/HTTP path of traces. */
    static final String TRACES_PATH = "/v1/traces";

    public TracingProperties {
        otlpEndpoint = otlpEndpoint == null ? "" : otlpEndpoint.trim();
        if (!otlpEndpoint.isEmpty()) {
            otlpEndpoint = tracesUrl(otlpEndpoint);
        }
        sampleRatio = sampleRatio == null ? 1.0 : sampleRatio;
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw new IllegalArgumentException("GATEHOUSE_TRACING_SAMPLE_RATIO must be between 0 and 1 (0.01 records "
                    + "one new trace in a hundred), not " + sampleRatio);
        }
        serviceName = serviceName == null || serviceName.isBlank() ? "gatehouse" : serviceName.trim();
        queueSize = positive(queueSize, 2_048, "GATEHOUSE_TRACING_QUEUE_SIZE");
        batchSize = Math.min(positive(batchSize, 512, "GATEHOUSE_TRACING_BATCH_SIZE"), queueSize);
        scheduleDelay = duration(scheduleDelay, Duration.ofSeconds(5), "GATEHOUSE_TRACING_SCHEDULE_DELAY");
        exportTimeout = duration(exportTimeout, Duration.ofSeconds(10), "GATEHOUSE_TRACING_EXPORT_TIMEOUT");
    }

    /** True when spans are made and exported. */
    public boolean enabled() {
        return !otlpEndpoint.isEmpty();
    }

    private static String tracesUrl(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("GATEHOUSE_TRACING_OTLP_ENDPOINT must be an http(s) URL such as "
                    + "http://otel-collector:4318/v1/traces, not '" + endpoint + "'");
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? uri.resolve(TRACES_PATH).toString() : endpoint;
    }

    private static int positive(Integer value, int otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    private static Duration duration(Duration value, Duration otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }
}
