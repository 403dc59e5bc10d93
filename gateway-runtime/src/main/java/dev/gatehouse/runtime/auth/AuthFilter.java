package dev.gatehouse.runtime.auth;

import dev.gatehouse.config.AuthMode;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.auth.ConsumerDirectory.KnownConsumer;
import dev.gatehouse.runtime.auth.KeyAuthenticator.Result;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.error.GatewayProblem;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces each route's {@code auth} before the call is forwarded:
 * <ul>
 *   <li>{@code key} and {@code jwt}: a client address blocked by the {@link BruteForceLimiter} gets 429 at once;
 *       a credential presented twice is 400 {@code ambiguous_credentials} ({@link KeyCredentials#ambiguous});
 *       otherwise the credentials are judged (401 {@code missing_credentials} / {@code invalid_credentials},
 *       403 {@code forbidden}), refusals counted, and an allowed call is forwarded with the consumer's identity
 *       headers and without its API key ({@link ForwardedIdentity}, written on the upstream request's headers);</li>
 *   <li>{@code none}: nothing to do, so the filter is left out of the route's chain ({@link RouteFilter}); forged
 *       {@code X-Consumer-*} headers are removed from every upstream request all the same.</li>
 * </ul>
 * The work per request is a hash, a lock-free table lookup and map reads; nothing here blocks or logs.
 */
@Component
public class AuthFilter implements RouteFilter, Ordered {

    private final BruteForceLimiter limiter;
    private final KeyUsage usage;

    public AuthFilter(BruteForceLimiter limiter, KeyUsage usage) {
        this.limiter = limiter;
        this.usage = usage;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        RouteAuth route = exchange.getAttribute(AuthAttributes.ROUTE);
        ConsumerDirectory directory = exchange.getAttribute(AuthAttributes.DIRECTORY);
        ServerHttpRequest request = exchange.getRequest();
        if (route == null || directory == null || route.mode() == AuthMode.NONE) {
            return chain.filter(exchange);
        }
        String client = clientAddress(ClientAddress.of(exchange));
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
            Result result = KeyAuthenticator.authenticate(presented, route, directory, System.currentTimeMillis());
            return proceed(exchange, chain, route, result, client, route.keyAuth());
        }
        if (KeyCredentials.ambiguousToken(request.getHeaders())) {
            return Mono.error(GatewayProblem.ambiguousCredentials());
        }
        String token = KeyCredentials.bearerToken(request.getHeaders());
        if (token == null) {
            return proceed(exchange, chain, route, Result.MISSING, client, null);
        }
        return route.jwt().verify(token)
                .map(name -> {
                    KnownConsumer consumer = directory.byName(name);
                    return consumer == null || !consumer.active() ? Result.INVALID
                            : KeyAuthenticator.judge(route, consumer, true, null, null);
                })
                .defaultIfEmpty(Result.INVALID)
                .flatMap(result -> proceed(exchange, chain, route, result, client, null));
    }

    private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, RouteAuth route, Result result,
                               String client, KeyAuthSpec credentials) {
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
        exchange.getAttributes().put(AuthAttributes.CONSUMER_ID, consumer.id());
        exchange.getAttributes().put(AuthAttributes.CONSUMER_NAME, consumer.name());
        if (result.keyPrefix() != null) {
            exchange.getAttributes().put(AuthAttributes.KEY_PREFIX, result.keyPrefix());
        }
        if (result.verdict() == KeyAuthenticator.Verdict.FORBIDDEN) {
            return Mono.error(AuthProblems.forbidden());
        }
        if (result.keyId() != null) {
            usage.used(result.keyId());
        }
        exchange.getAttributes().put(ForwardedIdentity.ATTRIBUTE, new ForwardedIdentity(credentials, consumer));
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
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return route.auth() != AuthMode.NONE;
    }

    @Override
    public int getOrder() {
        return FilterOrder.AUTH;
    }
}
