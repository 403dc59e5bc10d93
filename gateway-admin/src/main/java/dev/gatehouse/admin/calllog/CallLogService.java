package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.web.KeysetCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads call logs: searches raw calls newest first with keyset paging, and traffic series and top lists from the
 * minute roll-ups (never scanning raw calls). Used by the logs API and the console. Calls are the calls clients
 * made; a composite route's step records are read only as the steps of their call.
 */
@Service
public class CallLogService {

    /** The tag of call-log cursors ({@link KeysetCursor}), unchanged since the call log's own cursor class. */
    static final String CURSOR_TAG = "1";

    private static final String COLUMNS = "id, ts, node_id, request_id, route_id, route_name, service_id,"
            + " service_name, consumer_id, consumer_name, key_prefix, method, path, status, latency_us, upstream_us,"
            + " bytes_in, bytes_out, client_ip, error_code, trace_id";

    /**
     * The step records {@code s} of the call {@code c}: the same request id and node, within the call's time. A
     * step's own timestamp lies between the call's arrival and its end; a second of slack either side absorbs
     * millisecond rounding of the timestamps. Answered by the request id index, partitions outside pruned.
     */
    static final String STEPS_OF = "s.request_id = c.request_id AND s.node_id = c.node_id AND s.step IS NOT NULL"
            + " AND s.ts >= c.ts - interval '1 second'"
            + " AND s.ts <= c.ts + (c.latency_us + 1000000) * interval '1 microsecond'";

    private final JdbcClient jdbc;

    CallLogService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of calls matching the query, newest first. */
    @Transactional(readOnly = true)
    CallLogPage search(CallLogQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_log WHERE ts >= ? AND ts < ?");
        List<Object> params = new ArrayList<>(List.of(utc(q.from()), utc(q.to())));
        q.filter().appendTo(sql, params, "");
        if (q.cursor() != null) {
            sql.append(" AND (ts, id) < (?, ?)");
            params.add(utc(q.cursor().at()));
            params.add(q.cursor().id());
        }
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        params.add(q.limit() + 1);
        List<CallLogEntry> rows = jdbc.sql(withStepCount(sql, "ts DESC, id DESC")).params(params)
                .query(CallLogService::entry).list();
        if (rows.size() <= q.limit()) {
            return new CallLogPage(rows, null);
        }
        List<CallLogEntry> page = rows.subList(0, q.limit());
        CallLogEntry last = page.get(page.size() - 1);
        return new CallLogPage(List.copyOf(page), KeysetCursor.of(last.timestamp(), last.id()).encode(CURSOR_TAG));
    }

    /**
     * The highest ingestion sequence number committed (0 before any): every batch at or below it is visible,
     * because batches take their number just before commit, one at a time ({@link CallIngestion}).
     */
    @Transactional(readOnly = true)
    long ingestHead() {
        Long head = jdbc.sql("SELECT max(ingest_seq) FROM call_log_batches").query(Long.class).single();
        return head == null ? 0 : head;
    }

