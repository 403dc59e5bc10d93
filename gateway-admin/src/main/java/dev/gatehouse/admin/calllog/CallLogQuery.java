package dev.gatehouse.admin.calllog;

import java.time.Instant;

/**
 * Filters of a call-log search; {@code null} means "any".
 *
 * @param from         earliest call (inclusive)
 * @param to           latest call (exclusive)
 * @param route        route id or name
 * @param service      service id or name
 * @param consumer     consumer id or name
 * @param keyPrefix    calls whose key prefix starts with this
 * @param status       exact status ({@code 404}) or, with {@code statusClass}, ignored
 * @param statusClass  status class 1 to 5 ({@code 5xx}), or 0
 * @param minLatencyMs calls at least this slow
 * @param requestId    exact request id
 * @param limit        page size
 * @param cursor       where the previous page ended, or {@code null} for the first page
 */
record CallLogQuery(Instant from, Instant to, String route, String service, String consumer, String keyPrefix,
                    Integer status, int statusClass, Long minLatencyMs, String requestId, int limit,
                    LogCursor cursor) {
}
