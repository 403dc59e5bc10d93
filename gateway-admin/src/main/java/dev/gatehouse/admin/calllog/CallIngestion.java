package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a validated batch in one transaction: its id in {@code call_log_batches} (a repeated id stores
 * nothing), its records into {@code call_log} with PostgreSQL {@code COPY} (one round trip for the whole batch,
 * routed to the daily partitions; a composite route's step records too), and its minute roll-ups and quota
 * usage (client calls only: a step is an upstream call, see {@link MinuteRollups} and {@link DailyUsage}).
 * Last, under a transaction-scoped advisory lock held until commit, the batch takes its {@code ingest_seq}:
 * batches become visible in that order, which is what the live tail follows (see migration V6).
 */
@Service
class CallIngestion {

    private static final String COPY = "COPY call_log (ts, node_id, request_id, route_id, route_name, service_id,"
            + " service_name, consumer_id, consumer_name, key_prefix, method, path, status, latency_us, upstream_us,"
            + " bytes_in, bytes_out, client_ip, error_code, step, step_start_us, trace_id, batch_no)"
            + " FROM STDIN WITH (FORMAT csv)";
    /** Serialises only the last step of ingestion (ingest_seq + commit) across admin instances. */
    private static final long INGEST_ORDER_LOCK = 0x63616c6c73657121L;

    private final JdbcTemplate jdbc;
    private final MinuteRollups rollups;
    private final DailyUsage usage;
    private final Clock clock;

    CallIngestion(JdbcTemplate jdbc, MinuteRollups rollups, DailyUsage usage, Clock clock) {
        this.usage = usage;
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.clock = clock;
    }

    /** The UTC days a batch's records fall on, whose partitions must exist before it is stored. */
    static Set<LocalDate> days(CallRecordBatch batch) {
        Set<LocalDate> days = new TreeSet<>();
        for (CallRecord r : batch.records()) {
            days.add(LocalDate.ofInstant(Instant.ofEpochMilli(r.timestamp()), ZoneOffset.UTC));
        }
        return days;
    }

    /**
     * Stores the batch; {@code false}, storing nothing, when its id was stored before. The partitions of
     * {@link #days} must exist ({@link CallLogPartitions#ensure}).
     */
    @Transactional
    public boolean store(CallRecordBatch batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> inserted = jdbc.queryForList("INSERT INTO call_log_batches (batch_id, node_id, received_at,"
                        + " records, batch_no) VALUES (?, ?, ?, ?, nextval('call_log_batch_no_seq'))"
                        + " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_no", Long.class,
                batch.batchId(), batch.nodeId(), now.atOffset(ZoneOffset.UTC), batch.records().size());
        if (inserted.isEmpty()) {
            return false;
        }
        if (batch.records().isEmpty()) {
            return true;
        }
        String csv = csv(batch, inserted.get(0));
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        rollups.add(batch.records());
        usage.add(batch.records());
        // Taken last, so the lock is held only for this update and the commit: ingest_seq order = commit order.
        jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, INGEST_ORDER_LOCK);
        jdbc.update("UPDATE call_log_batches SET ingest_seq = nextval('call_log_ingest_seq') WHERE batch_id = ?",
                batch.batchId());
        return true;
    }

    /** The records as CSV for COPY, each tagged with the batch number: unquoted empty is NULL, strings quoted. */
    static String csv(CallRecordBatch batch, long batchNo) {
        StringBuilder out = new StringBuilder(batch.records().size() * 256);
        for (CallRecord r : batch.records()) {
            out.append(Instant.ofEpochMilli(r.timestamp())).append(',');
            text(out, r.nodeId() == null ? batch.nodeId() : r.nodeId());
            text(out, r.requestId());
            text(out, r.routeId());
            text(out, r.routeName());
            text(out, r.serviceId());
            text(out, r.serviceName());
            text(out, r.consumerId());
            text(out, r.consumerName());
            text(out, r.keyPrefix());
            text(out, r.method());
            text(out, r.path());
            out.append(r.status()).append(',')
                    .append(r.latencyMicros()).append(',')
                    .append(r.upstreamMicros()).append(',')
                    .append(r.bytesIn()).append(',')
                    .append(r.bytesOut()).append(',');
            text(out, r.clientIp());
            text(out, r.errorCode());
            text(out, r.step());
            out.append(r.stepStartMicros()).append(',');
            text(out, r.traceId());
            out.append(batchNo).append('\n');
        }
        return out.toString();
    }

    private static void text(StringBuilder out, String value) {
        if (value != null) {
            quoted(out, value);
        }
        out.append(',');
    }

    private static void quoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
