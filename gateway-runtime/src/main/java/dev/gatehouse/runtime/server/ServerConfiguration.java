package dev.gatehouse.runtime.server;

import dev.gatehouse.runtime.node.ServerPorts;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The proxy listener's connection limits ({@code gatehouse.connections.*}). */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    ConnectionGuard connectionGuard(ConnectionProperties properties, ServerPorts ports, MeterRegistry registry) {
        return new ConnectionGuard(properties, ports, registry);
    }

    @Bean
    ProxyServerCustomizer proxyServerCustomizer(ConnectionProperties properties, ConnectionGuard guard) {
        return new ProxyServerCustomizer(properties, guard);
    }
}
