package dev.gatehouse.admin.declarative;

import dev.gatehouse.admin.web.FieldDiff;
import java.util.List;
import java.util.Locale;

/**
 * One object an import or rollback creates, updates or deletes, field by field over its document form; secrets
 * show as {@code [redacted]} / {@code [redacted, changed]}.
 *
 * @param kind   {@code service}, {@code plan}, {@code policy}, {@code route} or {@code consumer}
 * @param name   its name (after the change; before it, for a deletion)
 * @param id     its id where known; null for a creation
 * @param op     {@code create}, {@code update} or {@code delete}
 * @param fields the fields that differ
 */
public record ObjectChange(String kind, String name, String id, String op, List<Field> fields) {

    public ObjectChange {
        fields = List.copyOf(fields);
    }

    /**
     * One field that differs.
     *
     * @param path   where it is in the object ({@code paths[0]})
     * @param change {@code added}, {@code removed} or {@code changed}
     * @param before its value before, as text; null when added
     * @param after  its value after, as text; null when removed
     */
    public record Field(String path, String change, String before, String after) {

        static List<Field> of(FieldDiff diff) {
            return diff.rows().stream().map(row -> new Field(row.path(), row.change().name().toLowerCase(Locale.ROOT),
                    row.before(), row.after())).toList();
        }
    }
}
