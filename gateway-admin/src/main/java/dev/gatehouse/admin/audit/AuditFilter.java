package dev.gatehouse.admin.audit;

import dev.gatehouse.admin.web.KeysetCursor;
import dev.gatehouse.admin.web.QueryParams;
import dev.gatehouse.config.EntityKind;
import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which audit records to list, parsed from request parameters shared by the API and the console. Every bad value
 * is reported as a violation on its parameter name; a filter is built only from valid input.
 *
 * @param actor      the actor's name (a user name or token name), exact
 * @param kind       object kind, one of {@link #KINDS}
 * @param objectId   object id, exact
 * @param objectName object name, exact
 * @param action     action wire name
 * @param from       earliest time, inclusive
 * @param to         latest time, exclusive
 * @param cursor     where the previous page ended
 * @param limit      page size, 1 to {@value #MAX_LIMIT}
 */
record AuditFilter(String actor, String kind, String objectId, String objectName, AuditAction action,
                   Instant from, Instant to, KeysetCursor cursor, int limit) {

    /** The tag of audit-trail cursors ({@link KeysetCursor}); call-log cursors are not accepted here. */
    static final String CURSOR_TAG = "a1";
    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;
    /**
     * Object kinds that can be filtered on: the published kinds, console users (sign-ins and user changes), admin
     * API tokens and the cluster identity (force restores).
     */
    static final List<String> KINDS = Stream.concat(
            Arrays.stream(EntityKind.values()).map(ConfigChanges::kind), Stream.of("user", "token", "cluster"))
            .toList();
    private static final int MAX_TEXT = AuditTrail.MAX_TEXT;

    /** The raw request parameters; any may be null or blank (not filtered on). */
    record Params(String actor, String kind, String objectId, String objectName, String action, String from,
                  String to, String cursor, String limit) {

        static final Params NONE = new Params(null, null, null, null, null, null, null, null, null);
    }

    /** Parses the parameters, adding one violation per bad parameter; null when there was any. */
    static AuditFilter parse(Params params, int defaultLimit, List<Violation> violations) {
        int before = violations.size();
        String actor = QueryParams.text("actor", params.actor(), MAX_TEXT, violations);
        String objectId = QueryParams.text("objectId", params.objectId(), MAX_TEXT, violations);
        String objectName = QueryParams.text("objectName", params.objectName(), MAX_TEXT, violations);
        String kind = QueryParams.blank(params.kind()) ? null : params.kind().strip();
        if (kind != null && !KINDS.contains(kind)) {
            violations.add(new Violation("kind", "must be one of " + String.join(", ", KINDS)));
        }
        AuditAction action = null;
        if (!QueryParams.blank(params.action())) {
            action = AuditAction.fromWire(params.action().strip()).orElse(null);
            if (action == null) {
                violations.add(new Violation("action", "must be one of " + String.join(", ",
                        Arrays.stream(AuditAction.values()).map(AuditAction::wire).toList())));
            }
        }
        Instant from = QueryParams.time("from", params.from(), violations);
        Instant to = QueryParams.time("to", params.to(), violations);
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Violation("to", "must be after from"));
        }
        KeysetCursor cursor = null;
        if (!QueryParams.blank(params.cursor())) {
            cursor = KeysetCursor.decode(CURSOR_TAG, params.cursor().strip()).orElse(null);
            if (cursor == null) {
                violations.add(new Violation("cursor", "is not a cursor from a previous page"));
            }
        }
        int limit = defaultLimit;
        if (!QueryParams.blank(params.limit())) {
            try {
                limit = Integer.parseInt(params.limit().strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                violations.add(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        return new AuditFilter(actor, kind, objectId, objectName, action, from, to, cursor, limit);
    }
}
