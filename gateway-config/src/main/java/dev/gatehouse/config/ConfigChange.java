package dev.gatehouse.config;

import java.util.Objects;

/**
 * A change to one configuration object: an upsert carries the whole new object, a delete only its id.
 *
 * @param op     upsert or delete
 * @param kind   kind of the object
 * @param id     id of the object
 * @param entity the new object for an upsert, {@code null} for a delete
 */
public record ConfigChange(ChangeOp op, EntityKind kind, String id, ConfigEntity entity) {

    public ConfigChange {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (op == ChangeOp.UPSERT && (entity == null || entity.kind() != kind || !id.equals(entity.id()))) {
            throw new IllegalArgumentException("an upsert carries an entity of its kind and id");
        }
        if (op == ChangeOp.DELETE) {
            entity = null;
        }
    }

    /** An upsert of the given object. */
    public static ConfigChange upsert(ConfigEntity entity) {
        return new ConfigChange(ChangeOp.UPSERT, entity.kind(), entity.id(), entity);
    }

    /** A delete of the object with this kind and id. */
    public static ConfigChange delete(EntityKind kind, String id) {
        return new ConfigChange(ChangeOp.DELETE, kind, id, null);
    }
}
