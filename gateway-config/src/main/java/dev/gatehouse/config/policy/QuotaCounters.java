package dev.gatehouse.config.policy;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where quota usage is counted in Redis, shared by the nodes (which count) and the admin (which reads and repairs
 * the counts): one key per consumer (or consumer and key) and UTC period, {@code <prefix>quota:<consumer id>:
 * consumer|key:<key prefix>:day|month:<period index>}, holding the calls reserved by nodes in that period.
 * Periods are numbered: days since the epoch, months as {@code year × 12 + month − 1}.
 */
public final class QuotaCounters {

    private static final long DAY_MILLIS = 86_400_000L;

    private QuotaCounters() {
    }

    /**
     * The key of a quota's counter without the period index.
     *
     * @param keyPrefix the API key's display prefix for per-key quotas, or {@code null} for the consumer's count
     */
    public static String base(String prefix, String consumerId, String keyPrefix, QuotaPeriod period) {
        String who = keyPrefix == null ? "consumer" : "key:" + keyPrefix;
        return prefix + "quota:" + consumerId + ":" + who + ":" + name(period) + ":";
    }

    /** The full key of a quota's counter in the period containing {@code epochMillis}. */
    public static String key(String prefix, String consumerId, String keyPrefix, QuotaPeriod period,
                             long epochMillis) {
        return base(prefix, consumerId, keyPrefix, period) + index(period, epochMillis);
    }

    /** The number of the period containing {@code epochMillis}. */
    public static long index(QuotaPeriod period, long epochMillis) {
        long day = Math.floorDiv(epochMillis, DAY_MILLIS);
        if (period == QuotaPeriod.DAY) {
            return day;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        return date.getYear() * 12L + date.getMonthValue() - 1;
    }

    /** Start of period {@code index}, epoch milliseconds. */
    public static long start(QuotaPeriod period, long index) {
        if (period == QuotaPeriod.DAY) {
            return index * DAY_MILLIS;
        }
        LocalDate first = LocalDate.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, 1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** End of period {@code index} (the start of the next one), epoch milliseconds. */
    public static long end(QuotaPeriod period, long index) {
        return start(period, index + 1);
    }

    private static String name(QuotaPeriod period) {
        return period == QuotaPeriod.DAY ? "day" : "month";
    }
}
