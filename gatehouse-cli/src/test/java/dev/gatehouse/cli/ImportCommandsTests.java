package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, diff and apply against a fake admin: what they send, what they print, how they exit. */
class ImportCommandsTests {

    private static final String TOKEN = "ght_unit_test_token_42";
    private static final String YAML = "gatehouse: 1\nroutes:\n- name: orders\n  service: shop\n  paths: [/orders]\n";
    private static final String NO_CHANGES = """
            {"dryRun": true, "revision": null, "changes": [], "unchanged": 5}""";

    @TempDir
    Path dir;
    FakeAdmin admin;
    Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        admin = new FakeAdmin();
        env = Map.of("GATEHOUSE_URL", admin.url(), "GATEHOUSE_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void exportAsksForTheFormatAndSelectionAndWritesTheFileAsReceived() throws IOException {
        admin.answer(200, "application/yaml", YAML);
        Path file = dir.resolve("gatehouse.yml");
        CliRun run = CliRun.run(env, "export", "-o", file.toString(), "--tag", "team a", "--service", "shop");
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(YAML);
        assertThat(run.err()).contains("exported to " + file);
        FakeAdmin.Exchange get = admin.last();
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/api/v1/config/export");
        assertThat(get.query()).isEqualTo("format=yaml&tag=team+a&service=shop");
        assertThat(get.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(get.header("Accept")).startsWith("application/yaml");
        assertThat(run.all()).doesNotContain(TOKEN);
    }

    @Test
    void exportWithoutAFileWritesToStandardOutputOnly() {
        admin.answer(200, "application/json", "{\"gatehouse\":1}");
        CliRun run = CliRun.run(env, "export", "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("{\"gatehouse\":1}");
        assertThat(run.err()).isEmpty();
        assertThat(admin.last().query()).isEqualTo("format=json");
    }

    @Test
    void diffSendsTheFileAsADryRunAndExitsZeroWhenNothingWouldChange() throws IOException {
        admin.answer(200, "application/json", NO_CHANGES);
        Path file = write("gatehouse.yaml", YAML);
        CliRun run = CliRun.run(env, "diff", "-f", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("No changes: the admin matches " + file + " (5 unchanged).\n");
        FakeAdmin.Exchange post = admin.last();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/api/v1/config/import");
        assertThat(post.query()).isEqualTo("dryRun=true&prune=false");
        assertThat(post.header("Content-Type")).isEqualTo("application/yaml");
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(post.bodyText()).isEqualTo(YAML);
        assertThat(post.header("Upgrade")).as("plain HTTP/1.1, no h2c upgrade").isNull();
    }

    @Test
    void diffPrintsTheChangesAndExitsTwoWhenSomethingWouldChange() throws IOException {
        admin.answer(200, "application/json", ChangeReportTests.ANSWER);
        Path file = write("gatehouse.json", "{\"gatehouse\": 1}");
        CliRun run = CliRun.run(env, "diff", "-f", file.toString(), "--prune", "--tag", "edge", "--service", "shop");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("+ create route orders\n~ update service billing\n  targets[0].port: 8080 ")
                .contains("- delete policy old-limit\n")
                .endsWith("Plan: 1 to create, 2 to update, 1 to delete; 17 unchanged.\n");
        assertThat(admin.last().query()).isEqualTo("dryRun=true&prune=true&tag=edge&service=shop");
        assertThat(admin.last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void applyPrintsTheChangesAndTheNewRevision() throws IOException {
        admin.answer(200, "application/json", """
                {"dryRun": false, "revision": 46, "unchanged": 3, "changes": [
                  {"kind": "route", "name": "orders", "op": "create", "fields": []}]}""");
        Path file = write("gatehouse.yaml", YAML);
        CliRun run = CliRun.run(env, "apply", "-f", file.toString(), "--if-revision", "45");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("+ create route orders\n"
                + "Applied as revision 46: 1 created, 0 updated, 0 deleted; 3 unchanged.\n");
        assertThat(admin.last().query()).isEqualTo("dryRun=false&prune=false&ifRevision=45");
    }

    @Test
    void applyOfAMatchingFileSaysSoAndSucceeds() throws IOException {
        admin.answer(200, "application/json", NO_CHANGES.replace("true", "false"));
        Path file = write("gatehouse.yaml", YAML);
        CliRun run = CliRun.run(env, "apply", "-f", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("No changes: the admin already matches " + file
                + " (5 unchanged); no new revision.\n");
    }

    @Test
    void anEmptyFileIsRefusedBeforeAnythingIsSent() throws IOException {
        Path file = write("empty.yaml", "");
        CliRun run = CliRun.run(env, "apply", "-f", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: -f " + file + " is empty\n");
        assertThat(admin.exchanges()).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
