package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.CallRecordBatch;
import dev.gatehouse.config.ConfigFormatException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.Violation;
import dev.gatehouse.config.composite.CompositeStep;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.stereotype.Component;

/**
 * Reads a shipped batch from the request body: gunzips it when it says {@code Content-Encoding: gzip}, stops
 * at the size limit (counted after decompression, so a small gzip bomb is refused too), parses it with the
 * contract's lenient mapper and checks every field, including the step fields of a composite route's step
 * records. Any fault refuses the whole batch, before anything is stored.
 */
@Component
class CallBatchReader {

    static final int MAX_ID = 128;
    static final int MAX_TEXT = 256;
    static final int MAX_PATH = 4096;
    static final int MAX_RECORDS = 100_000;
    private static final int MAX_REPORTED = 20;
    /** Records may be late (spooled while the admin was down) but not absurdly old or from the future. */
    static final Duration MAX_AGE = Duration.ofDays(366);
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private final ConfigJson json;
    /** A W3C trace id: 32 lower-case hex digits, not all zero (the all-zero id is invalid by the spec). */
    private static final java.util.regex.Pattern TRACE_ID = java.util.regex.Pattern.compile("(?!0{32})[0-9a-f]{32}");

    private final CallLogProperties properties;
    private final Clock clock;

