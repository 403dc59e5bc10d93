package dev.gatehouse.runtime.tracing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;

/**
 * The W3C Trace Context headers ({@code traceparent}, {@code tracestate}), read strictly and written from what was
 * read, never copied: a {@code traceparent} that is not exactly what the recommendation allows (lower-case hex, no
 * all-zero ids, version {@code ff} refused, version 00 exactly 55 characters, more than one header) counts as
 * absent, so the call starts a new trace; a {@code tracestate} that breaks its grammar (keys, values, 32 members,
 * duplicate keys) is dropped whole while the {@code traceparent} is kept. Nothing here throws on bad input.
 */
public final class TraceContextHeaders {

    /** The header naming the parent span. */
    public static final String TRACEPARENT = "traceparent";
    /** The header with vendors' trace state. */
    public static final String TRACESTATE = "tracestate";

    private static final int LENGTH = 55;
    /** The flags carried on: sampled (level 1) and random trace id (level 2); others are unknown, so cleared. */
    private static final int KNOWN_FLAGS = 0x03;
    private static final int MAX_MEMBERS = 32;
    private static final String KEY_CHARS = "[a-z0-9_\\-*/]";
    private static final Pattern KEY = Pattern.compile(
            "[a-z]" + KEY_CHARS + "{0,255}|[a-z0-9]" + KEY_CHARS + "{0,240}@[a-z]" + KEY_CHARS + "{0,13}");
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

    private TraceContextHeaders() {
    }

    /**
     * The remote parent the client named, or null when it named none or a malformed one.
     *
     * @param traceparents every {@code traceparent} header of the request (null or empty: none)
     * @param tracestates  every {@code tracestate} header (null or empty: none); combined as one list
     */
    public static SpanContext parent(List<String> traceparents, List<String> tracestates) {
        if (traceparents == null || traceparents.size() != 1) {
            return null;
        }
        String value = traceparents.get(0);
        if (!validTraceparent(value)) {
            return null;
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        byte flags = (byte) Integer.parseInt(value, 53, 55, 16);
        TraceState state = traceState(tracestates);
        return SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.fromByte((byte) (flags & KNOWN_FLAGS)),
                state);
    }

    /** True when {@code value} is a {@code traceparent} this node accepts. */
    static boolean validTraceparent(String value) {
        if (value == null || value.length() < LENGTH) {
            return false;
        }
        if (!hex(value, 0, 2) || value.startsWith("ff")) {
            return false;
        }
        boolean version00 = value.startsWith("00");
        // version 00 is exactly 55 characters; a later version may append fields after a '-'
        if (version00 ? value.length() != LENGTH : value.length() > LENGTH && value.charAt(LENGTH) != '-') {
            return false;
        }
        return value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-'
                && hex(value, 3, 35) && !zeros(value, 3, 35)
                && hex(value, 36, 52) && !zeros(value, 36, 52)
                && hex(value, 53, 55);
    }

    /** The trace state of the headers, or the empty one when they are absent or break the grammar. */
    static TraceState traceState(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return TraceState.getDefault();
        }
        List<String[]> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int members = 0;
        for (String header : headers) {
            for (String member : header.split(",", -1)) {
                String trimmed = member.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                if (eq <= 0 || ++members > MAX_MEMBERS) {
                    return TraceState.getDefault();
                }
                String key = trimmed.substring(0, eq);
                String value = trimmed.substring(eq + 1);
                if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches() || !keys.add(key)) {
                    return TraceState.getDefault();
                }
                entries.add(new String[] {key, value});
            }
        }
        // the builder puts each new entry first: put them last to first to keep the client's order
        TraceStateBuilder builder = TraceState.builder();
        for (int i = entries.size() - 1; i >= 0; i--) {
            builder.put(entries.get(i)[0], entries.get(i)[1]);
        }
        return builder.build();
    }

    /** The {@code traceparent} value naming {@code span} as the parent. */
    public static String traceparent(SpanContext span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The {@code tracestate} value of {@code span}, or null when its trace state is empty. */
    public static String tracestate(SpanContext span) {
        TraceState state = span.getTraceState();
        if (state.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        state.forEach((key, value) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(key).append('=').append(value);
        });
        return out.toString();
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
