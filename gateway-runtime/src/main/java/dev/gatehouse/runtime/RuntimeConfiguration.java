package dev.gatehouse.runtime;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Contract helpers shared by the node's features. */
@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

    /** The one JSON mapper for the cluster wire format and the last known good file. */
    @Bean
    ConfigJson configJson() {
        return new ConfigJson();
    }

    @Bean
    ConfigHash configHash(ConfigJson json) {
        return new ConfigHash(json);
    }
}
