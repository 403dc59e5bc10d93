package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code gatehouse apply}: imports the file as one new revision, or changes nothing when it already matches. */
@Command(name = "apply", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = {"Makes the admin's configuration match the file, as one revision that reaches the nodes like"
                + " any other change. All or nothing: a file with any error changes nothing."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  applied, or nothing to change", "  1  error: nothing was changed"})
final class ApplyCommand implements Callable<Integer> {

    @ParentCommand
    GatehouseCli root;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    ImportOptions input;

    @Option(names = "--if-revision", paramLabel = "N",
            description = "Refuse (change nothing) unless the admin is still at revision N, e.g. the one a reviewed"
                    + " diff was made against.")
    Long ifRevision;

    @Override
    public Integer call() throws Exception {
        return Failures.report(spec, this::apply);
    }

    private int apply() {
        if (ifRevision != null && ifRevision < 0) {
            throw new CliException("--if-revision must be a revision number (0 or more)");
        }
        AdminClient admin = connection.connect(root.environment(), spec.commandLine().getErr());
        JsonNode answer = input.importFile(admin, false, ifRevision);
        JsonNode changes = answer.path("changes");
        PrintWriter out = spec.commandLine().getOut();
        ChangeReport.forConsole().lines(changes).forEach(out::println);
        ChangeReport.Counts counts = ChangeReport.Counts.of(changes);
        long unchanged = answer.path("unchanged").asLong(0);
        String revision = Answer.textOf(answer.get("revision"));
        if (counts.total() == 0) {
            out.println("No changes: the admin already matches " + input.file + " (" + unchanged
                    + " unchanged); no new revision.");
        } else {
            out.println("Applied" + (revision == null ? "" : " as revision " + revision) + ": "
                    + counts.describe(true) + "; " + unchanged + " unchanged.");
        }
        return ExitCodes.OK;
    }
}
