package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import java.util.List;

/**
 * The request breaks one or more rules; answered with 400 {@code validation_failed} listing every violation.
 * Field names are those of the request JSON, such as {@code targets[0].port}.
 */
public class InvalidInputException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid input"
                : violations.get(0).field() + " " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    /** Every violation found. */
    public List<Violation> violations() {
        return violations;
    }
}
