package dev.gatehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gatehouse export}: GET /api/v1/config/export, written to a file or to standard output. */
@Command(name = "export", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.ERROR,
        exitCodeOnExecutionException = ExitCodes.ERROR,
        description = {"Writes the admin's configuration as a declarative file (YAML or JSON), in a stable order"
                + " for Git. Secret fields are written as \"[redacted]\" (on apply: keep the current value);"
                + " API keys are never exported."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    GatehouseCli root;
    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "yaml|json",
            description = "The format (default: from the -o file name, else yaml).")
    String format;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only the routes with this tag (and what they use).")
    String tag;

    @Option(names = "--service", paramLabel = "SERVICE",
            description = "Only this service (and its routes and policies).")
    String service;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (replaced if it exists) instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        return Failures.report(spec, this::export);
    }

    private int export() {
        String chosen = chosenFormat();
        AdminClient admin = connection.connect(root.environment(), spec.commandLine().getErr());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("format", chosen);
        query.put("tag", tag);
        query.put("service", service);
        String accept = (chosen.equals("json") ? ContentTypes.JSON : ContentTypes.YAML)
                + ", application/problem+json, */*;q=0.1";
        Answer answer = admin.get("/api/v1/config/export", query, accept);
        if (output == null) {
            spec.commandLine().getOut().print(answer.text());
            return ExitCodes.OK;
        }
        write(answer.body());
        spec.commandLine().getErr().println("exported to " + output + " (" + answer.body().length + " bytes)");
        return ExitCodes.OK;
    }

    private String chosenFormat() {
        String fromName = output == null ? null : ContentTypes.formatOf(output);
        if (format == null) {
            if (output != null && fromName == null) {
                throw new CliException("-o " + output + ": the file name must end in .yaml, .yml or .json,"
                        + " or give --format");
            }
            return fromName == null ? "yaml" : fromName;
        }
        if (!format.equals("yaml") && !format.equals("json")) {
            throw new CliException("--format must be yaml or json, not " + format);
        }
        if (fromName != null && !fromName.equals(format)) {
            throw new CliException("--format " + format + " does not match the name of -o " + output);
        }
        return format;
    }

    // Written beside the target and moved over it: an interrupted export never leaves half a file behind.
    private void write(byte[] body) {
        Path target = output.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), ".gatehouse-export-", ".tmp");
            Files.write(temporary, body);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException("-o " + output + ": cannot write it (" + e.getMessage() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing left to do: the message above already says what went wrong
                }
            }
        }
    }
}
