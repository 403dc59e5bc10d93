package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems, other failed answers and network failures: exit 1 with readable lines, never the token. */
class ErrorAnswersTests {

    private static final String TOKEN = "ght_error_test_token_7";

    @TempDir
    Path dir;

    @Test
    void aRefusedFileShowsTheTitleTheDetailAndEachFieldPath() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(400, "application/problem+json", """
                    {"type": "https://gatehouse.dev/problems/invalid_input", "title": "Invalid input", "status": 400,
                     "detail": "The file has 2 errors; nothing was changed.", "code": "invalid_input",
                     "errors": [{"field": "routes[3].paths[0]", "message": "must start with /"},
                                {"field": "services[0].colour", "message": "unknown field"}]}""");
            CliRun run = apply(admin);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("""
                    error: Invalid input: The file has 2 errors; nothing was changed.
                      routes[3].paths[0]: must start with /
                      services[0].colour: unknown field
                    """);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aForbiddenOrStaleApplyIsAnError() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(403, "application/problem+json", """
                    {"title": "Forbidden", "status": 403, "detail": "This needs the EDITOR role."}""");
            CliRun forbidden = apply(admin);
            assertThat(forbidden.exitCode()).isEqualTo(1);
            assertThat(forbidden.err()).isEqualTo("error: Forbidden: This needs the EDITOR role.\n");

            admin.answer(412, "application/problem+json", """
                    {"title": "Precondition failed", "status": 412, "code": "precondition_failed",
                     "detail": "The configuration is at revision 47, not 45."}""");
            CliRun stale = apply(admin);
            assertThat(stale.exitCode()).isEqualTo(1);
            assertThat(stale.err()).contains("error: Precondition failed: The configuration is at revision 47, not 45.");
        }
    }

    @Test
    void anAnswerThatIsNotAProblemShowsItsStatusAndStart() throws IOException {
        try (FakeAdmin admin = new FakeAdmin()) {
            admin.answer(502, "text/html", "<html><body>Bad gateway</body></html>");
            CliRun run = apply(admin);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: HTTP 502 from " + admin.url()
                    + "/api/v1/config/import?dryRun=false&prune=false: <html><body>Bad gateway");

            admin.answer(200, "text/plain", "surprise");
            CliRun notJson = apply(admin);
            assertThat(notJson.exitCode()).isEqualTo(1);
            assertThat(notJson.err()).contains("is not JSON: surprise");
            assertThat(run.all() + notJson.all()).doesNotContain(TOKEN);
        }
    }

    @Test
    void anAdminThatIsNotThereIsAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run(Map.of("GATEHOUSE_TOKEN", TOKEN), "export", "--url", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cannot connect to http://127.0.0.1:" + port
                + ": connection refused (is the admin running there? see --url or GATEHOUSE_URL)\n");
    }

    private CliRun apply(FakeAdmin admin) throws IOException {
        Path file = Files.writeString(dir.resolve("gatehouse.yaml"), "gatehouse: 1\n");
        return CliRun.run(Map.of("GATEHOUSE_TOKEN", TOKEN, "GATEHOUSE_URL", admin.url()),
                "apply", "-f", file.toString());
    }
}
