package dev.gatehouse.admin.audit;

import dev.gatehouse.admin.publish.ChangeAudit;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.EntityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the changes of one configuration write into audit entries: one per changed object, named after what
 * happened to it. Keys are issued, revoked and rotated rather than created, deleted and updated; a rotation
 * (the only write that changes an existing key) also creates the replacement key, which is shown inside the
 * rotation's "after" as {@code replacement} rather than as a separate issue, so a rotation is one record.
 */
final class ConfigChanges {

    private ConfigChanges() {
    }

    /**
     * The entries for these changes, in order.
     *
     * @param changes each changed object before (null when new) and after (null when deleted)
     * @param toJson  the contract's JSON form of an object
     */
    static List<AuditEntry> entries(List<ChangeAudit.Change> changes, Function<ConfigEntity, JsonNode> toJson) {
        boolean rotation = changes.stream().anyMatch(c -> isKey(c) && c.before() != null && c.after() != null);
        List<AuditEntry> entries = new ArrayList<>();
        List<JsonNode> replacements = new ArrayList<>();
        for (ChangeAudit.Change change : changes) {
            if (rotation && isKey(change) && change.before() == null) {
                replacements.add(Redaction.after(toJson.apply(change.after()), null));
                continue;
            }
            ConfigEntity object = change.after() != null ? change.after() : change.before();
            JsonNode before = change.before() == null ? null : toJson.apply(change.before());
            JsonNode after = change.after() == null ? null : toJson.apply(change.after());
            entries.add(new AuditEntry(action(change), kind(object.kind()), object.id(), object.name(),
                    Redaction.before(before), Redaction.after(after, before)));
        }
        if (!replacements.isEmpty()) {
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry entry = entries.get(i);
                if (entry.action() == AuditAction.ROTATE && entry.after() instanceof ObjectNode after) {
                    after.set("replacement", replacements.get(0));
                    break;
                }
            }
        }
        return entries;
    }

    /** The wire name of a kind, as in the contract's JSON ({@code route}, {@code key}, {@code settings}...). */
    static String kind(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static AuditAction action(ChangeAudit.Change change) {
        boolean key = isKey(change);
        if (change.before() == null) {
            return key ? AuditAction.ISSUE : AuditAction.CREATE;
        }
        if (change.after() == null) {
            return key ? AuditAction.REVOKE : AuditAction.DELETE;
        }
        return key ? AuditAction.ROTATE : AuditAction.UPDATE;
    }

    private static boolean isKey(ChangeAudit.Change change) {
        ConfigEntity object = change.after() != null ? change.after() : change.before();
        return object.kind() == EntityKind.KEY;
    }
}
