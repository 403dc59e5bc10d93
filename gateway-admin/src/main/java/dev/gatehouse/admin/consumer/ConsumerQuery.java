package dev.gatehouse.admin.consumer;

/**
 * Filters for listing consumers; each absent or blank filter matches everything.
 *
 * @param search text found (ignoring case) in the name or description
 * @param status {@code active} or {@code suspended}
 * @param group  a group the consumer belongs to (exact)
 */
public record ConsumerQuery(String search, String status, String group) {

    /** No filter. */
    public static final ConsumerQuery ALL = new ConsumerQuery(null, null, null);
}
