package dev.gatehouse.runtime.live;

import dev.gatehouse.config.policy.PolicyResolver;
import java.util.List;

import java.util.Map;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.keys.ConsumerDirectory;
import dev.gatehouse.runtime.keys.KeyTable;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.Balancer;

/**
 * Everything a request needs from one configuration, compiled once when the configuration is applied: the state
 * it came from, the route table, the target pickers, the consumers and the API keys. Swapped as a whole; the one
 * exception is the key table, which a change set updates in place (see {@link ConfigApplier#applyChanges}).
 *
 * @param state       the validated configuration, keys aside
 * @param source      where it came from
 * @param routes      compiled route table
 * @param services    target picker per service id
 * @param compiled    compiled route per route id (kept so the next compile can reuse unchanged routes)
 * @param keys        the API keys
 * @param directory   consumers, keys and the key hasher, as requests use them
 * @param contentHash the content hash of everything, keys included, when this configuration was swapped in
 * @param policies    which policy of each type applies to a call (see {@link PolicyResolver})
 */
public record LiveConfig(ConfigState state, ConfigSource source, RouteTable routes,
                         Map<String, Balancer> services, Map<String, CompiledRoute> compiled,
                         KeyTable keys, ConsumerDirectory directory, long contentHash,
                         PolicyResolver policies) {

    public LiveConfig {
        services = Map.copyOf(services);
        compiled = Map.copyOf(compiled);
    }

    /** The configuration of a node that holds nothing yet. */
    public static LiveConfig none() {
        ConfigState empty = ConfigState.empty();
        return new LiveConfig(empty, ConfigSource.NONE, RouteTable.empty(), Map.of(), Map.of(), KeyTable.empty(),
                ConsumerDirectory.empty(), empty.hash(), new PolicyResolver(List.of(), Map.of()));
    }

    /** True when the node holds a configuration it was given (from the admin or from disk). */
    public boolean ready() {
        return source != ConfigSource.NONE;
    }

    /** The configuration revision. */
    public long revision() {
        return state.revision();
    }

    /** The content hash (keys included) in wire form, as reported to the admin. */
    public String hash() {
        return ConfigHash.format(contentHash);
    }
}
