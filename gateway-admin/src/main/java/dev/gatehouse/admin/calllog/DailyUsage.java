package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.CallRecord;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Calls counted against quotas, per UTC day, consumer and API key ({@code call_usage_day}): added by ingestion in
 * the batch's transaction, read for quota usage and for repairing Redis counters. A call counts when it passed
 * the node's quota check: an authenticated consumer's call not refused as forbidden, rate limited or over quota.
 * A composite call counts once: its step records are upstream calls the gateway made, not calls of the consumer.
 */
@Component
public class DailyUsage {

    /** Problem codes of calls refused before or by the quota check: they use no quota. */
    static final Set<String> NOT_COUNTED = Set.of("forbidden", "rate_limited", "quota_exceeded");

    private static final String UPSERT = """
            INSERT INTO call_usage_day (day, consumer_id, key_prefix, calls) VALUES (?, ?, ?, ?)
            ON CONFLICT (day, consumer_id, key_prefix) DO UPDATE SET calls = call_usage_day.calls + EXCLUDED.calls""";

    private final JdbcTemplate jdbc;

    DailyUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One consumer's (and key's) count; {@code keyPrefix} is empty for calls without an API key. */
    public record Count(String consumerId, String keyPrefix, long calls) {
    }

    private record Key(LocalDate day, String consumerId, String keyPrefix) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            c = c != 0 ? c : consumerId.compareTo(o.consumerId);
            return c != 0 ? c : keyPrefix.compareTo(o.keyPrefix);
        }
    }

    /** Adds a batch's counted calls, inside the caller's transaction; rows in key order against deadlocks. */
    void add(List<CallRecord> records) {
        Map<Key, long[]> rows = new TreeMap<>();
        for (CallRecord r : records) {
            if (r.isStep() || r.consumerId() == null
                    || (r.errorCode() != null && NOT_COUNTED.contains(r.errorCode()))) {
                continue;
            }
            LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(r.timestamp(), 86_400_000L));
            rows.computeIfAbsent(new Key(day, r.consumerId(), r.keyPrefix() == null ? "" : r.keyPrefix()),
                    k -> new long[1])[0]++;
        }
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> args = new ArrayList<>(rows.size());
        rows.forEach((k, n) -> args.add(new Object[] {Date.valueOf(k.day()), k.consumerId(), k.keyPrefix(), n[0]}));
        jdbc.batchUpdate(UPSERT, args);
    }

    /** Counts per consumer and key over the UTC days {@code [from, to)}; only consumers in {@code consumerIds}. */
    public List<Count> counts(LocalDate from, LocalDate to, List<String> consumerIds) {
        if (consumerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        SELECT consumer_id, key_prefix, sum(calls) AS calls FROM call_usage_day
                        WHERE day >= ? AND day < ? AND consumer_id = ANY (?)
                        GROUP BY consumer_id, key_prefix""",
                (rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getLong(3)),
                Date.valueOf(from), Date.valueOf(to), consumerIds.toArray(String[]::new));
    }

    /** Counts of one consumer over {@code [from, to)} by key prefix ({@code ""}: calls without an API key). */
    public Map<String, Long> byKey(String consumerId, LocalDate from, LocalDate to) {
        Map<String, Long> out = new HashMap<>();
        for (Count c : counts(from, to, List.of(consumerId))) {
            out.merge(c.keyPrefix(), c.calls(), Long::sum);
        }
        return out;
    }

    /** Forgets days before {@code before} (quota periods look back at most one month). */
    public int deleteBefore(LocalDate before) {
        return jdbc.update("DELETE FROM call_usage_day WHERE day < ?", Date.valueOf(before));
    }

    /** The UTC day of an epoch millisecond. */
    public static LocalDate day(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
