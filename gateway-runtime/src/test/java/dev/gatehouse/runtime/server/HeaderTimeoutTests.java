package dev.gatehouse.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

/** The header timer's states on an embedded channel with a fake clock. */
class HeaderTimeoutTests {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicInteger timeouts = new AtomicInteger();
    private EmbeddedChannel channel;

    @BeforeEach
    void channel() {
        channel = new EmbeddedChannel();
        channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
        assertThat(HeaderTimeout.install(channel, TIMEOUT_NANOS, timeouts::incrementAndGet)).isTrue();
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
        drainInbound();
    }

    private void drainInbound() {
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            ReferenceCountUtil.release(message);
        }
    }

    private void respond(HttpResponseStatus status) {
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ReferenceCountUtil.release(message);
        }
    }

    private void advanceSeconds(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aHeadStillIncompleteAtTheTimeoutClosesTheConnection() {
        send("GET /x HTTP/1.1\r\nHost: a\r\n");
        advanceSeconds(5);
        send("X-More: 1\r\n");
        assertThat(channel.isActive()).isTrue();
        advanceSeconds(6);
        assertThat(channel.isActive()).isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheTimeout() {
        advanceSeconds(11);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aCompleteHeadStopsTheClockAndTheWaitForTheNextRequestIsNotTimed() {
        send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        advanceSeconds(30);
        assertThat(channel.isActive()).as("request in progress").isTrue();
        respond(HttpResponseStatus.OK);
        advanceSeconds(30);
        assertThat(channel.isActive()).as("idle between requests: the idle timeout's business").isTrue();

        // the next request's first byte starts the clock again
        send("GET /y HTTP/1.1\r\n");
        advanceSeconds(11);
        assertThat(channel.isActive()).isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void aRequestStartedWhileAnEarlierTimerIsPendingGetsItsOwnFullTime() {
        // the first request's timer (due at 10 s) is still pending when the second request starts at 5 s
        send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
        advanceSeconds(1);
        respond(HttpResponseStatus.OK);
        advanceSeconds(4);
        send("GET /y HTTP/1.1\r\n");
        advanceSeconds(6);
        assertThat(channel.isActive()).as("11 s in, 6 s into the second head").isTrue();
        advanceSeconds(3);
        assertThat(channel.isActive()).as("9 s into the second head").isTrue();
        advanceSeconds(2);
        assertThat(channel.isActive()).as("11 s into the second head").isFalse();
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void keepAliveRequestsThatEachCompleteInTimeAreNeverCutOff() {
        for (int i = 0; i < 50; i++) {
            send("GET /x HTTP/1.1\r\n");
            advanceSeconds(1);
            send("Host: a\r\n\r\n");
            respond(HttpResponseStatus.OK);
        }
        assertThat(channel.isActive()).isTrue();
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void aBodySentAfter100ContinueIsNotTakenForTheNextHead() {
        send("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n");
        respond(HttpResponseStatus.CONTINUE);
        for (int i = 0; i < 20; i++) {
            send("abcde");
            advanceSeconds(1);
        }
        assertThat(channel.isActive()).as("a 20 s upload after 100 Continue").isTrue();
        assertThat(timeouts).hasValue(0);
        respond(HttpResponseStatus.OK);
        send("GET /y HTTP/1.1\r\n");
        advanceSeconds(11);
        assertThat(channel.isActive()).as("the next head is timed again").isFalse();
    }

    @Test
    void aProtocolSwitchRemovesTheWatchers() {
        send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        respond(HttpResponseStatus.SWITCHING_PROTOCOLS);
        assertThat(channel.pipeline().get(HeaderTimeout.BYTES_HANDLER)).isNull();
        assertThat(channel.pipeline().get(HeaderTimeout.HEAD_HANDLER)).isNull();
        advanceSeconds(60);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void nothingIsInstalledWithoutAnHttp11Codec() {
        EmbeddedChannel other = new EmbeddedChannel();
        assertThat(HeaderTimeout.install(other, TIMEOUT_NANOS, () -> { })).isFalse();
        assertThat(other.pipeline().get(HeaderTimeout.BYTES_HANDLER)).isNull();
        other.finishAndReleaseAll();
    }
}
