package dev.gatehouse.admin.upstream;

import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.config.upstream.OwnListeners;
import dev.gatehouse.config.upstream.TargetAddressPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The admin's check of each service target against the upstream target policy (SSRF defence): refuses targets
 * nodes must never proxy to, judged on the host as written (the admin does not resolve names; nodes check the
 * resolved address again on every new connection). Also refuses this admin's own listening ports on this machine,
 * so that a route cannot expose the admin through a node running beside it.
 */
@Component
class TargetChecks {

    private final TargetAddressPolicy policy;
    private final Set<Integer> ports = new HashSet<>();
    private volatile OwnListeners own;

    TargetChecks(UpstreamTargetProperties properties, @Value("${server.port:8080}") int configuredPort) {
        try {
            this.policy = TargetAddressPolicy.of(properties.deny(), properties.allow());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid upstream target setting " + e.getMessage(), e);
        }
        // the configured port until the server reports the one it bound (0 means random)
        this.own = OwnListeners.ofThisMachine(configuredPort > 0 ? List.of(configuredPort) : List.of());
    }

    @EventListener
    synchronized void onWebServerInitialized(WebServerInitializedEvent event) {
        ports.add(event.getWebServer().getPort());
        own = own.withPorts(ports);
    }

    /** Why the target may not be stored, or empty when it may. */
    Optional<String> refusal(TargetSpec target) {
        return policy.checkTarget(target.host(), target.port(), own);
    }
}
