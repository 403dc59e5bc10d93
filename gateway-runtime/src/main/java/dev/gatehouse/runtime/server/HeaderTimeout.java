package dev.gatehouse.runtime.server;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.netty.NettyPipeline;

/**
 * Bounds the time a client may take to send a request's line and headers, however slowly it dribbles them: Reactor
 * Netty's idle timeout restarts with every byte read, so a client sending one byte a second would hold the
 * connection forever (slowloris). The clock starts when the connection opens and, on a keep-alive connection, with
 * the first byte of the next request (the wait before it is the idle timeout's); it stops when the HTTP codec has
 * decoded the request head. When it runs out the connection is closed without an answer, as nginx does.
 *
 * <p>One instance per connection, all on its event loop: a byte watcher in front of the HTTP codec and a head
 * watcher behind it. Both leave the pipeline when the connection switches protocols (WebSocket).
 *
 * <p>Starting and stopping the clock per request costs a time read and a field write: the timer is scheduled only
 * when none is pending, and a timer that fires while the clock is stopped (or before the current deadline) does
 * nothing or waits for the rest of the time, instead of a schedule and a cancel on the event loop's timer queue for
 * every request of a keep-alive connection.
 */
final class HeaderTimeout {

    static final String BYTES_HANDLER = "gatehouse.headerTimeout.bytes";
    static final String HEAD_HANDLER = "gatehouse.headerTimeout.head";

    private enum State { READING_HEAD, IN_REQUEST, BETWEEN_REQUESTS }

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private State state = State.READING_HEAD;
    private long deadline;
    private ScheduledFuture<?> timer;

    private HeaderTimeout(long timeoutNanos, Runnable onTimeout) {
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
    }

    /** Installs the watchers around the HTTP/1.1 codec; false when the pipeline has none (nothing installed). */
    static boolean install(Channel channel, long timeoutNanos, Runnable onTimeout) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(NettyPipeline.H2CUpgradeHandler) != null) {
            return false;
        }
        HeaderTimeout timeout = new HeaderTimeout(timeoutNanos, onTimeout);
        pipeline.addBefore(NettyPipeline.HttpCodec, BYTES_HANDLER, timeout.new Bytes());
        pipeline.addAfter(NettyPipeline.HttpCodec, HEAD_HANDLER, timeout.new Head());
        return true;
    }

    private void start(ChannelHandlerContext ctx) {
        state = State.READING_HEAD;
        deadline = ctx.executor().ticker().nanoTime() + timeoutNanos;
        if (timer == null) {
            schedule(ctx, timeoutNanos);
        }
    }

    /** Stops the clock: the head arrived. A pending timer stays and finds nothing to do, or a later deadline. */
    private void stop() {
        state = State.IN_REQUEST;
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (state != State.READING_HEAD || !ctx.channel().isActive()) {
            return;
        }
        long left = deadline - ctx.executor().ticker().nanoTime();
        if (left > 0) {
            // the clock was restarted for a later request after this timer was scheduled
            schedule(ctx, left);
            return;
        }
        onTimeout.run();
        ctx.channel().close();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void uninstall(ChannelPipeline pipeline) {
        cancel();
        state = State.IN_REQUEST;
        if (pipeline.get(BYTES_HANDLER) != null) {
            pipeline.remove(BYTES_HANDLER);
        }
        if (pipeline.get(HEAD_HANDLER) != null) {
            pipeline.remove(HEAD_HANDLER);
        }
    }

    /** In front of the codec: sees raw bytes, starts the clock for the head of a connection's next request. */
    private final class Bytes extends ChannelInboundHandlerAdapter {

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                start(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (timer == null && state == State.READING_HEAD) {
                start(ctx);
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (state == State.BETWEEN_REQUESTS && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                start(ctx);
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }
    }

    private static boolean informational(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    /** Behind the codec: sees decoded request heads (clock stops) and the end of each response. */
    private final class Head extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                stop();
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse response
                    && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                // WebSocket frames follow: no more HTTP request heads on this connection
                uninstall(ctx.pipeline());
            } else if (msg instanceof LastHttpContent && state == State.IN_REQUEST && !informational(msg)) {
                // an informational answer (100 Continue, a full response of its own) does not end the exchange:
                // the request body follows it, and must not be taken for the head of the next request
                state = State.BETWEEN_REQUESTS;
            }
            super.write(ctx, msg, promise);
        }
    }
}