    CallBatchReader(ConfigJson json, CallLogProperties properties, Clock clock) {
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** The valid batch the body holds; {@link BadBatchException} otherwise. */
    CallRecordBatch read(InputStream body, String contentEncoding) throws IOException {
        byte[] bytes = readBounded(body, contentEncoding);
        if (bytes.length == 0) {
            throw new BadBatchException("malformed_json", "request body is required", List.of());
        }
        CallRecordBatch batch;
        try {
            batch = json.read(bytes, CallRecordBatch.class);
        } catch (ConfigFormatException e) {
            throw new BadBatchException("malformed_json", e.getMessage(), List.of());
        }
        if (batch == null) {
            throw new BadBatchException("malformed_json", "request body is required", List.of());
        }
        List<Violation> violations = validate(batch, clock.instant());
        if (!violations.isEmpty()) {
            throw new BadBatchException("validation_failed", "the batch has invalid fields: "
                    + violations.get(0).field() + " " + violations.get(0).message(), violations);
        }
        return batch;
    }

    private byte[] readBounded(InputStream body, String contentEncoding) throws IOException {
        long limit = properties.maxBatchSize().toBytes();
        InputStream in = body;
        boolean gzip = false;
        if (contentEncoding != null && !contentEncoding.isBlank()) {
            String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
            if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
                gzip = true;
            } else if (!encoding.equals("identity")) {
                throw new BadBatchException("unsupported_encoding",
                        "content encoding " + contentEncoding + " is not supported; send gzip or identity",
                        List.of());
            }
        }
        try {
            if (gzip) {
                in = new GZIPInputStream(body, 8192);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new BadBatchException("too_large",
                            "the batch is larger than " + limit + " bytes (after decompression)", List.of());
                }
            }
            return out.toByteArray();
        } catch (ZipException | EOFException e) {
            throw new BadBatchException("malformed_json", "request body is not valid gzip: " + e.getMessage(),
                    List.of());
        }
    }

    static List<Violation> validate(CallRecordBatch batch, Instant now) {
        List<Violation> v = new ArrayList<>();
        id("batchId", batch.batchId(), v);
        id("nodeId", batch.nodeId(), v);
        if (batch.records().size() > MAX_RECORDS) {
            v.add(new Violation("records", "must hold at most " + MAX_RECORDS + " records"));
            return v;
        }
        long earliest = now.minus(MAX_AGE).toEpochMilli();
        long latest = now.plus(MAX_AHEAD).toEpochMilli();
        for (int i = 0; i < batch.records().size() && v.size() < MAX_REPORTED; i++) {
            String at = "records[" + i + "].";
            CallRecord r = batch.records().get(i);
            if (r == null) {
                v.add(new Violation("records[" + i + "]", "must not be null"));
                continue;
            }
            if (r.timestamp() < earliest || r.timestamp() > latest) {
                v.add(new Violation(at + "timestamp", "must be epoch milliseconds within the last "
                        + MAX_AGE.toDays() + " days and not more than a day ahead"));
            }
            if (r.nodeId() != null && batch.nodeId() != null && !r.nodeId().equals(batch.nodeId())) {
                v.add(new Violation(at + "nodeId", "differs from the batch's nodeId"));
            }
            if (r.method() == null || r.method().isBlank()) {
                v.add(new Violation(at + "method", "is required"));
            }
            if (r.path() == null) {
                v.add(new Violation(at + "path", "is required"));
            }
            if (r.status() < 100 || r.status() > 599) {
                v.add(new Violation(at + "status", "must be between 100 and 599"));
            }
            if (r.latencyMicros() < 0) {
                v.add(new Violation(at + "latencyMicros", "must not be negative"));
            }
            if (r.upstreamMicros() < -1) {
                v.add(new Violation(at + "upstreamMicros", "must be -1 (no upstream) or more"));
            }
            if (r.bytesIn() < 0) {
                v.add(new Violation(at + "bytesIn", "must not be negative"));
            }
            if (r.bytesOut() < 0) {
                v.add(new Violation(at + "bytesOut", "must not be negative"));
            }
            text(at + "nodeId", r.nodeId(), MAX_TEXT, v);
            text(at + "requestId", r.requestId(), MAX_TEXT, v);
            text(at + "routeId", r.routeId(), MAX_TEXT, v);
            text(at + "routeName", r.routeName(), MAX_TEXT, v);
            text(at + "serviceId", r.serviceId(), MAX_TEXT, v);
            text(at + "serviceName", r.serviceName(), MAX_TEXT, v);
            text(at + "consumerId", r.consumerId(), MAX_TEXT, v);
            text(at + "consumerName", r.consumerName(), MAX_TEXT, v);
            text(at + "keyPrefix", r.keyPrefix(), MAX_TEXT, v);
            text(at + "method", r.method(), 32, v);
            text(at + "path", r.path(), MAX_PATH, v);
            text(at + "clientIp", r.clientIp(), MAX_TEXT, v);
            text(at + "errorCode", r.errorCode(), MAX_TEXT, v);
            step(at, r, v);
            if (r.traceId() != null && !TRACE_ID.matcher(r.traceId()).matches()) {
                v.add(new Violation(at + "traceId", "must be 32 lower-case hex digits, not all zero"));
            }
        }
        return v;
    }

    /**
     * A composite route's step record: a step name as routes spell it, a start not before the call, and a request
     * id to tie it to its call. A client's call (no step) starts at 0 by definition.
     */
    private static void step(String at, CallRecord r, List<Violation> v) {
        if (r.step() == null) {
            if (r.stepStartMicros() != 0) {
                v.add(new Violation(at + "stepStartMicros", "must be 0 when step is null (a call a client made)"));
            }
            return;
        }
        if (!CompositeStep.NAME.matcher(r.step()).matches()) {
            v.add(new Violation(at + "step",
                    "must be 1 to 32 lower-case letters, digits, - or _, starting with a letter"));
        }
        if (r.stepStartMicros() < 0) {
            v.add(new Violation(at + "stepStartMicros", "must not be negative"));
        }
        if (r.requestId() == null || r.requestId().isBlank()) {
            v.add(new Violation(at + "requestId", "is required on a step record (it ties the step to its call)"));
        }
    }

    private static void id(String field, String value, List<Violation> v) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "is required"));
        } else {
            text(field, value, MAX_ID, v);
        }
    }

    private static void text(String field, String value, int max, List<Violation> v) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL; refusing here keeps the batch all-or-nothing with a clear reason.
            v.add(new Violation(field, "must not contain NUL characters"));
        }
    }
}
