package dev.gatehouse.admin.publish;

import dev.gatehouse.admin.web.ConflictException;
import dev.gatehouse.config.ConfigEntity;
import java.util.List;

/**
 * Something attached to published objects that must keep them from being deleted (policies attached to a
 * route, consumer or plan). Implemented by the referring feature; the owning feature asks every implementation
 * before a delete and so never reads the other's tables or depends on its package.
 */
public interface ConfigReferences {

    /**
     * What refers to the object, one entry per referring object, phrased for the admin (such as
     * {@code policy orders-limit}); empty when nothing does. Called inside the deleting transaction, after the
     * configuration lock is taken.
     */
    List<String> referencesTo(ConfigEntity entity);

    /** Throws 409 {@code in_use} naming what still refers to {@code entity}, if anything does. */
    static void requireUnreferenced(List<ConfigReferences> references, ConfigEntity entity) {
        List<String> users = references.stream().flatMap(r -> r.referencesTo(entity).stream()).toList();
        if (!users.isEmpty()) {
            throw new ConflictException(ConflictException.IN_USE, entity.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " '" + entity.name() + "' is used by " + String.join(", ", users)
                    + "; delete or move them first");
        }
    }
}
