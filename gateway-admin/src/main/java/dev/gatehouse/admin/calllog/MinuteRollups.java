package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.CallRecord;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds a batch into {@code call_rollup_minute}: the batch is aggregated in memory first (one row per minute,
 * route, service, consumer and status class), then upserted, adding counts and summing histograms element-wise.
 * Rows are written in key order so concurrent batches touching the same rows lock them in the same order and
 * cannot deadlock. Counts client calls only: the step records of a composite route are its upstream calls, so a
 * composite call counts once, with the status and latency its client saw.
 */
@Component
class MinuteRollups {

    private static final String UPSERT = """
            INSERT INTO call_rollup_minute (minute, route_id, service_id, consumer_id, status_class, route_name,
                service_name, consumer_name, count, errors, bytes_in, bytes_out, latency_sum_us, latency_buckets)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (minute, route_id, service_id, consumer_id, status_class) DO UPDATE SET
                route_name = EXCLUDED.route_name, service_name = EXCLUDED.service_name,
                consumer_name = EXCLUDED.consumer_name,
                count = call_rollup_minute.count + EXCLUDED.count,
                errors = call_rollup_minute.errors + EXCLUDED.errors,
                bytes_in = call_rollup_minute.bytes_in + EXCLUDED.bytes_in,
                bytes_out = call_rollup_minute.bytes_out + EXCLUDED.bytes_out,
                latency_sum_us = call_rollup_minute.latency_sum_us + EXCLUDED.latency_sum_us,
                latency_buckets = ARRAY(SELECT coalesce(x.a, 0) + coalesce(x.b, 0)
                    FROM unnest(call_rollup_minute.latency_buckets, EXCLUDED.latency_buckets)
                        WITH ORDINALITY AS x(a, b, i) ORDER BY x.i)""";

    private final JdbcTemplate jdbc;

    MinuteRollups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Key of one roll-up row; empty strings stand for "none". */
    record Key(long minuteEpochSecond, String routeId, String serviceId, String consumerId, int statusClass)
            implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::minuteEpochSecond)
                .thenComparing(Key::routeId).thenComparing(Key::serviceId).thenComparing(Key::consumerId)
                .thenComparingInt(Key::statusClass);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** Sums of one roll-up row. */
    static final class Sums {
        String routeName;
        String serviceName;
        String consumerName;
        long count;
        long errors;
        long bytesIn;
        long bytesOut;
        long latencySum;
        final LatencyHistogram histogram = new LatencyHistogram();
    }

    /** A call counts as an error when the client got a 5xx answer (from the upstream or the gateway). */
    static boolean isError(int status) {
        return status >= 500;
    }

    static Map<Key, Sums> aggregate(List<CallRecord> records) {
        Map<Key, Sums> rows = new TreeMap<>();
        for (CallRecord r : records) {
            if (r.isStep()) {
                continue;
            }
            Key key = new Key(Math.floorDiv(r.timestamp(), 60_000L) * 60, blank(r.routeId()), blank(r.serviceId()),
                    blank(r.consumerId()), r.status() / 100);
            Sums sums = rows.computeIfAbsent(key, k -> new Sums());
            sums.routeName = r.routeName();
            sums.serviceName = r.serviceName();
            sums.consumerName = r.consumerName();
            sums.count++;
            sums.errors += isError(r.status()) ? 1 : 0;
            sums.bytesIn += r.bytesIn();
            sums.bytesOut += r.bytesOut();
            sums.latencySum += r.latencyMicros();
            sums.histogram.record(r.latencyMicros());
        }
        return rows;
    }

    /** Adds the records to the roll-ups, inside the caller's transaction. */
    void add(List<CallRecord> records) {
        List<Map.Entry<Key, Sums>> rows = new ArrayList<>(aggregate(records).entrySet());
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, rows, 500, (PreparedStatement ps, Map.Entry<Key, Sums> row) -> set(ps, row));
    }

    private static void set(PreparedStatement ps, Map.Entry<Key, Sums> row) throws SQLException {
        Key k = row.getKey();
        Sums s = row.getValue();
        ps.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(k.minuteEpochSecond())));
        ps.setString(2, k.routeId());
        ps.setString(3, k.serviceId());
        ps.setString(4, k.consumerId());
        ps.setShort(5, (short) k.statusClass());
        ps.setString(6, s.routeName);
        ps.setString(7, s.serviceName);
        ps.setString(8, s.consumerName);
        ps.setLong(9, s.count);
        ps.setLong(10, s.errors);
        ps.setLong(11, s.bytesIn);
        ps.setLong(12, s.bytesOut);
        ps.setLong(13, s.latencySum);
        long[] counts = s.histogram.counts();
        Long[] boxed = new Long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            boxed[i] = counts[i];
        }
        Array array = ps.getConnection().createArrayOf("bigint", boxed);
        ps.setArray(14, array);
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
