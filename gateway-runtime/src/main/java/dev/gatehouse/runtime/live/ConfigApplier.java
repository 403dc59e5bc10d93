package dev.gatehouse.runtime.live;

import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Validates a whole configuration, compiles it and swaps it in, then announces {@link ConfigApplied}. A
 * configuration that fails validation is refused with {@link dev.gatehouse.config.ConfigValidationException} and
 * the current one stays.
 */
@Component
public class ConfigApplier {

    private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);

    private final LiveConfigHolder holder;
    private final ApplicationEventPublisher events;
    private final ConfigValidator validator = new ConfigValidator();
    private final ConfigCompiler compiler = new ConfigCompiler();

    public ConfigApplier(LiveConfigHolder holder, ApplicationEventPublisher events) {
        this.holder = holder;
        this.events = events;
    }

    /** Validates, compiles and swaps in {@code state}; synchronized so that two sources never interleave. */
    public synchronized LiveConfig apply(ConfigState state, ConfigSource source) {
        LiveConfig current = holder.current();
        if (current.ready() && current.source() == source && current.revision() == state.revision()
                && current.state().hash() == state.hash()) {
            // the same content again (a snapshot after a reconnect): nothing to compile or announce
            return current;
        }
        ConfigValidator.requireValid(validator.validate(state));
        LiveConfig next = compiler.compile(state, source, current);
        LiveConfig previous = holder.swap(next);
        if (previous.revision() != next.revision() || previous.source() != next.source()) {
            log.info("Serving configuration revision {} (hash {}, {} routes) from {}", next.revision(), next.hash(),
                    next.routes().size(), source.wireName());
        }
        events.publishEvent(new ConfigApplied(next, previous));
        return next;
    }

    /** The configuration being served. */
    public LiveConfig current() {
        return holder.current();
    }
}
