package dev.gatehouse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of the {@code gatehouse} command with its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new GatehouseCli(environment));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Both streams, for asserting that something (a token) appears in neither. */
    String all() {
        return out + err;
    }
}
