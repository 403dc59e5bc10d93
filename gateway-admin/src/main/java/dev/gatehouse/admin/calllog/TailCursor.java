package dev.gatehouse.admin.calllog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a live tail stands in ingestion order: every call whose (batch {@code ingest_seq}, call id) is at or
 * before this position has been sent or skipped by the filter. {@code (head, Long.MAX_VALUE)} means "everything
 * up to batch {@code head}". Sent as the SSE event id (opaque URL-safe Base64), so a reconnecting browser resumes
 * exactly there.
 *
 * @param seq the batch's ingestion sequence number
 * @param id  the call's id within it
 */
record TailCursor(long seq, long id) {

    private static final String VERSION = "t1";

    /** The position after every call of batches up to {@code head}. */
    static TailCursor atHead(long head) {
        return new TailCursor(head, Long.MAX_VALUE);
    }

    String encode() {
        String plain = VERSION + ":" + seq + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a string spells, or empty when it is not one this admin issued. */
    static Optional<TailCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            long seq = Long.parseLong(parts[1]);
            long id = Long.parseLong(parts[2]);
            return seq < 0 ? Optional.empty() : Optional.of(new TailCursor(seq, id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
