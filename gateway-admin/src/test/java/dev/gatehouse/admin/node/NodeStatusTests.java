package dev.gatehouse.admin.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeStatusTests {

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({"0, connected", "14, connected", "15, stale", "59, stale", "60, disconnected", "3600, disconnected"})
    void statusFollowsTheAgeOfTheLastHeartbeat(long ageSeconds, String status) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(NodeService.status(now.minusSeconds(ageSeconds), now)).isEqualTo(status);
    }
}
