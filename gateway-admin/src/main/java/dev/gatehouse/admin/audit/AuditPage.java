package dev.gatehouse.admin.audit;

import java.util.List;

/**
 * A page of audit records, newest first.
 *
 * @param items the records
 * @param next  opaque cursor for the next (older) page, or null when this is the last
 */
public record AuditPage(List<AuditRecord> items, String next) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
