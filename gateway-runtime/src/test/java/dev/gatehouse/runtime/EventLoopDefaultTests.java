package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLoopDefaultTests {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(GatewayRuntimeApplication.IO_WORKER_COUNT);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(GatewayRuntimeApplication.IO_WORKER_COUNT);
        } else {
            System.setProperty(GatewayRuntimeApplication.IO_WORKER_COUNT, saved);
        }
    }

    @Test
    void oneEventLoopPerAvailableCoreWhenNotConfigured() {
        System.clearProperty(GatewayRuntimeApplication.IO_WORKER_COUNT);
        GatewayRuntimeApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayRuntimeApplication.IO_WORKER_COUNT))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void anExplicitSettingIsKept() {
        System.setProperty(GatewayRuntimeApplication.IO_WORKER_COUNT, "7");
        GatewayRuntimeApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayRuntimeApplication.IO_WORKER_COUNT)).isEqualTo("7");
    }
}
