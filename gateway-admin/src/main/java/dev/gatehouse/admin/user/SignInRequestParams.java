package dev.gatehouse.admin.user;

import dev.gatehouse.config.Violation;
import java.util.List;
import java.util.Locale;

/** Parsing of the sign-in list's query parameters, shared by the API and the console page. */
final class SignInRequestParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private SignInRequestParams() {
    }

    static SignInOutcome outcome(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SignInOutcome.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("outcome", "must be one of SUCCESS, FAILURE, THROTTLED"));
            return null;
        }
    }

    static Long before(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation("before", "must be a positive event id"));
        return null;
    }

    static int limit(String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    static String username(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
