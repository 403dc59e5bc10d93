package dev.gatehouse.admin.calllog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of call logs ended: the (timestamp, id) of its last row; the next page starts strictly before it.
 * Encoded as URL-safe Base64 so clients treat it as opaque and it may change shape later.
 *
 * @param tsMicros epoch microseconds of the last row
 * @param id       its id
 */
record LogCursor(long tsMicros, long id) {

    private static final String VERSION = "1";

    static LogCursor of(Instant ts, long id) {
        return new LogCursor(ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1000, id);
    }

    Instant ts() {
        return Instant.ofEpochSecond(Math.floorDiv(tsMicros, 1_000_000), Math.floorMod(tsMicros, 1_000_000) * 1000L);
    }

    String encode() {
        String plain = VERSION + ":" + tsMicros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string spells, or empty when it is not one this admin issued. */
    static Optional<LogCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            return Optional.of(new LogCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
