package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class TraceLinkTests {

    @Test
    void aTracedCallGetsTheTemplateWithItsId() {
        assertThat(TraceLink.url("http://jaeger:16686/trace/{traceId}", "4bf92f3577b34da6a3ce929d0e0e4736"))
                .isEqualTo("http://jaeger:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceLink.url(null, "4bf92f3577b34da6a3ce929d0e0e4736")).isNull();
        assertThat(TraceLink.url("http://jaeger/trace/{traceId}", null)).isNull();
        assertThat(TraceLink.url("http://jaeger/trace/{traceId}", "\"><script>")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://jaeger:16686/trace/", "javascript:alert('{traceId}')", "/trace/{traceId}",
            "ftp://host/{traceId}", "http://exa mple/{traceId}"})
    void aTemplateMustBeAnHttpUrlWithTheVariable(String template) {
        assertThat(TraceLink.isTemplate(template)).isFalse();
        assertThatThrownBy(() -> new CallLogProperties(Duration.ofDays(14), DataSize.ofMegabytes(10), template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatehouse.call-log.trace-url-template");
    }

    @Test
    void noTemplateMeansNoLink() {
        assertThat(new CallLogProperties(Duration.ofDays(14), DataSize.ofMegabytes(10), " ").traceUrlTemplate())
                .isNull();
    }
}
