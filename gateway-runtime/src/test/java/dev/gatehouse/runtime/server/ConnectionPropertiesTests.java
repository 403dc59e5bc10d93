package dev.gatehouse.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConnectionPropertiesTests {

    @Test
    void unsetValuesTakeTheDocumentedDefaults() {
        ConnectionProperties defaults = new ConnectionProperties(null, null, null, null);
        assertThat(defaults.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxConnections()).isEqualTo(10_000);
    }

    @Test
    void zeroOrNegativeValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new ConnectionProperties(Duration.ZERO, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header-timeout");
        assertThatThrownBy(() -> new ConnectionProperties(null, Duration.ofSeconds(-1), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle-timeout");
        assertThatThrownBy(() -> new ConnectionProperties(null, null, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body-timeout");
        assertThatThrownBy(() -> new ConnectionProperties(null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-connections");
    }
}
