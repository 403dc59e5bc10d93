package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The session cookie Tomcat writes, over real HTTP: {@code HttpOnly} and {@code SameSite=Lax} always, {@code Secure}
 * when a trusted proxy says the client used HTTPS, never on the word of anyone else. The test admin trusts only
 * {@value AdminIntegrationTest#TRUSTED_PROXY}; the test connects from that address to act as the proxy, and from
 * 127.0.0.1 to act as a client that forges the header.
 */
@AdminIntegrationTest
class SessionCookieIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void plainHttpCookieIsHttpOnlyAndLaxButNotSecure() throws IOException {
        String cookie = sessionCookie("127.0.0.1", List.of());
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
    }

    @Test
    void httpsReportedByATrustedProxyMakesTheCookieSecure() throws IOException {
        String cookie = sessionCookie(AdminIntegrationTest.TRUSTED_PROXY,
                List.of("X-Forwarded-Proto: https", "X-Forwarded-For: 203.0.113.50"));
        assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void httpsClaimedByAnUntrustedClientIsIgnored() throws IOException {
        String cookie = sessionCookie("127.0.0.1", List.of("X-Forwarded-Proto: https"));
        assertThat(cookie).doesNotContainIgnoringCase("Secure");
    }

    @Test
    void aTrustedProxyOverPlainHttpGetsNoSecureCookie() throws IOException {
        String cookie = sessionCookie(AdminIntegrationTest.TRUSTED_PROXY, List.of("X-Forwarded-Proto: http"));
        assertThat(cookie).doesNotContainIgnoringCase("Secure");
    }

    /** The {@code Set-Cookie} of the session the login page opens (for its CSRF token), asked from {@code from}. */
    private String sessionCookie(String from, List<String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            StringBuilder request = new StringBuilder("GET /login HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/html\r\nConnection: close\r\n");
            headers.forEach(h -> request.append(h).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readAll(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie: JSESSIONID=", 0, 23))
                    .findFirst().orElseThrow(() -> new AssertionError("no session cookie in\n" + response));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
