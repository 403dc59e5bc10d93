package dev.gatehouse.config;

import java.util.List;

/** Raised when a configuration value breaks one or more rules; carries every violation found. */
public class ConfigValidationException extends RuntimeException {

    private final List<Violation> violations;

    public ConfigValidationException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid configuration"
                : violations.get(0).field() + ": " + violations.get(0).message()
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        this.violations = List.copyOf(violations);
    }

    /** Every violation found. */
    public List<Violation> violations() {
        return violations;
    }
}
