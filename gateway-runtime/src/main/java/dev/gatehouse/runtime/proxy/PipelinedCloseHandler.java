package dev.gatehouse.runtime.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers every pipelined HTTP/1.1 request up to one that says {@code Connection: close}, then closes. Reactor
 * Netty (1.3.8) takes a pipelined request's {@code Connection: close} for the connection at once: the response to
 * the request still in flight is sent with {@code Connection: close} and the connection closed, so the requests
 * queued behind it are never answered. This handler, between the HTTP codec and Reactor Netty's traffic handler,
 * hides such a header from Reactor Netty while a response is pending, and closes the connection itself after the
 * response to that request (which it marks {@code Connection: close}); requests after it are discarded, as RFC 9112
 * section 9.6 asks. A request with {@code Connection: close} and nothing pending passes unchanged. One instance per
 * connection, on its event loop.
 */
final class PipelinedCloseHandler extends ChannelDuplexHandler {

    /** Requests read on this connection. */
    private long requests;
    /** Final (non-1xx) responses started. */
    private long responsesStarted;
    /** Final responses ended. */
    private long responsesEnded;
    /** The number of the request after whose response the connection closes, 0 for none. */
    private long closeAfter;

    /** True once the closing request has been read to its end: what follows it is discarded. */
    private boolean discarding;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            requests++;
            if (requests > responsesEnded + 1
                    && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
                closeAfter = requests;
                request.headers().remove(HttpHeaderNames.CONNECTION);
            }
        }
        // the closing request's own body still goes to the exchange that reads it
        discarding = closeAfter > 0 && msg instanceof LastHttpContent;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean informational = false;
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!informational) {
                responsesStarted++;
                if (responsesStarted == closeAfter) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
            }
        }
        if (msg instanceof LastHttpContent && !informational) {
            responsesEnded++;
            if (responsesEnded == closeAfter) {
                ctx.write(msg, promise).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.write(msg, promise);
    }
}
