package dev.gatehouse.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code gatehouse} command: exports the configuration of a running admin as a declarative file, shows how a
 * file differs from it, applies a file as one revision, lists revisions and rolls back, over the admin's REST API
 * with an API token. Run it as {@code java -jar gatehouse-cli.jar}, or in-process with
 * {@code new CommandLine(new GatehouseCli()).execute(args)}.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = ExitCodes.ERROR, exitCodeOnExecutionException = ExitCodes.ERROR,
        description = "Declarative configuration of a Gatehouse admin: export, diff, apply, revisions, rollback.",
        subcommands = {ExportCommand.class, DiffCommand.class, ApplyCommand.class, RevisionsCommand.class,
                RollbackCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = {"The admin: --url, else GATEHOUSE_URL, else " + AdminUrl.DEFAULT + ".",
                "The API token: --token-file FILE (chmod 600), else GATEHOUSE_TOKEN.",
                "Exit codes:",
                "  0  success (diff: no changes)",
                "  1  error: nothing was changed",
                "  2  diff only: changes pending",
                "Run 'gatehouse help COMMAND' for a command's options."})
public final class GatehouseCli implements Runnable {

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    /** Reads the admin URL and the token from this process's environment. */
    public GatehouseCli() {
        this(System.getenv());
    }

    /** Reads {@code GATEHOUSE_URL} and {@code GATEHOUSE_TOKEN} from {@code environment} instead (tests). */
    public GatehouseCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name a command: export, diff, apply, revisions or rollback");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatehouseCli()).execute(args));
    }
}
