package dev.gatehouse.admin.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of audit records ended: the (time, id) of its last row; the next page starts strictly before it.
 * URL-safe Base64 so clients treat it as opaque and it may change shape later.
 *
 * @param atMicros epoch microseconds of the last row
 * @param id       its id
 */
record AuditCursor(long atMicros, long id) {

    private static final String VERSION = "a1";

    static AuditCursor of(Instant at, long id) {
        return new AuditCursor(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                at.getNano() / 1000), id);
    }

    Instant at() {
        return Instant.ofEpochSecond(Math.floorDiv(atMicros, 1_000_000), Math.floorMod(atMicros, 1_000_000) * 1000L);
    }

    String encode() {
        String plain = VERSION + ":" + atMicros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string spells, or empty when it is not one this admin issued. */
    static Optional<AuditCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            return Optional.of(new AuditCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
