package dev.gatehouse.admin.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The bearer token Prometheus presents on {@code /actuator/prometheus} ({@code GATEHOUSE_METRICS_TOKEN}). A
 * credential of its own rather than an API token, so that what sits in a scrape configuration opens the metrics
 * and nothing else (docs/adr/009-admin-metrics.md). Unset: the endpoint answers 401 to everyone. Only its SHA-256
 * digest is kept in memory.
 */
@Component
class MetricsScrapeToken {

    /** Shortest token accepted: a scrape token is a password, not a switch. */
    static final int MIN_LENGTH = 16;

    private final String digest;

    MetricsScrapeToken(@Value("${gatehouse.metrics.token:}") String token) {
        if (StringUtils.hasText(token) && token.trim().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("GATEHOUSE_METRICS_TOKEN (gatehouse.metrics.token) must be at least "
                    + MIN_LENGTH + " characters");
        }
        this.digest = StringUtils.hasText(token) ? TokenDigest.sha256Hex(token.trim()) : null;
    }

    /** Whether {@code token} is the scrape token; always false when none is configured. */
    boolean matches(String token) {
        return digest != null && token != null && !token.isEmpty() && token.length() <= 512
                && TokenDigest.sameDigest(digest, TokenDigest.sha256Hex(token));
    }
}
