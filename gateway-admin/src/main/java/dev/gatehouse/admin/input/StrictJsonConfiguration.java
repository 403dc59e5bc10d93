package dev.gatehouse.admin.input;

import dev.gatehouse.config.StrictJson;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the admin's one JSON mapper (request bodies of the REST API, the policy reader, the console's policy
 * forms) as strict as the contract's: {@link StrictJson} refuses duplicate keys and coercions, and
 * {@link ItemLimits} caps every list and map. Unknown fields are refused too
 * ({@code spring.jackson.deserialization.fail-on-unknown-properties}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson(ApiInputProperties properties) {
        ItemLimits limits = new ItemLimits(properties.maxItems());
        return builder -> StrictJson.apply(builder).addModule(limits.module());
    }
}
