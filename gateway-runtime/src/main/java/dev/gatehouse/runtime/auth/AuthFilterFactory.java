package dev.gatehouse.runtime.auth;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.auth.KeyAuthenticator.Result;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;
import dev.gatehouse.runtime.live.ConfigApplied;
import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.routing.CompiledRoute;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.context.event.EventListener;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces each route's {@code auth} before the call is forwarded:
 * <ul>
 *   <li>{@code key} and {@code jwt}: a client address blocked by the {@link BruteForceLimiter} gets 429 at once;
 *       a credential presented twice is 400 {@code ambiguous_credentials} ({@link KeyCredentials#ambiguous});
 *       otherwise the credentials are judged (401 {@code missing_credentials} / {@code invalid_credentials},
 *       403 {@code forbidden}), refusals counted, and an allowed call is forwarded with the consumer's identity
 *       headers and without its API key ({@link ForwardedIdentity}, written on the upstream request's headers);</li>
 *   <li>{@code none}: nothing to do, so the route gets no auth filter; forged {@code X-Consumer-*} headers are
 *       removed from every upstream request all the same.</li>
 * </ul>
 * Each route's filter holds its compiled {@link RouteAuth} and the consumers and keys of its configuration; the
 * work per request is a hash, a lock-free table lookup and map reads; nothing here blocks or logs. A route whose
 * auth settings did not change keeps its compiled settings (and its JWT key source) across configurations.
 */
public class AuthFilterFactory implements RouteFilterFactory {

    private record Compiled(RouteSpec spec, RouteAuth auth) {
    }

    private final BruteForceLimiter limiter;
    private final KeyUsage usage;
    private final RouteAuthCompiler compiler;
    private final LongSupplier clock;
    private final Map<String, Compiled> byRoute = new ConcurrentHashMap<>();

    /** @param clock epoch milliseconds, against which key expiry is judged */
    public AuthFilterFactory(BruteForceLimiter limiter, KeyUsage usage, RouteAuthCompiler compiler,
                             LongSupplier clock) {
        this.limiter = limiter;
        this.usage = usage;
        this.compiler = compiler;
        this.clock = clock;
    }

    @Override
    public GatewayFilter apply(RouteSetup setup) {
        if (setup.spec().auth() == AuthMode.NONE) {
            return null;
        }
        RouteAuth route = compiled(setup.spec());
        ConsumerDirectory directory = setup.directory();
        return (exchange, chain) -> filter(route, directory, exchange, chain);
    }

    /** The compiled auth of {@code spec}: the one compiled before while the route's spec is unchanged. */
    RouteAuth compiled(RouteSpec spec) {
        Compiled before = byRoute.get(spec.id());
        if (before != null && before.spec().equals(spec)) {
            return before.auth();
        }
        RouteAuth auth = compiler.compile(spec);
        byRoute.put(spec.id(), new Compiled(spec, auth));
        return auth;
    }

    /** Forgets the routes the configuration no longer has, and lets the JWKS cache drop unused key sets. */
    @EventListener
    void onConfigApplied(ConfigApplied applied) {
        Set<String> ids = new HashSet<>();
        for (CompiledRoute route : applied.config().compiled().values()) {
            ids.add(route.spec().id());
        }
        byRoute.keySet().retainAll(ids);
        compiler.retainJwks(byRoute.values().stream().map(Compiled::auth).toList());
    }

    Mono<Void> filter(RouteAuth route, ConsumerDirectory directory, ServerWebExchange exchange,
                      GatewayFilterChain chain) {
        if (route.mode() == AuthMode.NONE) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        GatehouseCall call = GatehouseCall.of(exchange);
        String client = clientAddress(call.client());
        long blockedFor = limiter.blockedForSeconds(client);
        if (blockedFor > 0) {
            return Mono.error(AuthProblems.tooManyFailures(blockedFor));
        }
        if (route.mode() == AuthMode.KEY) {
            if (KeyCredentials.ambiguous(request.getHeaders(), request.getURI().getRawQuery(), route.keyAuth())) {
                return Mono.error(GatewayProblem.ambiguousCredentials());
            }
            String presented = KeyCredentials.extract(request.getHeaders(), request.getURI().getRawQuery(),
                    route.keyAuth());
            Result result = KeyAuthenticator.authenticate(presented, route, directory, clock.getAsLong());
            return proceed(exchange, call, chain, route, result, client, route.keyAuth());
        }
        if (KeyCredentials.ambiguousToken(request.getHeaders())) {
            return Mono.error(GatewayProblem.ambiguousCredentials());
        }
        String token = KeyCredentials.bearerToken(request.getHeaders());
        if (token == null) {
            return proceed(exchange, call, chain, route, Result.MISSING, client, null);
        }
        return route.jwt().verify(token)
                .map(name -> {
                    KnownConsumer consumer = directory.byName(name);
                    return consumer == null || !consumer.active() ? Result.INVALID
                            : KeyAuthenticator.judge(route, consumer, true, null, null);
                })
                .defaultIfEmpty(Result.INVALID)
                .flatMap(result -> proceed(exchange, call, chain, route, result, client, null));
    }

    private Mono<Void> proceed(ServerWebExchange exchange, GatehouseCall call, GatewayFilterChain chain,
                               RouteAuth route, Result result, String client, KeyAuthSpec credentials) {
        switch (result.verdict()) {
            case MISSING:
                return Mono.error(AuthProblems.missing(route.missingChallenges()));
            case INVALID:
                limiter.recordFailure(client);
                return Mono.error(AuthProblems.invalid(route.invalidChallenges()));
            default:
                break;
        }
        KnownConsumer consumer = result.consumer();
        // recorded for the call log also when the consumer is then refused (a refused call is never forwarded, so
        // its credentials are never written upstream)
        call.authenticated(consumer, result.keyPrefix(), credentials);
        if (result.verdict() == KeyAuthenticator.Verdict.FORBIDDEN) {
            return Mono.error(AuthProblems.forbidden());
        }
        if (result.keyId() != null) {
            usage.used(result.keyId());
        }
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpRequest forwarded = ForwardedIdentity.withoutQueryKey(request, credentials);
        return chain.filter(forwarded == request ? exchange : exchange.mutate().request(forwarded).build());
    }

    /**
     * The client address the brute-force limiter counts: the one {@link ClientAddress} resolved (so forged
     * {@code X-Forwarded-For} from an untrusted peer cannot move a client to another bucket); null when unknown.
     */
    static String clientAddress(ClientAddress address) {
        return address.bytes().length == 0 ? null : address.text();
    }

    @Override
    public int order() {
        return FilterOrder.AUTH;
    }
}
