package dev.gatehouse.admin.history;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of revisions ended: its last (oldest) revision; the next page starts strictly before it. Revisions
 * are unique and ordered, so they are the whole key. URL-safe Base64 so clients treat it as opaque.
 *
 * @param revision the last revision of the page
 */
record RevisionCursor(long revision) {

    private static final String VERSION = "r1";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + revision).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string spells, or empty when it is not one this admin issued. */
    static Optional<RevisionCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            String[] parts = plain.split(":", -1);
            if (parts.length != 2 || !parts[0].equals(VERSION)) {
                return Optional.empty();
            }
            long revision = Long.parseLong(parts[1]);
            return revision > 0 ? Optional.of(new RevisionCursor(revision)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
