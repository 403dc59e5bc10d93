package dev.gatehouse.admin.web;

import java.util.Optional;
import java.util.UUID;

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
}
