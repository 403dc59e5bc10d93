package dev.gatehouse.admin.route;

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
class RouteApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    RouteService routes;
    AdminApi api;
    String service;

    @BeforeEach
    void setUp() throws Exception {
        api = new AdminApi(mvc);
        service = "rsvc-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "127.0.0.1", "port": 9000}]}""".formatted(service))
                .andExpect(status().isCreated());
    }

    @Test
    void createsWithDefaultsAndReadsByIdAndName() throws Exception {
        String name = "route-" + UUID.randomUUID().toString().substring(0, 8);
        long before = AdminApi.revision();

        String body = api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/orders"]}""".formatted(name, service))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/routes/")))
                .andExpect(jsonPath("$.service").value(service))
                .andExpect(jsonPath("$.hosts").isEmpty())
                .andExpect(jsonPath("$.methods").isEmpty())
                .andExpect(jsonPath("$.pathMatch").value("prefix"))
                .andExpect(jsonPath("$.stripPrefix").value(false))
                .andExpect(jsonPath("$.priority").value(0))
                .andExpect(jsonPath("$.enabled").value(true))
                .andReturn().getResponse().getContentAsString();
        String id = mapper.readTree(body).get("id").asString();
        assertThat(AdminApi.revision()).isEqualTo(before + 1);

        api.get("/api/v1/routes/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.name").value(name));
        api.get("/api/v1/routes/" + name).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        api.get("/api/v1/routes").andExpect(jsonPath("$[*].name", hasItem(name)));
        assertThat(routes.listByService(service)).extracting(RouteView::name).containsExactly(name);
    }

    @Test
    void acceptsTheServiceByIdAndNormalisesMethodsAndHosts() throws Exception {
        String serviceId = mapper.readTree(api.get("/api/v1/services/" + service).andReturn().getResponse()
                .getContentAsString()).get("id").asString();
        String name = "route-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/routes", """
                        {"name": "%s", "service": "%s", "paths": ["/a", "/b"], "hosts": ["API.Example.com"],
                         "methods": ["get", "POST"], "pathMatch": "exact", "stripPrefix": true, "priority": 7,
                         "enabled": false}""".formatted(name, serviceId))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.service").value(service))
                .andExpect(jsonPath("$.hosts[0]").value("api.example.com"))
                .andExpect(jsonPath("$.methods[0]").value("GET"))
                .andExpect(jsonPath("$.paths[1]").value("/b"))
                .andExpect(jsonPath("$.pathMatch").value("exact"))
                .andExpect(jsonPath("$.stripPrefix").value(true))
                .andExpect(jsonPath("$.priority").value(7))
                .andExpect(jsonPath("$.enabled").value(false));
    }

    @Test
    void updatesAndDeletes() throws Exception {
        String name = "route-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["/x"]}""".formatted(name, service))
                .andExpect(status().isCreated());
        long before = AdminApi.revision();

        api.put("/api/v1/routes/" + name, """
                        {"service": "%s", "paths": ["/y"], "priority": 3}""".formatted(service))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.paths[0]").value("/y"))
                .andExpect(jsonPath("$.priority").value(3));
        assertThat(AdminApi.revision()).isEqualTo(before + 1);

        api.delete("/api/v1/routes/" + name).andExpect(status().isNoContent());
        assertThat(AdminApi.revision()).isEqualTo(before + 2);
        api.get("/api/v1/routes/" + name).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        // With its route gone the service can be deleted.
        api.delete("/api/v1/services/" + service).andExpect(status().isNoContent());
    }
}
