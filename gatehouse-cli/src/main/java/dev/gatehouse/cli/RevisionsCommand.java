package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse revisions}: the newest configuration revisions, who made them and what they changed. */
@Command(name = "revisions", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Lists the newest configuration revisions: when, who, why, and what they changed.")
final class RevisionsCommand implements Callable<Integer> {

    private static final int OBJECTS_SHOWN = 3;

    @ParentCommand
    GatehouseCli root;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many revisions, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        return Failures.report(spec, this::list);
    }

    private int list() {
        if (limit < 1) {
            throw new CliException("--limit must be at least 1");
        }
        AdminClient admin = connection.connect(root.environment(), spec.commandLine().getErr());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(limit));
        JsonNode page = admin.get("/api/v1/config/revisions", query, "application/json, application/problem+json")
                .json();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"REVISION", "AT", "ACTOR", "REASON", "CHANGES", "OBJECTS"});
        for (JsonNode item : page.path("items")) {
            rows.add(new String[] {
                    Answer.textOf(item.get("revision")),
                    Answer.textOf(item.get("at")),
                    actor(item.path("actor")),
                    orDash(Answer.textOf(item.get("reason"))),
                    "+" + item.path("changes").path("create").asLong(0)
                            + " ~" + item.path("changes").path("update").asLong(0)
                            + " -" + item.path("changes").path("delete").asLong(0),
                    objects(item.path("objects"))});
        }
        PrintWriter out = spec.commandLine().getOut();
        if (rows.size() == 1) {
            out.println("No revisions recorded.");
        } else {
            Table.print(rows, out);
        }
        String start = Answer.textOf(page.get("historyStart"));
        if (start != null) {
            out.println("History from revision " + start + ": diffs and rollbacks work from there on.");
        }
        if (Answer.textOf(page.get("next")) != null) {
            out.println("Older revisions exist: raise --limit to see them.");
        }
        return ExitCodes.OK;
    }

    private static String actor(JsonNode actor) {
        String type = Answer.textOf(actor.get("type"));
        String name = Answer.textOf(actor.get("name"));
        return type == null ? orDash(name) : name == null ? type : type + " " + name;
    }

    private static String objects(JsonNode objects) {
        List<String> names = new ArrayList<>();
        for (JsonNode object : objects) {
            if (names.size() == OBJECTS_SHOWN) {
                names.add("and " + (objects.size() - OBJECTS_SHOWN) + " more");
                break;
            }
            names.add(Answer.textOf(object.get("kind")) + " " + Answer.textOf(object.get("name")));
        }
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    static final class Table {

        private Table() {
        }

        static void print(List<String[]> rows, PrintWriter out) {
            int columns = rows.get(0).length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    String cell = String.valueOf(row[i]);
                    line.append(cell);
                    if (i < columns - 1) {
                        line.append(" ".repeat(widths[i] - cell.length() + 2));
                    }
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
