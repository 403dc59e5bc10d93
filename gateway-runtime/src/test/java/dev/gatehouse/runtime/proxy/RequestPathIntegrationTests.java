package dev.gatehouse.runtime.proxy;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests written by an attacker, through the main node, on host {@code paths.test}: {@code /admin} needs an API
 * key (header, Bearer or {@code api_key}), {@code /} is open. Every spelling of {@code path-corpus.txt} that an
 * upstream would serve from {@code /admin} meets the key check or is refused, never the open route; with the key
 * the upstream receives the canonical path. Also: ambiguous hosts and credentials, pipelining, odd request lines.
 */
@MainNode.Test
class RequestPathIntegrationTests {

    private static final String HOST = "paths.test";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ConsumerSpec OPS = Specs.consumer("paths-ops");
    private static IssuedKey key;

    @LocalServerPort
    int port;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    /** One line of the corpus. */
    record Spelling(String outcome, String target, String canonical) {
    }

    @BeforeEach
    void adminBehindAnOpenCatchAll() {
        synchronized (RequestPathIntegrationTests.class) {
            if (key != null) {
                return;
            }
            ServiceSpec echo = service("paths-echo", target(Upstreams.echo().port()));
            IssuedKey issued = Specs.issue(OPS);
            long revision = admin.upsert(echo, OPS, issued.spec(),
                    route("paths-admin", echo).hosts(HOST).paths("/admin")
                            .keyAuth(new KeyAuthSpec(null, true, "api_key")).build(),
                    route("paths-open", echo).hosts(HOST).paths("/").build());
            await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
            key = issued;
        }
    }

    private Response get(String target, String... headers) {
        List<String> all = new ArrayList<>(List.of("Host", HOST));
        all.addAll(List.of(headers));
        // the corpus is UTF-8; its raw non-ASCII characters go out as UTF-8 bytes
        String wire = new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return RawHttp.send(port, "GET", wire, all, -1, null);
    }

