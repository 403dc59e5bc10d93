package dev.gatehouse.admin.user;

import dev.gatehouse.config.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The password rule of console users: at least {@value #MIN_LENGTH} characters, not the user name, and at most
 * {@value #MAX_BYTES} UTF-8 bytes because BCrypt ignores (Spring refuses) anything longer.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    /** The violation of {@code field}, if the password breaks the rule; never echoes the password. */
    static Optional<Violation> check(String field, String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of(new Violation(field, "is required"));
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(new Violation(field, "must have at least " + MIN_LENGTH + " characters"));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(new Violation(field, "must have at most " + MAX_BYTES + " bytes"));
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            return Optional.of(new Violation(field, "must not be the user name"));
        }
        return Optional.empty();
    }
}
