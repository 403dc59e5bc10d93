package dev.gatehouse.runtime.policy.ratelimit;

import java.util.List;

import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaPeriod;
import dev.gatehouse.runtime.FilterOrder;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.live.PerConsumer;
import dev.gatehouse.runtime.live.RouteFilterFactory;
import dev.gatehouse.runtime.live.RouteSetup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;

/**
 * Enforces the daily and monthly quotas of the calling consumer's plan (UTC periods), counted per consumer or per
 * API key with the same token leases as rate limits. A used-up quota answers 429 {@code quota_exceeded} with
 * {@code Retry-After} up to the end of the period. Runs after the rate limits, so throttled calls use no quota.
 * Calls authenticated without an API key (JWT) count against the consumer under per-key quotas.
 */
public final class QuotaFilterFactory implements RouteFilterFactory, AutoCloseable {

    private final Limiting limiting;

    QuotaFilterFactory(Limiting limiting) {
        this.limiting = limiting;
    }

    /** Every route when some plan has a quota: any authenticated call may be counted against one. */
    @Override
    public GatewayFilter apply(RouteSetup route) {
        if (!route.policies().hasQuotas()) {
            return null;
        }
        PerConsumer<List<CallLimits.QuotaRule>> quotas = new PerConsumer<>(route, true, (setup, consumer) -> {
            if (consumer == null) {
                return null;
            }
            List<CallLimits.QuotaRule> rules = CallLimits.compile(setup.policies(), setup.spec(), consumer,
                    limiting.prefix()).quotas();
            return rules.isEmpty() ? null : rules;
        });
        return (exchange, chain) -> {
            GatehouseCall call = GatehouseCall.of(exchange);
            List<CallLimits.QuotaRule> rules = quotas.forConsumer(call.consumerId());
            return rules == null ? chain.filter(exchange) : filter(rules, call, exchange, chain);
        };
    }

    private Mono<Void> filter(List<CallLimits.QuotaRule> rules, GatehouseCall call, ServerWebExchange exchange,
                              GatewayFilterChain chain) {
        String consumerId = call.consumerId();
        long now = limiting.counters().now();
        String key = call.keyPrefix();
        Enforcer.Take[] takes = new Enforcer.Take[rules.size()];
        for (int i = 0; i < takes.length; i++) {
            CallLimits.QuotaRule rule = rules.get(i);
            QuotaPeriod period = rule.quota().period();
            long index = QuotaCounters.index(period, now);
            String base = CallLimits.perKey(rule) && key != null
                    ? QuotaCounters.base(limiting.prefix(), consumerId, key, period) : rule.consumerBase();
            takes[i] = new Enforcer.Take(limiting.counters().counter(base), rule.quota().calls(), index,
                    QuotaCounters.end(period, index));
        }
        return limiting.enforcer().check(takes).flatMap(verdict -> {
            if (!verdict.allowed()) {
                limiting.metrics().refused(true);
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
        limiting.close();
    }

    @Override
    public int order() {
        return FilterOrder.QUOTA;
    }
}
