package dev.gatehouse.runtime.policy.resilience;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.runtime.policy.RoutePolicyFilterFactory;
import dev.gatehouse.runtime.scg.Forwarding;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.routing.Balancer;
import dev.gatehouse.runtime.routing.TargetPicks;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The retry policy of a route (see {@link RetryRules}): up to the policy's attempts, each sent to the service's
 * next target (weighted round robin) through the rest of the chain, so each attempt asks the circuit breaker
 * ({@link CircuitBreakerFilterFactory}) again; a call the breaker refuses is not retried.
 */
@Component
public class RetryFilterFactory implements RoutePolicyFilterFactory<RetryPolicy, RetryRules> {

    private static final Kind<RetryPolicy, RetryRules> KIND =
            new Kind<>(RetryPolicy.class, RetryRules::compile, FilterOrder.RETRY);

    /** Marks an attempt whose upstream status is retried; never leaves this filter. */
    private static final GatewayProblem RETRY_STATUS = new GatewayProblem(HttpStatus.BAD_GATEWAY,
            "upstream_unavailable", "Upstream unavailable", "The upstream answered with a retried status.");

    @Override
    public Kind<RetryPolicy, RetryRules> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter filter(RetryRules retry, RouteSetup route) {
        Retry spec = retrySpec(retry);
        Balancer targets = route.targets();
        return (exchange, chain) -> {
            if (!retry.applies(exchange.getRequest())) {
                return chain.filter(exchange);
            }
            if (RetryRules.hasBody(exchange.getRequest())) {
                return ReplayableBody.of(exchange)
                        .flatMap(replayable -> withRetries(replayable, chain, targets, retry, spec));
            }
            return withRetries(exchange, chain, targets, retry, spec);
        };
    }

    /** Up to the policy's attempts. */
    private static Mono<Void> withRetries(ServerWebExchange exchange, GatewayFilterChain chain,
                                          Balancer targets, RetryRules retry, Retry spec) {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> attempt = Mono.defer(() -> {
            int number = attempts.incrementAndGet();
            if (number > 1) {
                prepareRetry(exchange, targets);
            }
            return chain.filter(exchange).then(Mono.defer(() -> {
                if (number < retry.maxAttempts() && retry.retriesStatus(status(exchange))) {
                    return Mono.error(RETRY_STATUS);
                }
                return Mono.empty();
            }));
        });
        return attempt.retryWhen(spec);
    }

    private static Retry retrySpec(RetryRules retry) {
        return retry.retrySpec(error -> error == RETRY_STATUS);
    }

    /** Forgets the failed attempt: its upstream connection, the response headers it copied, the routed mark. */
    private static void prepareRetry(ServerWebExchange exchange, Balancer targets) {
        Forwarding.forgetAttempt(exchange);
        URI url = Forwarding.targetUrl(exchange);
        if (url != null) {
            String query = url.getRawQuery();
            Forwarding.targetUrl(exchange,
                    URI.create(TargetPicks.pick(targets, exchange) + url.getRawPath() + (query == null ? "" : "?" + query)));
        }
    }

    static int status(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }
}
