package dev.gatehouse.runtime.live;

import java.util.Map;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigState;
import dev.gatehouse.runtime.routing.CompiledRoute;
import dev.gatehouse.runtime.routing.RouteTable;
import dev.gatehouse.runtime.routing.WeightedRoundRobin;

/**
 * Everything a request needs from one configuration, compiled once when the configuration is applied: the state
 * it came from, the route table and the target pickers. Immutable; swapped as a whole.
 *
 * @param state    the validated configuration
 * @param source   where it came from
 * @param routes   compiled route table
 * @param services target picker per service id
 * @param compiled compiled route per route id (kept so the next compile can reuse unchanged routes)
 */
public record LiveConfig(ConfigState state, ConfigSource source, RouteTable routes,
                         Map<String, WeightedRoundRobin> services, Map<String, CompiledRoute> compiled) {

    public LiveConfig {
        services = Map.copyOf(services);
        compiled = Map.copyOf(compiled);
    }

    /** The configuration of a node that holds nothing yet. */
    public static LiveConfig none() {
        return new LiveConfig(ConfigState.empty(), ConfigSource.NONE, RouteTable.empty(), Map.of(), Map.of());
    }

    /** True when the node holds a configuration it was given (from the admin or from disk). */
    public boolean ready() {
        return source != ConfigSource.NONE;
    }

    /** The configuration revision. */
    public long revision() {
        return state.revision();
    }

    /** The content hash in wire form. */
    public String hash() {
        return ConfigHash.format(state.hash());
    }
}
