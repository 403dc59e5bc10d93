package dev.gatehouse.admin.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Admin-assigned ids: every object is addressed by its UUID or its name, and this tells which one was given. */
public final class Ids {

    private Ids() {
    }

    /** The UUID this string spells, if it spells one. */
    public static Optional<UUID> parseUuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The object addressed by this id or name, if any. A string that spells a UUID is tried as an id first and
     * then as a name, since a name may happen to look like a UUID.
     */
    public static <T> Optional<T> lookup(String idOrName, Function<UUID, Optional<T>> byId,
                                         Function<String, Optional<T>> byName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<T> found = parseUuid(idOrName).flatMap(byId);
        return found.isPresent() ? found : byName.apply(idOrName);
    }

    /** Name of every object by its id, as strings. */
    public static Map<String, String> namesById(List<? extends Named> named) {
        Map<String, String> names = new HashMap<>();
        named.forEach(n -> names.put(n.getId().toString(), n.getName()));
        return names;
    }

    /** Id and name of an object: the projection a repository's {@code findAllNames()} returns. */
    public interface Named {

        /** The object's id. */
        UUID getId();

        /** The object's name. */
        String getName();
    }
}
