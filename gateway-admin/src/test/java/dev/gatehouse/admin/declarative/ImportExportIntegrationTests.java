package dev.gatehouse.admin.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.console.ConsoleClient;
import dev.gatehouse.admin.security.ApiTokenService;
import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import dev.gatehouse.admin.user.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declarative import and export through the real API and database: a file applied as exactly one revision whose
 * audit records carry it, re-importing and importing the export changing nothing and committing no revision, dry
 * runs, prune within a tag, tag subsets, secrets never exported, each kind of bad input refused whole with the
 * file path of the field, roles, and a thousand routes with policies in one revision.
 */
@AdminIntegrationTest
class ImportExportIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ImportExportIntegrationTests.class);
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!!";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    @Autowired
    WebApplicationContext context;
    @Autowired
    ApiTokenService tokens;
    AdminApi api;
    String s;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
        s = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Three of each kind, all named with this test's suffix; routes tagged {@code t-<suffix>}. */
    private String fullFile() {
        StringBuilder y = new StringBuilder("gatehouse: 1\nservices:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("""
                      - name: svc%d-%s
                        targets:
                          - host: 127.0.0.1
                            port: %d
                    """.formatted(i, s, 9000 + i));
        }
        y.append("plans:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("""
                      - name: plan%d-%s
                        description: plan %d
                        rateLimits:
                          - requests: %d
                            window: minute
                    """.formatted(i, s, i, 10 * i));
        }
        y.append("policies:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("""
                      - name: pol%d-%s
                        scope: route
                        route: route%d-%s
                        config:
                          type: rate-limit
                          limits:
                            - requests: %d
                              window: second
                    """.formatted(i, s, i, s, i));
        }
        y.append("routes:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("""
                      - name: route%d-%s
                        service: svc%d-%s
                        paths: [/decl-%s/r%d]
                        tags: [t-%s]
                    """.formatted(i, s, i, s, s, i, s));
        }
        y.append("consumers:\n");
        for (int i = 1; i <= 3; i++) {
            y.append("""
                      - name: cons%d-%s
                        plan: plan%d-%s
                        groups: [g%d]
                    """.formatted(i, s, i, s, i));
        }
        return y.toString();
    }

    private ResultActions importYaml(String query, String yaml) throws Exception {
        return mvc.perform(post("/api/v1/config/import" + query).header(HttpHeaders.AUTHORIZATION, bearer())
                .contentType(YAML).content(yaml));
    }

    private JsonNode importOk(String query, String yaml) throws Exception {
        String body = importYaml(query, yaml).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        return mapper.readTree(body);
    }

    private static String bearer() {
        return "Bearer " + AdminIntegrationTest.ADMIN_TOKEN;
    }

    private String export(String query) throws Exception {
        return api.get("/api/v1/config/export" + query).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aFileIsAppliedAsExactlyOneRevisionWhoseAuditRecordsCarryIt() throws Exception {
        long before = AdminApi.revision();
        JsonNode answer = importOk("", fullFile());

        long revision = AdminApi.revision();
        assertThat(revision).isEqualTo(before + 1);
        assertThat(answer.get("dryRun").asBoolean()).isFalse();
        assertThat(answer.get("revision").asLong()).isEqualTo(revision);
        assertThat(answer.get("changes")).hasSize(15);
        assertThat(answer.get("changes").findValuesAsString("op")).containsOnly("create");
        assertThat(answer.get("changes").get(0).get("kind").asString()).isEqualTo("service");
        api.get("/api/v1/routes/route2-" + s).andExpect(status().isOk())
                .andExpect(jsonPath("$.service").value("svc2-" + s));
        api.get("/api/v1/policies/pol3-" + s).andExpect(status().isOk())
                .andExpect(jsonPath("$.route").value("route3-" + s));
        api.get("/api/v1/consumers/cons1-" + s).andExpect(status().isOk())
                .andExpect(jsonPath("$.plan").value("plan1-" + s));
        assertThat(AdminApi.longQuery("SELECT count(*) FROM audit_log WHERE revision = " + revision
                + " AND object_name LIKE '%-" + s + "'")).isEqualTo(15);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + revision))
                .isEqualTo(15);

        // the same file again: nothing to do, and no revision
        JsonNode again = importOk("", fullFile());
        assertThat(again.get("changes")).isEmpty();
        assertThat(again.get("revision").isNull()).isTrue();
        assertThat(again.get("unchanged").asInt()).isEqualTo(15);
        assertThat(AdminApi.revision()).isEqualTo(revision);
    }

    @Test
    void importingTheExportChangesNothingInYamlAndJson() throws Exception {
        importOk("", fullFile());
        createJwtRoute("jwt-" + s);
        long revision = AdminApi.revision();

        String yaml = export("");
        JsonNode answer = importOk("", yaml);
        assertThat(answer.get("changes")).as(answer.toString()).isEmpty();
        assertThat(answer.get("revision").isNull()).isTrue();
        assertThat(AdminApi.revision()).isEqualTo(revision);

        String json = export("?format=json");
        String body = mvc.perform(post("/api/v1/config/import").header(HttpHeaders.AUTHORIZATION, bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mapper.readTree(body).get("changes")).isEmpty();
        assertThat(AdminApi.revision()).isEqualTo(revision);
        // and an export is stable: the same text twice
        assertThat(export("")).isEqualTo(yaml);
    }

    private void createJwtRoute(String name) throws Exception {
        api.post("/api/v1/routes", """
                {"name": "%s", "service": "svc1-%s", "paths": ["/decl-%s/jwt"], "auth": "jwt", "tags": ["t-%s"],
                 "jwt": {"algorithms": ["HS256"], "secret": "%s"}}""".formatted(name, s, s, s, SECRET))
                .andExpect(status().isCreated());
    }

    @Test
    void aSecretNeverAppearsInAnExportAndARedactedSecretKeepsTheCurrentOne() throws Exception {
        importOk("", fullFile());
        createJwtRoute("jwt-" + s);
        mvc.perform(get("/api/v1/config/export").header(HttpHeaders.AUTHORIZATION, bearer()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/yaml"))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"gatehouse.yaml\""));
        for (String format : List.of("yaml", "json")) {
            String exported = export("?format=" + format + "&tag=t-" + s);
            assertThat(exported).doesNotContain(SECRET).contains("[redacted]").contains("jwt-" + s);
        }
        // the export with its marker, plus a change elsewhere in the route: the secret is kept
        String yaml = export("?tag=t-" + s).replace("/decl-" + s + "/jwt", "/decl-" + s + "/jwt2");
        JsonNode answer = importOk("", yaml);
        assertThat(answer.get("changes")).hasSize(1);
        assertThat(answer.get("changes").get(0).get("fields").toString()).contains("/jwt2").doesNotContain(SECRET);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM routes WHERE name = 'jwt-" + s + "' AND jwt_secret = '"
                + SECRET + "'")).isEqualTo(1);
    }

    @Test
    void aDryRunAnswersTheDiffAndChangesNothing() throws Exception {
        importOk("", fullFile());
        long revision = AdminApi.revision();
        String changed = fullFile().replace("port: 9002", "port: 9102")
                .replace("description: plan 1", "description: plan one");
        JsonNode answer = importOk("?dryRun=true", changed);
        assertThat(answer.get("dryRun").asBoolean()).isTrue();
        assertThat(answer.get("revision").isNull()).isTrue();
        assertThat(answer.get("unchanged").asInt()).isEqualTo(13);
        assertThat(answer.get("changes")).hasSize(2);
        // document order: services before plans
        JsonNode plan = answer.get("changes").get(1);
        assertThat(plan.get("kind").asString()).isEqualTo("plan");
        assertThat(plan.get("op").asString()).isEqualTo("update");
        assertThat(plan.get("fields").get(0).get("path").asString()).isEqualTo("description");
        assertThat(plan.get("fields").get(0).get("before").asString()).isEqualTo("plan 1");
        assertThat(plan.get("fields").get(0).get("after").asString()).isEqualTo("plan one");
        JsonNode service = answer.get("changes").get(0);
        assertThat(service.get("name").asString()).isEqualTo("svc2-" + s);
        assertThat(service.get("fields").get(0).get("path").asString()).isEqualTo("targets[0].port");
        assertThat(AdminApi.revision()).isEqualTo(revision);
        api.get("/api/v1/services/svc2-" + s).andExpect(jsonPath("$.targets[0].port").value(9002));
    }

    @Test
    void pruneDeletesWhatTheFileLeavesOutWithinTheTagOnly() throws Exception {
        importOk("", fullFile());
        String other = "other-" + s;
        api.post("/api/v1/routes", """
                {"name": "%s", "service": "svc1-%s", "paths": ["/decl-%s/other"]}""".formatted(other, s, s))
                .andExpect(status().isCreated());
        long revision = AdminApi.revision();
        // the tag's export without route 3 and its policy
        JsonNode tagged = mapper.readTree(export("?format=json&tag=t-" + s));
        assertThat(tagged.has("plans")).isFalse();
        assertThat(tagged.has("consumers")).isFalse();
        assertThat(tagged.get("routes").findValuesAsString("name"))
                .containsExactly("route1-" + s, "route2-" + s, "route3-" + s);
        assertThat(tagged.get("services").findValuesAsString("name"))
                .containsExactly("svc1-" + s, "svc2-" + s, "svc3-" + s);
        assertThat(tagged.get("policies").findValuesAsString("name"))
                .containsExactly("pol1-" + s, "pol2-" + s, "pol3-" + s);
        ((tools.jackson.databind.node.ArrayNode) tagged.get("routes")).remove(2);
        ((tools.jackson.databind.node.ArrayNode) tagged.get("policies")).remove(2);
        String body = mvc.perform(post("/api/v1/config/import?prune=true&tag=t-" + s)
                        .header(HttpHeaders.AUTHORIZATION, bearer()).contentType(MediaType.APPLICATION_JSON)
                        .content(tagged.toString()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode answer = mapper.readTree(body);
        assertThat(answer.get("changes").findValuesAsString("op")).containsOnly("delete");
        assertThat(answer.get("changes").findValuesAsString("name")).containsExactly("pol3-" + s, "route3-" + s);
        assertThat(AdminApi.revision()).isEqualTo(revision + 1);
        api.get("/api/v1/routes/route3-" + s).andExpect(status().isNotFound());
        api.get("/api/v1/routes/" + other).andExpect(status().isOk());
        api.get("/api/v1/services/svc3-" + s).andExpect(status().isOk());
    }

    @Test
    void badInputIsRefusedWholeWithTheFilePathAndChangesNothing() throws Exception {
        importOk("", fullFile());
        long revision = AdminApi.revision();
        String newService = "  - name: new-" + s + "\n    targets: [{host: 127.0.0.1, port: 9009}]\n";
        String withNew = fullFile().replace("services:\n", "services:\n" + newService);

        refused(withNew.replace("    paths: [/decl-" + s + "/r2]", "    pathz: [/decl-" + s + "/r2]"),
                "routes[1].pathz", "is not a known field");
        refused(withNew.replace("service: svc3-" + s, "service: nope-" + s), "routes[2].service",
                "names no existing service");
        refused(withNew.replace("port: 9001", "port: abc"), "services[1].targets[0].port", "must be a number");
        refused(withNew.replace("gatehouse: 1", "gatehouse: 2"), "gatehouse", "must be 1");
        refused(withNew.replace("name: plan2-" + s, "name: plan1-" + s), "plans[1].name", "is given twice");
        refused(withNew + "  - name: jwt-" + s + "\n    service: svc1-" + s + "\n    paths: [/x]\n    auth: jwt\n"
                        + "    jwt: {algorithms: [HS256], secret: '[redacted]'}\n",
                "consumers[3]", null);
        refused(withNew.replace("consumers:\n", "routes2:\n"), "routes2", "is not a known field");
        refused("gatehouse: 1\nservices: [\n", "(document)", "is not valid YAML");
        refused("gatehouse: 1\nservices:\n  - &a {name: x-" + s + ", targets: [{host: h, port: 1}]}\n  - *a\n",
                "(document)", "anchors, aliases and tags are not supported");
        api.get("/api/v1/services/new-" + s).andExpect(status().isNotFound());
        assertThat(AdminApi.revision()).isEqualTo(revision);
    }

    @Test
    void aRedactedSecretWithNothingToKeepIsRefused() throws Exception {
        importOk("", fullFile());
        long revision = AdminApi.revision();
        String file = fullFile().replace("consumers:\n", """
                  - name: jwt-new-%s
                    service: svc1-%s
                    paths: [/decl-%s/jwtnew]
                    auth: jwt
                    jwt:
                      algorithms: [HS256]
                      secret: '[redacted]'
                consumers:
                """.formatted(s, s, s));
        refused(file, "routes[3].jwt.secret", "no current value to keep");
        assertThat(AdminApi.revision()).isEqualTo(revision);
    }

    private void refused(String yaml, String field, String message) throws Exception {
        String body = importYaml("", yaml).andExpect(status().isBadRequest())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"))
                .andReturn().getResponse().getContentAsString();
        JsonNode problem = mapper.readTree(body);
        assertThat(problem.get("code").asString()).isEqualTo("invalid_input");
        List<String> fields = problem.get("errors").findValuesAsString("field");
        assertThat(fields).as(body).anyMatch(f -> f.startsWith(field));
        if (message != null) {
            assertThat(problem.get("errors").findValuesAsString("message")).as(body)
                    .anyMatch(m -> m.contains(message));
        }
    }

    @Test
    void aStalePreviewAnUnsupportedTypeAndATooLargeBodyAreRefused() throws Exception {
        importOk("", fullFile());
        long revision = AdminApi.revision();
        String changed = fullFile().replace("port: 9003", "port: 9203");
        importYaml("?ifRevision=" + (revision - 1), changed).andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.code").value("precondition_failed"));
        mvc.perform(post("/api/v1/config/import").header(HttpHeaders.AUTHORIZATION, bearer())
                        .contentType(MediaType.TEXT_PLAIN).content(changed))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        mvc.perform(post("/api/v1/config/import").header(HttpHeaders.AUTHORIZATION, bearer())
                        .contentType(YAML).content(huge))
                .andExpect(status().isContentTooLarge());
        assertThat(AdminApi.revision()).isEqualTo(revision);
        api.get("/api/v1/services/svc3-" + s).andExpect(jsonPath("$.targets[0].port").value(9003));
        // at the current revision it applies
        assertThat(importOk("?ifRevision=" + revision, changed).get("revision").asLong()).isEqualTo(revision + 1);
    }

    @Test
    void aViewerMayExportButNotImport() throws Exception {
        String viewer = ApiTokenService.PREFIX + "decl-viewer-" + s;
        tokens.storeIfAbsent("declarative viewer " + s, viewer, Role.VIEWER);
        mvc.perform(get("/api/v1/config/export").header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/config/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer)
                .contentType(YAML).content(fullFile())).andExpect(status().isForbidden());
        api.get("/api/v1/services/svc1-" + s).andExpect(status().isNotFound());
    }

    @Test
    void aThousandRoutesWithPoliciesAreOneRevision() throws Exception {
        StringBuilder routes = new StringBuilder();
        StringBuilder policies = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            routes.append("  - {name: bulk%d-%s, service: bulk-%s, paths: [/bulk-%s/%d], tags: [bulk-%s]}\n"
                    .formatted(i, s, s, s, i, s));
            policies.append(("  - {name: bulkpol%d-%s, scope: route, route: bulk%d-%s,"
                    + " config: {type: rate-limit, limits: [{requests: 5, window: second}]}}\n")
                    .formatted(i, s, i, s));
        }
        String file = "gatehouse: 1\nservices:\n  - {name: bulk-" + s + ", targets: [{host: 127.0.0.1, port: 9100}]}\n"
                + "policies:\n" + policies + "routes:\n" + routes;
        long before = AdminApi.revision();
        long started = System.nanoTime();
        JsonNode answer = importOk("", file);
        log.info("Imported 1,000 routes with 1,000 policies in {} ms", (System.nanoTime() - started) / 1_000_000);
        assertThat(answer.get("changes")).hasSize(2001);
        assertThat(AdminApi.revision()).isEqualTo(before + 1);
        assertThat(AdminApi.longQuery("SELECT count(*) FROM config_changes WHERE revision = " + (before + 1)))
                .isEqualTo(2001);
        api.get("/api/v1/routes/bulk999-" + s).andExpect(status().isOk());
        List<String> names = new ArrayList<>();
        mapper.readTree(export("?format=json&tag=bulk-" + s)).get("routes").forEach(r -> names.add(r.get("name").asString()));
        assertThat(names).hasSize(1000);

        // the console shows the revision's first 200 objects and says how many there are
        String page = ConsoleClient.signInAsViewer(context).get("/config/history/" + (before + 1))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"changes-capped\"", "of 2,001 changed objects");
        assertThat(page.split("data-op=\"", -1)).hasSize(201);
    }
}
