package dev.gatehouse.admin.history;

import dev.gatehouse.admin.web.FieldDiff;
import dev.gatehouse.admin.web.Redaction;
import dev.gatehouse.config.EntityKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recorded changes of a range of revisions {@code (low, high]}, collapsed per object: an object's state at
 * {@code low} is the "before" of its first change in the range (null when that change created it), its state at
 * {@code high} the "after" of its last (null when that change deleted it). Objects the range does not touch are
 * the same at both ends. Pure: no database, so the derivation is unit-tested on its own.
 */
final class RevisionRange {

    /**
     * The kinds a rollback restores, in an order where an object comes after those it refers to: routes refer to
     * services, consumers to plans, policies to services, routes, consumers and plans.
     */
    static final List<EntityKind> RESTORABLE = List.of(EntityKind.SERVICE, EntityKind.PLAN, EntityKind.ROUTE,
            EntityKind.CONSUMER, EntityKind.POLICY);

    private final Map<Key, List<HistoryRow>> objects = new LinkedHashMap<>();

    /**
     * @param rows every change of the range, ordered by revision and then by their order within it
     */
    RevisionRange(List<HistoryRow> rows) {
        for (HistoryRow row : rows) {
            objects.computeIfAbsent(new Key(row.kind(), row.id()), k -> new ArrayList<>()).add(row);
        }
    }

    /**
     * How the configuration at one end differs from the other, one entry per object whose state differs.
     * An object created and deleted within the range is not listed, nor one changed and changed back.
     *
     * @param forward true for "from low to high", false for "from high to low" (then creations read as deletions)
     */
    List<ObjectChange> diff(boolean forward) {
        List<ObjectChange> changes = new ArrayList<>();
        for (List<HistoryRow> rows : objects.values()) {
            HistoryRow first = rows.get(0);
            HistoryRow last = rows.get(rows.size() - 1);
            boolean atLow = first.op() != ObjectOp.CREATE;
            boolean atHigh = last.op() != ObjectOp.DELETE;
            boolean existedBefore = forward ? atLow : atHigh;
            boolean existsAfter = forward ? atHigh : atLow;
            if (!existedBefore && !existsAfter) {
                continue;
            }
            ObjectOp op = !existedBefore ? ObjectOp.CREATE : !existsAfter ? ObjectOp.DELETE : ObjectOp.UPDATE;
            JsonNode low = unmarked(first.before());
            JsonNode high = unmarked(last.after());
            JsonNode before = forward ? low : high;
            JsonNode after = forward ? high : low;
            String name = name(after, name(before, (forward ? last : first).name()));
            if (!HistoryRow.hasPayload(first.kind())) {
                changes.add(ObjectChange.of(first.kind(), name, first.id(), op, List.of()));
                continue;
            }
            List<ObjectChange.Field> fields = fields(before, after, op == ObjectOp.UPDATE ? changedSecrets(rows)
                    : Set.of());
            if (op == ObjectOp.UPDATE && fields.isEmpty()) {
                continue;
            }
            changes.add(ObjectChange.of(first.kind(), name, first.id(), op, fields));
        }
        return changes;
    }

    /**
     * Every object of a restorable kind the range changed, as it was at {@code low}, referenced objects first.
     */
    List<RevisionState.ObjectAt> atLow() {
        List<RevisionState.ObjectAt> states = new ArrayList<>();
        for (List<HistoryRow> rows : objects.values()) {
            HistoryRow first = rows.get(0);
            if (!RESTORABLE.contains(first.kind())) {
                continue;
            }
            JsonNode then = unmarked(first.before());
            states.add(new RevisionState.ObjectAt(first.kind(), first.id(), name(then, first.name()), then));
        }
        // stable: within a kind, objects keep the order in which the range first changed them
        states.sort(Comparator.comparingInt(state -> RESTORABLE.indexOf(state.kind())));
        return states;
    }

    /** The fields of one change as stored (its "after" marks a secret that changed). */
    static List<ObjectChange.Field> fields(JsonNode before, JsonNode after) {
        return FieldDiff.of(before, after).rows().stream().map(ObjectChange.Field::of).toList();
    }

    /**
     * The fields that differ, and the secrets that changed somewhere in the range although both ends read
     * {@link Redaction#MARKER} (a secret changed and then another field: the last "after" no longer says so).
     */
    private static List<ObjectChange.Field> fields(JsonNode before, JsonNode after, Set<String> changedSecrets) {
        List<ObjectChange.Field> fields = new ArrayList<>(fields(before, after));
        Map<String, String> old = FieldDiff.flatten(before);
        Map<String, String> now = FieldDiff.flatten(after);
        for (String path : changedSecrets) {
            if (Redaction.MARKER.equals(old.get(path)) && Redaction.MARKER.equals(now.get(path))) {
                fields.add(new ObjectChange.Field(path, "changed", Redaction.MARKER, Redaction.CHANGED));
            }
        }
        return fields;
    }

    /** Paths at which some change of the range recorded a secret as changed. */
    private static Set<String> changedSecrets(List<HistoryRow> rows) {
        Set<String> paths = new LinkedHashSet<>();
        for (HistoryRow row : rows) {
            FieldDiff.flatten(row.after()).forEach((path, value) -> {
                if (Redaction.CHANGED.equals(value)) {
                    paths.add(path);
                }
            });
        }
        return paths;
    }

    /**
     * A state as such: "changed" is a property of a change, not of an object, so {@link Redaction#CHANGED} reads
     * {@link Redaction#MARKER} in it.
     */
    static JsonNode unmarked(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        unmark(copy);
        return copy;
    }

    private static void unmark(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString() && Redaction.CHANGED.equals(value.stringValue())) {
                    object.put(name, Redaction.MARKER);
                } else {
                    unmark(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString() && Redaction.CHANGED.equals(value.stringValue())) {
                    array.set(i, array.stringNode(Redaction.MARKER));
                } else {
                    unmark(value);
                }
            }
        }
    }

    private static String name(JsonNode state, String otherwise) {
        return state != null && state.path("name").isString() ? state.get("name").stringValue() : otherwise;
    }

    private record Key(EntityKind kind, String id) {
    }
}
