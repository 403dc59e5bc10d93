package dev.gatehouse.admin.history;

import dev.gatehouse.admin.web.FieldDiff;
import dev.gatehouse.config.EntityKind;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * How one object differs between two states of the configuration (a revision's change, a diff between two
 * revisions): the object-change shape of the API.
 *
 * @param kind   {@code service}, {@code plan}, {@code policy}, {@code route}, {@code consumer}, {@code key} or
 *               {@code settings}
 * @param name   the object's name (after the change, or before it when deleted)
 * @param id     its id
 * @param op     {@code create}, {@code update} or {@code delete}
 * @param fields the fields that differ; empty for keys and settings, whose content the history does not keep
 */
public record ObjectChange(String kind, String name, String id, String op, List<Field> fields) {

    public ObjectChange {
        fields = List.copyOf(fields);
    }

    /**
     * One field that differs; secrets read {@code [redacted]}, or {@code [redacted, changed]} on the side where it
     * had changed.
     *
     * @param path   where it is ({@code jwt.algorithms[0]})
     * @param change {@code added}, {@code removed} or {@code changed}
     * @param before its value before as text, null when added
     * @param after  its value after as text, null when removed
     */
    public record Field(String path, String change, String before, String after) {

        static Field of(FieldDiff.Row row) {
            return new Field(row.path(), row.change().name().toLowerCase(Locale.ROOT), row.before(), row.after());
        }
    }

    /**
     * The change of one object from {@code before} to {@code after} (either null for "does not exist"), field by
     * field, for answers that describe changes in this shape (an import, a rollback). Both sides must already be
     * redacted ({@link dev.gatehouse.admin.web.Redaction}).
     */
    public static ObjectChange between(EntityKind kind, String id, String name, JsonNode before, JsonNode after) {
        if (before == null && after == null) {
            throw new IllegalArgumentException("an object change needs a before or an after");
        }
        List<Field> fields = FieldDiff.of(before, after).rows().stream().map(Field::of).toList();
        return of(kind, name, id, ObjectOp.of(before, after), fields);
    }

    static ObjectChange of(EntityKind kind, String name, String id, ObjectOp op, List<Field> fields) {
        return new ObjectChange(wire(kind), name, id, op.wire(), fields);
    }

    /** The wire name of a kind, as in the contract's JSON. */
    static String wire(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
