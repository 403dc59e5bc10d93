package dev.gatehouse.admin.quota;

import dev.gatehouse.admin.calllog.DailyUsage;
import dev.gatehouse.admin.consumer.ConsumerService;
import dev.gatehouse.admin.consumer.ConsumerView;
import dev.gatehouse.admin.plan.PlanService;
import dev.gatehouse.admin.plan.PlanView;
import dev.gatehouse.config.PlanSpec;
import dev.gatehouse.config.policy.Quota;
import dev.gatehouse.config.policy.QuotaCounters;
import dev.gatehouse.config.policy.QuotaKey;
import dev.gatehouse.config.policy.QuotaPeriod;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads a consumer's quota usage: from the nodes' Redis counters when Redis is configured and answers (each raised
 * to the call-log count, which survives a Redis restart), else from the call-log day counts alone.
 */
@Service
public class QuotaUsageService {

    private final ConsumerService consumers;
    private final PlanService plans;
    private final DailyUsage daily;
    private final QuotaRedis redis;
    private final QuotaProperties properties;
    private final Clock clock;

    QuotaUsageService(ConsumerService consumers, PlanService plans, DailyUsage daily, QuotaRedis redis,
                      QuotaProperties properties, Clock clock) {
        this.consumers = consumers;
        this.plans = plans;
        this.daily = daily;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** The usage of the consumer named or identified by {@code idOrName}; 404 when there is none. */
    public ConsumerUsage usage(String idOrName) {
        ConsumerView consumer = consumers.get(idOrName);
        Instant now = clock.instant();
        List<Quota> quotas = quotasOf(consumer.plan());
        if (quotas.isEmpty()) {
            return new ConsumerUsage(consumer.id(), consumer.name(), consumer.plan(), source(Optional.of(Map.of())),
                    now, List.of());
        }
        long millis = now.toEpochMilli();
        List<Period> periods = new ArrayList<>();
        List<String> redisKeys = new ArrayList<>();
        for (Quota quota : quotas) {
            Period p = Period.of(quota, millis, daily.byKey(consumer.id(), DailyUsage.day(p0(quota, millis)),
                    DailyUsage.day(millis).plusDays(1)));
            periods.add(p);
            if (quota.by() == QuotaKey.CONSUMER) {
                redisKeys.add(QuotaCounters.key(properties.keyPrefix(), consumer.id(), null, quota.period(), millis));
            } else {
                for (String key : p.counted().keySet()) {
                    redisKeys.add(QuotaCounters.key(properties.keyPrefix(), consumer.id(), key.isEmpty() ? null : key,
                            quota.period(), millis));
                }
            }
        }
        Optional<Map<String, Long>> live = redis.configured() ? redis.get(redisKeys) : Optional.empty();
        List<ConsumerUsage.QuotaUsage> out = new ArrayList<>();
        for (Period p : periods) {
            out.add(p.usage(consumer.id(), properties.keyPrefix(), millis, live.orElse(Map.of())));
        }
        return new ConsumerUsage(consumer.id(), consumer.name(), consumer.plan(), source(live), now, out);
    }

    private String source(Optional<Map<String, Long>> live) {
        return redis.configured() && live.isPresent() ? "redis" : "call-log";
    }

    private static long p0(Quota quota, long millis) {
        return QuotaCounters.start(quota.period(), QuotaCounters.index(quota.period(), millis));
    }

    /** The quotas of the plan named {@code planName}; empty when none. */
    List<Quota> quotasOf(String planName) {
        if (planName == null || planName.isEmpty()) {
            return List.of();
        }
        Optional<PlanView> plan = plans.find(planName);
        if (plan.isEmpty()) {
            return List.of();
        }
        return plans.currentEntities().stream().filter(spec -> spec.id().equals(plan.get().id()))
                .map(PlanSpec::quotas).findFirst().orElse(List.of());
    }

    /** One quota's current period with the call-log counts by key prefix. */
    private record Period(Quota quota, long start, long end, Map<String, Long> counted) {

        static Period of(Quota quota, long millis, Map<String, Long> counted) {
            long index = QuotaCounters.index(quota.period(), millis);
            return new Period(quota, QuotaCounters.start(quota.period(), index),
                    QuotaCounters.end(quota.period(), index), counted);
        }

        ConsumerUsage.QuotaUsage usage(String consumerId, String prefix, long millis, Map<String, Long> live) {
            String period = quota.period() == QuotaPeriod.DAY ? "day" : "month";
            if (quota.by() == QuotaKey.CONSUMER) {
                long logged = counted.values().stream().mapToLong(Long::longValue).sum();
                long used = Math.max(logged, live.getOrDefault(
                        QuotaCounters.key(prefix, consumerId, null, quota.period(), millis), 0L));
                return new ConsumerUsage.QuotaUsage(quota.calls(), period, "consumer", Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(end), used, left(used), percent(used), List.of());
            }
            List<ConsumerUsage.KeyUsage> keys = new ArrayList<>();
            for (Map.Entry<String, Long> e : counted.entrySet()) {
                String key = e.getKey();
                long used = Math.max(e.getValue(), live.getOrDefault(QuotaCounters.key(prefix, consumerId,
                        key.isEmpty() ? null : key, quota.period(), millis), 0L));
                keys.add(new ConsumerUsage.KeyUsage(key, used, left(used), percent(used)));
            }
            keys.sort(Comparator.comparingLong(ConsumerUsage.KeyUsage::used).reversed()
                    .thenComparing(ConsumerUsage.KeyUsage::keyPrefix));
            long most = keys.isEmpty() ? 0 : keys.get(0).used();
            return new ConsumerUsage.QuotaUsage(quota.calls(), period, "key", Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(end), most, left(most), percent(most), keys);
        }

        private long left(long used) {
            return Math.max(0, quota.calls() - used);
        }

        private int percent(long used) {
            return (int) Math.min(100, used * 100 / quota.calls());
        }
    }

    /** Today, UTC. */
    LocalDate today() {
        return DailyUsage.day(clock.millis());
    }
}
