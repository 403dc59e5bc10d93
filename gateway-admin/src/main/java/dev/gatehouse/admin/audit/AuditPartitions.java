package dev.gatehouse.admin.audit;

import dev.gatehouse.admin.db.PartitionDdl;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The monthly partitions of {@code audit_log}, named {@code audit_log_pYYYYMM} (UTC months). This month and the
 * next two are created at start and hourly (by the database function {@code audit_log_ensure_partition} from
 * migration V15), so a write never finds its month missing unless the admin was stopped for months; then the
 * write fails rather than going unaudited, until the start-up run has created the month. DDL runs in its own
 * short transaction under an advisory lock, so several admin instances never race on it.
 */
@Component
class AuditPartitions {

    static final String PREFIX = "audit_log_p";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");
    /** Advisory lock key serialising partition DDL across admin instances ("auditlog" in ASCII). */
    private static final long LOCK = 0x61756469746c6f67L;
    private static final int MONTHS_AHEAD = 2;

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

    private final PartitionDdl ddl;
    private final Clock clock;

    AuditPartitions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.ddl = new PartitionDdl(jdbc, transactions, "audit_log", LOCK);
        this.clock = clock;
    }

    /** Creates this month's partition and those of the next two months; runs at start and hourly. */
    @Scheduled(initialDelay = 0, fixedDelayString = "PT1H")
    void createAhead() {
        YearMonth now = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        for (int i = 0; i <= MONTHS_AHEAD; i++) {
            ensure(now.plusMonths(i));
        }
    }

    /** Makes sure the month has a partition. */
    void ensure(YearMonth month) {
        ddl.locked(sql -> sql.sql("SELECT audit_log_ensure_partition(?)").param(month.atDay(1)).query(String.class)
                .single());
    }

    /** Months that have a partition, oldest first. */
    List<YearMonth> months() {
        return ddl.partitions().stream()
                .map(AuditPartitions::monthOf).flatMap(Optional::stream).sorted().toList();
    }

    /**
     * Drops the partition of one month with every record in it: the one way audit rows leave (row triggers
     * refuse UPDATE and DELETE, and do not fire on DROP).
     */
    void drop(YearMonth month) {
        // The name comes from a YearMonth, never from input text.
        ddl.drop(name(month));
        log.info("Dropped audit partition {} (retention)", name(month));
    }

    static String name(YearMonth month) {
        return PREFIX + MONTH.format(month);
    }

    static Optional<YearMonth> monthOf(String partition) {
        if (!partition.startsWith(PREFIX) || partition.length() != PREFIX.length() + 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(partition.substring(PREFIX.length()), MONTH));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first instant of the month after {@code month}: every record in its partition is older. */
    static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
