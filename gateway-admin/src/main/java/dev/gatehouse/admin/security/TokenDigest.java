package dev.gatehouse.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Hashing and generation of bearer tokens. Tokens are stored only as their SHA-256 hex digest. */
public final class TokenDigest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenDigest() {
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A new random token: the prefix followed by 32 random bytes, URL-safe base64. */
    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares two digests in time independent of where they differ. */
    public static boolean sameDigest(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
