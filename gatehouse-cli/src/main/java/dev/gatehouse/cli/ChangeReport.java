package dev.gatehouse.cli;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Renders the admin's object changes (the {@code changes} of an import or rollback answer) for people:
 * <pre>
 * + create route orders
 * ~ update service billing
 *   targets[0].port: 8080 → 8081
 * - delete policy old-limit
 * </pre>
 * and a summary line. Secret fields arrive from the admin already redacted.
 */
final class ChangeReport {

    private final String arrow;

    /** @param arrow what separates a field's value before from after: {@code →}, or {@code ->} where not printable */
    ChangeReport(String arrow) {
        this.arrow = arrow;
    }

    /** The arrow the standard output's encoding can print. */
    static ChangeReport forConsole() {
        Charset charset;
        try {
            String stdout = System.getProperty("sun.stdout.encoding");
            charset = stdout == null ? Charset.defaultCharset() : Charset.forName(stdout);
        } catch (RuntimeException unknown) {
            charset = Charset.defaultCharset();
        }
        return new ChangeReport(charset.newEncoder().canEncode('→') ? "→" : "->");
    }

    /** One line per object, followed by its changed fields, in the admin's order. */
    List<String> lines(JsonNode changes) {
        List<String> lines = new ArrayList<>();
        for (JsonNode change : changes) {
            String op = String.valueOf(Answer.textOf(change.get("op")));
            String sign = switch (op) {
                case "create" -> "+";
                case "update" -> "~";
                case "delete" -> "-";
                default -> "?";
            };
            lines.add(sign + " " + op + " " + Answer.textOf(change.get("kind")) + " " + Answer.textOf(change.get("name")));
            for (JsonNode field : change.path("fields")) {
                lines.add("  " + field(field));
            }
        }
        return lines;
    }

    private String field(JsonNode field) {
        String path = Answer.textOf(field.get("path"));
        String before = shown(field.get("before"));
        String after = shown(field.get("after"));
        String label = path == null || path.isEmpty() ? "(whole object)" : path;
        return switch (String.valueOf(Answer.textOf(field.get("change")))) {
            case "added" -> label + ": (none) " + arrow + " " + after;
            case "removed" -> label + ": " + before + " " + arrow + " (none)";
            default -> label + ": " + before + " " + arrow + " " + after;
        };
    }

    private static String shown(JsonNode value) {
        String text = Answer.textOf(value);
        if (text == null) {
            return "(none)";
        }
        return text.isEmpty() || !text.strip().equals(text) ? '"' + text + '"' : text;
    }

    /** How many objects each operation touches. */
    record Counts(int create, int update, int delete, int other) {

        static Counts of(JsonNode changes) {
            int c = 0;
            int u = 0;
            int d = 0;
            int o = 0;
            for (JsonNode change : changes) {
                switch (String.valueOf(Answer.textOf(change.get("op")))) {
                    case "create" -> c++;
                    case "update" -> u++;
                    case "delete" -> d++;
                    default -> o++;
                }
            }
            return new Counts(c, u, d, o);
        }

        int total() {
            return create + update + delete + other;
        }

        /** e.g. {@code 1 to create, 2 to update, 0 to delete} or, with {@code done}, {@code 1 created, ...}. */
        String describe(boolean done) {
            return done
                    ? create + " created, " + update + " updated, " + delete + " deleted"
                    : create + " to create, " + update + " to update, " + delete + " to delete";
        }
    }
}
