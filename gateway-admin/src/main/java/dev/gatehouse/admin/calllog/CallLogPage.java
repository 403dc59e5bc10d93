package dev.gatehouse.admin.calllog;

import java.util.List;

/**
 * A page of calls, newest first.
 *
 * @param items      the calls
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 */
public record CallLogPage(List<CallLogEntry> items, String nextCursor) {
}
