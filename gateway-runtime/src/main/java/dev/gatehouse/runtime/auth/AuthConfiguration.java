package dev.gatehouse.runtime.auth;

import dev.gatehouse.runtime.NodeClock;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node-wide state of authentication, on the node's clock ({@link NodeClock}). */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    BruteForceLimiter bruteForceLimiter(AuthProperties properties, ObjectProvider<Clock> clock) {
        return new BruteForceLimiter(properties.bruteForce(), NodeClock.millis(clock));
    }

    @Bean
    AuthFilterFactory authFilterFactory(BruteForceLimiter limiter, KeyUsage usage, RouteAuthCompiler compiler,
                                        ObjectProvider<Clock> clock) {
        return new AuthFilterFactory(limiter, usage, compiler, NodeClock.millis(clock));
    }
}
