package dev.gatehouse.runtime.policy.ratelimit;

import java.util.function.Function;

import java.util.List;

import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.live.PerConsumer;
import dev.gatehouse.runtime.live.PolicyFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces the rate-limit policy that applies to a call (the most specific one, or the consumer's plan limits):
 * every limit of it at once, each counted per consumer, key, client address, route or header value. Allowed calls
 * carry {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} for the limit with the
 * fewest calls left; refused ones get 429 {@code rate_limited} with {@code Retry-After}. Anonymous calls under
 * {@code by=consumer} or {@code by=key} are counted per client address.
 */
public final class RateLimitFilterFactory implements PolicyFilterFactory<RateLimitPolicy, RateLimitPolicy>,
        AutoCloseable {

    /** Nothing to compile per policy: the counter keys depend on the route and consumer ({@link CallLimits}). */
    private static final Kind<RateLimitPolicy, RateLimitPolicy> KIND =
            new Kind<>(RateLimitPolicy.class, Function.identity(), FilterOrder.RATE_LIMIT);

    private final Limiting limiting;

    RateLimitFilterFactory(Limiting limiting) {
        this.limiting = limiting;
    }

    @Override
    public Kind<RateLimitPolicy, RateLimitPolicy> kind() {
        return KIND;
    }

    @Override
    public GatewayFilter apply(RouteSetup route) {
        if (!route.mayHave(RateLimitPolicy.class)) {
            return null;
        }
        PerConsumer<List<CallLimits.RateRule>> limits = new PerConsumer<>(route,
                route.dependsOnConsumer(RateLimitPolicy.class), (setup, consumer) -> {
                    List<CallLimits.RateRule> rates = CallLimits.compile(setup.policies(), setup.spec(), consumer,
                            limiting.prefix()).rates();
                    return rates.isEmpty() ? null : rates;
                });
        if (limits.isEmpty()) {
            return null;
        }
        boolean quotas = route.policies().hasQuotas();
        return (exchange, chain) -> {
            GatehouseCall call = GatehouseCall.of(exchange);
            List<CallLimits.RateRule> rules = limits.forConsumer(call.consumerId());
            return rules == null ? chain.filter(exchange) : filter(rules, quotas, call, exchange, chain);
        };
    }

    private Mono<Void> filter(List<CallLimits.RateRule> rules, boolean quotas, GatehouseCall call,
                              ServerWebExchange exchange, GatewayFilterChain chain) {
        String consumerId = call.consumerId();
        if (rules.isEmpty()) {
            return chain.filter(exchange);
        }
        long now = limiting.counters().now();
        Enforcer.Take[] takes = new Enforcer.Take[rules.size()];
        for (int i = 0; i < takes.length; i++) {
            CallLimits.RateRule rule = rules.get(i);
            long length = rule.window().seconds() * 1_000L;
            long window = now / length;
            String base = rule.fixed() != null ? rule.fixed() : rule.base() + bucket(rule, exchange, call);
            takes[i] = new Enforcer.Take(limiting.counters().counter(base), rule.requests(), window,
                    (window + 1) * length);
        }
        return limiting.enforcer().check(takes).flatMap(verdict -> {
            if (!verdict.allowed()) {
                limiting.metrics().refused(false);
                return Mono.error(RateLimitProblems.rateLimited(verdict));
            }
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set(RateLimitProblems.LIMIT, Long.toString(verdict.limit()));
                headers.set(RateLimitProblems.REMAINING, Long.toString(verdict.remaining()));
                headers.set(RateLimitProblems.RESET, Long.toString(verdict.resetSeconds()));
                return Mono.empty();
            });
            if (!quotas) {
                return chain.filter(exchange);
            }
            // a call the quota then refuses does not use up the rate limits
            return chain.filter(exchange).onErrorResume(RateLimitProblems::isQuotaExceeded, refused -> {
                limiting.enforcer().giveBack(takes, verdict);
                return Mono.error(refused);
            });
        });
    }

    /** The per-request part of a counter's key. */
    static String bucket(CallLimits.RateRule rule, ServerWebExchange exchange, GatehouseCall call) {
        String consumerId = call.consumerId();
        RateLimitKey by = rule.by();
        if (by == RateLimitKey.HEADER) {
            return "header:" + BucketIds.headerValue(exchange.getRequest().getHeaders().getFirst(rule.header())) + ":";
        }
        if (by == RateLimitKey.KEY) {
            String key = call.keyPrefix();
            if (key != null) {
                return "key:" + key + ":";
            }
            if (consumerId != null) {
                return "consumer:" + consumerId + ":";
            }
        } else if (by == RateLimitKey.CONSUMER && consumerId != null) {
            return "consumer:" + consumerId + ":";
        }
        return "ip:" + call.client().text() + ":";
    }

    /** Stops the counters' sweep. */
    @Override
    public void close() {
        limiting.close();
    }

}
