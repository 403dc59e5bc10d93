package dev.gatehouse.runtime.policy.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Turns client-chosen values into bounded, safe parts of a counter key. */
final class BucketIds {

    private static final int MAX_PLAIN = 64;

    private BucketIds() {
    }

    /**
     * A header value as a bucket id: short printable values as they are, long or odd ones as a SHA-256 digest, so a
     * client can neither grow keys without bound nor collide with another bucket on purpose. A missing header is
     * its own bucket.
     */
    static String headerValue(String value) {
        if (value == null) {
            return "-";
        }
        if (value.length() <= MAX_PLAIN && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            return "v" + value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
