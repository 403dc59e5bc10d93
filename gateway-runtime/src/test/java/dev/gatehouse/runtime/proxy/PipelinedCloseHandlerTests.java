package dev.gatehouse.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

class PipelinedCloseHandlerTests {

    private static HttpRequest request(String uri, boolean close) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (close) {
            request.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        return request;
    }

    private static FullHttpResponse response(HttpResponseStatus status) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    }

    @Test
    void aPipelinedCloseWaitsForTheResponsesBeforeItAndDiscardsWhatFollows() {
        EmbeddedChannel channel = new EmbeddedChannel(new PipelinedCloseHandler());
        channel.writeInbound(request("/1", false), LastHttpContent.EMPTY_LAST_CONTENT,
                request("/2", true), LastHttpContent.EMPTY_LAST_CONTENT,
                request("/3", false), LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(((HttpRequest) channel.readInbound()).uri()).isEqualTo("/1");
        assertThat((Object) channel.readInbound()).isInstanceOf(LastHttpContent.class);
        HttpRequest second = channel.readInbound();
        assertThat(second.uri()).isEqualTo("/2");
        assertThat(second.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat((Object) channel.readInbound()).isInstanceOf(LastHttpContent.class);
        assertThat((Object) channel.readInbound()).isNull();

        channel.writeOutbound(response(HttpResponseStatus.CONTINUE), response(HttpResponseStatus.OK));
        assertThat(channel.isOpen()).isTrue();
        channel.writeOutbound(response(HttpResponseStatus.NOT_FOUND));
        FullHttpResponse informational = channel.readOutbound();
        FullHttpResponse first = channel.readOutbound();
        FullHttpResponse last = channel.readOutbound();
        assertThat(informational.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat(first.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat(last.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCloseWithNothingPendingIsLeftToReactorNetty() {
        EmbeddedChannel channel = new EmbeddedChannel(new PipelinedCloseHandler());
        channel.writeInbound(request("/1", true), LastHttpContent.EMPTY_LAST_CONTENT);
        HttpRequest request = channel.readInbound();
        assertThat(request.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        channel.writeOutbound(response(HttpResponseStatus.OK));
        assertThat(channel.isOpen()).isTrue();
    }
}
