package dev.gatehouse.admin;

import dev.gatehouse.config.ConfigHash;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigValidator;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contract's helpers as beans, so every feature shares one instance of each. */
@Configuration(proxyBeanMethods = false)
class ContractConfiguration {

    @Bean
    ConfigJson configJson() {
        return new ConfigJson();
    }

    @Bean
    ConfigHash configHash(ConfigJson json) {
        return new ConfigHash(json);
    }

    @Bean
    ConfigValidator configValidator() {
        return new ConfigValidator();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
