package dev.gatehouse.runtime.proxy;

import java.net.InetSocketAddress;

import dev.gatehouse.runtime.node.ServerPorts;
import io.netty.channel.Channel;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts a {@link PipelinedCloseHandler} on each HTTP/1.1 connection, in front of Reactor Netty's traffic handler, so
 * that pipelined requests are all answered when a later one says {@code Connection: close}; behind it, on the proxy
 * port, a {@link MalformedRequestHandler} that answers malformed requests with a problem body.
 */
@Component
class PipeliningCustomizer implements NettyServerCustomizer {

    private static final String NAME = "gatehouse.pipelinedClose";
    private static final String MALFORMED = "gatehouse.malformedRequests";

    private final MalformedRequests answers;
    private final ServerPorts ports;

    PipeliningCustomizer(MalformedRequests answers, ServerPorts ports) {
        this.answers = answers;
        this.ports = ports;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new PipelinedCloseHandler());
                if (!isManagement(channel)) {
                    // between the two: requests the close handler discards are not answered
                    channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, MALFORMED,
                            new MalformedRequestHandler(answers));
                }
            }
        });
    }

    private boolean isManagement(Channel channel) {
        int management = ports.managementPort();
        return management > 0 && management != ports.proxyPort()
                && channel.localAddress() instanceof InetSocketAddress local && local.getPort() == management;
    }
}
