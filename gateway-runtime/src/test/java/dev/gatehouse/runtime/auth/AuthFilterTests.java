package dev.gatehouse.runtime.auth;

import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.JwtSpec;
import org.springframework.http.HttpHeaders;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.KeyScopes;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.support.Specs;
import dev.gatehouse.runtime.support.Specs.IssuedKey;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

/** The auth filter on its own: what it forwards, what it records for the call log, what it refuses. */
class AuthFilterTests {

    private static final ConsumerSpec ACME = Specs.consumer("acme", "partners");
    private static final IssuedKey KEY = Specs.issue(ACME);
    private static final RouteAuth KEYED = new RouteAuth(AuthMode.KEY, "rt-a", "svc-a", List.of(), Set.of(),
            new KeyAuthSpec(null, false, "api_key"), List.of("ApiKey realm=\"gatehouse\", header=\"X-API-Key\""),
            List.of("ApiKey realm=\"gatehouse\", header=\"X-API-Key\""), null);

    private final BruteForceLimiter limiter = new BruteForceLimiter(new AuthProperties.BruteForce(true, 2,
            Duration.ofMinutes(1), Duration.ofMinutes(1), 100), System::currentTimeMillis);
    private final KeyUsage usage = new KeyUsage();
    /** The node's clock, epoch milliseconds, which the test moves. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AuthFilterFactory factory = new AuthFilterFactory(limiter, usage,
            new RouteAuthCompiler(new JwksCache(new AuthProperties(null, null))), now::get);
    /** The filter of the route each exchange was made for ({@link #exchange}). */
    private final GatewayFilter filter = (exchange, chain) -> factory.filter(exchange.getAttribute(ROUTE),
            directory(), exchange, chain);
    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.set(exchange);
        return Mono.empty();
    };

    private static final String ROUTE = "test.route";

    private static ConsumerDirectory directory() {
        return directory(KEY);
    }

    private static ConsumerDirectory directory(IssuedKey... issued) {
        KeyTable keys = new KeyTable(Specs.HASHER);
        for (IssuedKey key : issued) {
            keys.add(key.spec());
        }
        return ConsumerDirectory.build(new ConfigState(1, 0, Map.of(), Map.of(), Map.of(ACME.id(), ACME), Map.of(),
                Specs.settings(), Map.of(), null, 0), keys, null);
    }

    private static RouteSetup setup(RouteSpec route) {
        return new RouteSetup(route, null, null, null, null, null, directory(), null, Map.of());
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request, RouteAuth route) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                request.remoteAddress(new InetSocketAddress("192.0.2.7", 40000)));
        exchange.getAttributes().put(ROUTE, route);
        // as ClientAddressWebFilter resolves it on a node that trusts no proxy
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, new ClientAddressResolver(List.of())
                .resolve(exchange.getRequest().getRemoteAddress(), null));
        return exchange;
    }

    @Test
    void allowedCallIsForwardedWithoutTheKeyAndRecordedForTheCallLog() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/a?x=1&api_key=" + KEY.key()), KEYED);

        filter.filter(exchange, chain).block();

        ServerWebExchange out = forwarded.get();
        assertThat(out.getRequest().getURI().getRawQuery()).isEqualTo("x=1");
        HttpHeaders upstream = new HttpHeaders();
        upstream.addAll(out.getRequest().getHeaders());
        ForwardedIdentity.writeUpstream(upstream, out);
        assertThat(upstream.getFirst("X-Consumer-Name")).isEqualTo("acme");
        assertThat(upstream.getFirst("X-Consumer-Groups")).isEqualTo("partners");
        GatehouseCall call = GatehouseCall.of(out);
        assertThat(call.consumer().name()).isEqualTo("acme");
        assertThat(call.consumerId()).isEqualTo(ACME.id());
        assertThat(call.keyPrefix()).isEqualTo(KEY.spec().prefix());
        assertThat(usage.drain()).containsOnlyKeys(KEY.spec().id());
    }

    @Test
    void aKeyExpiresByTheNodeClock() {
        IssuedKey expiring = Specs.issue(ACME, now.get() + 60_000, KeyScopes.ANY);
        GatewayFilter keyed = (exchange, chain) -> factory.filter(KEYED, directory(expiring), exchange, chain);

        keyed.filter(exchange(MockServerHttpRequest.get("/a").header("X-API-Key", expiring.key()), KEYED), chain)
                .block();
        assertThat(forwarded.getAndSet(null)).isNotNull();

        now.addAndGet(60_000);
        assertThatThrownBy(() -> keyed.filter(exchange(MockServerHttpRequest.get("/a")
                .header("X-API-Key", expiring.key()), KEYED), chain).block())
                .isInstanceOfSatisfying(GatewayProblem.class,
                        p -> assertThat(p.code()).isEqualTo("invalid_credentials"));
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void refusalsAreProblemsAndBlockedAddressesGet429EvenWithAValidKey() {
        assertThatThrownBy(() -> filter.filter(exchange(MockServerHttpRequest.get("/a"), KEYED), chain).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> {
                    assertThat(p.code()).isEqualTo("missing_credentials");
                    assertThat(p.headers().get("WWW-Authenticate")).isEqualTo(KEYED.missingChallenges());
                });
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> filter.filter(exchange(MockServerHttpRequest.get("/a")
                    .header("X-API-Key", "gwk_wrong"), KEYED), chain).block())
                    .isInstanceOfSatisfying(GatewayProblem.class,
                            p -> assertThat(p.code()).isEqualTo("invalid_credentials"));
        }
        assertThatThrownBy(() -> filter.filter(exchange(MockServerHttpRequest.get("/a")
                .header("X-API-Key", KEY.key()), KEYED), chain).block())
                .isInstanceOfSatisfying(GatewayProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(p.code()).isEqualTo("too_many_auth_failures");
                    assertThat(Long.parseLong(p.headers().getFirst("Retry-After"))).isBetween(59L, 60L);
                });
        assertThat(forwarded.get()).isNull();
    }

    @Test
    void anonymousRoutesLeaveTheFilterOutOfTheirChainAndPassUnchanged() {
        ServiceSpec service = Specs.service("svc", Specs.target(9001));
        assertThat(factory.apply(setup(Specs.route("open", service).build()))).isNull();
        assertThat(factory.apply(setup(Specs.route("keyed", service).keyAuth().build()))).isNotNull();
        JwtSpec jwt = new JwtSpec(List.of("HS256"), "https://issuer.example", List.of(), "0123456789abcdef0123456789abcdef",
                null, null, null, 0);
        assertThat(factory.apply(setup(Specs.route("jwt", service).jwt(jwt).build()))).isNotNull();

        MockServerWebExchange clean = exchange(MockServerHttpRequest.get("/open"), RouteAuth.anonymous("r", "s"));
        filter.filter(clean, chain).block();
        assertThat(forwarded.get()).as("nothing to rewrite: the same exchange").isSameAs(clean);
        assertThat(GatehouseCall.of(clean).consumer()).isNull();
    }

    @Test
    void runsBeforeTheUpstreamUrlIsBuilt() {
        assertThat(factory.order()).isEqualTo(FilterOrder.AUTH).isLessThan(FilterOrder.TARGET_URL)
                .isLessThan(RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER);
    }
}
