package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.config.upstream.Balancing;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** A service's balancing through the API: stored, shown, published, and refused field by field when wrong. */
@AdminIntegrationTest
class ServiceBalancingApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    UpstreamService services;
    AdminApi api;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    @Test
    void aNewServiceIsRoundRobinAndAConsistentHashIsStoredAndPublished() throws Exception {
        String name = "lb-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 8080}]}""".formatted(name))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.balancing.algorithm").value("round_robin"))
                .andExpect(jsonPath("$.balancing.hashOn").doesNotExist());

        api.put("/api/v1/services/" + name, """
                        {"targets": [{"host": "10.0.0.1", "port": 8080}, {"host": "10.0.0.2", "port": 8080}],
                         "balancing": {"algorithm": "consistent_hash", "hashOn": "header", "hashKey": "X-User"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balancing.algorithm").value("consistent_hash"))
                .andExpect(jsonPath("$.balancing.hashOn").value("header"))
                .andExpect(jsonPath("$.balancing.hashKey").value("X-User"))
                .andExpect(jsonPath("$.balancing.boundedLoad").value(1.25));
        assertThat(services.specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().balancing())
                .isEqualTo(Balancing.consistentHash(Balancing.HashOn.HEADER, "X-User"));

        api.put("/api/v1/services/" + name, """
                        {"targets": [{"host": "10.0.0.1", "port": 8080}],
                         "balancing": {"algorithm": "least_requests"}}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balancing.algorithm").value("least_requests"))
                .andExpect(jsonPath("$.balancing.boundedLoad").doesNotExist());
        api.get("/api/v1/services/" + name).andExpect(jsonPath("$.balancing.algorithm").value("least_requests"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"algorithm\": \"random\"}|balancing.algorithm",
            "{\"algorithm\": \"consistent_hash\"}|balancing.hashOn",
            "{\"algorithm\": \"consistent_hash\", \"hashOn\": \"moon\"}|balancing.hashOn",
            "{\"algorithm\": \"consistent_hash\", \"hashOn\": \"header\"}|balancing.hashKey",
            "{\"algorithm\": \"consistent_hash\", \"hashOn\": \"header\", \"hashKey\": \"bad header\"}|balancing.hashKey",
            "{\"algorithm\": \"consistent_hash\", \"hashOn\": \"consumer\", \"boundedLoad\": 1.0}|balancing.boundedLoad",
            "{\"algorithm\": \"consistent_hash\", \"hashOn\": \"consumer\", \"boundedLoad\": 50}|balancing.boundedLoad",
            "{\"algorithm\": \"round_robin\", \"hashOn\": \"header\"}|balancing.hashOn",
            "{\"algorithm\": \"least_requests\", \"boundedLoad\": 2}|balancing.boundedLoad"})
    void badBalancingIsRefusedOnItsFieldAndChangesNothing(String balancing, String field) throws Exception {
        String name = "lb-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 8080}]}""".formatted(name))
                .andExpect(status().isCreated());
        long before = AdminApi.revision();

        api.put("/api/v1/services/" + name, """
                        {"targets": [{"host": "10.0.0.1", "port": 8080}], "balancing": %s}""".formatted(balancing))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(field)));
        api.post("/api/v1/services", """
                        {"name": "%s-2", "targets": [{"host": "10.0.0.1", "port": 8080}], "balancing": %s}"""
                        .formatted(name, balancing))
                .andExpect(status().isBadRequest());

        assertThat(AdminApi.revision()).isEqualTo(before);
        api.get("/api/v1/services/" + name).andExpect(jsonPath("$.balancing.algorithm").value("round_robin"));
        api.get("/api/v1/services/" + name + "-2").andExpect(status().isNotFound());
    }
}
