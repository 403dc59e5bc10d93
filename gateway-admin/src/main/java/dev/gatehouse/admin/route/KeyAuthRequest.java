package dev.gatehouse.admin.route;

import dev.gatehouse.config.KeyAuthSpec;

/**
 * Where a route reads API keys from, as the API takes and shows it.
 *
 * @param header     request header holding the key; default {@code X-API-Key}
 * @param bearer     also accept {@code Authorization: Bearer <key>}; default false
 * @param queryParam query parameter holding the key, or absent to not accept keys in URLs (they end up in logs)
 */
public record KeyAuthRequest(String header, Boolean bearer, String queryParam) {

    /** The request form of a stored setting. */
    static KeyAuthRequest of(KeyAuthSpec spec) {
        return new KeyAuthRequest(spec.header(), spec.bearer(), spec.queryParam());
    }
}
