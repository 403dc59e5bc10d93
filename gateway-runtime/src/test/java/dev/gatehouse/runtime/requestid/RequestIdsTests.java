package dev.gatehouse.runtime.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTests {

    @Test
    void keepsWellFormedIds() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_x.y")).isEqualTo("abc-123_x.y");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(128))).isEqualTo("a".repeat(128));
    }

    @Test
    void replacesMissingOversizedOrDangerousIds() {
        for (String bad : new String[] {null, "", "a".repeat(129), "has space", "evil\r\nSet-Cookie: x", "ü"}) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(id).isNotEqualTo(bad);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        }
    }
}
