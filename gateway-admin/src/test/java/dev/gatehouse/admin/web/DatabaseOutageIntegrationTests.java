package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.TcpRelay;
import dev.gatehouse.admin.testsupport.TestDatabase;
import dev.gatehouse.config.ClusterProtocol;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The admin with its PostgreSQL out of reach, through a {@link TcpRelay} the test cuts (server down) and stalls
 * (network black hole): API calls and heartbeats are answered 503 {@code database_unavailable} within seconds, the
 * console shows its error page with the degraded banner, nothing is half-written, and everything works again once
 * the database is back, without a restart. Its own small context (no server port, no Redis), since only here the
 * datasource goes through the relay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "gatehouse.admin.user=" + AdminIntegrationTest.ADMIN_USER,
        "gatehouse.admin.password=" + AdminIntegrationTest.ADMIN_PASSWORD,
        "gatehouse.admin.token=" + AdminIntegrationTest.ADMIN_TOKEN,
        "gatehouse.cluster.token=" + AdminIntegrationTest.CLUSTER_TOKEN,
        "gatehouse.demo.seed=false",
        "gatehouse.quota.redis-url=",
        "gatehouse.database.probe-interval=300ms"
})
@ContextConfiguration(initializers = DatabaseOutageIntegrationTests.ThroughRelay.class)
@AutoConfigureMockMvc
class DatabaseOutageIntegrationTests {

    /** Generous bound for "within a few seconds": connection timeout 3 s plus validation 2 s plus slack. */
    private static final Duration BOUND = Duration.ofSeconds(12);
    /**
     * HikariCP lends a connection used in the last 500 ms without checking it (its alive-bypass window: a JVM-wide
     * system property read once, which this test cannot shorten, and no state the pool shows). Only a black hole that
     * began longer ago than that makes it check, and give up, the connections it holds: the one wait in this class
     * that lets time pass rather than waiting for something to happen.
     */
    private static final Duration PAST_ALIVE_BYPASS_WINDOW =
            Duration.ofMillis(Long.getLong("com.zaxxer.hikari.aliveBypassWindowMs", 500) + 100);
    private static TcpRelay relay;

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void closeRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() throws Exception {
        AdminApi api = new AdminApi(mvc);
        api.get("/api/v1/services").andExpect(status().isOk());
        long revision = AdminApi.revision();
        String name = "outage-" + UUID.randomUUID().toString().substring(0, 8);

        relay.cut();
        unavailable(() -> api.get("/api/v1/services"));
        unavailable(() -> api.post("/api/v1/services", service(name)));
        unavailable(() -> heartbeat());
        consoleShowsTheBanner();

        relay.restore();
        recovered(api);
        // Warm the pool, then black-hole it: pooled connections must be given up, not waited on.
        api.get("/api/v1/services").andExpect(status().isOk());
        relay.stall();
        Thread.sleep(PAST_ALIVE_BYPASS_WINDOW.toMillis());
        unavailable(() -> api.get("/api/v1/services"));
        unavailable(() -> api.post("/api/v1/services", service(name)));
        consoleShowsTheBanner();

        relay.restore();
        recovered(api);
        assertThat(AdminApi.revision()).as("no refused write was committed").isEqualTo(revision);
        api.get("/api/v1/services/" + name).andExpect(status().isNotFound());
        api.post("/api/v1/services", service(name)).andExpect(status().isCreated());
        heartbeat().andExpect(status().isNoContent());
        mvc.perform(get("/services").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("data-database-down"))));
    }

    private void unavailable(Callable<ResultActions> call) throws Exception {
        long start = System.nanoTime();
        ResultActions result = call.call();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        result.andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("database_unavailable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("jdbc:"))));
        assertThat(took).as("time to answer 503").isLessThan(BOUND);
    }

    private void consoleShowsTheBanner() throws Exception {
        long start = System.nanoTime();
        mvc.perform(get("/services").with(user(AdminIntegrationTest.ADMIN_USER).roles("ADMIN")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("data-database-down")))
                .andExpect(content().string(containsString("changes cannot be saved; nodes keep serving")))
                .andExpect(content().string(not(containsString("Exception"))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to show the console page")
                .isLessThan(BOUND);
    }

    /** Waits (bounded) until the API answers again: the pool reconnects on its own. */
    private static void recovered(AdminApi api) {
        await("the API works again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/services").andReturn().getResponse().getStatus() == 200);
    }

    private ResultActions heartbeat() throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(ClusterProtocol.HEARTBEAT_PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.CLUSTER_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"nodeId\": \"outage-node\", \"appliedRevision\": 1}"));
    }

    private static String service(String name) {
        return "{\"name\": \"" + name + "\", \"targets\": [{\"host\": \"127.0.0.1\", \"port\": 9000}]}";
    }

    /** Points the datasource at a relay in front of this JVM's test database. */
    static final class ThroughRelay implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/]+):(\\d+)(/.*)$");

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestDatabase.Info db = TestDatabase.get();
            Matcher url = URL.matcher(db.url());
            if (!url.matches()) {
                throw new IllegalStateException("cannot relay " + db.url());
            }
            synchronized (ThroughRelay.class) {
                if (relay == null) {
                    relay = TcpRelay.start(url.group(1), Integer.parseInt(url.group(2)));
                }
            }
            TestPropertyValues.of(
                    "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + relay.port() + url.group(3),
                    "spring.datasource.username=" + db.user(),
                    "spring.datasource.password=" + db.password()
            ).applyTo(context);
        }
    }
}
