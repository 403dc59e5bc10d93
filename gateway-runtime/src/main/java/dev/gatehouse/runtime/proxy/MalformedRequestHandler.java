package dev.gatehouse.runtime.proxy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.runtime.error.GatewayProblem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, with a problem body, the requests that would otherwise get a bare answer without one: a target that is
 * not a URI (Spring's request adapter answers 400 with no body) and a request Netty's codec failed to decode, such
 * as a request line or head over the limits (Reactor Netty answers 414, 431 or 400 with no body). It sits between
 * the HTTP codec (and {@link PipelinedCloseHandler}) and Reactor Netty's traffic handler, so such a request never
 * reaches Reactor Netty: it is released, answered ({@link MalformedRequests}) and the connection closed after the
 * answer (after a short drain, see {@link #send}). Responses to requests read before it go out first, in order; whatever follows it on the connection is
 * discarded. Valid requests pass unchanged at the cost of one scan of their target. One instance per connection.
 */
final class MalformedRequestHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestHandler.class);

    /** Longest time a refused connection is drained before it is closed. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final MalformedRequests answers;

    /** Requests passed on to Reactor Netty. */
    private long requests;
    /** Final (non-1xx) responses ended. */
    private long responsesEnded;
    /** True while the response being written is informational (100 Continue). */
    private boolean informational;
    /** True once a request was refused: everything read after it is discarded. */
    private boolean refused;
    /** The answer waiting for the responses to the requests before the refused one, or null. */
    private FullHttpResponse pending;

    MalformedRequestHandler(MalformedRequests answers) {
        this.answers = answers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            GatewayProblem problem = MalformedRequests.problemOf(request);
            if (problem != null) {
                refuse(ctx, request, problem);
                return;
            }
            requests++;
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, GatewayProblem problem) {
        refused = true;
        if (log.isDebugEnabled()) {
            log.debug("Refused a request on {} with {}: {}", ctx.channel(), problem.code(),
                    request.decoderResult().isFailure() ? request.decoderResult().cause().toString()
                            : "target not a URI");
        }
        FullHttpResponse response = answers.answer(request, problem);
        ReferenceCountUtil.release(request);
        if (responsesEnded == requests) {
            send(ctx, response);
        } else {
            pending = response;
        }
    }

    /**
     * Writes the answer, then closes as nginx's lingering close does: a socket closed with unread input answers
     * the client with a reset, which can destroy the answer before the client reads it (a request line of 70 KB
     * is still arriving when it is refused). So the node ends its side first and drains what the client still
     * sends until the client closes, {@link #LINGER} at most.
     */
    private static void send(ChannelHandlerContext ctx, FullHttpResponse response) {
        ctx.writeAndFlush(response).addListener(written -> {
            Channel channel = ctx.channel();
            if (written.isSuccess() && channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput().addListener(shut -> channel.eventLoop()
                        .schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                channel.close();
            }
        });
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        boolean ended = msg instanceof LastHttpContent && !informational;
        ctx.write(msg, promise);
        if (ended && ++responsesEnded == requests && pending != null) {
            FullHttpResponse response = pending;
            pending = null;
            send(ctx, response);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    private void release() {
        if (pending != null) {
            ReferenceCountUtil.release(pending);
            pending = null;
        }
    }
}
