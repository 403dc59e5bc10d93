package dev.gatehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** The file and selection of {@code diff} and {@code apply}, and the import call they both make. */
final class ImportOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
            description = "The declarative file: .yaml/.yml (application/yaml) or .json (application/json).")
    Path file;

    @Option(names = "--prune",
            description = "Also delete what the file does not hold (within --tag/--service when given).")
    boolean prune;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only the routes with this tag (and what they use).")
    String tag;

    @Option(names = "--service", paramLabel = "SERVICE",
            description = "Only this service (and its routes and policies).")
    String service;

    /**
     * POST /api/v1/config/import with the file as it is.
     *
     * @param ifRevision the revision the admin must be at, or null
     * @return the answer: {@code dryRun}, {@code revision}, {@code changes}, {@code unchanged}
     */
    JsonNode importFile(AdminClient admin, boolean dryRun, Long ifRevision) {
        String contentType = ContentTypes.forFile(file, "-f");
        byte[] body = read();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("dryRun", String.valueOf(dryRun));
        query.put("prune", String.valueOf(prune));
        query.put("tag", tag);
        query.put("service", service);
        query.put("ifRevision", ifRevision == null ? null : ifRevision.toString());
        JsonNode answer = admin.post("/api/v1/config/import", query, contentType, body).json();
        if (!answer.path("changes").isArray()) {
            throw new CliException("the admin's answer has no list of changes: " + answer);
        }
        return answer;
    }

    private byte[] read() {
        if (!Files.isRegularFile(file)) {
            throw new CliException("-f " + file + ": no such file");
        }
        try {
            byte[] body = Files.readAllBytes(file);
            if (body.length == 0) {
                throw new CliException("-f " + file + " is empty");
            }
            return body;
        } catch (IOException e) {
            throw new CliException("-f " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
