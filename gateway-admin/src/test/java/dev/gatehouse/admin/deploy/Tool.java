package dev.gatehouse.admin.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the deployment tests run ({@code promtool}, {@code kubectl}): found on the PATH or not, run
 * with a time limit, its output and exit status returned. {@code .ci/run} installs both, so in CI the tests run.
 *
 * @param path the executable
 */
record Tool(Path path) {

    /** The exit status, standard output and standard error of one run. */
    record Result(int exit, String output, String errors) {

        /** Both outputs, for a failure message. */
        String describe() {
            return "exit " + exit + "\n" + output + "\n" + errors;
        }
    }

    /** The tool named {@code name} on the PATH, or null. */
    static Tool find(String name) {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return null;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new Tool(candidate);
            }
        }
        return null;
    }

    Result run(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        try {
            Path errors = Files.createTempFile("tool-", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectError(errors.toFile()).start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish within 2 minutes");
                }
                return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8),
                        Files.readString(errors));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new AssertionError(command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
