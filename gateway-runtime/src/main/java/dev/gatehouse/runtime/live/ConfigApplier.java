package dev.gatehouse.runtime.live;

import java.util.Objects;

import dev.gatehouse.config.ConfigChangeSet;
import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigIntegrityException;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.config.ConfigValidator;
import dev.gatehouse.runtime.keys.KeyTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one writer of the live configuration: validates a whole configuration, compiles it and swaps it in, then
 * announces {@link ConfigApplied}. Both entry points are synchronized, so the admin stream and the last-known-good
 * loader never interleave, and the key table always has exactly one writer.
 *
 * <p>A configuration that fails its hash check or validation is refused and the current one stays. With one
 * caveat for change sets: their key changes are applied to the live key table in place (copying a million keys per
 * change would cost more than the change), so they are visible to requests before the rest of the change set swaps
 * in, and stay applied if the change set is then refused. That is safe because a key change only ever refers to
 * things the requests check against the configuration they were routed with (the consumer, the route), and the
 * caller of a refused change set resynchronises from a full snapshot, which replaces the table. See ADR 004.
 */
@Component
public class ConfigApplier {

    private static final Logger log = LoggerFactory.getLogger(ConfigApplier.class);

    private final LiveConfigHolder holder;
    private final ApplicationEventPublisher events;
    private final ConfigHash hasher;
    private final ConfigValidator validator = new ConfigValidator();
    private final ConfigCompiler compiler;

    public ConfigApplier(LiveConfigHolder holder, ApplicationEventPublisher events, ConfigHash hasher,
                         RouteChains chains) {
        this.holder = holder;
        this.events = events;
        this.hasher = hasher;
        this.compiler = new ConfigCompiler(chains);
    }

    /**
     * Validates, compiles and swaps in a complete configuration with its own, newly built key table (a snapshot
     * from the admin or the last known good file). The caller has verified the content hash.
     */
    public synchronized LiveConfig applySnapshot(ConfigState state, KeyTable keys, ConfigSource source) {
        LiveConfig current = holder.current();
        if (current.ready() && current.source() == source && current.revision() == state.revision()
                && current.state().hash() + current.keys().keysHash() == state.hash() + keys.keysHash()
                && Objects.equals(current.state().clusterId(), state.clusterId())
                && current.state().epoch() == state.epoch()) {
            // the same content again (a snapshot after a reconnect): nothing to compile or announce
            return current;
        }
        ConfigValidator.requireValid(validator.validate(state));
        return swap(compiler.compile(state, keys, source, current));
    }

    /**
     * Applies a change set made for the current revision: key changes go straight into the live key table, the rest
     * builds the next state, which is hash-checked, validated, compiled and swapped in.
     *
     * @throws ConfigIntegrityException                    wrong base revision or content hash
     * @throws dev.gatehouse.config.ConfigValidationException the result is not a valid configuration
     */
    public synchronized LiveConfig applyChanges(ConfigChangeSet changes) {
        LiveConfig current = holder.current();
        if (!current.ready()) {
            throw new ConfigIntegrityException("received changes from revision " + changes.fromRevision()
                    + " but holds no configuration");
        }
        ConfigState next = current.state().apply(changes, hasher, current.keys());
        ConfigValidator.requireValid(validator.validate(next));
        return swap(compiler.compile(next, current.keys(), ConfigSource.ADMIN, current));
    }

    private LiveConfig swap(LiveConfig next) {
        LiveConfig previous = holder.swap(next);
        if (previous.revision() != next.revision() || previous.source() != next.source()) {
            log.info("Serving configuration revision {} (hash {}, {} routes, {} consumers, {} keys) from {}",
                    next.revision(), next.hash(), next.routes().size(), next.state().consumers().size(),
                    next.keys().size(), next.source().wireName());
        }
        events.publishEvent(new ConfigApplied(next, previous));
        return next;
    }

    /** The configuration being served. */
    public LiveConfig current() {
        return holder.current();
    }
}
