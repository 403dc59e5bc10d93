package dev.gatehouse.admin.calllog;

import dev.gatehouse.config.Violation;
import java.util.List;

/**
 * A call-record batch that is refused whole (answered 400, nothing stored): {@code malformed_json},
 * {@code too_large} or {@code validation_failed} with the violations.
 */
class BadBatchException extends RuntimeException {

    private final String code;
    private final List<Violation> violations;

    BadBatchException(String code, String detail, List<Violation> violations) {
        super(detail);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    String code() {
        return code;
    }

    List<Violation> violations() {
        return violations;
    }
}
