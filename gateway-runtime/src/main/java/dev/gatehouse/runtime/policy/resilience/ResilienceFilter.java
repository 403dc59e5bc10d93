package dev.gatehouse.runtime.policy.resilience;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.error.GatewayProblem;
import dev.gatehouse.runtime.policy.PolicyCache;
import dev.gatehouse.runtime.policy.PolicyContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.util.retry.Retry;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Timeout, retry and circuit breaker around the upstream call (after the target URL is chosen, before SCG's
 * routing filter sends it):
 * <ul>
 *   <li><b>timeout</b>: the call runs with the policy's connect and response timeouts instead of the service's
 *       (a prebuilt copy of the SCG route carrying them as metadata, which is where the routing filter reads
 *       them);</li>
 *   <li><b>retry</b>: see {@link RetryRules}; each retry goes to the service's next target (weighted round
 *       robin);</li>
 *   <li><b>circuit breaker</b>: each attempt asks the route's breaker ({@link CircuitBreakers}) first and is
 *       answered 503 {@code circuit_open} at once while it is open; 5xx answers, connection errors and timeouts
 *       count as failures. A refused attempt is not retried.</li>
 * </ul>
 */
@Component
public class ResilienceFilter implements RouteFilter, Ordered {

    /** Marks an attempt whose upstream status is retried; never leaves this filter. */
    private static final GatewayProblem RETRY_STATUS = new GatewayProblem(HttpStatus.BAD_GATEWAY,
            "upstream_unavailable", "Upstream unavailable", "The upstream answered with a retried status.");
    /** What a breaker records for an upstream 5xx answer. */
    private static final GatewayProblem UPSTREAM_ERROR = new GatewayProblem(HttpStatus.BAD_GATEWAY,
            "upstream_error", "Upstream error", "The upstream answered with a server error.");

    private final PolicyCache<Route> timeouts = new PolicyCache<>(PolicyType.of(TimeoutPolicy.class),
            (policy, route) -> withTimeouts(route.gatewayRoute(), (TimeoutPolicy) policy.config()));
    private final PolicyCache<RetryRules> retries = new PolicyCache<>(PolicyType.of(RetryPolicy.class),
            (policy, route) -> RetryRules.compile((RetryPolicy) policy.config()));
    private final PolicyCache<CircuitBreaker> breakers;

    public ResilienceFilter(CircuitBreakers circuitBreakers) {
        this.breakers = new PolicyCache<>(PolicyType.of(CircuitBreakerPolicy.class),
                (policy, route) -> circuitBreakers.obtain(route, (CircuitBreakerPolicy) policy.config()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PolicyContext context = PolicyContext.of(exchange);
        if (context == null) {
            return chain.filter(exchange);
        }
        Route timed = timeouts.forRoute(context.config(), context.route());
        if (timed != null) {
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, timed);
        }
        RetryRules retry = retries.forRoute(context.config(), context.route());
        CircuitBreaker breaker = breakers.forRoute(context.config(), context.route());
        if (retry == null || !retry.applies(exchange.getRequest())) {
            return breaker == null ? chain.filter(exchange) : guarded(exchange, chain, breaker);
        }
        if (RetryRules.hasBody(exchange.getRequest())) {
            return ReplayableBody.of(exchange)
                    .flatMap(replayable -> withRetries(replayable, chain, context, retry, breaker));
        }
        return withRetries(exchange, chain, context, retry, breaker);
    }

    /** Up to the policy's attempts, each through the breaker when there is one. */
    private static Mono<Void> withRetries(ServerWebExchange exchange, GatewayFilterChain chain, PolicyContext context,
                                          RetryRules retry, CircuitBreaker breaker) {
        AtomicInteger attempts = new AtomicInteger();
        Mono<Void> attempt = Mono.defer(() -> {
            int number = attempts.incrementAndGet();
            if (number > 1) {
                prepareRetry(exchange, context);
            }
            Mono<Void> call = breaker == null ? chain.filter(exchange) : guarded(exchange, chain, breaker);
            return call.then(Mono.defer(() -> {
                if (number < retry.maxAttempts() && retry.retriesStatus(status(exchange))) {
                    return Mono.error(RETRY_STATUS);
                }
                return Mono.empty();
            }));
        });
        return attempt.retryWhen(retrySpec(retry));
    }

    private static Retry retrySpec(RetryRules retry) {
        long retriesLeft = retry.maxAttempts() - 1L;
        if (retry.backoff().isZero()) {
            return Retry.max(retriesLeft).filter(ResilienceFilter::retried)
                    .onRetryExhaustedThrow((spec, signal) -> signal.failure());
        }
        return Retry.fixedDelay(retriesLeft, retry.backoff()).filter(ResilienceFilter::retried)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private static boolean retried(Throwable error) {
        return error == RETRY_STATUS || RetryRules.isConnectionError(error);
    }

    /** One attempt through the circuit breaker. */
    private static Mono<Void> guarded(ServerWebExchange exchange, GatewayFilterChain chain, CircuitBreaker breaker) {
        if (!breaker.tryAcquirePermission()) {
            return Mono.error(circuitOpen(breaker));
        }
        long start = System.nanoTime();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    long elapsed = System.nanoTime() - start;
                    if (status(exchange) >= 500) {
                        breaker.onError(elapsed, TimeUnit.NANOSECONDS, UPSTREAM_ERROR);
                    } else {
                        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    }
                })
                .doOnError(error -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, error))
                .doOnCancel(breaker::releasePermission);
    }

    /** Forgets the failed attempt: its upstream connection, the response headers it copied, the routed mark. */
    private static void prepareRetry(ServerWebExchange exchange, PolicyContext context) {
        Connection connection = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        if (connection != null) {
            // the unread body of a retried answer: closing is cheaper than draining, and retries are rare
            connection.dispose();
        }
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_CONN_ATTR);
        exchange.getAttributes().remove(ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR);
        ServerWebExchangeUtils.reset(exchange);
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (url != null) {
            String query = url.getRawQuery();
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                    URI.create(context.route().targets().next() + url.getRawPath()
                            + (query == null ? "" : "?" + query)));
        }
    }

    private static int status(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }

    /** 503 {@code circuit_open}, with {@code Retry-After} the breaker's open time. */
    static GatewayProblem circuitOpen(CircuitBreaker breaker) {
        long seconds = Math.max(1, (breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState().apply(1) + 999) / 1000);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "circuit_open", "Circuit open",
                "Calls to this route's upstream are suspended after repeated failures; retry later.", headers);
    }

    /** A copy of {@code route} whose metadata carries the policy's timeouts. */
    static Route withTimeouts(Route route, TimeoutPolicy policy) {
        return Route.async()
                .id(route.getId())
                .uri(route.getUri())
                .order(route.getOrder())
                .asyncPredicate(route.getPredicate())
                .filters(route.getFilters())
                .metadata(route.getMetadata())
                .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, policy.connectTimeoutMs())
                .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, (long) policy.responseTimeoutMs())
                .build();
    }

    @Override
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return RouteFilter.mayHave(route, policies, PolicyType.of(TimeoutPolicy.class), PolicyType.of(RetryPolicy.class), PolicyType.of(CircuitBreakerPolicy.class));
    }

    @Override
    public int getOrder() {
        return FilterOrder.RESILIENCE;
    }
}
