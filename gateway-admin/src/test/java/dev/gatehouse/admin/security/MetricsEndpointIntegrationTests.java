package dev.gatehouse.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.testsupport.Scrape;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /actuator/prometheus} opens to the scrape token only, and the scrape token opens nothing else. */
@AdminIntegrationTest
class MetricsEndpointIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void theScrapeTokenOpensTheMetrics() throws Exception {
        Scrape scrape = Scrape.admin(mvc);

        // the database pool (Micrometer's Hikari binding, pool named in application.yml) and the JVM
        assertThat(scrape.value("hikaricp_connections_max", "pool", "gatehouse")).isPositive();
        assertThat(scrape.has("hikaricp_connections_active")).isTrue();
        assertThat(scrape.has("hikaricp_connections_pending")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void anyOtherCredentialIsRefused() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        // not even an admin's API token, nor the cluster token: a scrape config holds only the scrape token
        for (String token : new String[] {AdminIntegrationTest.ADMIN_TOKEN, AdminIntegrationTest.CLUSTER_TOKEN,
                AdminIntegrationTest.METRICS_TOKEN + "x"}) {
            mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                    .andExpect(status().isUnauthorized());
        }
    }

    @Test
    void theScrapeTokenOpensNothingElse() throws Exception {
        String bearer = "Bearer " + AdminIntegrationTest.METRICS_TOKEN;
        mvc.perform(get("/api/v1/services").header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/cluster/v1/config/stream").header(HttpHeaders.AUTHORIZATION, bearer))
                .andExpect(status().isUnauthorized());
        // health stays open to probes, without any token
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
