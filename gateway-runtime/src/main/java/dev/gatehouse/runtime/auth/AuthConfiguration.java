package dev.gatehouse.runtime.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node-wide state of authentication. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    BruteForceLimiter bruteForceLimiter(AuthProperties properties) {
        return new BruteForceLimiter(properties.bruteForce(), System::currentTimeMillis);
    }
}
