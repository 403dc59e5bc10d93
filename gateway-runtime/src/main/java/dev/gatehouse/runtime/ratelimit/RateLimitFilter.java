package dev.gatehouse.runtime.ratelimit;

import java.util.List;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.config.policy.RateLimitPolicy;
import dev.gatehouse.config.policy.RateLimitKey;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.auth.AuthAttributes;
import dev.gatehouse.runtime.client.ClientAddress;
import dev.gatehouse.runtime.policy.PolicyContext;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces the rate-limit policy that applies to a call (the most specific one, or the consumer's plan limits):
 * every limit of it at once, each counted per consumer, key, client address, route or header value. Allowed calls
 * carry {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} for the limit with the
 * fewest calls left; refused ones get 429 {@code rate_limited} with {@code Retry-After}. Anonymous calls under
 * {@code by=consumer} or {@code by=key} are counted per client address.
 */
public final class RateLimitFilter implements RouteFilter, Ordered, AutoCloseable {

    private final LimitCache cache;
    private final LeasedCounters counters;
    private final Enforcer enforcer;
    private final RateLimitMetrics metrics;

    RateLimitFilter(LimitCache cache, LeasedCounters counters, RateLimitMetrics metrics) {
        this.cache = cache;
        this.counters = counters;
        this.enforcer = new Enforcer(counters);
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PolicyContext call = PolicyContext.of(exchange);
        if (call == null) {
            return chain.filter(exchange);
        }
        String consumerId = call.consumerId();
        // the configuration the call was routed with: its chain was built for it
        List<CallLimits.RateRule> rules = cache.forCall(call.config(), call.route().spec(), consumerId).rates();
        if (rules.isEmpty()) {
            return chain.filter(exchange);
        }
        long now = counters.now();
        Enforcer.Take[] takes = new Enforcer.Take[rules.size()];
        for (int i = 0; i < takes.length; i++) {
            CallLimits.RateRule rule = rules.get(i);
            long length = rule.window().seconds() * 1_000L;
            long window = now / length;
            String base = rule.fixed() != null ? rule.fixed() : rule.base() + bucket(rule, exchange, consumerId);
            takes[i] = new Enforcer.Take(counters.counter(base), rule.requests(), window, (window + 1) * length);
        }
        return enforcer.check(takes).flatMap(verdict -> {
            if (!verdict.allowed()) {
                metrics.refused(false);
                return Mono.error(RateLimitProblems.rateLimited(verdict));
            }
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set(RateLimitProblems.LIMIT, Long.toString(verdict.limit()));
                headers.set(RateLimitProblems.REMAINING, Long.toString(verdict.remaining()));
                headers.set(RateLimitProblems.RESET, Long.toString(verdict.resetSeconds()));
                return Mono.empty();
            });
            if (!call.config().policies().hasQuotas()) {
                return chain.filter(exchange);
            }
            // a call the quota then refuses does not use up the rate limits
            return chain.filter(exchange).onErrorResume(RateLimitProblems::isQuotaExceeded, refused -> {
                enforcer.giveBack(takes, verdict);
                return Mono.error(refused);
            });
        });
    }

    /** The per-request part of a counter's key. */
    static String bucket(CallLimits.RateRule rule, ServerWebExchange exchange, String consumerId) {
        RateLimitKey by = rule.by();
        if (by == RateLimitKey.HEADER) {
            return "header:" + BucketIds.headerValue(exchange.getRequest().getHeaders().getFirst(rule.header())) + ":";
        }
        if (by == RateLimitKey.KEY) {
            String key = exchange.getAttribute(AuthAttributes.KEY_PREFIX);
            if (key != null) {
                return "key:" + key + ":";
            }
            if (consumerId != null) {
                return "consumer:" + consumerId + ":";
            }
        } else if (by == RateLimitKey.CONSUMER && consumerId != null) {
            return "consumer:" + consumerId + ":";
        }
        return "ip:" + ClientAddress.of(exchange).text() + ":";
    }

    /** Stops the counters' sweep. */
    @Override
    public void close() {
        counters.close();
    }

    @Override
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return RouteFilter.mayHave(route, policies, PolicyType.of(RateLimitPolicy.class));
    }

    @Override
    public int getOrder() {
        return FilterOrder.RATE_LIMIT;
    }
}
