package dev.gatehouse.runtime.lkg;

import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.runtime.GatehouseProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store of the last known good file, in the node's data directory. */
@Configuration(proxyBeanMethods = false)
class LastKnownGoodConfiguration {

    @Bean
    LastKnownGoodStore lastKnownGoodStore(GatehouseProperties properties, ConfigJson json) {
        return new LastKnownGoodStore(properties.nodeDataDir(), json);
    }
}
