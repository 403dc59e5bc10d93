package dev.gatehouse.runtime.node;

import java.net.InetSocketAddress;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The ports actually bound by the proxy server and the management server (which may be random in tests).
 * The management server runs in a child context whose dispatcher also sees this context's handler mappings and
 * exception handlers; they use {@link #isManagement} to leave its requests alone.
 */
@Component
public class ServerPorts {

    private static final String MANAGEMENT_NAMESPACE = "management";

    private volatile int proxyPort = -1;
    private volatile int managementPort = -1;

    @EventListener
    void onWebServerInitialized(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            managementPort = port;
        } else {
            proxyPort = port;
        }
    }

    /** The proxy port, or -1 before the server has started. */
    public int proxyPort() {
        return proxyPort;
    }

    /** The management port, or -1 before the management server has started (or when it shares the proxy port). */
    public int managementPort() {
        return managementPort;
    }

    /** True when the exchange arrived on the management port. */
    public boolean isManagement(ServerWebExchange exchange) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        int management = managementPort;
        return local != null && management > 0 && management != proxyPort && local.getPort() == management;
    }
}
