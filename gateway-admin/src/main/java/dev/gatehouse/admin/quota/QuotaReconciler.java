package dev.gatehouse.admin.quota;

import dev.gatehouse.admin.calllog.DailyUsage;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.config.ConsumerSpec;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.QuotaPeriod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps quota counters in Redis at least as high as the calls the call logs counted, every
 * {@code reconcile-interval}: after Redis lost its data (restart without persistence, failover), counters are
 * back to the logged usage within one interval. Setting {@code max(current, counted)} is idempotent, so every
 * admin instance may run it. Also forgets day counts older than two months.
 */
@Component
public class QuotaReconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QuotaReconciler.class);
    /** Counters outlive their period by two days, as the nodes set them. */
    private static final long TTL_SLACK = Duration.ofDays(2).toMillis();

    private final ConsumerService consumers;
    private final PlanService plans;
    private final DailyUsage daily;
    private final QuotaRedis redis;
    private final QuotaProperties properties;
    private final Clock clock;
    private ScheduledExecutorService timer;

    QuotaReconciler(ConsumerService consumers, PlanService plans, DailyUsage daily, QuotaRedis redis,
                    QuotaProperties properties, Clock clock) {
        this.consumers = consumers;
        this.plans = plans;
        this.daily = daily;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One pass: raises every quota counter of the current periods to the logged count.
     *
     * @return counters written, or -1 when Redis is not configured or did not answer
     */
    public int reconcile() {
        if (!redis.configured()) {
            return -1;
        }
        long now = clock.millis();
        Map<String, List<Quota>> quotasByPlan = new HashMap<>();
        for (PlanSpec plan : plans.currentEntities()) {
            if (!plan.quotas().isEmpty()) {
                quotasByPlan.put(plan.id(), plan.quotas());
            }
        }
        int written = 0;
        for (QuotaPeriod period : QuotaPeriod.values()) {
            Map<String, List<Quota>> quotasOf = new HashMap<>();
            for (ConsumerSpec consumer : consumers.currentEntities()) {
                List<Quota> quotas = consumer.planId() == null ? null : quotasByPlan.get(consumer.planId());
                if (quotas != null) {
                    List<Quota> inPeriod = quotas.stream().filter(q -> q.period() == period).toList();
                    if (!inPeriod.isEmpty()) {
                        quotasOf.put(consumer.id(), inPeriod);
                    }
                }
            }
            if (quotasOf.isEmpty()) {
                continue;
            }
            long index = QuotaCounters.index(period, now);
            long start = QuotaCounters.start(period, index);
            long end = QuotaCounters.end(period, index);
            Map<String, Long> counted = new HashMap<>();
            for (DailyUsage.Count c : daily.counts(DailyUsage.day(start), DailyUsage.day(now).plusDays(1),
                    new ArrayList<>(quotasOf.keySet()))) {
                for (Quota quota : quotasOf.get(c.consumerId())) {
                    // JWT calls ("" key) count against the consumer under per-key quotas too, as on the nodes
                    String key = quota.by() == QuotaKey.KEY && !c.keyPrefix().isEmpty() ? c.keyPrefix() : null;
                    counted.merge(QuotaCounters.key(properties.keyPrefix(), c.consumerId(), key, period, now),
                            c.calls(), Long::sum);
                }
            }
            if (!redis.raise(counted, end - now + TTL_SLACK)) {
                return -1;
            }
            written += counted.size();
        }
        daily.deleteBefore(DailyUsage.day(now).minusDays(62));
        return written;
    }

    @Override
    public synchronized void start() {
        if (!redis.configured()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quota-reconciler");
            t.setDaemon(true);
            return t;
        });
        long every = properties.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Quota reconciliation failed: {}", e.toString());
            }
        }, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
