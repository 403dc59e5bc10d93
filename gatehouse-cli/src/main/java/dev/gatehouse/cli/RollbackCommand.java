package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code gatehouse rollback}: POST /api/v1/config/rollback, as one new revision (or a dry run). */
@Command(name = "rollback", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = {"Brings the configuration back to how it was at an earlier revision, as one new revision."
                + " Consumers created since are kept (and listed), never deleted with their keys."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  rolled back (or, with --dry-run, shown)", "  1  error: nothing was changed"})
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    GatehouseCli root;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--to", paramLabel = "REVISION", required = true,
            description = "The revision to go back to (see 'gatehouse revisions').")
    long revision;

    @Option(names = "--dry-run", description = "Only show what the rollback would change.")
    boolean dryRun;

    @Option(names = "--if-revision", paramLabel = "N",
            description = "Refuse (change nothing) unless the admin is still at revision N.")
    Long ifRevision;

    @Override
    public Integer call() throws Exception {
        return Failures.report(spec, this::rollback);
    }

    private int rollback() {
        if (revision < 0) {
            throw new CliException("--to must be a revision number (0 or more)");
        }
        if (ifRevision != null && ifRevision < 0) {
            throw new CliException("--if-revision must be a revision number (0 or more)");
        }
        AdminClient admin = connection.connect(root.environment(), spec.commandLine().getErr());
        ObjectNode body = Answer.mapper().createObjectNode();
        body.put("revision", revision);
        body.put("dryRun", dryRun);
        if (ifRevision != null) {
            body.put("ifRevision", ifRevision);
        }
        JsonNode answer = admin.post("/api/v1/config/rollback", Map.of(), ContentTypes.JSON,
                Answer.mapper().writeValueAsBytes(body)).json();
        JsonNode changes = answer.path("changes");
        PrintWriter out = spec.commandLine().getOut();
        ChangeReport.forConsole().lines(changes).forEach(out::println);
        for (JsonNode kept : answer.path("kept")) {
            out.println("! keep " + Answer.textOf(kept.get("kind")) + " " + Answer.textOf(kept.get("name"))
                    + ": " + Answer.textOf(kept.get("reason")));
        }
        ChangeReport.Counts counts = ChangeReport.Counts.of(changes);
        long unchanged = answer.path("unchanged").asLong(0);
        String newRevision = Answer.textOf(answer.get("revision"));
        if (counts.total() == 0) {
            out.println("No changes: the configuration already matches revision " + revision + ".");
        } else if (dryRun) {
            out.println("Rollback to revision " + revision + " would make: " + counts.describe(false) + "; "
                    + unchanged + " unchanged.");
        } else {
            out.println("Rolled back to revision " + revision
                    + (newRevision == null ? "" : " as revision " + newRevision) + ": " + counts.describe(true)
                    + "; " + unchanged + " unchanged.");
        }
        return ExitCodes.OK;
    }
}
