package dev.gatehouse.runtime.upstream;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.config.upstream.OwnListeners;
import dev.gatehouse.config.upstream.TargetAddressPolicy;
import dev.gatehouse.runtime.error.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The node's upstream target check (SSRF defence), made on the address of every new upstream connection just
 * before the socket connects: after DNS, so a name that resolves, or is re-pointed, to a denied address is refused
 * like the address itself (DNS rebinding), and pooled connections are never re-checked (they were checked when
 * opened). Refused connections fail with 502 {@code target_forbidden}. Logs one WARN line when a target becomes
 * refused (and one INFO line when it is allowed again), never one per call.
 */
@Component
public class TargetGuard {

    private static final Logger log = LoggerFactory.getLogger(TargetGuard.class);
    /** Refused targets remembered for transition logging; past this many the memory starts over. */
    private static final int MAX_REMEMBERED = 1_024;

    private final TargetAddressPolicy policy;
    private final Set<Integer> ports = new HashSet<>();
    private volatile OwnListeners own;
    /** {@code host:port} to the reason it is refused, for targets refused at their latest connection attempt. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public TargetGuard(UpstreamTargetProperties properties) {
        try {
            this.policy = TargetAddressPolicy.of(properties.deny(), properties.allow());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid upstream target setting " + e.getMessage(), e);
        }
        // interfaces are enumerated once here, off the event loop; ports arrive as the servers start
        this.own = OwnListeners.ofThisMachine(List.of());
    }

    /** Learns the proxy and management ports (and any other server port of the node) as they are bound. */
    @EventListener
    synchronized void onWebServerInitialized(WebServerInitializedEvent event) {
        ports.add(event.getWebServer().getPort());
        own = own.withPorts(ports);
    }

    /** The policy in force, for checks made on configurations rather than connections. */
    TargetAddressPolicy policy() {
        return policy;
    }

    /** This node's own listeners as known now. */
    OwnListeners own() {
        return own;
    }

    /**
     * The failure for a connection about to be opened to {@code remote}, or empty when it may be opened.
     * Runs on the event loop: no I/O, no DNS.
     */
    public Optional<GatewayProblem> check(InetSocketAddress remote) {
        if (remote.isUnresolved()) {
            // nothing connects to an unresolved address; judge what can be judged: the name
            return refusalOfName(remote);
        }
        String name = remote.getHostString();
        String key = name + ":" + remote.getPort();
        Optional<String> reason = policy.checkConnect(name, remote.getAddress(), remote.getPort(), own);
        if (reason.isEmpty()) {
            if (!refused.isEmpty() && refused.remove(key) != null) {
                log.info("Upstream {} ({}) is allowed again", key, remote.getAddress().getHostAddress());
            }
            return Optional.empty();
        }
        remember(key, reason.get());
        return Optional.of(GatewayProblem.targetForbidden());
    }

    private Optional<GatewayProblem> refusalOfName(InetSocketAddress remote) {
        String key = remote.getHostString() + ":" + remote.getPort();
        Optional<String> reason = policy.checkTarget(remote.getHostString(), remote.getPort(), own);
        reason.ifPresent(r -> remember(key, r));
        return reason.map(r -> GatewayProblem.targetForbidden());
    }

    private void remember(String key, String reason) {
        if (refused.size() >= MAX_REMEMBERED) {
            refused.clear();
        }
        if (!reason.equals(refused.put(key, reason))) {
            log.warn("Refusing to connect to upstream {}: {}; its calls are answered 502 target_forbidden "
                    + "(see gatehouse.upstream.allow / deny)", key, reason);
        }
    }
}
