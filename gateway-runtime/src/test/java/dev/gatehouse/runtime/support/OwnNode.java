package dev.gatehouse.runtime.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.gatehouse.runtime.GatewayRuntimeApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Boots a test class on a node of its own rather than the shared {@link MainNode}, for tests that need the node
 * to start in a state of their own (a last known good file, an admin that is down or refuses the token). The
 * class names its node id and cluster token with {@code @TestPropertySource} and points the node at its admin
 * and data directory with an initializer in {@code @ContextConfiguration}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = GatewayRuntimeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0", "management.server.address=127.0.0.1",
                "gatehouse.heartbeat-interval=1s", "gatehouse.reconnect-max-delay=1s"})
public @interface OwnNode {
}
