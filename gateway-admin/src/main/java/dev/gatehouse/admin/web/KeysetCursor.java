package dev.gatehouse.admin.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a page of a keyset-paged list ended: the (time, id) of its last row, newest first; the next page starts
 * strictly before it, so a page costs the same however deep it is. Shared by the call log and the audit trail.
 * <p>
 * On the wire a cursor is opaque: URL-safe Base64 (no padding) of {@code tag:micros:id}, where the tag names the
 * list and the version of its cursors ({@code 1} for the call log, {@code a1} for the audit trail), so a cursor
 * of one list is refused by another and the shape may change later. Decoding refuses anything this admin did not
 * issue: garbage, another tag, non-canonical text (a sign, leading zeros, padding, other Base64 spellings of the
 * same bytes), a negative id, or a time outside years 1 to 9999 (which the database could not compare with);
 * callers answer that with a 400 on their {@code cursor} parameter. A cursor is not signed: an edited but
 * well-formed one is just another position in a list the caller may read anyway.
 *
 * @param atMicros epoch microseconds of the last row (negative before 1970)
 * @param id       its id, never negative
 */
public record KeysetCursor(long atMicros, long id) {

    /** Longest text decoded; a cursor this admin issues is well under it. */
    static final int MAX_TEXT = 100;
    private static final Pattern TAG = Pattern.compile("[a-z0-9]{1,8}");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
    private static final long MIN_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
    private static final long MAX_MICROS = micros(Instant.parse("9999-12-31T23:59:59.999999Z"));

    public KeysetCursor {
        if (atMicros < MIN_MICROS || atMicros > MAX_MICROS || id < 0) {
            throw new IllegalArgumentException("no cursor at " + atMicros + " / " + id);
        }
    }

    /** The cursor after the row at {@code at} (kept to the microsecond) with this id. */
    public static KeysetCursor of(Instant at, long id) {
        return new KeysetCursor(micros(at), id);
    }

    /** The time of the last row, to the microsecond. */
    public Instant at() {
        return Instant.ofEpochSecond(Math.floorDiv(atMicros, 1_000_000), Math.floorMod(atMicros, 1_000_000) * 1000L);
    }

    /** The opaque text for this cursor in the list {@code tag} names. */
    public String encode(String tag) {
        requireTag(tag);
        String plain = tag + ":" + atMicros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a text spells for the list {@code tag} names, or empty when it is not one this admin issued. */
    public static Optional<KeysetCursor> decode(String tag, String text) {
        requireTag(tag);
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(tag) || !NUMBER.matcher(parts[1]).matches()
                    || !NUMBER.matcher(parts[2]).matches()) {
                return Optional.empty();
            }
            KeysetCursor cursor = new KeysetCursor(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            // only the one spelling this admin writes, so a cursor has exactly one text
            return cursor.encode(tag).equals(text) ? Optional.of(cursor) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    private static void requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a cursor tag is 1-8 lower-case letters or digits: " + tag);
        }
    }
}