    /**
     * Up to {@code limit} calls matching the filter from batches stored after {@code position} and at or before
     * {@code head} ({@link #ingestHead}), in ingestion order: what a live tail has not shown yet, however old the
     * calls' own timestamps are.
     */
    @Transactional(readOnly = true)
    List<TailedCall> ingestedAfter(TailCursor position, long head, CallLogFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT b.ingest_seq, " + prefixed("c") + " FROM call_log_batches b"
                + " JOIN call_log c ON c.batch_no = b.batch_no"
                + " WHERE b.ingest_seq >= ? AND b.ingest_seq <= ? AND (b.ingest_seq, c.id) > (?, ?)");
        List<Object> params = new ArrayList<>(List.of(position.seq(), head, position.seq(), position.id()));
        filter.appendTo(sql, params, "c");
        sql.append(" ORDER BY b.ingest_seq, c.id LIMIT ?");
        params.add(limit);
        return jdbc.sql(withStepCount(sql, "ingest_seq, id")).params(params)
                .query((rs, row) -> new TailedCall(new TailCursor(rs.getLong("ingest_seq"), rs.getLong("id")),
                        entry(rs, row))).list();
    }

    /**
     * The newest {@code limit} calls matching the filter with a timestamp from {@code since}, among batches at or
     * before {@code head}, oldest first: what a tail that starts at {@code head} shows first, without repeating
     * any of it later.
     */
    @Transactional(readOnly = true)
    List<CallLogEntry> recent(Instant since, long head, CallLogFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + prefixed("c") + " FROM call_log c"
                + " JOIN call_log_batches b ON b.batch_no = c.batch_no WHERE c.ts >= ? AND b.ingest_seq <= ?");
        List<Object> params = new ArrayList<>(List.of(utc(since), head));
        filter.appendTo(sql, params, "c");
        sql.append(" ORDER BY c.ts DESC, c.id DESC LIMIT ?");
        params.add(limit);
        List<CallLogEntry> newestFirst = jdbc.sql(withStepCount(sql, "ts DESC, id DESC")).params(params)
                .query(CallLogService::entry).list();
        List<CallLogEntry> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** A call as a tail sends it, with its position in ingestion order. */
    record TailedCall(TailCursor position, CallLogEntry call) {
    }

    /**
     * The newest call a client made with this request id (ids are usually unique; a client may reuse one). A
     * composite route's step records carry the id too but are not calls: see {@link #steps}.
     */
    @Transactional(readOnly = true)
    public Optional<CallLogEntry> byRequestId(String requestId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_log WHERE request_id = ?"
                + " AND step IS NULL ORDER BY ts DESC, id DESC LIMIT 1");
        return jdbc.sql(withStepCount(sql, "ts DESC, id DESC")).param(requestId).query(CallLogService::entry)
                .optional();
    }

    /** The newest call with this request id and the steps it made (none for an ordinary call). */
    @Transactional(readOnly = true)
    public Optional<CallLogDetail> detail(String requestId) {
        return byRequestId(requestId).map(call -> new CallLogDetail(call, steps(call)));
    }

    /**
     * The step records of a composite call, by start (then name): those of the call's node with its request id
     * that fall within the call's time ({@link #STEPS_OF}), so a request id a client reused later does not mix
     * two calls' steps.
     */
    @Transactional(readOnly = true)
    public List<CallStep> steps(CallLogEntry call) {
        return jdbc.sql("SELECT s.step, s.service_id, s.service_name, s.method, s.path, s.status, s.step_start_us,"
                        + " s.latency_us, s.upstream_us, s.bytes_in, s.bytes_out, s.error_code"
                        + " FROM (SELECT ?::text AS request_id, ?::text AS node_id, ?::timestamptz AS ts,"
                        + " ?::bigint AS latency_us) c"
                        + " JOIN call_log s ON " + STEPS_OF + " ORDER BY s.step_start_us, s.step, s.id")
                .params(call.requestId(), call.nodeId(), utc(call.timestamp()), call.latencyMicros())
                .query((rs, row) -> new CallStep(rs.getString("step"), rs.getString("service_id"),
                        rs.getString("service_name"), rs.getString("method"), rs.getString("path"),
                        rs.getInt("status"), rs.getLong("step_start_us"), rs.getLong("latency_us"),
                        rs.getLong("upstream_us"), rs.getLong("bytes_in"), rs.getLong("bytes_out"),
                        rs.getString("error_code"))).list();
    }

    /**
     * Requests, 5xx errors and latency percentiles per step over [from, to), from the minute roll-ups. The
     * series starts at {@code from} aligned down to a multiple of the step (since the epoch).
     */
    @Transactional(readOnly = true)
    public TrafficSeries traffic(Instant from, Instant to, Duration step, String stepText, String route,
                                 String service, String consumer) {
        long stepSeconds = step.toSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), stepSeconds) * stepSeconds);
        int slots = (int) Math.max(0, (Duration.between(start, to).toSeconds() + stepSeconds - 1) / stepSeconds);
        long[] requests = new long[slots];
        long[] errors = new long[slots];
        LatencyHistogram[] histograms = new LatencyHistogram[slots];
        for (int i = 0; i < slots; i++) {
            histograms[i] = new LatencyHistogram();
        }
        StringBuilder where = new StringBuilder(" WHERE minute >= ? AND minute < ?");
        List<Object> params = new ArrayList<>(List.of(utc(start), utc(start), utc(to)));
        either(where, params, "route", route);
        either(where, params, "service", service);
        either(where, params, "consumer", consumer);
        String slot = "floor(extract(epoch FROM minute - ?::timestamptz) / " + stepSeconds + ")::int";
        jdbc.sql("SELECT " + slot + " AS slot, sum(count) AS requests, sum(errors) AS errors"
                        + " FROM call_rollup_minute" + where + " GROUP BY 1")
                .params(params).query((ResultSet rs) -> {
                    int i = rs.getInt("slot");
                    if (i >= 0 && i < slots) {
                        requests[i] = rs.getLong("requests");
                        errors[i] = rs.getLong("errors");
                    }
                });
        // Histograms are merged in the database: one row per (step, bucket) instead of one per roll-up row.
        jdbc.sql("SELECT " + slot + " AS slot, b.i AS bucket, sum(b.n) AS n FROM call_rollup_minute"
                        + " CROSS JOIN LATERAL unnest(latency_buckets) WITH ORDINALITY AS b(n, i)" + where
                        + " GROUP BY 1, 2")
                .params(params).query((ResultSet rs) -> {
                    int i = rs.getInt("slot");
                    int bucket = rs.getInt("bucket") - 1;
                    if (i >= 0 && i < slots && bucket >= 0 && bucket < LatencyHistogram.BUCKETS) {
                        histograms[i].add(bucket, rs.getLong("n"));
                    }
                });
        List<TrafficSeries.Point> points = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            LatencyHistogram h = histograms[i];
            points.add(new TrafficSeries.Point(start.plusSeconds(i * stepSeconds), requests[i], errors[i],
                    h.percentileMillis(0.50), h.percentileMillis(0.95), h.percentileMillis(0.99)));
        }
        return new TrafficSeries(start, to, stepText, points);
    }

    /** The merged latency histogram of [from, to) (minute resolution) for the given filters. */
    @Transactional(readOnly = true)
    public LatencyHistogram latency(Instant from, Instant to, String route, String service, String consumer) {
        StringBuilder where = new StringBuilder(" WHERE minute >= ? AND minute < ?");
        List<Object> params = new ArrayList<>(List.of(utc(from.truncatedTo(ChronoUnit.MINUTES)), utc(to)));
        either(where, params, "route", route);
        either(where, params, "service", service);
        either(where, params, "consumer", consumer);
        LatencyHistogram merged = new LatencyHistogram();
        jdbc.sql("SELECT b.i AS bucket, sum(b.n) AS n FROM call_rollup_minute"
                        + " CROSS JOIN LATERAL unnest(latency_buckets) WITH ORDINALITY AS b(n, i)" + where
                        + " GROUP BY 1")
                .params(params).query((ResultSet rs) -> {
                    int bucket = rs.getInt("bucket") - 1;
                    if (bucket >= 0 && bucket < LatencyHistogram.BUCKETS) {
                        merged.add(bucket, rs.getLong("n"));
                    }
                });
        return merged;
    }

    /** The {@code limit} busiest routes and consumers and most frequent error answers in [from, to). */
    @Transactional(readOnly = true)
    public TopTraffic top(Instant from, Instant to, int limit) {
        return top(from, to, limit, null, null, null);
    }

    /**
     * As {@link #top(Instant, Instant, int)}, among the calls of a route, service and/or consumer (id or name;
     * {@code null}: any).
     */
    @Transactional(readOnly = true)
    public TopTraffic top(Instant from, Instant to, int limit, String route, String service, String consumer) {
        StringBuilder where = new StringBuilder(" WHERE minute >= ? AND minute < ?");
        List<Object> params = new ArrayList<>(List.of(utc(from.truncatedTo(ChronoUnit.MINUTES)), utc(to)));
        either(where, params, "route", route);
        either(where, params, "service", service);
        either(where, params, "consumer", consumer);
        List<TopTraffic.Entry> routes = jdbc.sql("SELECT route_id, max(route_name) AS name, sum(count) AS requests,"
                        + " sum(errors) AS errors FROM call_rollup_minute" + where
                        + " AND route_id <> '' GROUP BY route_id ORDER BY requests DESC, route_id LIMIT ?")
                .params(with(params, limit))
                .query((rs, n) -> new TopTraffic.Entry(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4))).list();
        List<TopTraffic.Entry> consumers = jdbc.sql("SELECT consumer_id, max(consumer_name) AS name,"
                        + " sum(count) AS requests, sum(errors) AS errors FROM call_rollup_minute" + where
                        + " AND consumer_id <> '' GROUP BY consumer_id ORDER BY requests DESC, consumer_id LIMIT ?")
                .params(with(params, limit))
                .query((rs, n) -> new TopTraffic.Entry(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4))).list();
        List<TopTraffic.ErrorEntry> errors = jdbc.sql("SELECT route_id, max(route_name) AS name, status_class,"
                        + " sum(count) AS n FROM call_rollup_minute" + where
                        + " AND status_class >= 4 GROUP BY route_id, status_class ORDER BY n DESC, route_id LIMIT ?")
                .params(with(params, limit))
                .query((rs, n) -> new TopTraffic.ErrorEntry(rs.getString(1), rs.getString(2),
                        rs.getInt(3) + "xx", rs.getLong(4))).list();
        return new TopTraffic(routes, consumers, errors);
    }

    private static List<Object> with(List<Object> params, Object last) {
        List<Object> all = new ArrayList<>(params);
        all.add(last);
        return all;
    }

    private static void either(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND (").append(column).append("_id = ? OR ").append(column).append("_name = ?)");
            params.add(value);
            params.add(value);
        }
    }

    /**
     * The query (which selects call-log columns and ends in ORDER BY ... LIMIT) with each call's step count added,
     * counted only for the rows the limit keeps.
     */
    private static String withStepCount(StringBuilder query, String order) {
        return "SELECT c.*, (SELECT count(*) FROM call_log s WHERE " + STEPS_OF + ")::int AS step_count FROM ("
                + query + ") c ORDER BY " + order;
    }

    private static String prefixed(String table) {
        return table + "." + COLUMNS.replace(", ", ", " + table + ".");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static CallLogEntry entry(ResultSet rs, int row) throws SQLException {
        return new CallLogEntry(rs.getLong("id"), rs.getObject("ts", OffsetDateTime.class).toInstant(),
                rs.getString("node_id"), rs.getString("request_id"), rs.getString("route_id"),
                rs.getString("route_name"), rs.getString("service_id"), rs.getString("service_name"),
                rs.getString("consumer_id"), rs.getString("consumer_name"), rs.getString("key_prefix"),
                rs.getString("method"), rs.getString("path"), rs.getInt("status"), rs.getLong("latency_us"),
                rs.getLong("upstream_us"), rs.getLong("bytes_in"), rs.getLong("bytes_out"),
                rs.getString("client_ip"), rs.getString("error_code"), rs.getInt("step_count"),
                rs.getString("trace_id"));
    }
}
