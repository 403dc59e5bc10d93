package dev.gatehouse.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.config.KeyAuthSpec;
import dev.gatehouse.runtime.call.GatehouseCall;
import dev.gatehouse.runtime.keys.ConsumerDirectory.KnownConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class KeyCredentialsTests {

    private static final KeyAuthSpec ALL = new KeyAuthSpec("X-Key", true, "api_key");

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void readsTheHeaderThenBearerThenQuery() {
        assertThat(KeyCredentials.extract(headers("x-key", " k1 ", "Authorization", "Bearer k2"), "api_key=k3", ALL))
                .isEqualTo("k1");
        assertThat(KeyCredentials.extract(headers("Authorization", "bearer k2"), "api_key=k3", ALL)).isEqualTo("k2");
        assertThat(KeyCredentials.extract(headers("X-Key", "  "), "a=1&api_key=k3", ALL)).isEqualTo("k3");
        assertThat(KeyCredentials.extract(headers(), "a=1", ALL)).isNull();
    }

    @Test
    void aKeyPresentedTwiceIsAmbiguous() {
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1", "X-Key", "k2"), null, ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1, k2"), null, ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1", "Authorization", "Bearer k2"), null, ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers("Authorization", "Bearer k1", "Authorization", "Basic x"), null,
                ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1"), "a=1&api_key=k2", ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers(), "api_key=k1&api%5Fkey=k2", ALL)).isTrue();
        assertThat(KeyCredentials.ambiguous(headers(), "api_key=k1&api_key", ALL)).isTrue();
    }

    @Test
    void aKeyPresentedOnceIsNot() {
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1"), "a=1", ALL)).isFalse();
        assertThat(KeyCredentials.ambiguous(headers("Authorization", "Bearer k1"), "a=1", ALL)).isFalse();
        assertThat(KeyCredentials.ambiguous(headers(), "a=1&api_key=k1&b=api_key", ALL)).isFalse();
        // places the route does not read keys from are the upstream's business
        KeyAuthSpec headerOnly = KeyAuthSpec.DEFAULT;
        assertThat(KeyCredentials.ambiguous(headers("X-API-Key", "k1", "Authorization", "Bearer other"),
                "api_key=x", headerOnly)).isFalse();
        assertThat(KeyCredentials.ambiguous(headers("X-Key", "k1", "Authorization", "Basic a2V5Og=="), null, ALL))
                .isFalse();
        assertThat(KeyCredentials.ambiguousToken(headers("Authorization", "Bearer t"))).isFalse();
        assertThat(KeyCredentials.ambiguousToken(headers("Authorization", "Bearer t", "authorization", "Bearer u")))
                .isTrue();
    }

    @Test
    void readsOnlyWhereTheRouteSays() {
        KeyAuthSpec headerOnly = KeyAuthSpec.DEFAULT;
        assertThat(KeyCredentials.extract(headers("Authorization", "Bearer k2"), "api_key=k3", headerOnly)).isNull();
        assertThat(KeyCredentials.extract(headers("X-API-Key", "k1"), null, headerOnly)).isEqualTo("k1");
        assertThat(KeyCredentials.bearerToken(headers("Authorization", "Basic a2V5Og=="))).isNull();
        assertThat(KeyCredentials.bearerToken(headers("Authorization", "Bearer"))).isNull();
        assertThat(KeyCredentials.bearerToken(headers("Authorization", "Bearer   "))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "api_key=k                              | NULL",
            "a=1&api_key=k&b=2                      | a=1&b=2",
            "api_key=k&a=%20x+y&b                   | a=%20x+y&b",
            "a=1&api_key=k                          | a=1",
            "a=1&api%5Fkey=k&API_KEY=z              | a=1&API_KEY=z",
            "api_key&a=1                            | a=1",
            "api_key=1&api_key=2&c=%E2%82%AC        | c=%E2%82%AC",
            "a=1&&b=2&api_key=x&                    | a=1&&b=2&",
            "x=api_key%3Dk                          | x=api_key%3Dk",
            "q=caf%C3%A9&e=&flag                    | q=caf%C3%A9&e=&flag",
    })
    void removesTheKeyParameterAndKeepsTheRestByteForByte(String query, String expected) {
        assertThat(KeyCredentials.withoutParam(query, "api_key")).isEqualTo(expected);
    }

    @Test
    void queryWithoutTheParameterIsReturnedAsItIs() {
        String query = "a=1&b=%zz";
        assertThat(KeyCredentials.withoutParam(query, "api_key")).isSameAs(query);
        assertThat(KeyCredentials.withoutParam(null, "api_key")).isNull();
        assertThat(KeyCredentials.queryValue("a=1&api%5fkey=gwk%5Fx", "api_key")).isEqualTo("gwk_x");
        assertThat(KeyCredentials.queryValue("api_key", "api_key")).isEmpty();
        assertThat(KeyCredentials.decode("%zz%4")).isEqualTo("%zz%4");
    }

    @Test
    void forwardedRequestLosesTheKeyAndForgedIdentityAndCarriesTheRealOne() {
        ServerHttpRequest request = MockServerHttpRequest
                .method(HttpMethod.GET, URI.create("http://gw.example:8080/orders/a%2Fb?x=1&api_key=secret&y=%20"))
                .header("X-Key", "secret")
                .header("Authorization", "Bearer secret")
                .header("X-Consumer-Id", "forged")
                .header("x-consumer-name", "forged")
                .header("X-Consumer-Groups", "admins")
                .header("X-Other", "kept")
                .build();
        KnownConsumer consumer = new KnownConsumer("c1", "acme", true, Set.of("a", "b"), "a,b");

        ServerHttpRequest forwarded = ForwardedIdentity.withoutQueryKey(request, ALL);
        HttpHeaders out = upstreamHeaders(request, new ForwardedIdentity(ALL, consumer));

        assertThat(forwarded.getURI().toString()).isEqualTo("http://gw.example:8080/orders/a%2Fb?x=1&y=%20");
        assertThat(out.containsHeader("X-Key")).isFalse();
        assertThat(out.containsHeader("Authorization")).isFalse();
        assertThat(out.get("X-Consumer-Id")).containsExactly("c1");
        assertThat(out.get("X-Consumer-Name")).containsExactly("acme");
        assertThat(out.get("X-Consumer-Groups")).containsExactly("a,b");
        assertThat(out.getFirst("X-Other")).isEqualTo("kept");
    }

    @Test
    void anonymousRoutesOnlyLoseForgedIdentity() {
        ServerHttpRequest request = MockServerHttpRequest.get("http://gw/open?api_key=not-ours")
                .header("X-Consumer-Name", "forged").header("Authorization", "Bearer upstream-token").build();

        HttpHeaders out = upstreamHeaders(request, null);

        assertThat(ForwardedIdentity.withoutQueryKey(request, null)).isSameAs(request);
        assertThat(out.containsHeader("X-Consumer-Name")).isFalse();
        assertThat(out.getFirst("Authorization")).isEqualTo("Bearer upstream-token");
        assertThat(request.getHeaders().getFirst("X-Consumer-Name")).as("the client's request is not changed")
                .isEqualTo("forged");
    }

    @Test
    void routeWithoutBearerKeepsTheAuthorizationHeader() {
        ServerHttpRequest request = MockServerHttpRequest.get("http://gw/x").header("X-API-Key", "k")
                .header("Authorization", "Bearer for-upstream").build();
        HttpHeaders out = upstreamHeaders(request, new ForwardedIdentity(KeyAuthSpec.DEFAULT,
                new KnownConsumer("c1", "acme", true, Set.of(), "")));
        assertThat(out.getFirst("Authorization")).isEqualTo("Bearer for-upstream");
        assertThat(out.containsHeader("X-API-Key")).isFalse();
        assertThat(out.containsHeader("X-Consumer-Groups")).isFalse();
        assertThat(List.of(ForwardedIdentity.withoutQueryKey(request, KeyAuthSpec.DEFAULT).getURI().toString()))
                .containsExactly("http://gw/x");
    }

    /** The headers sent upstream: a copy of the client's, rewritten as the proxy headers filter does. */
    private static HttpHeaders upstreamHeaders(ServerHttpRequest request, ForwardedIdentity identity) {
        MockServerWebExchange exchange = MockServerWebExchange.from((MockServerHttpRequest) request);
        if (identity != null) {
            GatehouseCall.of(exchange).authenticated(identity.consumer(), null, identity.credentials());
        }
        HttpHeaders out = new HttpHeaders();
        out.addAll(request.getHeaders());
        ForwardedIdentity.writeUpstream(out, exchange);
        return out;
    }
}
