package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which calls a search or a live tail shows, beyond the time range; {@code null} means "any". The logs API, the
 * console's log page and its live tail parse and apply filters only through this class, so they agree.
 *
 * @param route        route id or name
 * @param service      service id or name
 * @param consumer     consumer id or name
 * @param keyPrefix    calls whose key prefix starts with this
 * @param status       exact status ({@code 404}), or {@code null}
 * @param statusClass  status class 1 to 5 ({@code 5xx}), or 0
 * @param minLatencyMs calls at least this slow
 * @param requestId    exact request id
 */
record CallLogFilter(String route, String service, String consumer, String keyPrefix, Integer status,
                     int statusClass, Long minLatencyMs, String requestId) {

    static final CallLogFilter NONE = new CallLogFilter(null, null, null, null, null, 0, null, null);

    private static final Pattern STATUS = Pattern.compile("([1-5])(?:xx|XX)|([1-5][0-9][0-9])");
    private static final long MAX_LATENCY_MS = 86_400_000L;

    /**
     * The filter the request parameters spell, as typed; each bad one adds a violation naming its field (and the
     * result is then not to be used). Blank means "any".
     */
    static CallLogFilter parse(String route, String service, String consumer, String keyPrefix, String status,
                               String minLatencyMs, String requestId, List<Violation> violations) {
        Integer exactStatus = null;
        int statusClass = 0;
        if (present(status)) {
            Matcher m = STATUS.matcher(status.trim());
            if (!m.matches()) {
                violations.add(new Violation("status", "must be a status such as 404 or a class such as 5xx"));
            } else if (m.group(1) != null) {
                statusClass = Integer.parseInt(m.group(1));
            } else {
                exactStatus = Integer.parseInt(m.group(2));
            }
        }
        Long minLatency = null;
        if (present(minLatencyMs)) {
            minLatency = parseLong(minLatencyMs);
            if (minLatency == null || minLatency < 0 || minLatency > MAX_LATENCY_MS) {
                violations.add(new Violation("minLatencyMs", "must be a whole number of milliseconds, 0 or more"));
                minLatency = null;
            }
        }
        text("route", route, violations);
        text("service", service, violations);
        text("consumer", consumer, violations);
        text("keyPrefix", keyPrefix, violations);
        text("requestId", requestId, violations);
        return new CallLogFilter(blankToNull(route), blankToNull(service), blankToNull(consumer),
                blankToNull(keyPrefix), exactStatus, statusClass, minLatency, blankToNull(requestId));
    }

    /**
     * Appends this filter's conditions on the call-log columns of {@code table} (an alias, or empty). Only calls
     * a client made match: a composite route's step records are its upstream calls, shown with their call.
     */
    void appendTo(StringBuilder sql, List<Object> params, String table) {
        String t = table.isEmpty() ? "" : table + ".";
        sql.append(" AND ").append(t).append("step IS NULL");
        either(sql, params, t, "route", route);
        either(sql, params, t, "service", service);
        either(sql, params, t, "consumer", consumer);
        if (keyPrefix != null) {
            sql.append(" AND ").append(t).append("key_prefix LIKE ? ESCAPE '\\'");
            params.add(keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (statusClass > 0) {
            sql.append(" AND ").append(t).append("status >= ? AND ").append(t).append("status < ?");
            params.add(statusClass * 100);
            params.add(statusClass * 100 + 100);
        } else if (status != null) {
            sql.append(" AND ").append(t).append("status = ?");
            params.add(status);
        }
        if (minLatencyMs != null) {
            sql.append(" AND ").append(t).append("latency_us >= ?");
            params.add(minLatencyMs * 1000);
        }
        if (requestId != null) {
            sql.append(" AND ").append(t).append("request_id = ?");
            params.add(requestId);
        }
    }

    private static void either(StringBuilder sql, List<Object> params, String t, String column, String value) {
        if (value != null) {
            sql.append(" AND (").append(t).append(column).append("_id = ? OR ").append(t).append(column)
                    .append("_name = ?)");
            params.add(value);
            params.add(value);
        }
    }

    private static void text(String field, String value, List<Violation> violations) {
        if (value != null && value.length() > CallBatchReader.MAX_TEXT) {
            violations.add(new Violation(field, "must be at most " + CallBatchReader.MAX_TEXT + " characters"));
        }
    }

    static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    static String blankToNull(String value) {
        return present(value) ? value.trim() : null;
    }
}
