package dev.gatehouse.runtime.upstream;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the {@link TargetGuard} on the HTTP client Spring Cloud Gateway forwards with (proxied calls, retries and
 * WebSocket upgrades all use that one client): every new upstream connection is checked just before it connects.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean
    HttpClientCustomizer targetGuardCustomizer(TargetGuard guard) {
        ConnectGuard handler = new ConnectGuard(guard);
        return client -> client.doOnChannelInit((observer, channel, remoteAddress) ->
                channel.pipeline().addFirst(ConnectGuard.NAME, handler));
    }
}
