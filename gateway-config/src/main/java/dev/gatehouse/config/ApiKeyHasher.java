package dev.gatehouse.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 of API keys under the cluster's key-hashing secret (see docs/adr/003-api-key-hashing.md). Keys
 * carry 256 random bits, so a fast keyed hash is as safe as a slow password hash and costs one microsecond per
 * call instead of tens of milliseconds. Thread-safe: each thread keeps its own {@link Mac}.
 */
public final class ApiKeyHasher {

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    /** A hasher for the base64url-encoded secret of {@link ClusterSettingsSpec#keyHashSecret()}. */
    public ApiKeyHasher(String base64UrlSecret) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64UrlSecret);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the key-hashing secret must hold at least 32 bytes");
        }
        this.secret = new SecretKeySpec(bytes, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The 32-byte hash of a key. */
    public byte[] hash(String key) {
        Mac mac = macs.get();
        return mac.doFinal(key.getBytes(StandardCharsets.US_ASCII));
    }

    /** The hash in the published form: base64url without padding. */
    public String hashToString(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash(key));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
