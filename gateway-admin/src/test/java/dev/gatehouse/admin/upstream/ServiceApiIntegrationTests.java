package dev.gatehouse.admin.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@AdminIntegrationTest
class ServiceApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    AdminApi api;
    @LocalServerPort
    int adminPort;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    @Test
    void createsWithDefaultsAndReadsByIdAndName() throws Exception {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        long before = AdminApi.revision();

        String body = api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 8080}]}""".formatted(name))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/services/")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.protocol").value("http"))
                .andExpect(jsonPath("$.basePath").value(""))
                .andExpect(jsonPath("$.connectTimeoutMs").value(2000))
                .andExpect(jsonPath("$.responseTimeoutMs").value(30000))
                .andExpect(jsonPath("$.targets[0].host").value("10.0.0.1"))
                .andExpect(jsonPath("$.targets[0].port").value(8080))
                .andExpect(jsonPath("$.targets[0].weight").value(100))
                .andExpect(jsonPath("$.createdAt").isString())
                .andExpect(jsonPath("$.updatedAt").isString())
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(body).get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);

        api.get("/api/v1/services/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        api.get("/api/v1/services/" + name).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        api.get("/api/v1/services").andExpect(status().isOk()).andExpect(jsonPath("$[*].name", hasItem(name)));
    }

    @Test
    void updatesByNameAndRenamesKeepingTheId() throws Exception {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = mapper.readTree(api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "a.internal", "port": 80}]}""".formatted(name))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long before = AdminApi.revision();

        api.put("/api/v1/services/" + name, """
                        {"name": "%s-v2", "targets": [{"host": "b.internal", "port": 443, "weight": 5}],
                         "protocol": "https", "basePath": "/v2", "connectTimeoutMs": 500, "responseTimeoutMs": 9000}
                        """.formatted(name))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(created.get("id").asString()))
                .andExpect(jsonPath("$.name").value(name + "-v2"))
                .andExpect(jsonPath("$.protocol").value("https"))
                .andExpect(jsonPath("$.basePath").value("/v2"))
                .andExpect(jsonPath("$.targets[0].weight").value(5))
                .andExpect(jsonPath("$.connectTimeoutMs").value(500));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);

        // Omitting the name on update keeps it.
        api.put("/api/v1/services/" + created.get("id").asString(), """
                        {"targets": [{"host": "c.internal", "port": 81}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name + "-v2"))
                .andExpect(jsonPath("$.protocol").value("http"));
        api.get("/api/v1/services/" + name).andExpect(status().isNotFound());
    }

    @Test
    void deletesByIdAndThenAnswersNotFound() throws Exception {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String id = mapper.readTree(api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9}]}""".formatted(name))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        long before = AdminApi.revision();

        api.delete("/api/v1/services/" + id).andExpect(status().isNoContent());

        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        api.get("/api/v1/services/" + id)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("not_found"))
                .andExpect(jsonPath("$.status").value(404));
        api.delete("/api/v1/services/" + id).andExpect(status().isNotFound());
    }

    @Test
    void revisionEndpointReportsTheCurrentRevisionAndHash() throws Exception {
        api.get("/api/v1/config/revision")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(AdminApi.revision()))
                .andExpect(jsonPath("$.hash").isString());
    }

    @Test
    void forbiddenTargetsAreRefusedOnTheirHostFieldAndNothingIsStored() throws Exception {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        long before = AdminApi.revision();

        api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 80},
                                                   {"host": "169.254.169.254", "port": 80},
                                                   {"host": "2852039166", "port": 80},
                                                   {"host": "::ffff:169.254.169.254", "port": 80},
                                                   {"host": "Metadata.Google.Internal", "port": 80},
                                                   {"host": "127.0.0.1", "port": %d}]}""".formatted(name, adminPort))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "targets[1].host", "targets[2].host", "targets[3].host", "targets[4].host",
                        "targets[5].host")))
                .andExpect(jsonPath("$.errors[0].message").value(startsWith("is never proxied to: 169.254.169.254")));

        assertThat(AdminApi.revision()).isEqualTo(before);
        api.get("/api/v1/services/" + name).andExpect(status().isNotFound());
    }

    @Test
    void anUpdateToAForbiddenTargetChangesNothing() throws Exception {
        String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                        {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 80}]}""".formatted(name))
                .andExpect(status().isCreated());
        long before = AdminApi.revision();

        api.put("/api/v1/services/" + name, """
                        {"targets": [{"host": "fd00:ec2::254", "port": 80}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("targets[0].host"));

        assertThat(AdminApi.revision()).isEqualTo(before);
        api.get("/api/v1/services/" + name).andExpect(status().isOk())
                .andExpect(jsonPath("$.targets[0].host").value("10.0.0.1"));
        // loopback on another port than the admin's stays allowed
        api.put("/api/v1/services/" + name, """
                        {"targets": [{"host": "127.0.0.1", "port": %d}]}""".formatted(adminPort == 1 ? 2 : adminPort - 1))
                .andExpect(status().isOk());
    }
}
