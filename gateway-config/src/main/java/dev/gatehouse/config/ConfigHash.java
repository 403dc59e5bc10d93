package dev.gatehouse.config;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content hash of a configuration: the sum, modulo 2^64, of a 64-bit digest of every object's JSON form.
 * A sum does not depend on order and can be updated with one subtraction and one addition when one object
 * changes, so neither side ever re-hashes the whole configuration (which may hold a million keys) per change.
 */
public final class ConfigHash {

    /** The hash of an empty configuration. */
    public static final long EMPTY = 0L;

    private final ConfigJson json;

    public ConfigHash(ConfigJson json) {
        this.json = json;
    }

    /** The 64-bit digest of one object. */
    public long digest(ConfigEntity entity) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(json.write(entity));
            return ByteBuffer.wrap(sha, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The hash after replacing {@code before} (may be null) with {@code after} (may be null). */
    public long update(long hash, ConfigEntity before, ConfigEntity after) {
        long result = hash;
        if (before != null) {
            result -= digest(before);
        }
        if (after != null) {
            result += digest(after);
        }
        return result;
    }

    /** The printed form used on the wire: 16 lower-case hex digits. */
    public static String format(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    /** Parses the printed form. */
    public static long parse(String hash) {
        if (hash == null || hash.length() != 16) {
            throw new ConfigIntegrityException("hash must be 16 hex digits");
        }
        try {
            return HexFormat.fromHexDigitsToLong(hash);
        } catch (IllegalArgumentException e) {
            throw new ConfigIntegrityException("hash must be 16 hex digits");
        }
    }
}
