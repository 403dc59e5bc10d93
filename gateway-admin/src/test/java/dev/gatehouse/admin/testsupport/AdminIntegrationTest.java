package dev.gatehouse.admin.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of admin integration tests: the whole admin on a random port of 127.0.0.1, against
 * this JVM's {@link TestDatabase}, with fixed credentials. Every admin integration test uses exactly this
 * annotation and nothing that changes the context, so they all share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "gatehouse.admin.user=" + AdminIntegrationTest.ADMIN_USER,
        "gatehouse.admin.password=" + AdminIntegrationTest.ADMIN_PASSWORD,
        "gatehouse.admin.token=" + AdminIntegrationTest.ADMIN_TOKEN,
        "gatehouse.cluster.token=" + AdminIntegrationTest.CLUSTER_TOKEN,
        "gatehouse.metrics.token=" + AdminIntegrationTest.METRICS_TOKEN,
        "gatehouse.demo.seed=false",
        // only this loopback address is a trusted proxy: every other test connects from 127.0.0.1, untrusted
        "gatehouse.admin.trusted-proxies=" + AdminIntegrationTest.TRUSTED_PROXY,
        // the shared Redis, under a key prefix of this context's own (tests read it from QuotaProperties)
        "gatehouse.quota.redis-url=redis://127.0.0.1:6379",
        "gatehouse.quota.key-prefix=gh-admin-test-${random.uuid}:",
        // Short, so stream tests can see keepalives; production uses 15 s.
        "gatehouse.cluster.keepalive=2s",
        // where a logged call's trace id links to (CallTraceConsoleIntegrationTests)
        "gatehouse.call-log.trace-url-template=https://traces.example.test/trace/{traceId}?view=timeline"
})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@AutoConfigureMockMvc
public @interface AdminIntegrationTest {

    /** The one trusted proxy address (a test connects from it to act as a reverse proxy). */
    String TRUSTED_PROXY = "127.0.0.2";
    /** Admin API token (role ADMIN). */
    String ADMIN_TOKEN = "test-admin-token";
    /** Cluster token nodes present. */
    String CLUSTER_TOKEN = "test-cluster-token";
    /** Scrape token of /actuator/prometheus. */
    String METRICS_TOKEN = "test-metrics-token-0123456789";
    /** Console user (role ADMIN). */
    String ADMIN_USER = "admin";
    /** Its password. */
    String ADMIN_PASSWORD = "admin-password-123";
}
