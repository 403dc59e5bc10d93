package dev.gatehouse.admin.calllog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.admin.web.KeysetCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TailCursorTests {

    @Test
    void roundTripsAndIsOpaque() {
        TailCursor cursor = new TailCursor(123_456L, 987_654_321L);
        String text = cursor.encode();
        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(TailCursor.decode(text)).contains(cursor);
        assertThat(TailCursor.decode(TailCursor.atHead(42).encode())).contains(new TailCursor(42, Long.MAX_VALUE));
    }

    @Test
    void refusesWhatItDidNotIssue() {
        assertThat(TailCursor.decode(null)).isEmpty();
        assertThat(TailCursor.decode("")).isEmpty();
        assertThat(TailCursor.decode("not base64!")).isEmpty();
        assertThat(TailCursor.decode(encode("t1:x:2"))).isEmpty();
        assertThat(TailCursor.decode(encode("t1:-1:2"))).isEmpty();
        assertThat(TailCursor.decode(encode("t1:1"))).isEmpty();
        // A search cursor (timestamp, id) is not a tail position.
        assertThat(TailCursor.decode(KeysetCursor.of(Instant.now(), 1).encode(CallLogService.CURSOR_TAG))).isEmpty();
        assertThat(TailCursor.decode("a".repeat(200))).isEmpty();
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
