package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import dev.gatehouse.config.ConfigJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MalformedRequestHandlerTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MalformedRequests answers = new MalformedRequests(new ConfigJson(), registry);

    /** A channel with Netty's decoder (Reactor Netty's default limits) in front of the handler. */
    private EmbeddedChannel decoding() {
        return new EmbeddedChannel(new HttpRequestDecoder(4096, 8192, 8192), new MalformedRequestHandler(answers));
    }

    private static ByteBuf wire(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static FullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static JsonNode body(FullHttpResponse response) {
        return JsonMapper.builder().build().readTree(response.content().toString(StandardCharsets.UTF_8));
    }

    private void assertProblem(FullHttpResponse response, int status, String code) {
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        assertThat(response.headers().getInt("Content-Length")).isEqualTo(response.content().readableBytes());
        JsonNode body = body(response);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("type").asString()).isEqualTo("https://gatehouse.dev/problems/" + code);
        assertThat(body.path("requestId").asString()).isEqualTo(response.headers().get("X-Request-Id"))
                .isNotEmpty();
        assertThat(registry.get("gatehouse.requests.refused").tag("code", code).counter().count()).isEqualTo(1);
        response.release();
    }

    @Test
    void validTargetsPassUnchangedAndTheConnectionStaysOpen() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(wire("GET /admin?x=1 HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/admin?x=1");
        assertThat((Object) channel.readInbound()).isInstanceOf(LastHttpContent.class);
        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/b");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aTargetThatIsNotAUriIsAnsweredInvalidPathWithTheClientsRequestId() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(wire("POST /admin/<x> HTTP/1.1\r\nHost: a\r\nX-Request-Id: abc-1\r\n"
                + "Content-Length: 3\r\n\r\nabcGET /next HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.headers().get("X-Request-Id")).isEqualTo("abc-1");
        assertProblem(response, 400, "invalid_path");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aPipelinedBadTargetIsAnsweredAfterTheResponsesBeforeItAndWhatFollowsIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new MalformedRequestHandler(answers));
        FullHttpRequest bad = request("/a%zz");
        FullHttpRequest after = request("/3");
        channel.writeInbound(request("/1"), bad, after);
        FullHttpRequest first = channel.readInbound();
        assertThat(first.uri()).isEqualTo("/1");
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(bad.refCnt()).isZero();
        assertThat(after.refCnt()).isZero();
        assertThat((Object) channel.readOutbound()).isNull();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        assertThat(channel.isOpen()).isTrue();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(((FullHttpResponse) channel.readOutbound()).status().code()).isEqualTo(100);
        assertThat(((FullHttpResponse) channel.readOutbound()).status().code()).isEqualTo(200);
        assertProblem(channel.readOutbound(), 400, "invalid_path");
        assertThat(channel.isOpen()).isFalse();
        first.release();
    }

    @Test
    void aTooLongRequestLineIsUriTooLong() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(wire("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
        assertProblem(channel.readOutbound(), 414, "uri_too_long");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void tooLargeHeadersAreHeadersTooLarge() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(wire("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.headers().get("X-Request-Id")).isNotEmpty();
        assertProblem(response, 431, "headers_too_large");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void anUndecodableHeadIsBadRequest() {
        EmbeddedChannel channel = decoding();
        channel.writeInbound(wire("GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n"));
        assertThat((Object) channel.readInbound()).isNull();
        assertProblem(channel.readOutbound(), 400, "bad_request");
        assertThat(channel.isOpen()).isFalse();
    }
}
