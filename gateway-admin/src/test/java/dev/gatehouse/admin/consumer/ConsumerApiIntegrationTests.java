package dev.gatehouse.admin.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

@AdminIntegrationTest
class ConsumerApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    ConsumerService consumers;
    AdminApi api;
    String plan;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        plan = unique("plan");
        api.post("/api/v1/plans", "{\"name\": \"%s\"}".formatted(plan)).andExpect(status().isCreated());
    }

    @Test
    void createsWithDefaultsAndReadsByIdAndName() throws Exception {
        String name = unique("acme");
        long before = AdminApi.revision();

        String body = api.post("/api/v1/consumers", "{\"name\": \"%s\"}".formatted(name))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/consumers/")))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.groups").isEmpty())
                .andExpect(jsonPath("$.tags").isEmpty())
                .andExpect(jsonPath("$.description").value(""))
                .andExpect(jsonPath("$.plan").doesNotExist())
                .andExpect(jsonPath("$.activeKeys").value(0))
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(body).get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE kind = 'consumer'"
                + " AND entity_id = '" + id + "'")).isEqualTo(1);

        api.get("/api/v1/consumers/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        api.get("/api/v1/consumers/" + name).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void carriesEveryFieldAndReplacesWhole() throws Exception {
        String name = unique("partner");
        api.post("/api/v1/consumers", """
                        {"name": "%s", "description": "Partner app", "status": "SUSPENDED",
                         "groups": ["partners", "beta", "partners"], "plan": "%s", "tags": ["eu"]}"""
                        .formatted(name, plan))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.description").value("Partner app"))
                .andExpect(jsonPath("$.status").value("suspended"))
                .andExpect(jsonPath("$.groups", contains("partners", "beta")))
                .andExpect(jsonPath("$.plan").value(plan))
                .andExpect(jsonPath("$.tags", contains("eu")));

        api.put("/api/v1/consumers/" + name, "{\"groups\": [\"internal\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.groups", contains("internal")))
                .andExpect(jsonPath("$.plan").doesNotExist())
                .andExpect(jsonPath("$.tags").isEmpty())
                .andExpect(jsonPath("$.description").value(""));
    }

    @Test
    void patchSuspendsAndKeepsTheRest() throws Exception {
        String name = unique("suspend");
        api.post("/api/v1/consumers", """
                {"name": "%s", "groups": ["partners"], "plan": "%s", "tags": ["eu"], "description": "d"}"""
                .formatted(name, plan)).andExpect(status().isCreated());
        long before = AdminApi.revision();

        api.patch("/api/v1/consumers/" + name, "{\"status\": \"suspended\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("suspended"))
                .andExpect(jsonPath("$.groups", contains("partners")))
                .andExpect(jsonPath("$.plan").value(plan))
                .andExpect(jsonPath("$.tags", contains("eu")))
                .andExpect(jsonPath("$.description").value("d"));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(consumers.currentEntities()).anySatisfy(spec -> {
            assertThat(spec.name()).isEqualTo(name);
            assertThat(spec.status()).isEqualTo(dev.gatehouse.config.ConsumerStatus.SUSPENDED);
        });

        String renamed = unique("renamed");
        api.patch("/api/v1/consumers/" + name, "{\"name\": \"%s\", \"plan\": \"\", \"status\": \"active\"}"
                        .formatted(renamed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(renamed))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.plan").doesNotExist())
                .andExpect(jsonPath("$.groups", contains("partners")));
    }

    @Test
    void listFiltersBySearchStatusAndGroup() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String a = "alpha-" + tag;
        String b = "beta-" + tag;
        api.post("/api/v1/consumers", """
                {"name": "%s", "groups": ["g-%s"], "description": "Has 100%% of it"}""".formatted(a, tag))
                .andExpect(status().isCreated());
        api.post("/api/v1/consumers", """
                {"name": "%s", "status": "suspended"}""".formatted(b)).andExpect(status().isCreated());

        api.get("/api/v1/consumers").andExpect(jsonPath("$[*].name", hasItem(a)))
                .andExpect(jsonPath("$[*].name", hasItem(b)));
        api.get("/api/v1/consumers?search=" + tag.toUpperCase()).andExpect(jsonPath("$[*].name", contains(a, b)));
        api.get("/api/v1/consumers?search=" + tag + "&status=suspended")
                .andExpect(jsonPath("$[*].name", contains(b)));
        api.get("/api/v1/consumers?group=g-" + tag).andExpect(jsonPath("$[*].name", contains(a)));
        // Wildcards in the search text are literal.
        mvc.perform(MockMvcRequestBuilders.get("/api/v1/consumers").param("search", "100%")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN))
                .andExpect(jsonPath("$[*].name", hasItem(a)))
                .andExpect(jsonPath("$[*].name", not(hasItem(b))));
        api.get("/api/v1/consumers?search=_" + tag).andExpect(jsonPath("$").isEmpty());
        api.get("/api/v1/consumers?status=gone").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
    }

    @Test
    void deletingAConsumerDeletesItsKeys() throws Exception {
        String name = unique("gone");
        api.post("/api/v1/consumers", "{\"name\": \"%s\"}".formatted(name)).andExpect(status().isCreated());
        String keyId = mapper.readTree(api.post("/api/v1/consumers/" + name + "/keys").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        String revoked = mapper.readTree(api.post("/api/v1/consumers/" + name + "/keys")
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        api.delete("/api/v1/consumers/" + name + "/keys/" + revoked).andExpect(status().isNoContent());
        api.get("/api/v1/consumers/" + name).andExpect(jsonPath("$.activeKeys").value(1));
        long before = AdminApi.revision();

        api.delete("/api/v1/consumers/" + name).andExpect(status().isNoContent());

        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        // One delete for the key nodes hold (the revoked one is not published), then the consumer.
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)
                + " AND op = 'delete' AND kind = 'key' AND entity_id = '" + keyId + "'")).isEqualTo(1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)))
                .isEqualTo(2);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM api_keys WHERE id IN ('" + keyId + "', '" + revoked
                + "')")).isZero();
        api.get("/api/v1/consumers/" + name).andExpect(status().isNotFound());
        api.get("/api/v1/consumers/" + name + "/keys").andExpect(status().isNotFound());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
