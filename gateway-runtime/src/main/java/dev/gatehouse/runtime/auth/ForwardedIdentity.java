package dev.gatehouse.runtime.auth;

import java.net.URI;

import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.runtime.auth.ConsumerDirectory.KnownConsumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The identity part of the request sent upstream. Client-sent {@code X-Consumer-*} headers are removed on every
 * route (an upstream must be able to trust them); an authenticated call gets the real ones; an API key is removed
 * from wherever the route reads keys (its header, {@code Authorization: Bearer} when accepted, its query
 * parameter), so upstreams and their logs never see it.
 */
public final class ForwardedIdentity {

    /** The consumer's id. */
    public static final String CONSUMER_ID = "X-Consumer-Id";
    /** The consumer's name. */
    public static final String CONSUMER_NAME = "X-Consumer-Name";
    /** The consumer's groups, comma-separated (absent when it has none). */
    public static final String CONSUMER_GROUPS = "X-Consumer-Groups";

    private ForwardedIdentity() {
    }

    /** True when the client sent identity headers of its own. */
    public static boolean claimed(HttpHeaders headers) {
        return headers.containsHeader(CONSUMER_ID) || headers.containsHeader(CONSUMER_NAME)
                || headers.containsHeader(CONSUMER_GROUPS);
    }

    /**
     * The request to forward.
     *
     * @param request  the client's request
     * @param keyAuth  where the route reads keys, whose credentials are removed; null to remove none
     * @param consumer the authenticated consumer, or null for an anonymous call
     */
    public static ServerHttpRequest rewrite(ServerHttpRequest request, KeyAuthSpec keyAuth, KnownConsumer consumer) {
        ServerHttpRequest.Builder builder = request.mutate().headers(headers -> {
            headers.remove(CONSUMER_ID);
            headers.remove(CONSUMER_NAME);
            headers.remove(CONSUMER_GROUPS);
            if (keyAuth != null) {
                headers.remove(keyAuth.header());
                if (keyAuth.bearer() && KeyCredentials.bearerToken(headers) != null) {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                }
            }
            if (consumer != null) {
                headers.set(CONSUMER_ID, consumer.id());
                headers.set(CONSUMER_NAME, consumer.name());
                if (!consumer.groupsHeader().isEmpty()) {
                    headers.set(CONSUMER_GROUPS, consumer.groupsHeader());
                }
            }
        });
        if (keyAuth != null && keyAuth.queryParam() != null) {
            URI uri = request.getURI();
            String query = uri.getRawQuery();
            String kept = KeyCredentials.withoutParam(query, keyAuth.queryParam());
            if (kept != query) {
                builder.uri(withQuery(uri, kept));
            }
        }
        return builder.build();
    }

    /** The URI with its raw query replaced; everything before the {@code ?} stays exactly as received. */
    static URI withQuery(URI uri, String rawQuery) {
        String text = uri.toString();
        int question = text.indexOf('?');
        String base = question < 0 ? text : text.substring(0, question);
        return URI.create(rawQuery == null ? base : base + "?" + rawQuery);
    }
}
