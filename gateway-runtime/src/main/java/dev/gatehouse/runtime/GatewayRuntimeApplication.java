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

    /** Reactor Netty's setting for the number of event-loop threads of the server and the upstream client. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        useOneEventLoopPerCore();
        SpringApplication.run(GatewayRuntimeApplication.class, args);
    }

    /**
     * One event loop per available core, unless {@code -Dreactor.netty.ioWorkerCount} says otherwise. Reactor Netty
     * starts at least four, which on a node given one or two cores (a container limit, {@code taskset}) only adds
     * context switches between loops that compete for the same core: on one core, 4 loops -> 1 loop raised
     * throughput by the factor recorded in README "Performance".
     */
    static void useOneEventLoopPerCore() {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
    }
}