    private static List<Spelling> corpus() {
        try (InputStream in = RequestPathIntegrationTests.class.getResourceAsStream("path-corpus.txt")) {
            List<Spelling> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                out.add(new Spelling(fields[0], fields[1], fields.length > 2 ? fields[2] : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void problem(SoftAssertions soft, Spelling spelling, Response response, int status, String code) {
        soft.assertThat(response.status()).as("status of %s", spelling.target()).isEqualTo(status);
        soft.assertThat(response.header("Content-Type")).as("type of %s (%s)", spelling.target(), response.text())
                .isEqualTo("application/problem+json");
        if ("application/problem+json".equals(response.header("Content-Type"))) {
            soft.assertThat(response.json().path("code").asString()).as("code of %s", spelling.target())
                    .isEqualTo(code);
        }
    }

    private static void reached(SoftAssertions soft, Spelling spelling, Response response) {
        soft.assertThat(response.status()).as("status of %s", spelling.target()).isEqualTo(200);
        if (response.status() == 200) {
            soft.assertThat(response.json().get("path").asString()).as("path forwarded for %s", spelling.target())
                    .isEqualTo(spelling.canonical());
        }
    }

    @Test
    void withoutTheKeyNoSpellingOfAdminReachesTheUpstream() {
        List<Spelling> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThan(60);
        SoftAssertions soft = new SoftAssertions();
        for (Spelling spelling : corpus) {
            Response response = get(spelling.target());
            switch (spelling.outcome()) {
                case "admin" -> problem(soft, spelling, response, 401, "missing_credentials");
                case "refused" -> problem(soft, spelling, response, 400, "invalid_path");
                case "rejected" -> soft.assertThat(response.status()).as("status of %s", spelling.target())
                        .isEqualTo(400);
                case "open" -> reached(soft, spelling, response);
                case "odd" -> soft.assertThat(response.status()).as("status of %s", spelling.target())
                        .isBetween(200, 499);
                default -> throw new IllegalStateException("unknown outcome " + spelling.outcome());
            }
        }
        soft.assertAll();
    }

    @Test
    void withTheKeyTheUpstreamReceivesExactlyTheCanonicalPath() {
        SoftAssertions soft = new SoftAssertions();
        for (Spelling spelling : corpus()) {
            Response response = get(spelling.target(), "X-API-Key", key.key());
            switch (spelling.outcome()) {
                case "admin", "open" -> reached(soft, spelling, response);
                case "refused" -> problem(soft, spelling, response, 400, "invalid_path");
                case "rejected" -> soft.assertThat(response.status()).as("status of %s", spelling.target())
                        .isEqualTo(400);
                default -> soft.assertThat(response.status()).as("status of %s", spelling.target())
                        .isBetween(200, 499);
            }
        }
        soft.assertAll();
    }

    @Test
    void oddRequestLinesNeverGetA5xx() {
        List<String> targets = List.of("/" + "a".repeat(3_000), "/" + "a".repeat(70_000), "/a".repeat(1_500),
                "/".repeat(2_000) + "admin", "/x/..".repeat(500) + "/admin", "/..".repeat(300),
                "/%2e%2e".repeat(300), "/%C3%A9".repeat(600), "/admin?" + "q=1&".repeat(800),
                "/" + "%".repeat(500), "/admin/" + "\u00ff".repeat(100));
        SoftAssertions soft = new SoftAssertions();
        for (String target : targets) {
            int status = RawHttp.send(port, "GET", target, "Host", HOST).status();
            soft.assertThat(status).as("status of %s...", target.substring(0, Math.min(40, target.length())))
                    .isBetween(200, 499);
        }
        soft.assertAll();
    }

    @Test
    void twoHostsAreRefusedNotGuessed() {
        SoftAssertions soft = new SoftAssertions();
        Spelling twoHosts = new Spelling("", "two Host headers", null);
        problem(soft, twoHosts, RawHttp.send(port, "GET", "/admin", "Host", "other.test", "Host", HOST), 400,
                "ambiguous_request");
        problem(soft, twoHosts, RawHttp.send(port, "GET", "/admin", "Host", HOST, "Host", HOST), 400,
                "ambiguous_request");
        Spelling absolute = new Spelling("", "absolute target of another host", null);
        problem(soft, absolute, RawHttp.send(port, "GET", "http://other.test/admin", "Host", HOST), 400,
                "ambiguous_request");
        problem(soft, absolute, RawHttp.send(port, "GET", "http://" + HOST + "/admin", "Host", "other.test"), 400,
                "ambiguous_request");
        problem(soft, absolute, RawHttp.send(port, "GET", "http://" + HOST + ":81/admin", "Host", HOST), 400,
                "ambiguous_request");
        // the same host spelled twice is not ambiguous: it is routed (and asks for the key)
        problem(soft, absolute, RawHttp.send(port, "GET", "http://PATHS.test:80/admin", "Host", HOST), 401,
                "missing_credentials");
        soft.assertAll();
    }

    @Test
    void aKeyPresentedTwiceIsRefusedNotGuessed() {
        String k = key.key();
        SoftAssertions soft = new SoftAssertions();
        Spelling twice = new Spelling("", "key presented twice", null);
        problem(soft, twice, get("/admin", "X-API-Key", k, "X-API-Key", "other"), 400, "ambiguous_credentials");
        problem(soft, twice, get("/admin", "X-API-Key", k, "X-API-Key", k), 400, "ambiguous_credentials");
        problem(soft, twice, get("/admin?api_key=" + k, "X-API-Key", k), 400, "ambiguous_credentials");
        problem(soft, twice, get("/admin?api_key=" + k + "&api_key=other"), 400, "ambiguous_credentials");
        problem(soft, twice, get("/admin?api_key=" + k + "&api%5Fkey=other"), 400, "ambiguous_credentials");
        problem(soft, twice, get("/admin", "X-API-Key", k, "Authorization", "Bearer " + k), 400,
                "ambiguous_credentials");
        problem(soft, twice, get("/admin", "Authorization", "Bearer " + k, "Authorization", "Bearer x"), 400,
                "ambiguous_credentials");
        // once, anywhere the route reads it, is fine
        soft.assertThat(get("/admin?api_key=" + k + "&b=1").status()).isEqualTo(200);
        soft.assertThat(get("/admin", "Authorization", "Bearer " + k).status()).isEqualTo(200);
        soft.assertAll();
    }

    @Test
    void pipelinedRequestsEndingWithConnectionCloseAreAllAnsweredInOrder() {
        try (RawHttp.KeepAlive connection = RawHttp.keepAlive(port, Duration.ofSeconds(10))) {
            connection.write("GET /one HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"
                    + "GET /%74wo HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n");
            for (String path : List.of("/one", "/two", "/three")) {
                Response response = connection.read();
                assertThat(response).as("response for %s", path).isNotNull();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().get("path").asString()).isEqualTo(path);
            }
            assertThat(connection.closedByServer()).isTrue();
        }
    }
}
