package dev.gatehouse.admin.audit;

import tools.jackson.databind.JsonNode;

/**
 * One audit record about to be written: what happened to which object, and the object before and after (already
 * redacted).
 *
 * @param action     what happened
 * @param objectKind the kind of object ({@code route}, {@code key}, {@code user}...)
 * @param objectId   its id, or null
 * @param objectName its name (a key's prefix), or null
 * @param before     the object before, or null when it did not exist
 * @param after      the object after, or null when it no longer exists
 */
record AuditEntry(AuditAction action, String objectKind, String objectId, String objectName, JsonNode before,
                  JsonNode after) {
}
