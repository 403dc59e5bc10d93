package dev.gatehouse.runtime.client;

import dev.gatehouse.config.policy.Cidr;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client address resolution. {@code gatehouse.trusted-proxies} ({@code GATEHOUSE_TRUSTED_PROXIES}) lists the CIDR
 * blocks of load balancers in front of the nodes, comma-separated; empty (the default) trusts nobody.
 */
@Configuration(proxyBeanMethods = false)
public class ClientConfiguration {

    @Bean
    ClientAddressResolver clientAddressResolver(@Value("${gatehouse.trusted-proxies:}") List<String> trustedProxies) {
        List<Cidr> blocks = new ArrayList<>();
        for (String block : trustedProxies) {
            if (block.isBlank()) {
                continue;
            }
            try {
                blocks.add(Cidr.parse(block));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GATEHOUSE_TRUSTED_PROXIES: " + e.getMessage(), e);
            }
        }
        return new ClientAddressResolver(blocks);
    }

    @Bean
    ClientAddressWebFilter clientAddressWebFilter(ClientAddressResolver resolver) {
        return new ClientAddressWebFilter(resolver);
    }
}
