package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.runtime.support.EchoUpstream;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

@MainNode.Test
class ProxyIntegrationTests {

    @LocalServerPort
    int port;

    private Response get(String target, String... headers) {
        return RawHttp.send(port, "GET", target, headers);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("type").asString()).endsWith(code);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank().doesNotContain("Exception");
        assertThat(body.get("requestId").asString()).isEqualTo(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void matchedRouteReachesTheUpstreamAndUnmatchedIsNoRoute() {
        Response ok = get("/echo/hello");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("path").asString()).isEqualTo("/echo/hello");
        assertThat(ok.json().get("method").asString()).isEqualTo("GET");

        assertProblem(get("/nowhere"), 404, "no_route");
        assertProblem(get("/echoes"), 404, "no_route");
    }

    @Test
    void aKeepAliveConnectionGoesOnReadingAfterPipelinedRequestsAnsweredAtOnce() {
        try (RawHttp.KeepAlive connection = RawHttp.keepAlive(port, Duration.ofSeconds(5))) {
            // arriving together, the second request waits for the first (answered when the upstream answers), then
            // is answered at once; Reactor Netty before 1.3.8 stopped reading the connection after that
            connection.get("/echo/first", "/nowhere");
            assertThat(connection.read().status()).isEqualTo(200);
            assertThat(connection.read().status()).isEqualTo(404);
            connection.get("/echo/third");
            Response third = connection.read();
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.json().get("path").asString()).isEqualTo("/echo/third");
        }
    }

    @Test
    void stripPrefixAndBasePath() {
        JsonNode echo = get("/strip/a/b?x=1").json();
        assertThat(echo.get("path").asString()).isEqualTo("/base/a/b");
        assertThat(echo.get("query").asString()).isEqualTo("x=1");
        assertThat(get("/strip").json().get("path").asString()).isEqualTo("/base");
    }

    @Test
    void hostAndMethodMatching() {
        assertThat(get("/x/y", "Host", "API.Example.test:8443").json().get("path").asString())
                .isEqualTo("/by-host/x/y");
        assertProblem(get("/x/y", "Host", "example.test"), 404, "no_route");

        assertThat(RawHttp.send(port, "POST", "/only-post").json().get("method").asString()).isEqualTo("POST");
        assertProblem(get("/only-post"), 404, "no_route");
    }

    @Test
    void encodedPathAndRawQueryArePreserved() {
        // escapes other than of unreserved characters reach the upstream as sent (the path is canonical already)
        String path = "/echo/a%3Bb/caf%C3%A9/~user/x+y/%25";
        String query = "q=a%26b&e=%E2%82%AC&sp=%20&plus=1+2&empty=&flag";
        JsonNode echo = get(path + "?" + query).json();
        assertThat(echo.get("path").asString()).isEqualTo(path);
        assertThat(echo.get("query").asString()).isEqualTo(query);
    }

    @Test
    void forwardedHeadersDescribeTheDirectPeerAndRequestIdTravelsBothWays() {
        Response response = get("/echo/fwd", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "spoofed.example", "X-Forwarded-Port", "1", "Forwarded", "for=198.51.100.1",
                "X-Request-Id", "client-id-42");
        JsonNode headers = response.json().get("headers");
        // the main node trusts no proxy: a client's own X-Forwarded-For is dropped, the chain starts with the peer
        assertThat(headers.get("x-forwarded-for").get(0).asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-proto").get(0).asString()).isEqualTo("http");
        assertThat(headers.get("x-forwarded-host").get(0).asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(headers.get("x-forwarded-port").get(0).asString()).isEqualTo(Integer.toString(port));
        assertThat(headers.has("forwarded")).isFalse();
        assertThat(headers.get("x-request-id").get(0).asString()).isEqualTo("client-id-42");
        assertThat(response.header("X-Request-Id")).isEqualTo("client-id-42");
        assertThat(RawHttp.send(Upstreams.echo().port(), "GET", "/").header("X-Request-Id"))
                .isEqualTo("upstream-chosen-id");
        // the upstream addressed by target host:port, not by the client's Host
        assertThat(headers.get("host").get(0).asString()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:" + port);
    }

    @Test
    void invalidOrMissingRequestIdsAreReplacedWithOneIdEverywhere() {
        Response response = get("/echo/id", "X-Request-Id", "not valid!");
        String upstreamSaw = response.json().get("headers").get("x-request-id").get(0).asString();
        assertThat(upstreamSaw).hasSize(36).isNotEqualTo("not valid!");
        assertThat(response.header("X-Request-Id")).isEqualTo(upstreamSaw);

        Response generated = get("/echo/id");
        assertThat(generated.header("X-Request-Id"))
                .isEqualTo(generated.json().get("headers").get("x-request-id").get(0).asString());
    }

    @Test
    void hopByHopHeadersAreRemovedBothWays() {
        Response response = get("/echo/hop", "Connection", "keep-alive, X-Custom-Hop", "X-Custom-Hop", "1",
                "Keep-Alive", "timeout=5", "TE", "trailers", "Proxy-Authorization", "Basic Zm9vOmJhcg==",
                "X-Normal", "kept");
        JsonNode headers = response.json().get("headers");
        assertThat(headers.has("x-custom-hop")).isFalse();
        assertThat(headers.has("keep-alive")).isFalse();
        assertThat(headers.has("te")).isFalse();
        assertThat(headers.has("proxy-authorization")).isFalse();
        assertThat(headers.get("x-normal").get(0).asString()).isEqualTo("kept");

        assertThat(response.header("X-Upstream-Hop")).isNull();
        assertThat(response.header("Keep-Alive")).isNull();
        // the upstream did send them: the gateway removed them
        Response direct = RawHttp.send(Upstreams.echo().port(), "GET", "/echo/hop");
        assertThat(direct.header("X-Upstream-Hop")).isEqualTo("secret");
        assertThat(direct.header("Keep-Alive")).isEqualTo("timeout=5");
    }

    @Test
    void closedTargetPortIs502() {
        assertProblem(get("/dead/x"), 502, "upstream_unavailable");
    }

    @Test
    void connectTimeoutIs504() throws Exception {
        // a listening socket that never accepts, its backlog filled: further connection attempts get no answer
        try (ServerSocket unresponsive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(unresponsive.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException full) {
                        // the queue is full once connecting times out
                    }
                    fillers.add(filler);
                }
                ServiceSpec service = Specs.service("unresponsive", "", 300, 5_000,
                        new TargetSpec("127.0.0.1", unresponsive.getLocalPort(), 1));
                long revision = MainNode.admin().upsert(service,
                        Specs.route("unresponsive", service).paths("/unresponsive").build());
                await().atMost(Duration.ofSeconds(15)).until(() -> MainNode.admin().heartbeats().stream()
                        .anyMatch(h -> h.appliedRevision() >= revision));

                long start = System.nanoTime();
                Response response = get("/unresponsive");
                assertProblem(response, 504, "upstream_timeout");
                assertThat(response.json().get("detail").asString()).contains("connect");
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void slowUpstreamIs504AfterTheResponseTimeout() {
        long start = System.nanoTime();
        Response response = get("/slow/x");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(response, 504, "upstream_timeout");
        assertThat(millis).isLessThan(EchoUpstream.SLOW.toMillis());
    }

    @Test
    void dotSegmentsAreResolvedBeforeRoutingAndBadEscapesAreRefused() {
        // resolved, then routed as what they are: /admin has no route here, whichever route they were written under
        assertProblem(get("/echo/../admin"), 404, "no_route");
        assertProblem(get("/echo/%2e%2E/admin"), 404, "no_route");
        assertThat(get("/echo/./x").json().get("path").asString()).isEqualTo("/echo/x");
        assertProblem(get("/echo/..%2Fadmin"), 400, "invalid_path");
        assertProblem(get("/echo/..%2fadmin"), 400, "invalid_path");
        assertProblem(get("/echo/x;a=b"), 400, "invalid_path");
        assertProblem(get("/../echo/x"), 400, "invalid_path");
    }

    @Test
    void preflightRequestsAreProxied() {
        Response response = RawHttp.send(port, "OPTIONS", "/echo/cors", "Origin", "https://app.example",
                "Access-Control-Request-Method", "PUT");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("method").asString()).isEqualTo("OPTIONS");
    }

    @Test
    void webSocketUpgradesAreProxied() {
        String reply = HttpClient.create().websocket()
                .uri("ws://127.0.0.1:" + port + "/echo/ws")
                .handle((in, out) -> Mono.from(out.sendString(Mono.just("ping")))
                        .thenMany(in.receive().asString().take(1)))
                .blockLast(Duration.ofSeconds(10));
        assertThat(reply).isEqualTo("echo:ping");
    }

    @Test
    void hundredMegabyteUploadStreamsToTheUpstreamIntact() {
        long size = 100L * 1024 * 1024;
        CRC32 sent = new CRC32();
        Response response = RawHttp.send(port, "POST", "/upload/big", List.of("Content-Type",
                "application/octet-stream"), size, out -> writePattern(out, size, sent));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("bodyLength").asLong()).isEqualTo(size);
        assertThat(response.json().get("crc32").asLong()).isEqualTo(sent.getValue());

        CRC32 chunkedSent = new CRC32();
        Response chunked = RawHttp.send(port, "PUT", "/upload/chunked", List.of(), -1,
                out -> writePattern(out, 3 * 1024 * 1024 + 17, chunkedSent));
        assertThat(chunked.json().get("bodyLength").asLong()).isEqualTo(3 * 1024 * 1024 + 17);
        assertThat(chunked.json().get("crc32").asLong()).isEqualTo(chunkedSent.getValue());
    }

    private static void writePattern(OutputStream out, long size, CRC32 crc) throws java.io.IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        int round = 0;
        while (written < size) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31 + round);
            }
            int n = (int) Math.min(block.length, size - written);
            out.write(block, 0, n);
            crc.update(block, 0, n);
            written += n;
            round++;
        }
    }
}
