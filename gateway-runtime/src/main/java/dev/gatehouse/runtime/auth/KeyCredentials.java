package dev.gatehouse.runtime.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.gatehouse.config.KeyAuthSpec;

import org.springframework.http.HttpHeaders;

/**
 * Where a request carries its credentials, and how they are taken out of the request that goes upstream. Query
 * strings are handled as raw text: parameters are split on {@code &}, names compared after percent-decoding (so
 * {@code api%5Fkey} is the same parameter as {@code api_key}, for reading and for removing), and every other
 * parameter is kept byte for byte.
 */
public final class KeyCredentials {

    private static final String BEARER = "bearer ";

    private KeyCredentials() {
    }

    /**
     * The API key the request presents, or null: the route's header first, then {@code Authorization: Bearer} when
     * the route accepts it, then the route's query parameter when it has one. Blank values count as absent.
     */
    public static String extract(HttpHeaders headers, String rawQuery, KeyAuthSpec spec) {
        String key = blankToNull(headers.getFirst(spec.header()));
        if (key == null && spec.bearer()) {
            key = bearerToken(headers);
        }
        if (key == null && spec.queryParam() != null) {
            key = blankToNull(queryValue(rawQuery, spec.queryParam()));
        }
        return key;
    }

    /**
     * True when the request presents the route's API key more than once: the key header twice (or with a comma
     * list), an {@code Authorization} header besides it or twice (when the route accepts Bearer), the query
     * parameter twice or besides a header. Frameworks differ on which copy wins (first, last, header before query),
     * so the gateway would check one key while the upstream might trust another: such requests are refused rather
     * than guessed at.
     */
    public static boolean ambiguous(HttpHeaders headers, String rawQuery, KeyAuthSpec spec) {
        int presented = count(headers, spec.header());
        if (spec.bearer()) {
            List<String> authorization = headers.get(HttpHeaders.AUTHORIZATION);
            if (authorization != null && (authorization.size() > 1 || bearerToken(headers) != null)) {
                presented += authorization.size();
            }
        }
        if (presented > 1) {
            return true;
        }
        return spec.queryParam() != null && presented + occurrences(rawQuery, spec.queryParam()) > 1;
    }

    /** True when a token route's request carries more than one {@code Authorization} header (or a comma list). */
    public static boolean ambiguousToken(HttpHeaders headers) {
        return count(headers, HttpHeaders.AUTHORIZATION) > 1;
    }

    private static int count(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            return 0;
        }
        if (values.size() == 1 && values.get(0).indexOf(',') < 0) {
            return 1;
        }
        int count = 0;
        for (String value : values) {
            count += value.indexOf(',') < 0 ? 1 : 2;
        }
        return count;
    }

    /** How many parameters called {@code name} the raw query has, whatever their values. */
    static int occurrences(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int start = 0; start <= rawQuery.length(); start = parameterEnd(rawQuery, start) + 1) {
            if (named(rawQuery, start, name)) {
                count++;
            }
        }
        return count;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme in any case), or null. */
    public static String bearerToken(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (value == null || value.length() <= BEARER.length()
                || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return blankToNull(value.substring(BEARER.length()));
    }

    /** The percent-decoded value of the first parameter called {@code name}, or null. */
    public static String queryValue(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (int start = 0; start <= rawQuery.length(); start = parameterEnd(rawQuery, start) + 1) {
            if (named(rawQuery, start, name)) {
                int end = parameterEnd(rawQuery, start);
                int nameEnd = nameEnd(rawQuery, start, end);
                return nameEnd == end ? "" : decode(rawQuery.substring(nameEnd + 1, end));
            }
        }
        return null;
    }

    /**
     * The raw query without any parameter called {@code name}, the rest unchanged byte for byte; null when nothing
     * remains. Returns {@code rawQuery} itself when there was nothing to remove.
     */
    public static String withoutParam(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty() || name == null) {
            return rawQuery;
        }
        StringBuilder kept = null;
        boolean removed = false;
        for (int start = 0; start <= rawQuery.length(); start = parameterEnd(rawQuery, start) + 1) {
            if (named(rawQuery, start, name)) {
                removed = true;
            } else {
                kept = kept == null ? new StringBuilder(rawQuery.length()) : kept.append('&');
                kept.append(rawQuery, start, parameterEnd(rawQuery, start));
            }
        }
        if (!removed) {
            return rawQuery;
        }
        return kept == null ? null : kept.toString();
    }

    /** Where the query parameter starting at {@code start} ends (its {@code &} or the end of the query). */
    private static int parameterEnd(String rawQuery, int start) {
        int end = rawQuery.indexOf('&', start);
        return end < 0 ? rawQuery.length() : end;
    }

    /** Where the name of the parameter in {@code [start, end)} ends (its {@code =}, or {@code end}). */
    private static int nameEnd(String rawQuery, int start, int end) {
        int equals = rawQuery.indexOf('=', start);
        return equals < 0 || equals > end ? end : equals;
    }

    /** Whether the parameter starting at {@code start} is called {@code name} (compared percent-decoded). */
    private static boolean named(String rawQuery, int start, String name) {
        int end = parameterEnd(rawQuery, start);
        return decode(rawQuery.substring(start, nameEnd(rawQuery, start, end))).equals(name);
    }

    /** Percent-decodes as UTF-8; malformed escapes stay as they are ({@code +} is not a space here). */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
