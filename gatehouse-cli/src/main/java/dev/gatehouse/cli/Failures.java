package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a command body and turns a {@link CliException} into {@code error:} lines on stderr and exit code 1. */
final class Failures {

    private Failures() {
    }

    static int report(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (CliException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            e.details().forEach(line -> err.println("  " + line));
            err.flush();
            return ExitCodes.ERROR;
        } finally {
            spec.commandLine().getOut().flush();
        }
    }
}
