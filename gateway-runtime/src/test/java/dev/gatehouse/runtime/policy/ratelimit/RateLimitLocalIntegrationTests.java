package dev.gatehouse.runtime.policy.ratelimit;

import static dev.gatehouse.runtime.support.Specs.route;
import static dev.gatehouse.runtime.support.Specs.service;
import static dev.gatehouse.runtime.support.Specs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.ConsumerStatus;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.policy.PolicyScope;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.config.policy.RateLimit;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RateWindow;
import dev.gatehouse.runtime.live.LiveConfigHolder;
import dev.gatehouse.runtime.support.FakeAdmin;
import dev.gatehouse.runtime.support.MainNode;
import dev.gatehouse.runtime.support.RawHttp;
import dev.gatehouse.runtime.support.RawHttp.Response;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import dev.gatehouse.runtime.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Rate limits and quotas on the shared main node, which has no Redis configured: each node counts alone
 * ({@code local} mode) with the whole limit (one expected node); plan limits per consumer, quotas per key, and a
 * changed plan taking effect with the next configuration.
 */
@MainNode.Test
class RateLimitLocalIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PlanSpec PLAN = new PlanSpec("plan-rll", "rll", List.of(new RateLimit(4, RateWindow.HOUR)),
            List.of(new Quota(2, QuotaPeriod.DAY, QuotaKey.KEY)));
    private static final ConsumerSpec ONE = new ConsumerSpec("con-rll-one", "rll-one", ConsumerStatus.ACTIVE,
            List.of(), PLAN.id());
    private static final ConsumerSpec TWO = new ConsumerSpec("con-rll-two", "rll-two", ConsumerStatus.ACTIVE,
            List.of(), PLAN.id());
    private static IssuedKey oneA;
    private static IssuedKey oneB;
    private static IssuedKey two;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LiveConfigHolder holder;

    private final FakeAdmin admin = MainNode.admin();

    @BeforeEach
    void config() {
        synchronized (RateLimitLocalIntegrationTests.class) {
            if (oneA != null) {
                return;
            }
            ServiceSpec echo = service("rll-echo", target(Upstreams.echo().port()));
            oneA = Specs.issue(ONE);
            oneB = Specs.issue(ONE);
            two = Specs.issue(TWO);
            long revision = admin.upsert(echo, PLAN, ONE, TWO, oneA.spec(), oneB.spec(), two.spec(),
                    route("rll-keyed", echo).paths("/rll-keyed").keyAuth().build(),
                    route("rll-open", echo).paths("/rll-open").build(),
                    new PolicySpec("pol-rll-open", "rll-open", true, PolicyScope.ROUTE, null, "rt-rll-open", null,
                            null, new RateLimitPolicy(List.of(new RateLimit(2, RateWindow.HOUR)), null, null)));
            await().atMost(WAIT).until(() -> holder.current().revision() >= revision);
        }
    }

    private Response call(String path, IssuedKey key) {
        return key == null ? RawHttp.send(port, "GET", path) : RawHttp.send(port, "GET", path, "X-API-Key", key.key());
    }

    @Test
    void withoutRedisTheNodeCountsAloneAndSaysSo() {
        // by=consumer for anonymous calls counts the client address
        assertThat(call("/rll-open/x", null).status()).isEqualTo(200);
        Response second = call("/rll-open/x", null);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("RateLimit-Limit")).isEqualTo("2");
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("0");
        Response refused = call("/rll-open/x", null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3_600L);
        String metrics = RawHttp.send(managementPort, "GET", "/actuator/prometheus").text();
        assertThat(metrics).contains("gatehouse_rate_limit_mode{mode=\"local\"} 1.0");
        await().atMost(WAIT).until(() -> admin.heartbeats().stream()
                .anyMatch(h -> MainNode.NODE_ID.equals(h.nodeId()) && "local".equals(h.rateLimitMode())));
    }

    @Test
    void aPlanLimitsEachConsumerAndItsQuotaEachKey() {
        // quota per key: 2 a day for each of consumer one's keys
        assertThat(call("/rll-keyed/x", oneA).status()).isEqualTo(200);
        assertThat(call("/rll-keyed/x", oneA).status()).isEqualTo(200);
        Response overQuota = call("/rll-keyed/x", oneA);
        assertThat(overQuota.status()).isEqualTo(429);
        assertThat(overQuota.json().get("code").asString()).isEqualTo("quota_exceeded");
        // the plan's rate limit (4 an hour) counts the consumer, all keys together; the call the quota refused was
        // given back to it, so the other key has two calls left under the rate limit
        assertThat(call("/rll-keyed/x", oneB).status()).isEqualTo(200);
        assertThat(call("/rll-keyed/x", oneB).status()).isEqualTo(200);
        Response limited = call("/rll-keyed/x", oneB);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asString()).isEqualTo("rate_limited");
        // another consumer on the same plan has its own count
        assertThat(call("/rll-keyed/x", two).status()).isEqualTo(200);
    }
}
