package dev.gatehouse.cli;

import java.util.List;

/**
 * A failure the user should read: printed as {@code error: <message>} followed by one indented line per detail
 * (the fields of a refused file), and the command ends with {@link ExitCodes#ERROR}. Never carries the token.
 */
final class CliException extends RuntimeException {

    private final List<String> details;

    CliException(String message) {
        this(message, List.of());
    }

    CliException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** Lines shown under the message, e.g. {@code routes[3].paths[0]: must start with /}. */
    List<String> details() {
        return details;
    }
}
