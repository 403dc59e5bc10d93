package dev.gatehouse.config;

/**
 * Where a route reads the API key from.
 *
 * @param header     request header holding the key; default {@code X-API-Key}
 * @param bearer     also accept {@code Authorization: Bearer <key>}
 * @param queryParam query parameter holding the key, or {@code null} to not accept keys in URLs (they end up in
 *                   logs and browser histories, so this is off unless asked for)
 */
public record KeyAuthSpec(String header, boolean bearer, String queryParam) {

    /** The header used when none is stated. */
    public static final String DEFAULT_HEADER = "X-API-Key";

    /** Read the key from {@code X-API-Key} only. */
    public static final KeyAuthSpec DEFAULT = new KeyAuthSpec(DEFAULT_HEADER, false, null);

    public KeyAuthSpec {
        header = header == null || header.isBlank() ? DEFAULT_HEADER : header;
        queryParam = queryParam == null || queryParam.isBlank() ? null : queryParam;
    }
}
