package dev.gatehouse.runtime.proxy;

import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts a {@link PipelinedCloseHandler} on each HTTP/1.1 connection, in front of Reactor Netty's traffic handler, so
 * that pipelined requests are all answered when a later one says {@code Connection: close}.
 */
@Component
class PipeliningCustomizer implements NettyServerCustomizer {

    private static final String NAME = "gatehouse.pipelinedClose";

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new PipelinedCloseHandler());
            }
        });
    }
}
