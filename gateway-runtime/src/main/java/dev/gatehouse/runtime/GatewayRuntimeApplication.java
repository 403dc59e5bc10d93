package dev.gatehouse.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A Gatehouse runtime node: a Spring Cloud Gateway whose routes come only from the configuration the admin pushes
 * (or, while the admin is unreachable, from the last known good copy on local disk).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayRuntimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayRuntimeApplication.class, args);
    }
}
