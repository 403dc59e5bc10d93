package bench.scg;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The Spring Cloud Gateway references of bench/run.sh: one static route to the upstream, configured in
 * application.yml. Profile {@code plain}: nothing else. Profile {@code key-rl}: the same route with an API-key check
 * ({@link ApiKeyCheckGatewayFilterFactory}: the X-API-Key header must be one of the configured keys, else 401) and
 * SCG's built-in {@code RequestRateLimiter} with the {@code RedisRateLimiter}, keyed by the API key.
 */
@SpringBootApplication
public class ScgReference {

    public static void main(String[] args) {
        SpringApplication.run(ScgReference.class, args);
    }

    /** Rate-limit key: the caller's API key, under a per-run prefix so runs never share Redis keys. */
    @Bean
    KeyResolver apiKeyResolver(@Value("${bench.redis-prefix:bench}") String prefix) {
        return exchange -> {
            String key = exchange.getRequest().getHeaders().getFirst("X-API-Key");
            return key == null ? Mono.empty() : Mono.just(prefix + ":" + key);
        };
    }

    /** 401 unless the request carries one of the keys in {@code bench.api-keys}. */
    @Component
    static class ApiKeyCheckGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

        private final Set<String> keys;

        ApiKeyCheckGatewayFilterFactory(@Value("${bench.api-keys}") Set<String> keys) {
            super(Object.class);
            this.keys = Set.copyOf(keys);
        }

        @Override
        public GatewayFilter apply(Object config) {
            return (exchange, chain) -> {
                String key = exchange.getRequest().getHeaders().getFirst("X-API-Key");
                if (key == null || !keys.contains(key)) {
                    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
                    return exchange.getResponse().setComplete();
                }
                return chain.filter(exchange);
            };
        }
    }
}
