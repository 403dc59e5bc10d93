package dev.gatehouse.runtime.keys;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Base64;
import java.util.UUID;

import dev.gatehouse.config.ApiKeyFormat;
import dev.gatehouse.config.ApiKeySpec;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.KeyScopes;

/**
 * One API key in the packed form the table stores: the 32-byte hash as four longs, a UUID id as two longs, the
 * display prefix as one long. Keys whose text would not come back exactly from the packed form (an id that is not a
 * lower-case UUID, an unusual prefix, a hash written with non-zero padding bits) keep their original spec beside
 * the packed fields, so the table can always give back the spec it was given.
 *
 * @param h0          hash bytes 0 to 7 (big-endian)
 * @param h1          hash bytes 8 to 15
 * @param h2          hash bytes 16 to 23
 * @param h3          hash bytes 24 to 31
 * @param idHi        most significant bits of the id UUID (0 when {@code irregularId} is set)
 * @param idLo        least significant bits of the id UUID
 * @param irregularId the id when it is not a canonical UUID, else null
 * @param consumerId  the owning consumer's id
 * @param expiresAt   expiry in epoch milliseconds, 0 for never
 * @param scopes      what the key may call
 * @param prefix      the display prefix packed as 8 ASCII bytes after {@code gwk_}, or 0 when irregular
 * @param original    the published spec when any field is irregular, else null
 * @param digest      the key's 64-bit content digest ({@link dev.gatehouse.config.ConfigHash#digest})
 */
record EncodedKey(long h0, long h1, long h2, long h3, long idHi, long idLo, String irregularId, String consumerId,
                  long expiresAt, KeyScopes scopes, long prefix, ApiKeySpec original, long digest) {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final int PACKED_PREFIX_LENGTH = ApiKeyFormat.DISPLAY_PREFIX_LENGTH;

    /** Packs a published key whose digest is known. */
    static EncodedKey of(ApiKeySpec spec, long digest) {
        byte[] hash = decodeHash(spec.hash());
        boolean regular = BASE64.encodeToString(hash).equals(spec.hash());
        UUID uuid = canonicalUuid(spec.id());
        long prefix = packPrefix(spec.prefix());
        regular &= uuid != null && prefix != 0;
        return new EncodedKey(word(hash, 0), word(hash, 1), word(hash, 2), word(hash, 3),
                uuid == null ? 0 : uuid.getMostSignificantBits(), uuid == null ? 0 : uuid.getLeastSignificantBits(),
                uuid == null ? spec.id() : null, spec.consumerId(), spec.expiresAt(), spec.scopes(), prefix,
                regular ? null : spec, digest);
    }

    /** A key that carries only an id, to find or remove the key with that id. */
    static EncodedKey idOnly(String id) {
        UUID uuid = canonicalUuid(id);
        return new EncodedKey(0, 0, 0, 0, uuid == null ? 0 : uuid.getMostSignificantBits(),
                uuid == null ? 0 : uuid.getLeastSignificantBits(), uuid == null ? id : null, null, 0, null, 0, null, 0);
    }

    /** The long at {@code index} (0 to 3) of a 32-byte hash. */
    static long word(byte[] hash, int index) {
        return (long) LONGS.get(hash, index * Long.BYTES);
    }

    /** The published (base64url) form of a hash held as four longs. */
    static String hashText(long h0, long h1, long h2, long h3) {
        byte[] bytes = new byte[32];
        LONGS.set(bytes, 0, h0);
        LONGS.set(bytes, 8, h1);
        LONGS.set(bytes, 16, h2);
        LONGS.set(bytes, 24, h3);
        return BASE64.encodeToString(bytes);
    }

    private static byte[] decodeHash(String hash) {
        byte[] bytes;
        try {
            bytes = hash == null ? null : Base64.getUrlDecoder().decode(hash);
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != 32) {
            throw new ConfigIntegrityException("an API key hash must be 32 bytes in base64url");
        }
        return bytes;
    }

    /** The UUID when {@code id} is one in canonical (lower-case, 36 character) form, else null. */
    static UUID canonicalUuid(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0) {
                return null;
            }
            if (digits++ < 16) {
                hi = hi << 4 | v;
            } else {
                lo = lo << 4 | v;
            }
        }
        return new UUID(hi, lo);
    }

    /** {@code gwk_} and 8 printable ASCII characters as one non-zero long; 0 for anything else. */
    static long packPrefix(String prefix) {
        if (prefix == null || prefix.length() != PACKED_PREFIX_LENGTH || !prefix.startsWith(ApiKeyFormat.TYPE_PREFIX)) {
            return 0;
        }
        long packed = 0;
        for (int i = ApiKeyFormat.TYPE_PREFIX.length(); i < PACKED_PREFIX_LENGTH; i++) {
            char c = prefix.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return 0;
            }
            packed = packed << 8 | c;
        }
        return packed;
    }

    /** The display prefix of a packed long. */
    static String unpackPrefix(long packed) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) packed;
            packed >>>= 8;
        }
        return ApiKeyFormat.TYPE_PREFIX + new String(bytes, StandardCharsets.US_ASCII);
    }
}
