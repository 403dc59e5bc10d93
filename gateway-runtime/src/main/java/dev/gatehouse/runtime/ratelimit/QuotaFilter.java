package dev.gatehouse.runtime.ratelimit;

import java.util.List;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.policy.PolicyResolver;
import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.RouteFilter;
import dev.gatehouse.runtime.auth.AuthAttributes;
import dev.gatehouse.runtime.policy.PolicyContext;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces the daily and monthly quotas of the calling consumer's plan (UTC periods), counted per consumer or per
 * API key with the same token leases as rate limits. A used-up quota answers 429 {@code quota_exceeded} with
 * {@code Retry-After} up to the end of the period. Runs after the rate limits, so throttled calls use no quota.
 * Calls authenticated without an API key (JWT) count against the consumer under per-key quotas.
 */
public final class QuotaFilter implements RouteFilter, Ordered, AutoCloseable {

    private final LimitCache cache;
    private final LeasedCounters counters;
    private final Enforcer enforcer;
    private final RateLimitMetrics metrics;
    private final String prefix;

    QuotaFilter(LimitCache cache, LeasedCounters counters, RateLimitMetrics metrics,
                String prefix) {
        this.cache = cache;
        this.counters = counters;
        this.enforcer = new Enforcer(counters);
        this.metrics = metrics;
        this.prefix = prefix;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        PolicyContext call = PolicyContext.of(exchange);
        if (call == null || call.consumerId() == null) {
            return chain.filter(exchange);
        }
        String consumerId = call.consumerId();
        // the configuration the call was routed with: its chain was built for it
        List<CallLimits.QuotaRule> rules = cache.forCall(call.config(), call.route().spec(), consumerId).quotas();
        if (rules.isEmpty()) {
            return chain.filter(exchange);
        }
        long now = counters.now();
        String key = exchange.getAttribute(AuthAttributes.KEY_PREFIX);
        Enforcer.Take[] takes = new Enforcer.Take[rules.size()];
        for (int i = 0; i < takes.length; i++) {
            CallLimits.QuotaRule rule = rules.get(i);
            QuotaPeriod period = rule.quota().period();
            long index = QuotaCounters.index(period, now);
            String base = CallLimits.perKey(rule) && key != null
                    ? QuotaCounters.base(prefix, consumerId, key, period) : rule.consumerBase();
            takes[i] = new Enforcer.Take(counters.counter(base), rule.quota().calls(), index,
                    QuotaCounters.end(period, index));
        }
        return enforcer.check(takes).flatMap(verdict -> {
            if (!verdict.allowed()) {
                metrics.refused(true);
                return Mono.error(RateLimitProblems.quotaExceeded(verdict, periodOf(rules, verdict)));
            }
            return chain.filter(exchange);
        });
    }

    private static String periodOf(List<CallLimits.QuotaRule> rules, Enforcer.Verdict verdict) {
        return rules.get(verdict.deciding()).quota().period() == QuotaPeriod.DAY ? "day" : "month";
    }

    /** Stops the counters' sweep. */
    @Override
    public void close() {
        counters.close();
    }

    @Override
    public boolean appliesTo(RouteSpec route, PolicyResolver policies) {
        return policies.hasQuotas();
    }

    @Override
    public int getOrder() {
        return FilterOrder.QUOTA;
    }
}
