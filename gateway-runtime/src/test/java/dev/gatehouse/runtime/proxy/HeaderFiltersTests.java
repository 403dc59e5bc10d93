package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;

import dev.gatehouse.runtime.client.ClientAddressResolver;
import dev.gatehouse.runtime.tracing.Tracing;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The one-pass request and response header rules, without a node. */
class HeaderFiltersTests {

    private final ProxyHeadersFilter request = new ProxyHeadersFilter(new ClientAddressResolver(List.of()), Tracing.off());
    private final ResponseHeadersFilter response = new ResponseHeadersFilter();

    @Test
    void requestLosesHopByHopAndClientForwardingHeadersAndAChunkedBodyKeepsNoLength() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://gw.example/x")
                .remoteAddress(new InetSocketAddress("192.0.2.7", 40000))
                .header("Host", "gw.example")
                .header("Transfer-Encoding", "chunked")
                .header("Content-Length", "5")
                .header("Connection", "keep-alive, X-Secret-Hop")
                .header("X-Secret-Hop", "1")
                .header("Keep-Alive", "timeout=5")
                .header("Upgrade", "h2c")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Server", "spoofed")
                .header("Forwarded", "for=198.51.100.1")
                .header("X-Consumer-Id", "forged")
                .header("Accept", "application/json")
                .header("X-Other", "a", "b"));

        HttpHeaders out = request.filter(exchange.getRequest().getHeaders(), exchange);

        assertThat(out.headerNames()).doesNotContain("Transfer-Encoding", "Content-Length", "Connection",
                "X-Secret-Hop", "Keep-Alive", "Upgrade", "X-Forwarded-Server", "Forwarded", "X-Consumer-Id");
        assertThat(out.get("X-Forwarded-For")).containsExactly("192.0.2.7");
        assertThat(out.getFirst("X-Forwarded-Host")).isEqualTo("gw.example");
        assertThat(out.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(out.getFirst("Accept")).isEqualTo("application/json");
        assertThat(out.get("X-Other")).containsExactly("a", "b");
        assertThat(exchange.getRequest().getHeaders().getFirst("X-Secret-Hop")).as("client request unchanged")
                .isEqualTo("1");
    }

    @Test
    void aHeaderSentInTwoSpellingsIsForwardedOnceWithAllItsValues() {
        // the node's request headers are Netty's (case-sensitive names, case-insensitive lookup)
        DefaultHttpHeaders netty = new DefaultHttpHeaders();
        netty.add("X-Tenant", "a");
        netty.add("x-tenant", "b");
        netty.add("Connection", "x-hop");
        netty.add("X-Hop", "1");
        HttpHeaders headers = new HttpHeaders(new Netty4HeadersAdapter(netty));

        HttpHeaders out = HopByHop.forwardable(headers, name -> false);

        assertThat(out.get("X-Tenant")).containsExactly("a", "b");
        assertThat(out.headerNames()).hasSize(1);
        out.add("X-Tenant", "c");
        assertThat(netty.getAll("X-Tenant")).as("the source is not changed").containsExactly("a", "b");
    }

    @Test
    void aSizedRequestKeepsItsLength() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("http://gw/x")
                .header("Content-Length", "5"));
        assertThat(request.filter(exchange.getRequest().getHeaders(), exchange).getFirst("Content-Length"))
                .isEqualTo("5");
    }

    @Test
    void responseLosesOnlyHopByHopHeaders() {
        HttpHeaders upstream = new HttpHeaders();
        upstream.add("Connection", "close, X-Upstream-Hop");
        upstream.add("X-Upstream-Hop", "secret");
        upstream.add("Transfer-Encoding", "chunked");
        upstream.add("Proxy-Authenticate", "Basic");
        upstream.add("Content-Type", "application/json");
        upstream.add("Set-Cookie", "a=1");
        upstream.add("Set-Cookie", "b=2");

        HttpHeaders out = response.filter(upstream, MockServerWebExchange.from(MockServerHttpRequest.get("/")));

        assertThat(out.headerNames()).containsExactlyInAnyOrder("Content-Type", "Set-Cookie");
        assertThat(out.get("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}
