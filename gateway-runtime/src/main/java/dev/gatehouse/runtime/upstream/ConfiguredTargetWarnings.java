package dev.gatehouse.runtime.upstream;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.TargetSpec;
import dev.gatehouse.runtime.live.ConfigApplied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns, once per configuration that introduces it, about a service target the node will refuse by its spelling
 * alone (a denied address or name, a numeric address form, the node's own port), so an operator hears of it
 * before the first call is answered 502 {@code target_forbidden}. The configuration is applied all the same: a
 * refused target fails only the calls sent to it (names are judged again on the address they resolve to).
 */
@Component
class ConfiguredTargetWarnings {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredTargetWarnings.class);

    private final TargetGuard guard;
    /** {@code service host:port} entries warned about for the configuration now served. */
    private Set<String> warned = Set.of();

    ConfiguredTargetWarnings(TargetGuard guard) {
        this.guard = guard;
    }

    @EventListener
    synchronized void onConfigApplied(ConfigApplied applied) {
        Set<String> refused = new HashSet<>();
        for (ServiceSpec service : applied.config().state().services().values()) {
            for (TargetSpec target : service.targets()) {
                Optional<String> reason = guard.policy().checkTarget(target.host(), target.port(), guard.own());
                if (reason.isPresent()) {
                    String key = service.name() + " " + target.host() + ":" + target.port();
                    refused.add(key);
                    if (!warned.contains(key)) {
                        log.warn("Service {} has target {}:{} that this node refuses to connect to: {}; its calls "
                                        + "are answered 502 target_forbidden", service.name(), target.host(),
                                target.port(), reason.get());
                    }
                }
            }
        }
        warned = Set.copyOf(refused);
    }
}
