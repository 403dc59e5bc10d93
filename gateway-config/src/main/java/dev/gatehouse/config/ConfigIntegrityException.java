package dev.gatehouse.config;

/**
 * Raised when a snapshot or change set cannot be applied as it stands: wrong base revision, a hash that does not
 * match the content, or content that fails validation. A node answers it by keeping its current configuration
 * and asking for a full snapshot.
 */
public class ConfigIntegrityException extends RuntimeException {

    public ConfigIntegrityException(String message) {
        super(message);
    }
}
