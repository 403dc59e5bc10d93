package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogCursorTests {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        Instant ts = Instant.parse("2026-11-29T14:03:07.123456Z");
        LogCursor cursor = LogCursor.of(ts, 987654321L);
        String text = cursor.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        LogCursor back = LogCursor.decode(text).orElseThrow();
        assertThat(back).isEqualTo(cursor);
        assertThat(back.ts()).isEqualTo(ts);
        assertThat(back.id()).isEqualTo(987654321L);
    }

    @Test
    void handlesInstantsBeforeTheEpoch() {
        Instant ts = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(LogCursor.decode(LogCursor.of(ts, 1).encode()).orElseThrow().ts()).isEqualTo(ts);
    }

    @Test
    void refusesAnythingElse() {
        assertThat(LogCursor.decode(null)).isEmpty();
        assertThat(LogCursor.decode("")).isEmpty();
        assertThat(LogCursor.decode("not base64!")).isEmpty();
        assertThat(LogCursor.decode("MTIz")).isEmpty();                   // "123"
        assertThat(LogCursor.decode("MjoxOjI")).isEmpty();                // "2:1:2", another version
        assertThat(LogCursor.decode("MTp4OjI")).isEmpty();                // "1:x:2"
        assertThat(LogCursor.decode("a".repeat(200))).isEmpty();
    }
}
