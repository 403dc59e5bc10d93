package dev.gatehouse.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns an unsuccessful answer into a {@link CliException}: an {@code application/problem+json} answer as
 * {@code <title>: <detail>} with one {@code <field>: <message>} line per entry of its {@code errors}; anything else
 * (a proxy's HTML page) as its status and the start of its body.
 */
final class Problems {

    private Problems() {
    }

    static CliException of(Answer answer) {
        String type = answer.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/problem+json") || type.startsWith("application/json")) {
            JsonNode problem;
            try {
                problem = answer.json();
            } catch (CliException notJson) {
                return plain(answer);
            }
            if (problem.isObject() && (problem.has("title") || problem.has("detail"))) {
                return fromProblem(answer, problem);
            }
        }
        return plain(answer);
    }

    private static CliException fromProblem(Answer answer, JsonNode problem) {
        String title = Answer.textOf(problem.get("title"));
        String detail = Answer.textOf(problem.get("detail"));
        StringBuilder message = new StringBuilder(title == null ? "HTTP " + answer.status() : title);
        if (detail != null && !detail.isBlank() && !detail.equals(title)) {
            message.append(": ").append(detail);
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            String field = Answer.textOf(error.get("field"));
            String text = Answer.textOf(error.get("message"));
            lines.add((field == null || field.isEmpty() ? "(document)" : field) + ": " + (text == null ? "" : text));
        }
        return new CliException(message.toString(), lines);
    }

    private static CliException plain(Answer answer) {
        return new CliException("HTTP " + answer.status() + " from " + answer.url() + ": " + answer.excerpt());
    }
}
