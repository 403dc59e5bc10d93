package dev.gatehouse.runtime.auth;

import java.net.URI;

import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The identity part of the request sent upstream. Client-sent {@code X-Consumer-*} headers are removed on every
 * route (an upstream must be able to trust them); an authenticated call gets the real ones; an API key is removed
 * from wherever the route reads keys (its header, {@code Authorization: Bearer} when accepted, its query
 * parameter), so upstreams and their logs never see it.
 *
 * <p>The auth filter leaves this record in {@link #ATTRIBUTE}; the headers are written on the copy of the request
 * headers that goes upstream ({@link #writeUpstream}), so the client's request is never copied for it. Only a key in
 * the query string needs a new request URI ({@link #withoutQueryKey}).
 *
 * @param credentials where the route reads keys, whose credentials are removed; null to remove none
 * @param consumer    the authenticated consumer
 */
public record ForwardedIdentity(KeyAuthSpec credentials, KnownConsumer consumer) {

    /** The consumer's id. */
    public static final String CONSUMER_ID = "X-Consumer-Id";
    /** The consumer's name. */
    public static final String CONSUMER_NAME = "X-Consumer-Name";
    /** The consumer's groups, comma-separated (absent when it has none). */
    public static final String CONSUMER_GROUPS = "X-Consumer-Groups";

    /**
     * Rewrites {@code upstream}, the headers about to be sent upstream for {@code exchange}: forged identity headers
     * removed, and for an authenticated call its key removed and its identity set.
     */
    public static void writeUpstream(HttpHeaders upstream, ServerWebExchange exchange) {
        GatehouseCall call = GatehouseCall.find(exchange);
        if (call == null || call.consumer() == null) {
            removeIdentity(upstream);
        } else {
            new ForwardedIdentity(call.credentials(), call.consumer()).write(upstream);
        }
    }

    /** Writes this identity on {@code headers} (a mutable copy of the client's headers). */
    public void write(HttpHeaders headers) {
        removeIdentity(headers);
        if (credentials != null) {
            headers.remove(credentials.header());
            if (credentials.bearer() && KeyCredentials.bearerToken(headers) != null) {
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
    }

    private static void removeIdentity(HttpHeaders headers) {
        headers.remove(CONSUMER_ID);
        headers.remove(CONSUMER_NAME);
        headers.remove(CONSUMER_GROUPS);
    }

    /**
     * The request without the API key in its query string when the route reads keys from a query parameter and the
     * request has it; otherwise the same request.
     */
    public static ServerHttpRequest withoutQueryKey(ServerHttpRequest request, KeyAuthSpec keyAuth) {
        if (keyAuth == null || keyAuth.queryParam() == null) {
            return request;
        }
        URI uri = request.getURI();
        String query = uri.getRawQuery();
        String kept = KeyCredentials.withoutParam(query, keyAuth.queryParam());
        return kept == query ? request : request.mutate().uri(withQuery(uri, kept)).build();
    }

    /** The URI with its raw query replaced; everything before the {@code ?} stays exactly as received. */
    static URI withQuery(URI uri, String rawQuery) {
        String text = uri.toString();
        int question = text.indexOf('?');
        String base = question < 0 ? text : text.substring(0, question);
        return URI.create(rawQuery == null ? base : base + "?" + rawQuery);
    }
}
