package dev.gatehouse.config;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of Gatehouse API keys: {@code gwk_} + 43 base62 characters carrying 32 random bytes + 6 base62
 * characters of CRC32 checksum (like GitHub's {@code ghp_} tokens). The fixed prefix lets secret scanners find
 * leaked keys; the checksum lets a node refuse a mistyped or made-up key without a lookup.
 */
public final class ApiKeyFormat {

    /** Every key starts with this. */
    public static final String TYPE_PREFIX = "gwk_";
    /** Length of a key. */
    public static final int LENGTH = TYPE_PREFIX.length() + 43 + 6;
    /** How many leading characters identify a key to people (type prefix + 8). */
    public static final int DISPLAY_PREFIX_LENGTH = TYPE_PREFIX.length() + 8;

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private ApiKeyFormat() {
    }

    /** A new key with 32 bytes from the given cryptographic generator. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = TYPE_PREFIX + base62(new BigInteger(1, bytes), 43);
        return body + checksum(body);
    }

    /** True when the value has the shape of a key and its checksum matches. */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(TYPE_PREFIX)) {
            return false;
        }
        for (int i = TYPE_PREFIX.length(); i < LENGTH; i++) {
            if (digit(key.charAt(i)) < 0) {
                return false;
            }
        }
        return checksumMatches(key);
    }

    /**
     * The checksum test of {@link #isWellFormed} without allocating (it runs on every request that presents a key):
     * CRC32 over the ASCII characters before the checksum, then its base62 digits compared from the last one.
     * Only called once every character is known to be ASCII, so {@code charAt} is the byte.
     */
    private static boolean checksumMatches(String key) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < LENGTH - 6; i++) {
            crc.update(key.charAt(i));
        }
        long value = crc.getValue();
        for (int i = LENGTH - 1; i >= LENGTH - 6; i--) {
            if (key.charAt(i) != ALPHABET[(int) (value % 62)]) {
                return false;
            }
            value /= 62;
        }
        return value == 0;
    }

    /** The part of a key shown to people afterwards, such as {@code gwk_3fA9xQ2b}. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), 6);
    }

    private static String base62(BigInteger value, int width) {
        char[] out = new char[width];
        BigInteger v = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = v.divideAndRemainder(BASE);
            out[i] = ALPHABET[qr[1].intValue()];
            v = qr[0];
        }
        if (v.signum() != 0) {
            throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }
}
