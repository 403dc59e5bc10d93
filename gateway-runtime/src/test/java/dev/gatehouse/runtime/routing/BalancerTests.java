package dev.gatehouse.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.Protocol;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.upstream.Balancing;
import dev.gatehouse.config.upstream.Balancing.Algorithm;
import dev.gatehouse.config.upstream.Balancing.HashOn;
import dev.gatehouse.runtime.client.ClientAddress;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class BalancerTests {

    private static final int KEYS = 20_000;

    @Test
    void eachServiceGetsTheBalancerItsBalancingNames() {
        assertThat(Balancer.of(service(4, null))).isInstanceOf(WeightedRoundRobin.class)
                .satisfies(b -> assertThat(b.countsCalls()).isFalse());
        assertThat(Balancer.of(service(4, new Balancing(Algorithm.LEAST_REQUESTS, null, null, 0))))
                .isInstanceOf(LeastRequests.class).satisfies(b -> assertThat(b.countsCalls()).isTrue());
        assertThat(Balancer.of(service(4, Balancing.consistentHash(HashOn.HEADER, "X-User"))))
                .isInstanceOf(ConsistentHash.class).satisfies(b -> assertThat(b.countsCalls()).isTrue());
    }

    @Test
    void leastRequestsNeverPicksTheBusyTargetWhileOthersAreIdle() {
        UpstreamTarget[] targets = targets(3, 100);
        for (int i = 0; i < 5; i++) {
            targets[0].acquire();
        }
        LeastRequests balancer = new LeastRequests(targets);
        for (int i = 0; i < 1_000; i++) {
            UpstreamTarget picked = balancer.pick(null);
            assertThat(picked).isNotSameAs(targets[0]);
            picked.release();
        }
        assertThat(targets[1].active() + targets[2].active()).isZero();
        assertThat(targets[0].active()).isEqualTo(5);
    }

    @Test
    void leastRequestsWeighsOutstandingCallsByWeight() {
        UpstreamTarget heavy = new UpstreamTarget(Protocol.HTTP, new TargetSpec("heavy", 80, 300));
        UpstreamTarget light = new UpstreamTarget(Protocol.HTTP, new TargetSpec("light", 80, 100));
        heavy.acquire();
        light.acquire();
        // (1 + 1) / 300 < (1 + 1) / 100
        assertThat(LeastRequests.lighter(heavy, light)).isSameAs(heavy);
        heavy.acquire();
        heavy.acquire();
        heavy.acquire();
        // (4 + 1) / 300 < (1 + 1) / 100 still: 5 * 100 = 500 < 2 * 300 = 600
        assertThat(LeastRequests.lighter(light, heavy)).isSameAs(heavy);
        heavy.acquire();
        heavy.acquire();
        // (6 + 1) / 300 > (1 + 1) / 100: 700 > 600
        assertThat(LeastRequests.lighter(heavy, light)).isSameAs(light);
    }

    @Test
    void aKeyAlwaysLandsOnTheSameTargetAndKeysSpreadEvenly() {
        ConsistentHash ring = ring(targets(5, 100));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "user-" + i;
            UpstreamTarget owner = ring.owner(key);
            assertThat(ring.owner(key)).isSameAs(owner);
            counts.merge(owner.origin(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(5);
        // 160 points per target: each share within a third of the fair 20 %
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(KEYS / 5 * 2 / 3, KEYS / 5 * 4 / 3));
    }

    @Test
    void removingOneOfTenTargetsMovesOnlyItsKeysAboutATenth() {
        UpstreamTarget[] ten = targets(10, 100);
        ConsistentHash before = ring(ten);
        ConsistentHash after = ring(Arrays.copyOf(ten, 9));
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            String key = "k" + i;
            UpstreamTarget was = before.owner(key);
            UpstreamTarget now = after.owner(key);
            if (was != now) {
                moved++;
                assertThat(was).as("only keys of the removed target move").isSameAs(ten[9]);
            }
        }
        assertThat((double) moved / KEYS).isBetween(0.05, 0.15);
    }

    @Test
    void addingAnEleventhTargetMovesAboutAnEleventhOfTheKeysAllToIt() {
        UpstreamTarget[] eleven = targets(11, 100);
        ConsistentHash before = ring(Arrays.copyOf(eleven, 10));
        ConsistentHash after = ring(eleven);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            String key = "k" + i;
            if (before.owner(key) != after.owner(key)) {
                moved++;
                assertThat(after.owner(key)).isSameAs(eleven[10]);
            }
        }
        assertThat((double) moved / KEYS).isBetween(0.045, 0.14);
    }

    @Test
    void heavierTargetsOwnMoreOfTheRing() {
        UpstreamTarget[] targets = {new UpstreamTarget(Protocol.HTTP, new TargetSpec("a", 80, 300)),
                new UpstreamTarget(Protocol.HTTP, new TargetSpec("b", 80, 100))};
        ConsistentHash ring = ring(targets);
        int onA = 0;
        for (int i = 0; i < KEYS; i++) {
            onA += ring.owner("k" + i) == targets[0] ? 1 : 0;
        }
        assertThat((double) onA / KEYS).isBetween(0.65, 0.85);
    }

    @Test
    void aHotKeySpillsOverOnceItsTargetHoldsMoreThanTheBound() {
        UpstreamTarget[] targets = targets(4, 100);
        ConsistentHash ring = new ConsistentHash(targets, exchange -> "hot", 1.25);
        List<UpstreamTarget> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add(ring.pick(null));
        }
        // no target above ceil(1.25 * 200 / 4) = 63 outstanding calls, and the owner took its full share first
        assertThat(targets).allSatisfy(t -> assertThat(t.active()).isLessThanOrEqualTo(63));
        assertThat(ring.owner("hot").active()).isGreaterThanOrEqualTo(60);
        held.forEach(UpstreamTarget::release);
        assertThat(targets).allSatisfy(t -> assertThat(t.active()).isZero());
        // idle again: the key goes home
        assertThat(ring.place("hot")).isSameAs(ring.owner("hot"));
    }

    @Test
    void callsWithoutAKeyAreBalancedByLeastRequests() {
        UpstreamTarget[] targets = targets(2, 100);
        ConsistentHash ring = new ConsistentHash(targets, exchange -> null, 1.25);
        for (int i = 0; i < 10; i++) {
            ring.pick(null);
        }
        assertThat(targets[0].active()).isEqualTo(5);
        assertThat(targets[1].active()).isEqualTo(5);
    }

    @Test
    void hashKeysReadTheHeaderTheCookieTheConsumerAndTheClientAddress() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header("X-User", "alice").cookie(new HttpCookie("session", "s-1")));
        exchange.getAttributes().put(CallFacts.ATTRIBUTE, new CallFacts() {
            @Override
            public String consumerId() {
                return "c-7";
            }

            @Override
            public ClientAddress client() {
                return new ClientAddress("192.0.2.9", new byte[] {(byte) 192, 0, 2, 9});
            }
        });
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.HEADER, "x-user")).of(exchange)).isEqualTo("alice");
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.COOKIE, "session")).of(exchange)).isEqualTo("s-1");
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.CONSUMER, null)).of(exchange)).isEqualTo("c-7");
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.CLIENT_ADDRESS, null)).of(exchange))
                .isEqualTo("192.0.2.9");
        ServerWebExchange bare = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.HEADER, "X-User")).of(bare)).isNull();
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.COOKIE, "session")).of(bare)).isNull();
        assertThat(HashKey.of(Balancing.consistentHash(HashOn.CONSUMER, null)).of(bare)).isNull();
    }

    @Test
    void aRetryReleasesThePreviousPickAndTheEndReleasesTheLast() {
        UpstreamTarget[] targets = targets(2, 100);
        LeastRequests balancer = new LeastRequests(targets);
        ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
        TargetPicks.pick(balancer, exchange);
        TargetPicks.pick(balancer, exchange);
        assertThat(targets[0].active() + targets[1].active()).isEqualTo(1);
        TargetPicks.release(exchange);
        TargetPicks.release(exchange);
        assertThat(targets[0].active() + targets[1].active()).isZero();
    }

    private static ConsistentHash ring(UpstreamTarget[] targets) {
        return new ConsistentHash(targets, exchange -> null, Balancing.DEFAULT_BOUNDED_LOAD);
    }

    private static UpstreamTarget[] targets(int count, int weight) {
        UpstreamTarget[] targets = new UpstreamTarget[count];
        for (int i = 0; i < count; i++) {
            targets[i] = new UpstreamTarget(Protocol.HTTP, new TargetSpec("10.0.0." + (i + 1), 8080, weight));
        }
        return targets;
    }

    private static ServiceSpec service(int targets, Balancing balancing) {
        List<TargetSpec> list = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            list.add(new TargetSpec("10.0.0." + (i + 1), 8080, 100));
        }
        return new ServiceSpec("s1", "orders", Protocol.HTTP, list, "", 1_000, 2_000, balancing);
    }
}
