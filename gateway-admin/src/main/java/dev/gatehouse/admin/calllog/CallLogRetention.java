package dev.gatehouse.admin.calllog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of raw call logs: drops whole daily partitions once every call in them is older than
 * {@code gatehouse.call-log.retention}, and the batch ids received before that. Nothing else: minute roll-ups
 * are small and stay for dashboards.
 */
@Component
class CallLogRetention {

    private final CallLogPartitions partitions;
    private final JdbcClient jdbc;
    private final CallLogProperties properties;
    private final Clock clock;

    CallLogRetention(CallLogPartitions partitions, JdbcClient jdbc, CallLogProperties properties, Clock clock) {
        this.partitions = partitions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void scheduled() {
        run(clock.instant());
    }

    /** Applies retention as of {@code now}; returns the days dropped. */
    List<LocalDate> run(Instant now) {
        Instant cutoff = now.minus(properties.retention());
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : partitions.days()) {
            // A partition holds [day, day + 1): it may go once its end is at or before the cutoff.
            if (!day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff)) {
                partitions.drop(day);
                dropped.add(day);
            }
        }
        jdbc.sql("DELETE FROM call_log_batches WHERE received_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC)).update();
        return dropped;
    }
}
