package dev.gatehouse.runtime.policy;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.routePolicy;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gatehouse.config.CallRecord;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.IpRestrictionPolicy;
import dev.gatehouse.runtime.support.NodeDirs;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.OwnNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A node behind a trusted proxy at 127.0.0.1 ({@code gatehouse.trusted-proxies}); 127.0.0.42 is any other client.
 * The client address the proxy reports in {@code X-Forwarded-For} is honoured (walked from the right) for IP rules,
 * brute-force counting, the call log and the chain sent upstream; the same header from an untrusted peer changes
 * none of them.
 */
@OwnNode
@TestPropertySource(properties = {"gatehouse.cluster-token=" + TrustedProxyIntegrationTests.TOKEN,
        "gatehouse.node-id=behind-proxy", "gatehouse.trusted-proxies=127.0.0.1/32, 10.0.0.0/8",
        "gatehouse.auth.brute-force.max-failures=3", "gatehouse.call-log.flush-interval=200ms"})
@ContextConfiguration(initializers = TrustedProxyIntegrationTests.Environment.class)
class TrustedProxyIntegrationTests {

    static final String TOKEN = "trusted-proxy-token";
    private static final String PROXY = "127.0.0.1";
    private static final String CLIENT = "127.0.0.42";

    @LocalServerPort
    int port;

    /** An admin holding an IP-restricted route and a key route. */
    static final class Environment implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static FakeAdmin admin;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            admin = FakeAdmin.start(TOKEN);
            ServiceSpec echo = service("echo", target(Upstreams.echo().port()));
            RouteSpec restricted = route("restricted", echo).paths("/restricted").build();
            admin.upsert(Specs.settings(), echo, restricted, route("open", echo).paths("/open").build(),
                    route("keyed", echo).paths("/keyed").keyAuth().build(),
                    routePolicy("only-doc-net", restricted,
                            new IpRestrictionPolicy(List.of("203.0.113.0/24"), List.of())));
            NodeDirs.useAdmin(context, admin.url(), "gatehouse-proxied-node");
        }
    }

    @AfterAll
    static void stopAdmin() {
        Environment.admin.close();
    }

    @BeforeEach
    void awaitConfig() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Environment.admin.heartbeats().stream()
                .anyMatch(h -> h.appliedRevision() >= Environment.admin.state().revision()));
    }

    private Response from(String peer, String path, String... headers) {
        return RawHttp.sendFrom(peer, port, "GET", path, headers);
    }

    @Test
    void ipRulesSeeTheAddressTheTrustedProxyReportsAndIgnoreForgedHeaders() {
        assertThat(from(PROXY, "/restricted", "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(200);
        assertThat(from(PROXY, "/restricted", "X-Forwarded-For", "198.51.100.1").status()).isEqualTo(403);
        // walked from the right: the client forged 203.0.113.9 in front of its real address; the proxy appended it
        assertThat(from(PROXY, "/restricted", "X-Forwarded-For", "203.0.113.9, 198.51.100.1").status())
                .isEqualTo(403);
        // hops through further trusted proxies are passed over
        assertThat(from(PROXY, "/restricted", "X-Forwarded-For", "203.0.113.9, 10.1.1.1").status()).isEqualTo(200);
        // an untrusted peer cannot claim an allowed address
        assertThat(from(CLIENT, "/restricted", "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(403);
    }

    @Test
    void upstreamAndCallLogSeeTheSameAddress() {
        Response proxied = from(PROXY, "/open/a", "X-Forwarded-For", "203.0.113.77", "X-Request-Id", "tp-proxied");
        assertThat(proxied.json().get("headers").get("x-forwarded-for").get(0).asString())
                .isEqualTo("203.0.113.77, 127.0.0.1");
        Response forged = from(CLIENT, "/open/b", "X-Forwarded-For", "203.0.113.78", "X-Request-Id", "tp-forged");
        assertThat(forged.json().get("headers").get("x-forwarded-for").get(0).asString()).isEqualTo(CLIENT);

        await("call records shipped").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, String> clientIps = Environment.admin.callBatches().stream()
                    .flatMap(batch -> batch.records().stream())
                    .filter(r -> r.requestId().startsWith("tp-"))
                    .collect(Collectors.toMap(CallRecord::requestId, CallRecord::clientIp, (a, b) -> a));
            assertThat(clientIps).containsEntry("tp-proxied", "203.0.113.77").containsEntry("tp-forged", CLIENT);
        });
    }

    @Test
    void bruteForceCountsTheResolvedAddressSoForgedHeadersCannotDodgeIt() {
        // behind the proxy, each reported client has its own count
        for (int i = 0; i < 3; i++) {
            assertThat(from(PROXY, "/keyed", "X-Forwarded-For", "198.51.100.50", "X-API-Key", "gwk_wrong").status())
                    .isEqualTo(401);
        }
        assertThat(from(PROXY, "/keyed", "X-Forwarded-For", "198.51.100.50", "X-API-Key", "gwk_wrong").status())
                .isEqualTo(429);
        assertThat(from(PROXY, "/keyed", "X-Forwarded-For", "198.51.100.51", "X-API-Key", "gwk_wrong").status())
                .isEqualTo(401);

        // a direct client rotating forged addresses stays one client
        for (int i = 0; i < 3; i++) {
            assertThat(from(CLIENT, "/keyed", "X-Forwarded-For", "192.0.2." + i, "X-API-Key", "gwk_wrong").status())
                    .isEqualTo(401);
        }
        assertThat(from(CLIENT, "/keyed", "X-Forwarded-For", "192.0.2.99", "X-API-Key", "gwk_wrong").status())
                .isEqualTo(429);
    }
}
