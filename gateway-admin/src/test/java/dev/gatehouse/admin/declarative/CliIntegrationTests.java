package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.AdminUserService;
import dev.gatehouse.admin.user.Role;
import dev.gatehouse.cli.GatehouseCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code gatehouse} CLI (module gatehouse-cli), run in-process against this admin over real HTTP with real API
 * tokens: export, diff, apply (and again), revisions, a rollback dry run, a refused file and a refused role. Every
 * step is limited to this test's own service ({@code --service}), so other classes' data never matters.
 */
@AdminIntegrationTest
class CliIntegrationTests {

    private static final Pattern APPLIED = Pattern.compile("Applied as revision (\\d+): ");

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    AdminUserService users;
    @Autowired
    ApiTokenService tokens;
    @LocalServerPort
    int port;
    @TempDir
    Path dir;

    AdminApi api;
    String service;
    Path editorToken;
    Path viewerToken;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        service = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 8080}]}""".formatted(service))
                .andExpect(status().isCreated());
        api.post("/api/v1/routes", """
                {"name": "%s-main", "service": "%s", "paths": ["/%s/main"], "tags": ["%s"]}"""
                .formatted(service, service, service, service))
                .andExpect(status().isCreated());
        editorToken = tokenFile(Role.EDITOR);
        viewerToken = tokenFile(Role.VIEWER);
    }

    @Test
    void exportDiffApplyRoundTripWithExitCodesForPipelines() throws Exception {
        Path yaml = dir.resolve("gatehouse.yaml");
        Run export = cli("export", "--service", service, "-o", yaml.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readString(yaml)).contains("gatehouse: 1", service + "-main");

        Run unchanged = cli("diff", "-f", yaml.toString(), "--service", service);
        assertThat(unchanged.code()).as(unchanged.all()).isZero();
        assertThat(unchanged.out()).contains("No changes");

        // the same selection as JSON, edited as a pipeline would: one more route
        Path json = dir.resolve("gatehouse.json");
        assertThat(cli("export", "--service", service, "-o", json.toString()).code()).isZero();
        ObjectNode document = (ObjectNode) mapper.readTree(Files.readString(json));
        String added = service + "-added";
        ObjectNode route = mapper.createObjectNode().put("name", added).put("service", service);
        route.putArray("paths").add("/" + service + "/added");
        JsonNode routes = document.get("routes");
        (routes instanceof ArrayNode array ? array : document.putArray("routes")).add(route);
        Files.writeString(json, mapper.writeValueAsString(document));

        Run pending = cli("diff", "-f", json.toString(), "--service", service);
        assertThat(pending.code()).as(pending.all()).isEqualTo(2);
        assertThat(pending.out()).contains("+ create route " + added).contains("Plan: 1 to create, 0 to update");
        api.get("/api/v1/routes/" + added).andExpect(status().isNotFound());

        long before = AdminApi.revision();
        Run apply = cli("apply", "-f", json.toString(), "--service", service, "--if-revision", String.valueOf(before));
        assertThat(apply.code()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("+ create route " + added);
        Matcher applied = APPLIED.matcher(apply.out());
        assertThat(applied.find()).as(apply.out()).isTrue();
        long revision = Long.parseLong(applied.group(1));
        assertThat(revision).isEqualTo(AdminApi.revision()).isGreaterThan(before);
        api.get("/api/v1/routes/" + added).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths[0]").value("/" + service + "/added"));

        Run again = cli("apply", "-f", json.toString(), "--service", service);
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes").contains("no new revision");
        assertThat(AdminApi.revision()).isEqualTo(revision);

        Run stale = cli("apply", "-f", json.toString(), "--service", service, "--if-revision", String.valueOf(before));
        assertThat(stale.code()).isEqualTo(1);
        assertThat(stale.err()).startsWith("error: ");

        Run history = cli("revisions", "--limit", "5");
        assertThat(history.code()).as(history.all()).isZero();
        assertThat(history.out()).containsPattern("(?m)^" + revision + " .* import ");

        Run rollback = cli("rollback", "--to", String.valueOf(revision - 1), "--dry-run");
        assertThat(rollback.code()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("- delete route " + added);
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(export.all() + unchanged.all() + pending.all() + apply.all() + history.all())
                .doesNotContain(Files.readString(editorToken).strip());
    }

    @Test
    void aFileWithAnUnknownFieldIsRefusedWithItsPathAndChangesNothing() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"gatehouse": 1, "routes": [{"name": "%s-bad", "service": "%s", "paths": ["/%s/bad"],
                 "colour": "red"}]}""".formatted(service, service, service));
        String fingerprint = AdminApi.fingerprint();

        Run diff = cli("diff", "-f", bad.toString(), "--service", service);
        Run apply = cli("apply", "-f", bad.toString(), "--service", service);

        assertThat(diff.code()).isEqualTo(1);
        assertThat(apply.code()).isEqualTo(1);
        assertThat(apply.err()).startsWith("error: ").contains("routes[0]").contains("colour");
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
        api.get("/api/v1/routes/" + service + "-bad").andExpect(status().isNotFound());
    }

    @Test
    void aViewerTokenMayExportButNotApply() throws Exception {
        Path yaml = dir.resolve("viewer.yaml");
        Run export = cli(viewerToken, "export", "--service", service, "-o", yaml.toString());
        assertThat(export.code()).as(export.err()).isZero();
        Files.writeString(yaml, Files.readString(yaml).replace("/" + service + "/main", "/" + service + "/moved"));
        String fingerprint = AdminApi.fingerprint();

        Run apply = cli(viewerToken, "apply", "-f", yaml.toString(), "--service", service);

        assertThat(apply.code()).isEqualTo(1);
        assertThat(apply.err()).startsWith("error: Forbidden");
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void aWrongTokenOrAnUnprotectedTokenFileIsAnError() throws Exception {
        Path wrong = dir.resolve("wrong-token");
        Files.writeString(wrong, "ght_not_a_real_token_0123456789");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        Run unauthorized = cli(wrong, "revisions");
        assertThat(unauthorized.code()).isEqualTo(1);
        assertThat(unauthorized.err()).startsWith("error: Unauthorized").doesNotContain("ght_not_a_real_token");

        Files.setPosixFilePermissions(editorToken, PosixFilePermissions.fromString("rw-r--r--"));
        Run open = cli("revisions");
        assertThat(open.code()).isEqualTo(1);
        assertThat(open.err()).contains("may be read by others").contains("chmod 600");
    }

    private Run cli(String... args) {
        return cli(editorToken, args);
    }

    private Run cli(Path tokenFile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + port, "--token-file", tokenFile.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new GatehouseCli());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    // a user of the role and an API token of theirs, in a file only its owner may read
    private Path tokenFile(Role role) throws IOException {
        String owner = "cli-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.createIfAbsent(owner, "cli-test-password-" + UUID.randomUUID(), role);
        String token = tokens.create(owner, role, "ci " + owner, role.name(), null, null).token();
        Path file = dir.resolve(owner + ".token");
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** One CLI run: exit code and what it printed. */
    record Run(int code, String out, String err) {

        String all() {
            return out + err;
        }
    }
}
