package dev.gatehouse.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.admin.testsupport.AdminApi;
import dev.gatehouse.admin.testsupport.AdminIntegrationTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Optimistic concurrency of every object the admin API edits: GET answers a strong ETag, writes honour
 * If-Match (the current tag or {@code *} passes, a stale one is 412 and changes nothing, a malformed one is 400)
 * and answer the new tag.
 */
@AdminIntegrationTest
class OptimisticConcurrencyApiIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper mapper;
    AdminApi api;

    @BeforeEach
    void setUp() {
        api = new AdminApi(mvc);
    }

    /**
     * One kind of object: how to create one (answering its path), a change to send, and the field the change
     * shows in.
     */
    record Kind(String name, String list, Creator creator, HttpMethod method, String change, String changedField,
                Object changedValue) {

        @Override
        public String toString() {
            return name + " " + method;
        }
    }

    @FunctionalInterface
    interface Creator {
        String create(OptimisticConcurrencyApiIntegrationTests test) throws Exception;
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("service", "/api/v1/services", OptimisticConcurrencyApiIntegrationTests::service,
                        HttpMethod.PUT, """
                        {"targets": [{"host": "10.0.0.2", "port": 8081}]}""", "$.targets[0].port", 8081),
                new Kind("route", "/api/v1/routes", OptimisticConcurrencyApiIntegrationTests::route,
                        HttpMethod.PUT, null, "$.priority", 9),
                new Kind("consumer", "/api/v1/consumers", t -> t.created("/api/v1/consumers", """
                        {"name": "%s"}""".formatted(unique("occ-consumer"))),
                        HttpMethod.PUT, """
                        {"description": "changed"}""", "$.description", "changed"),
                new Kind("consumer", "/api/v1/consumers", t -> t.created("/api/v1/consumers", """
                        {"name": "%s"}""".formatted(unique("occ-consumer"))),
                        HttpMethod.PATCH, """
                        {"status": "suspended"}""", "$.status", "suspended"),
                new Kind("plan", "/api/v1/plans", t -> t.created("/api/v1/plans", """
                        {"name": "%s"}""".formatted(unique("occ-plan"))),
                        HttpMethod.PUT, """
                        {"description": "changed"}""", "$.description", "changed"),
                new Kind("policy", "/api/v1/policies", OptimisticConcurrencyApiIntegrationTests::policy,
                        HttpMethod.PUT, null, "$.enabled", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aWriteBasedOnAStaleReadIsRefusedAndChangesNothing(Kind kind) throws Exception {
        String path = kind.creator().create(this);
        String id = path.substring(path.lastIndexOf('/') + 1);
        String change = kind.change() != null ? kind.change() : changeOf(kind, path);

        String read = etagOf(api.get(path).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(0)));
        assertThat(read).isEqualTo("\"" + id + ".0\"");
        api.get(kind.list()).andExpect(jsonPath("$[?(@.id == '" + id + "')].version", hasItem(0)));

        // the current tag (among others) passes and the answer carries the next one
        String next = etagOf(send(kind.method(), path, "\"other\", " + read, change)
                .andExpect(status().isOk())
                .andExpect(jsonPath(kind.changedField()).value(kind.changedValue()))
                .andExpect(jsonPath("$.version").value(1)));
        assertThat(next).isEqualTo("\"" + id + ".1\"");

        // the tag read before that change is stale: 412 with the current tag, nothing written
        String fingerprint = AdminApi.fingerprint();
        long revision = AdminApi.revision();
        send(kind.method(), path, read, change)
                .andExpect(status().isPreconditionFailed())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString()))
                .andExpect(header().string(HttpHeaders.ETAG, next))
                .andExpect(jsonPath("$.code").value("precondition_failed"));
        // If-Match compares strongly: a weak tag never matches, even of the current version
        send(kind.method(), path, "W/" + next, change).andExpect(status().isPreconditionFailed());
        // malformed: unquoted, empty, a dangling comma
        for (String malformed : new String[] {id + ".1", "", next + ","}) {
            send(kind.method(), path, malformed, change)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
        }
        send(HttpMethod.DELETE, path, read, null).andExpect(status().isPreconditionFailed());
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
        assertThat(AdminApi.revision()).isEqualTo(revision);
        assertThat(etagOf(api.get(path).andExpect(status().isOk())
                .andExpect(jsonPath(kind.changedField()).value(kind.changedValue())))).isEqualTo(next);

        // * matches whatever version exists; without If-Match the write proceeds as before
        assertThat(etagOf(send(kind.method(), path, "*", change).andExpect(status().isOk())))
                .isEqualTo("\"" + id + ".2\"");
        assertThat(etagOf(send(kind.method(), path, null, change).andExpect(status().isOk())))
                .isEqualTo("\"" + id + ".3\"");

        send(HttpMethod.DELETE, path, "\"" + id + ".3\"", null).andExpect(status().isNoContent());
        api.get(path).andExpect(status().isNotFound());
    }

    @Test
    void aGetWithTheCurrentTagInIfNoneMatchIsNotModified() throws Exception {
        String path = created("/api/v1/plans", """
                {"name": "%s"}""".formatted(unique("occ-plan")));
        String etag = etagOf(api.get(path));
        mvc.perform(auth(MockMvcRequestBuilders.get(path)).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified());
    }

    @Test
    void keysAreRevokedAndRotatedOnlyFromTheVersionRead() throws Exception {
        String consumer = unique("occ-keys");
        api.post("/api/v1/consumers", """
                {"name": "%s"}""".formatted(consumer)).andExpect(status().isCreated());
        String keys = "/api/v1/consumers/" + consumer + "/keys";
        String first = mapper.readTree(api.post(keys).andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.ETAG, org.hamcrest.Matchers.endsWith(".0\"")))
                .andReturn().getResponse().getContentAsString()).get("id").asString();
        String read = etagOf(api.get(keys + "/" + first).andExpect(status().isOk()));
        assertThat(read).isEqualTo("\"" + first + ".0\"");

        // rotating changes the old key (replaced, shorter expiry): a second rotation based on the same read fails
        send(HttpMethod.POST, keys + "/" + first + "/rotate", read, "{}").andExpect(status().isCreated());
        String fingerprint = AdminApi.fingerprint();
        send(HttpMethod.POST, keys + "/" + first + "/rotate", read, "{}")
                .andExpect(status().isPreconditionFailed())
                .andExpect(header().string(HttpHeaders.ETAG, "\"" + first + ".1\""))
                .andExpect(jsonPath("$.code").value("precondition_failed"));
        send(HttpMethod.DELETE, keys + "/" + first, read, null).andExpect(status().isPreconditionFailed());
        assertThat(AdminApi.fingerprint()).isEqualTo(fingerprint);
        api.get(keys + "/" + first).andExpect(jsonPath("$.status").value("rotating"));

        send(HttpMethod.DELETE, keys + "/" + first, "\"" + first + ".1\"", null).andExpect(status().isNoContent());
        api.get(keys + "/" + first).andExpect(jsonPath("$.status").value("revoked"))
                .andExpect(jsonPath("$.version").value(2));
        api.get(keys).andExpect(jsonPath("$[?(@.id == '" + first + "')].version", hasItem(2)));
    }

    private String service() throws Exception {
        return created("/api/v1/services", """
                {"name": "%s", "targets": [{"host": "10.0.0.1", "port": 8080}]}""".formatted(unique("occ-svc")));
    }

    private String route() throws Exception {
        return created("/api/v1/routes", """
                {"name": "%s", "service": "%s", "paths": ["/occ"]}""".formatted(unique("occ-route"), serviceName()));
    }

    private String policy() throws Exception {
        String route = mapper.readTree(api.get(route()).andReturn().getResponse().getContentAsString())
                .get("name").asString();
        return created("/api/v1/policies", """
                {"name": "%s", "enabled": true, "scope": "route", "route": "%s",
                 "config": {"type": "rate-limit", "limits": [{"requests": 10, "window": "second"}], "by": "consumer"}}"""
                .formatted(unique("occ-limit"), route));
    }

    private String serviceName() throws Exception {
        return mapper.readTree(api.get(service()).andReturn().getResponse().getContentAsString())
                .get("name").asString();
    }

    // A full replacement for kinds whose PUT needs the object's own references.
    private String changeOf(Kind kind, String path) throws Exception {
        var current = mapper.readTree(api.get(path).andReturn().getResponse().getContentAsString());
        return switch (kind.name()) {
            case "route" -> """
                    {"service": "%s", "paths": ["/occ"], "priority": 9}""".formatted(current.get("service").asString());
            case "policy" -> """
                    {"enabled": false, "scope": "route", "route": "%s",
                     "config": {"type": "rate-limit", "limits": [{"requests": 10, "window": "second"}], "by": "consumer"}}"""
                    .formatted(current.get("route").asString());
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private String created(String list, String json) throws Exception {
        String body = api.post(list, json).andExpect(status().isCreated())
                .andExpect(header().exists(HttpHeaders.ETAG))
                .andReturn().getResponse().getContentAsString();
        return list + "/" + mapper.readTree(body).get("id").asString();
    }

    private ResultActions send(HttpMethod method, String path, String ifMatch, String json) throws Exception {
        MockHttpServletRequestBuilder request = auth(MockMvcRequestBuilders.request(method, path));
        if (ifMatch != null) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    private static MockHttpServletRequestBuilder auth(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + AdminIntegrationTest.ADMIN_TOKEN);
    }

    private static String etagOf(ResultActions result) throws Exception {
        String etag = result.andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(etag).as("ETag").isNotNull();
        return etag;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
