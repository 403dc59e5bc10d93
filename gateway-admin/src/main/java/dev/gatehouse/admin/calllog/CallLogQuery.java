package dev.gatehouse.admin.calllog;

import dev.gatehouse.admin.web.KeysetCursor;
import java.time.Instant;

/**
 * A call-log search.
 *
 * @param from   earliest call (inclusive)
 * @param to     latest call (exclusive)
 * @param filter which calls
 * @param limit  page size
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
record CallLogQuery(Instant from, Instant to, CallLogFilter filter, int limit, KeysetCursor cursor) {
}
