package dev.gatehouse.admin.history;

import dev.gatehouse.config.EntityKind;
import tools.jackson.databind.JsonNode;

/**
 * One stored change of one object ({@code config_history_objects}).
 *
 * @param revision the revision that made it
 * @param seq      its place within the revision
 * @param kind     the object's kind
 * @param id       the object's id
 * @param name     its name after the change (before it, for a deletion)
 * @param op       what happened
 * @param before   its contract JSON before, secrets redacted; null when created, and for keys and settings
 * @param after    its contract JSON after, secrets redacted; null when deleted, and for keys and settings
 */
record HistoryRow(long revision, int seq, EntityKind kind, String id, String name, ObjectOp op, JsonNode before,
                  JsonNode after) {

    /** Whether this kind is stored with its JSON; keys and settings are stored as kind, id, name and op only. */
    static boolean hasPayload(EntityKind kind) {
        return kind != EntityKind.KEY && kind != EntityKind.SETTINGS;
    }
}
