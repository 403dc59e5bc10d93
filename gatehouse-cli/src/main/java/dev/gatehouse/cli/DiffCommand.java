package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse diff}: a dry-run import; exit 0 when nothing would change, 2 when something would. */
@Command(name = "diff", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Shows what applying the file would change on the admin, changing nothing.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  no changes: the admin matches the file",
                "  1  error (bad file, refused, unreachable)",
                "  2  changes pending: 'gatehouse apply' would change what is listed"})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    GatehouseCli root;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    ImportOptions input;

    @Override
    public Integer call() throws Exception {
        return Failures.report(spec, this::diff);
    }

    private int diff() {
        AdminClient admin = connection.connect(root.environment(), spec.commandLine().getErr());
        JsonNode answer = input.importFile(admin, true, null);
        JsonNode changes = answer.path("changes");
        PrintWriter out = spec.commandLine().getOut();
        ChangeReport.forConsole().lines(changes).forEach(out::println);
        ChangeReport.Counts counts = ChangeReport.Counts.of(changes);
        long unchanged = answer.path("unchanged").asLong(0);
        if (counts.total() == 0) {
            out.println("No changes: the admin matches " + input.file + " (" + unchanged + " unchanged).");
            return ExitCodes.OK;
        }
        out.println("Plan: " + counts.describe(false) + "; " + unchanged + " unchanged.");
        return ExitCodes.CHANGES;
    }
}
