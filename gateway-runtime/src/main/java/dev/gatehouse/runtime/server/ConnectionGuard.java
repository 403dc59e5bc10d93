package dev.gatehouse.runtime.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.runtime.node.ServerPorts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;

/**
 * Admits each new proxy-port connection or closes it at once, and gives admitted ones the header timeout. The count
 * is one atomic integer per node (incremented when a connection is set up, decremented when it closes), so refusing
 * costs nothing per call. Reaching the limit is logged once (WARN) and leaving it once (INFO, below 90 % of the
 * limit), never per refused connection; refusals are counted in {@code gatehouse_connections_refused_total}.
 * Management-port connections are neither counted nor limited.
 */
final class ConnectionGuard implements ChannelPipelineConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    private final ConnectionProperties properties;
    private final ServerPorts ports;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final Counter refused;
    private final Counter headerTimeouts;

    ConnectionGuard(ConnectionProperties properties, ServerPorts ports, MeterRegistry registry) {
        this.properties = properties;
        this.ports = ports;
        Gauge.builder("gatehouse.connections.open", open, AtomicInteger::get)
                .description("Client connections open on the proxy port").register(registry);
        this.refused = Counter.builder("gatehouse.connections.refused")
                .description("Proxy-port connections closed on arrival because the node had max-connections open")
                .register(registry);
        this.headerTimeouts = Counter.builder("gatehouse.connections.header.timeouts")
                .description("Proxy-port connections closed because the request head took longer than "
                        + "header-timeout").register(registry);
    }

    @Override
    public void onChannelInit(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
        if (isManagement(channel)) {
            return;
        }
        int max = properties.maxConnections();
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            if (saturated.compareAndSet(false, true)) {
                log.warn("The proxy port has {} connections open (gatehouse.connections.max-connections): further "
                        + "connections are closed on arrival until some close", max);
            }
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> {
            int now = open.decrementAndGet();
            if (now < max * 0.9 && saturated.compareAndSet(true, false)) {
                log.info("The proxy port accepts connections again ({} open, limit {})", now, max);
            }
        });
        HeaderTimeout.install(channel, properties.headerTimeout().toNanos(), headerTimeouts::increment);
    }

    private boolean isManagement(Channel channel) {
        int management = ports.managementPort();
        return management > 0 && management != ports.proxyPort()
                && channel.localAddress() instanceof InetSocketAddress local && local.getPort() == management;
    }

    /** Client connections open on the proxy port now. */
    int open() {
        return open.get();
    }
}
