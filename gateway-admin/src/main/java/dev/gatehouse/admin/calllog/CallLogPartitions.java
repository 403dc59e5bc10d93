package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.db.PartitionDdl;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily partitions of {@code call_log}, one per UTC day, named {@code call_log_pYYYYMMDD}. Today and the next
 * two days are created at start and every hour; a batch carrying a day without a partition (a node's late spool,
 * a skewed clock) gets it created on demand. There is no DEFAULT partition, so every row can be dropped by day.
 * DDL runs in its own short transaction under an advisory lock, so several admin instances never race on it.
 */
@Component
class CallLogPartitions {

    static final String PREFIX = "call_log_p";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Advisory lock key serialising partition DDL across admin instances ("calllog" in ASCII-ish). */
    private static final long LOCK = 0x63616c6c6c6f67L;
    private static final int DAYS_AHEAD = 2;

    private static final Logger log = LoggerFactory.getLogger(CallLogPartitions.class);

    private final JdbcClient jdbc;
    private final PartitionDdl ddl;
    private final Clock clock;

    CallLogPartitions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ddl = new PartitionDdl(jdbc, transactions, "call_log", LOCK);
        this.clock = clock;
    }

    /** Creates today's partition and those of the next two days; runs at start and hourly. */
    @Scheduled(initialDelay = 0, fixedDelayString = "PT1H")
    void createAhead() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        ensure(today.datesUntil(today.plusDays(DAYS_AHEAD + 1)).toList());
    }

    /** Makes sure every given day has a partition. */
    void ensure(Collection<LocalDate> days) {
        List<LocalDate> missing = new TreeSet<>(days).stream().filter(day -> !exists(day)).toList();
        if (missing.isEmpty()) {
            return;
        }
        ddl.locked(sql -> {
            for (LocalDate day : missing) {
                Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                // Identifiers and bounds come from a LocalDate, never from input text.
                sql.sql("CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF call_log FOR VALUES FROM ('"
                        + from + "') TO ('" + to + "')").update();
                log.info("Created call-log partition {}", name(day));
            }
        });
    }

    /** Days that have a partition, oldest first. */
    List<LocalDate> days() {
        return ddl.partitions().stream()
                .map(CallLogPartitions::dayOf).flatMap(Optional::stream).sorted().toList();
    }

    /** Drops the partition of one day, with every call in it. */
    void drop(LocalDate day) {
        ddl.drop(name(day));
        log.info("Dropped call-log partition {} (retention)", name(day));
    }

    static String name(LocalDate day) {
        return PREFIX + DAY.format(day);
    }

    static Optional<LocalDate> dayOf(String partition) {
        if (!partition.startsWith(PREFIX) || partition.length() != PREFIX.length() + 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(partition.substring(PREFIX.length()), DAY));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean exists(LocalDate day) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(name(day)).query(Boolean.class).single();
    }
}
