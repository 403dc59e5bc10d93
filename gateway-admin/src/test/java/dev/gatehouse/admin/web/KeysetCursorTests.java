package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysetCursorTests {

    private static final String CALLS = "1";
    private static final String AUDIT = "a1";

    @Test
    void roundTripsWithMicrosecondPrecision() {
        Instant at = Instant.parse("2026-11-29T14:03:07.123456Z");
        KeysetCursor cursor = KeysetCursor.of(at, 987654321L);
        String text = cursor.encode(CALLS);
        assertThat(text).matches("[A-Za-z0-9_-]+");
        KeysetCursor back = KeysetCursor.decode(CALLS, text).orElseThrow();
        assertThat(back).isEqualTo(cursor);
        assertThat(back.at()).isEqualTo(at);
        assertThat(back.id()).isEqualTo(987654321L);
        assertThat(KeysetCursor.of(Instant.parse("2026-11-29T14:03:07.123456789Z"), 1).at()).isEqualTo(at);
    }

    @Test
    void handlesInstantsBeforeTheEpoch() {
        Instant at = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(KeysetCursor.decode(AUDIT, KeysetCursor.of(at, 1).encode(AUDIT)).orElseThrow().at()).isEqualTo(at);
    }

    @Test
    void keepsTheWireFormatsOfTheCallLogAndAuditCursors() {
        // call log: "1:<micros>:<id>"; audit trail: "a1:<micros>:<id>", URL-safe Base64 without padding
        assertThat(KeysetCursor.of(Instant.parse("2026-03-01T10:00:00.123456Z"), 42).encode(CALLS))
                .isEqualTo(base64("1:1772359200123456:42"));
        assertThat(KeysetCursor.of(Instant.parse("2026-03-01T10:00:00.123456Z"), 42).encode(AUDIT))
                .isEqualTo(base64("a1:1772359200123456:42"));
        assertThat(KeysetCursor.decode(CALLS, base64("1:-1:7"))).contains(new KeysetCursor(-1, 7));
        assertThat(KeysetCursor.decode(AUDIT, base64("a1:0:0"))).contains(new KeysetCursor(0, 0));
    }

    @Test
    void refusesGarbage() {
        assertThat(KeysetCursor.decode(CALLS, null)).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, "")).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, "not base64!")).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, "MTIz")).isEmpty();                     // "123"
        assertThat(KeysetCursor.decode(CALLS, "MTp4OjI")).isEmpty();                  // "1:x:2"
        assertThat(KeysetCursor.decode(CALLS, base64("1:1:2:3"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1::2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:1:"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, "a".repeat(200))).isEmpty();
        assertThat(KeysetCursor.decode(AUDIT, "bm90LWEtY3Vyc29y")).isEmpty();         // "not-a-cursor"
    }

    @Test
    void refusesAnotherListsOrVersionsCursor() {
        String audit = KeysetCursor.of(Instant.now(), 5).encode(AUDIT);
        assertThat(KeysetCursor.decode(CALLS, audit)).isEmpty();
        assertThat(KeysetCursor.decode(AUDIT, KeysetCursor.of(Instant.now(), 5).encode(CALLS))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, "MjoxOjI")).isEmpty();                  // "2:1:2", another version
    }

    @Test
    void refusesTamperedCursors() {
        // other spellings of a valid cursor: sign, leading zeros, padding, whitespace
        assertThat(KeysetCursor.decode(CALLS, base64("1:+5:2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:05:2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:5:-0"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:5:2") + "=")).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64(" 1:5:2"))).isEmpty();
        // values no row has and the database could not compare with
        assertThat(KeysetCursor.decode(CALLS, base64("1:5:-2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:" + Long.MAX_VALUE + ":2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:" + Long.MIN_VALUE + ":2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:99999999999999999999:2"))).isEmpty();
        assertThat(KeysetCursor.decode(CALLS, base64("1:5:99999999999999999999"))).isEmpty();
        // an edited but well-formed cursor is just another position
        assertThat(KeysetCursor.decode(CALLS, base64("1:5:3"))).contains(new KeysetCursor(5, 3));
    }

    @Test
    void refusesBadTagsAndPositions() {
        assertThatThrownBy(() -> KeysetCursor.of(Instant.EPOCH, 1).encode("a:b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetCursor.decode("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetCursor.of(Instant.EPOCH, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetCursor.of(Instant.parse("+10000-01-01T00:00:00Z"), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }
}
