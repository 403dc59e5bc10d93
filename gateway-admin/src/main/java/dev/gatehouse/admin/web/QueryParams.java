package dev.gatehouse.admin.web;

import dev.gatehouse.config.Violation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the filters of a list (the audit trail, the history): blank means absent, a bad value a field error. */
public final class QueryParams {

    private QueryParams() {
    }

    /** The stripped text, null when blank; longer than {@code max} characters is reported and null. */
    public static String text(String field, String value, int max, List<Violation> violations) {
        if (blank(value)) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
            return null;
        }
        return text;
    }

    /** An ISO-8601 instant ({@code 2026-01-31T12:00:00Z}) or a UTC local time as a browser's date-time field sends. */
    public static Instant time(String field, String value, List<Violation> violations) {
        if (blank(value)) {
            return null;
        }
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                violations.add(new Violation(field, "must be a time such as 2026-01-31T12:00:00Z"));
                return null;
            }
        }
    }

    /** Whether a parameter is absent or blank. */
    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
