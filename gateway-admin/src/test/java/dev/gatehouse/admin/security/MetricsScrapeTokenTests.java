package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsScrapeTokenTests {

    @Test
    void matchesOnlyItsOwnToken() {
        MetricsScrapeToken token = new MetricsScrapeToken("a-scrape-token-of-some-length");
        assertThat(token.matches("a-scrape-token-of-some-length")).isTrue();
        assertThat(token.matches("a-scrape-token-of-some-lengtH")).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void unsetMatchesNothing() {
        MetricsScrapeToken token = new MetricsScrapeToken("");
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches("anything-at-all-here")).isFalse();
    }

    @Test
    void aShortTokenIsRefusedAtStartNamingTheVariable() {
        assertThatThrownBy(() -> new MetricsScrapeToken("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEHOUSE_METRICS_TOKEN").hasMessageContaining("16");
    }
}
