package dev.gatehouse.config.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaCountersTests {

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void daysAreUtcDaysSinceTheEpoch() {
        long index = QuotaCounters.index(QuotaPeriod.DAY, at("2026-11-29T23:59:59.999Z"));
        assertThat(QuotaCounters.start(QuotaPeriod.DAY, index)).isEqualTo(at("2026-11-29T00:00:00Z"));
        assertThat(QuotaCounters.end(QuotaPeriod.DAY, index)).isEqualTo(at("2026-11-30T00:00:00Z"));
        assertThat(QuotaCounters.index(QuotaPeriod.DAY, at("2026-11-30T00:00:00Z"))).isEqualTo(index + 1);
    }

    @Test
    void monthsRunFromTheFirstToTheFirstAcrossAYearEnd() {
        long december = QuotaCounters.index(QuotaPeriod.MONTH, at("2026-12-31T12:00:00Z"));
        assertThat(december).isEqualTo(2026 * 12L + 11);
        assertThat(QuotaCounters.start(QuotaPeriod.MONTH, december)).isEqualTo(at("2026-12-01T00:00:00Z"));
        assertThat(QuotaCounters.end(QuotaPeriod.MONTH, december)).isEqualTo(at("2027-01-01T00:00:00Z"));
        long february = QuotaCounters.index(QuotaPeriod.MONTH, at("2028-02-29T08:00:00Z"));
        assertThat(QuotaCounters.end(QuotaPeriod.MONTH, february)).isEqualTo(at("2028-03-01T00:00:00Z"));
    }

    @Test
    void keysNameTheConsumerTheKeyAndThePeriod() {
        long now = at("2026-11-29T10:00:00Z");
        assertThat(QuotaCounters.key("gh:", "c1", null, QuotaPeriod.DAY, now))
                .isEqualTo("gh:quota:c1:consumer:day:" + QuotaCounters.index(QuotaPeriod.DAY, now));
        assertThat(QuotaCounters.key("gh:", "c1", "gwk_abcdefgh", QuotaPeriod.MONTH, now))
                .isEqualTo("gh:quota:c1:key:gwk_abcdefgh:month:" + (2026 * 12L + 10));
    }
}
