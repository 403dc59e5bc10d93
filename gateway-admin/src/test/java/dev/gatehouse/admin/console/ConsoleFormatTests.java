package dev.gatehouse.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;

class ConsoleFormatTests {

    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

    private final ConsoleFormat format = new ConsoleFormat(messages(), clock());

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(format.millis(250)).isEqualTo("250 ms");
        assertThat(format.millis(2_000)).isEqualTo("2 s");
        assertThat(format.millis(1_500)).isEqualTo("1.5 s");
        assertThat(format.millis(1_001)).isEqualTo("1 s");
    }

    @Test
    void instantsReadAsHowLongAgo() {
        assertThat(format.ago(null)).isEqualTo("never");
        assertThat(format.ago(NOW)).isEqualTo("just now");
        assertThat(format.ago(NOW.minusSeconds(12))).isEqualTo("12 s ago");
        assertThat(format.ago(NOW.minusSeconds(180))).isEqualTo("3 min ago");
        assertThat(format.ago(NOW.minusSeconds(7_300))).isEqualTo("2 h ago");
        assertThat(format.ago(NOW.minusSeconds(4 * 86_400))).isEqualTo("4 d ago");
        assertThat(format.timestamp(NOW)).isEqualTo("2030-01-02 03:04:05 UTC");
    }

    @Test
    void instantsAheadReadAsHowSoon() {
        assertThat(format.fromNow(null, "never")).isEqualTo("never");
        assertThat(format.fromNow(NOW.plusSeconds(30), "never")).isEqualTo("in 30 s");
        assertThat(format.fromNow(NOW.plusSeconds(7_300), "never")).isEqualTo("in 2 h");
        assertThat(format.fromNow(NOW.plusSeconds(30 * 86_400), "never")).isEqualTo("in 30 d");
        assertThat(format.fromNow(NOW.minusSeconds(180), "never")).isEqualTo("3 min ago");
        assertThat(format.isPast(NOW.minusSeconds(1))).isTrue();
        assertThat(format.isPast(NOW.plusSeconds(1))).isFalse();
        assertThat(format.isPast(null)).isFalse();
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Locale.ROOT);
        return source;
    }

    private static org.springframework.beans.factory.ObjectProvider<Clock> clock() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("clock", Clock.fixed(NOW, ZoneOffset.UTC));
        return beans.getBeanProvider(Clock.class);
    }
}
