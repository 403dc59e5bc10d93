package dev.gatehouse.admin.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * {@code gatehouse_admin_publish_latency_seconds} (a histogram): from the start of the transaction that wrote a
 * revision ({@code config_revisions.created_at}, the database's clock) to its first send on a configuration stream
 * of this admin instance. Measured only for revisions committed while this instance had a stream open, so a node
 * catching up after a reconnect does not count its time away. Whichever admin instance committed the write, every
 * instance that streams it measures it; clocks of admin and database must agree (NTP), a negative difference
 * counts as zero.
 */
@Component
class PublishLatency {

    /** Revisions waiting for their first send; more than this (nothing sent for a long time) drops the oldest. */
    private static final int MAX_PENDING = 1_024;

    private final Timer latency;
    private final Clock clock;
    private final ConcurrentSkipListMap<Long, Instant> pending = new ConcurrentSkipListMap<>();

    PublishLatency(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.latency = Timer.builder("gatehouse.admin.publish.latency")
                .description("Time from a configuration write to its first send on a configuration stream")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Revisions committed (revision to the start of its transaction), about to be sent to open streams. */
    void committed(Map<Long, Instant> revisions) {
        pending.putAll(revisions);
        while (pending.size() > MAX_PENDING) {
            pending.pollFirstEntry();
        }
    }

    /** A change set up to {@code toRevision} went out on a stream: the revisions it carries are published. */
    void sent(long toRevision) {
        Instant now = clock.instant();
        Map.Entry<Long, Instant> next;
        while ((next = pending.firstEntry()) != null && next.getKey() <= toRevision) {
            if (pending.remove(next.getKey()) != null) {
                Duration took = Duration.between(next.getValue(), now);
                latency.record(took.isNegative() ? Duration.ZERO : took);
            }
        }
    }
}
