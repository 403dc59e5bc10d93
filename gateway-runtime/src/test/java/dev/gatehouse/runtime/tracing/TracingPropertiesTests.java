package dev.gatehouse.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Tracing settings: defaults, the endpoint's path, and clear refusals naming the variable. */
class TracingPropertiesTests {

    private static TracingProperties endpoint(String url) {
        return new TracingProperties(url, null, null, null, null, null, null);
    }

    @Test
    void offWithoutAnEndpointWithDefaultsOtherwise() {
        TracingProperties off = endpoint(null);
        assertThat(off.enabled()).isFalse();
        assertThat(endpoint("  ").enabled()).isFalse();
        assertThat(off.sampleRatio()).isEqualTo(1.0);
        assertThat(off.serviceName()).isEqualTo("gatehouse");
        assertThat(off.queueSize()).isEqualTo(2048);
        assertThat(off.batchSize()).isEqualTo(512);
        assertThat(off.scheduleDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(off.exportTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anEndpointWithoutAPathGetsTheTracesPath() {
        assertThat(endpoint("http://collector:4318").otlpEndpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(endpoint("https://collector:4318/").otlpEndpoint()).isEqualTo("https://collector:4318/v1/traces");
        assertThat(endpoint("http://collector:4318/custom/traces").otlpEndpoint())
                .isEqualTo("http://collector:4318/custom/traces");
        assertThat(endpoint("http://collector:4318").enabled()).isTrue();
    }

    @Test
    void refusesWhatCannotWorkNamingTheVariable() {
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("collector:4318"))
                .withMessageContaining("GATEHOUSE_TRACING_OTLP_ENDPOINT");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("ftp://collector/v1/traces"))
                .withMessageContaining("GATEHOUSE_TRACING_OTLP_ENDPOINT");
        assertThatIllegalArgumentException().isThrownBy(() -> endpoint("http://bad host/"))
                .withMessageContaining("GATEHOUSE_TRACING_OTLP_ENDPOINT");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TracingProperties("", 1.5, null, null, null, null, null))
                .withMessageContaining("GATEHOUSE_TRACING_SAMPLE_RATIO");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TracingProperties("", Double.NaN, null, null, null, null, null))
                .withMessageContaining("GATEHOUSE_TRACING_SAMPLE_RATIO");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TracingProperties("", null, null, 0, null, null, null))
                .withMessageContaining("GATEHOUSE_TRACING_QUEUE_SIZE");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TracingProperties("", null, null, null, null, Duration.ZERO, null))
                .withMessageContaining("GATEHOUSE_TRACING_SCHEDULE_DELAY");
    }

    @Test
    void aBatchIsNeverLargerThanTheQueue() {
        assertThat(new TracingProperties("", null, null, 100, 512, null, null).batchSize()).isEqualTo(100);
    }
}
