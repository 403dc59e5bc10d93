package dev.gatehouse.admin.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of the audit trail: drops whole monthly partitions once every record in them is older than
 * {@code gatehouse.audit.retention} ({@code GATEHOUSE_AUDIT_RETENTION}). Nothing is ever deleted row by row.
 */
@Component
class AuditRetention {

    private final AuditPartitions partitions;
    private final AuditProperties properties;
    private final Clock clock;

    AuditRetention(AuditPartitions partitions, AuditProperties properties, Clock clock) {
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void scheduled() {
        run(clock.instant());
    }

    /** Applies retention as of {@code now}; returns the months dropped. */
    List<YearMonth> run(Instant now) {
        Instant cutoff = now.minus(properties.retention());
        List<YearMonth> dropped = new ArrayList<>();
        for (YearMonth month : partitions.months()) {
            // A partition holds [month, month + 1): it may go once its end is at or before the cutoff.
            if (!AuditPartitions.end(month).isAfter(cutoff)) {
                partitions.drop(month);
                dropped.add(month);
            }
        }
        return dropped;
    }
}
