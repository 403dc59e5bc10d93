package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bearer authentication of the machine endpoints, over real HTTP with the real security configuration. */
@AdminIntegrationTest
class ApiSecurityIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;

    @ParameterizedTest(name = "{0} {1} with [{2}] -> 401")
    @CsvSource(nullValues = "none", value = {
            "GET, /api/v1/services, none",
            "GET, /api/v1/services, Bearer wrong-token",
            "GET, /api/v1/services, Bearer test-cluster-token",
            "GET, /api/v1/services, Basic YWRtaW46YWRtaW4tcGFzc3dvcmQtMTIz",
            "POST, /api/v1/services, none",
            "GET, /api/v1/nodes, Bearer ",
            "GET, /api/v1/nothing, none",
            "GET, /cluster/v1/config/stream, none",
            "GET, /cluster/v1/config/stream, Bearer wrong-token",
            "GET, /cluster/v1/config/stream, Bearer test-admin-token",
            "POST, /cluster/v1/heartbeat, Bearer wrong-token",
    })
    void refusesWithoutTheRightToken(String method, String path, String authorization) throws Exception {
        HttpResponse<String> response = send(method, path, authorization);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"unauthorized\"").doesNotContain("snapshot")
                .doesNotContain("Exception");
    }

    @Test
    void acceptsTheAdminTokenOnTheApi() throws Exception {
        assertThat(send("GET", "/api/v1/services", "Bearer " + AdminIntegrationTest.ADMIN_TOKEN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void viewerTokenMayReadButNotWrite() throws Exception {
        String viewer = "viewer-token-" + System.nanoTime();
        tokens.storeIfAbsent("viewer", viewer, Role.VIEWER);

        assertThat(send("GET", "/api/v1/services", "Bearer " + viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> write = send("DELETE", "/api/v1/services/anything", "Bearer " + viewer);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void consoleSendsAnonymousBrowsersToTheLoginPage() throws Exception {
        HttpResponse<String> response = send("GET", "/services", null);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void healthIsOpen() throws Exception {
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, method.equals("GET") || method.equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
