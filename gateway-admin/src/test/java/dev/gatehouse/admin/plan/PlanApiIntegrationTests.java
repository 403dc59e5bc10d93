package dev.gatehouse.admin.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
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
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@AdminIntegrationTest
class PlanApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    AdminApi api;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    @Test
    void createsReadsUpdatesAndDeletes() throws Exception {
        String name = unique("pro");
        long before = AdminApi.revision();

        String body = api.post("/api/v1/plans", """
                        {"name": "%s", "description": "  For paying customers  "}""".formatted(name))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/plans/")))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.description").value("For paying customers"))
                .andExpect(jsonPath("$.consumers").value(0))
                .andExpect(jsonPath("$.createdAt").isString())
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(body).get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE kind = 'plan' AND entity_id = '"
                + id + "'")).isEqualTo(1);

        api.get("/api/v1/plans/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        api.get("/api/v1/plans/" + name).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        api.get("/api/v1/plans").andExpect(jsonPath("$[*].name", hasItem(name)));

        String renamed = unique("gold");
        api.put("/api/v1/plans/" + name, """
                        {"name": "%s"}""".formatted(renamed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value(renamed))
                .andExpect(jsonPath("$.description").value(""));
        api.put("/api/v1/plans/" + id, """
                        {"description": "kept name"}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(renamed));
        assertThat(AdminApi.revision()).isEqualTo(before + 3);

        api.delete("/api/v1/plans/" + renamed).andExpect(status().isNoContent());
        assertThat(AdminApi.revision()).isEqualTo(before + 4);
        api.get("/api/v1/plans/" + id).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not_found"));
    }

    @Test
    void aPlanInUseCannotBeDeletedAndCountsItsConsumers() throws Exception {
        String plan = unique("free");
        api.post("/api/v1/plans", "{\"name\": \"%s\"}".formatted(plan)).andExpect(status().isCreated());
        String consumer = unique("acme");
        api.post("/api/v1/consumers", "{\"name\": \"%s\", \"plan\": \"%s\"}".formatted(consumer, plan))
                .andExpect(status().isCreated());
        api.get("/api/v1/plans/" + plan).andExpect(jsonPath("$.consumers").value(1));
        long revision = AdminApi.revision();

        api.delete("/api/v1/plans/" + plan)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("in_use"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(consumer)));
        assertThat(AdminApi.revision()).isEqualTo(revision);

        api.patch("/api/v1/consumers/" + consumer, "{\"plan\": \"\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.plan").doesNotExist());
        api.get("/api/v1/plans/" + plan).andExpect(jsonPath("$.consumers").value(0));
        api.delete("/api/v1/plans/" + plan).andExpect(status().isNoContent());
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
