package dev.gatehouse.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Gatehouse control plane: admin REST API, web console, and configuration push to runtime nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatehouseAdminApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatehouseAdminApplication.class, args);
    }
}
